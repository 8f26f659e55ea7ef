from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.casework.asylum import (
    APPEAL_DAYS,
    TRANSITIONS,
    ClaimAction,
    ClaimState,
    Outcome,
    appeal_until,
    decision_due_after,
    next_state,
    permit_valid_until,
    protects,
    registration_due,
    registration_warning,
)
from borderdesk.core.casework.deadlines import WorkingCalendar

UTOPIA = WorkingCalendar("UTO")


def test_registration_is_due_in_three_working_days_at_an_office_and_six_elsewhere():
    friday = date(2026, 3, 6)
    assert registration_due(friday, "office", UTOPIA) == date(2026, 3, 11)
    assert registration_due(friday, "booth", UTOPIA) == date(2026, 3, 16)


def test_the_warning_comes_on_the_last_working_day_before():
    due = date(2026, 3, 11)
    assert registration_warning(due, date(2026, 3, 9), UTOPIA) is None
    assert registration_warning(due, date(2026, 3, 10), UTOPIA) == "due_soon"
    assert registration_warning(due, date(2026, 3, 12), UTOPIA) == "overdue"


def test_a_decision_is_due_six_months_after_registration_on_the_months_last_day_if_need_be():
    assert decision_due_after(date(2026, 3, 2)) == date(2026, 9, 2)
    assert decision_due_after(date(2026, 8, 31)) == date(2027, 2, 28)


def test_non_refoulement_holds_until_a_negative_decision_is_final():
    on = date(2026, 6, 1)
    assert protects("claimed", None, None, on)
    assert protects("decided", "rejected", date(2026, 6, 1), on)
    assert not protects("decided", "rejected", date(2026, 5, 31), on)
    assert protects("appeal_lodged", "rejected", date(2026, 5, 1), on)
    assert protects("closed", "refugee_status", None, on)
    assert not protects("closed", "rejected", None, on)
    assert not protects("withdrawn", None, None, on)


@given(state=st.sampled_from(list(ClaimState)), action=st.text(max_size=20))
def test_an_action_is_allowed_exactly_when_the_table_says(state, action):
    allowed = action in {a.value for a in TRANSITIONS[state]}
    try:
        next_state(state, action)
    except ValueError as refused:
        assert not allowed and getattr(refused, "code", "") == "transition_not_allowed"
    else:
        assert allowed


def test_only_refugee_status_and_subsidiary_protection_grant_protection():
    assert {o for o in Outcome if o.grants_protection} == {Outcome.REFUGEE_STATUS, Outcome.SUBSIDIARY_PROTECTION}


# --- #14 procedure: the appeal period, the permit's validity, a remitted appeal ----------------------------------


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from(list(Outcome)))
def test_only_a_negative_decision_opens_an_appeal_period(notified, outcome):
    until = appeal_until(outcome, notified)
    if outcome.grants_protection:
        assert until is None
    else:
        assert (until - notified).days == APPEAL_DAYS


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_a_permit_runs_three_years_for_refugees_and_one_for_subsidiary_protection(start):
    refugee = permit_valid_until(Outcome.REFUGEE_STATUS, start)
    subsidiary = permit_valid_until(Outcome.SUBSIDIARY_PROTECTION, start)
    assert start < subsidiary < refugee
    assert 364 <= (subsidiary - start).days <= 365 and 3 * 365 - 1 <= (refugee - start).days <= 3 * 366
    with pytest.raises(ValueError):
        permit_valid_until(Outcome.REJECTED, start)


def test_a_remitted_appeal_is_assessed_again_and_an_interview_is_needed_for_a_merits_decision():
    assert next_state(ClaimState.APPEAL_LODGED, ClaimAction.REMIT_APPEAL) is ClaimState.ASSESSMENT
    assert {o for o in Outcome if not o.needs_interview} == {Outcome.INADMISSIBLE, Outcome.IMPLICITLY_WITHDRAWN}
