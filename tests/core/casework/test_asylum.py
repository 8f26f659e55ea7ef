from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.casework.asylum import (
    TRANSITIONS,
    ClaimState,
    Outcome,
    decision_due_after,
    next_state,
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
