"""The terms of an approval: what each kind grants, its longest validity, visas' entries and days of stay against
the applicant's journey, and an extension that begins the day after the current stay."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.casework import bundled_kinds
from borderdesk.core.casework.terms import (
    CITIZENSHIP,
    GRANTS,
    TermsError,
    add_months,
    proposed_terms,
    settle_terms,
)

TODAY = date(2026, 3, 2)
TRIP = {"arrival_date": "2026-04-01", "departure_date": "2026-04-15", "entries": "single"}


def test_every_bundled_kind_grants_something():
    assert set(GRANTS) == set(bundled_kinds())


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2026, 11, 15), 26) == date(2029, 1, 15)


def test_a_short_stay_visa_fits_the_journey():
    terms = settle_terms("short_stay_visa", TRIP, proposed_terms("short_stay_visa", TRIP, today=TODAY), today=TODAY)
    assert (terms.valid_from, terms.valid_until, terms.entries, terms.days) == (
        date(2026, 4, 1),
        date(2026, 4, 15),
        1,
        15,
    )
    assert terms.to_dict()["entries"] == "1"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"valid_from": "01/04/2026"}, "invalid_date", "valid_from"),
        ({"valid_until": "2026-03-31"}, "terms_dates_reversed", "valid_until"),
        ({"valid_from": "2026-04-02", "days": "10"}, "terms_miss_the_journey", "valid_from"),
        ({"days": "0"}, "terms_days", "days"),
        ({"days": "x"}, "terms_days", "days"),
        ({"days": "16", "valid_until": "2026-04-15"}, "terms_days", "days"),
        ({"valid_until": "2026-06-30", "days": "90"}, "terms_days", "days"),  # 90 days for a 15-day trip
        ({"entries": "many"}, "terms_entries", "entries"),
        ({"valid_until": "2031-04-01"}, "terms_too_long", "valid_until"),
    ],
)
def test_terms_that_make_no_sense_are_refused(changes, code, field):
    base = {"valid_from": "2026-04-01", "valid_until": "2026-04-15", "entries": "1", "days": "15"}
    with pytest.raises(TermsError) as exc:
        settle_terms("short_stay_visa", TRIP, {**base, **changes}, today=TODAY)
    assert (exc.value.code, exc.value.field) == (code, field)


def test_a_multiple_entry_visa_may_run_five_years_with_90_days():
    terms = settle_terms(
        "short_stay_visa",
        TRIP,
        {"valid_from": "2026-04-01", "valid_until": "2031-03-31", "entries": "multiple", "days": "90"},
        today=TODAY,
    )
    assert terms.entries is None and terms.days == 90


def test_permits_have_their_maximum_and_no_entries():
    two_years = settle_terms("work_permit", {}, {"valid_from": "2026-04-01", "valid_until": "2028-03-31"}, today=TODAY)
    assert two_years.what == "residence_permit" and two_years.entries is None and two_years.days == 731
    with pytest.raises(TermsError) as exc:
        settle_terms("work_permit", {}, {"valid_from": "2026-04-01", "valid_until": "2028-04-01"}, today=TODAY)
    assert exc.value.code == "terms_too_long"
    five = settle_terms(
        "permanent_residence", {}, {"valid_from": "2026-04-01", "valid_until": "2031-03-31"}, today=TODAY
    )
    assert five.what == "residence_permit"


def test_nothing_granted_is_over_before_it_is_issued():
    with pytest.raises(TermsError) as exc:
        settle_terms("work_permit", {}, {"valid_from": "2025-01-01", "valid_until": "2026-03-01"}, today=TODAY)
    assert exc.value.code == "terms_in_the_past"


def test_an_extension_follows_the_current_stay():
    follows = date(2026, 3, 10)
    prefill = proposed_terms("extension_of_stay", {"days_requested": 20}, today=TODAY, follows=follows)
    assert prefill == {"valid_from": "2026-03-11", "valid_until": "2026-03-30"}
    terms = settle_terms("extension_of_stay", {}, prefill, today=TODAY, follows=follows)
    assert terms.what == "extension" and terms.days == 20 and terms.entries == 1
    with pytest.raises(TermsError) as exc:
        settle_terms("extension_of_stay", {}, {**prefill, "valid_from": "2026-03-12"}, today=TODAY, follows=follows)
    assert exc.value.code == "extension_must_follow"


def test_an_unknown_kind_grants_nothing():
    with pytest.raises(TermsError) as exc:
        settle_terms("asylum", {}, {}, today=TODAY)
    assert exc.value.code == "no_grant"
    assert proposed_terms("asylum", {}, today=TODAY) == {}


JUNK = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.dates().map(date.isoformat))


@given(
    kind=st.sampled_from(sorted(GRANTS)),
    terms=st.dictionaries(st.sampled_from(["valid_from", "valid_until", "entries", "days"]), JUNK),
    answers=st.dictionaries(st.sampled_from(["arrival_date", "departure_date", "days_requested"]), JUNK),
)
def test_any_terms_are_settled_or_refused_with_a_code(kind, terms, answers):
    try:
        settled = settle_terms(kind, answers, terms, today=TODAY)
    except TermsError as error:
        assert error.code and error.field
        return
    grant = GRANTS[kind]
    assert settled.valid_from <= settled.valid_until and settled.valid_until >= TODAY
    assert settled.valid_until <= grant.latest_end(settled.valid_from)
    if grant.max_stay_days:
        assert 1 <= settled.days <= min(grant.max_stay_days, settled.validity_days)


@given(
    kind=st.sampled_from(sorted(kind for kind, grant in GRANTS.items() if grant.what != CITIZENSHIP)),
    start=st.dates(min_value=TODAY, max_value=date(2040, 1, 1)),
    length=st.integers(min_value=0, max_value=60),
    months=st.integers(min_value=1, max_value=120),
)
def test_the_prefilled_terms_of_sensible_answers_are_granted(kind, start, length, months):
    answers = {
        "arrival_date": start.isoformat(),
        "departure_date": (start + timedelta(days=length)).isoformat(),
        "entries": "single",
        "contract_start": start.isoformat(),
        "contract_months": months,
        "days_requested": length + 1,
    }
    follows = start - timedelta(days=1) if kind == "extension_of_stay" else None
    prefill = proposed_terms(kind, answers, today=TODAY, follows=follows)
    settled = settle_terms(kind, answers, prefill, today=TODAY, follows=follows)
    assert settled.valid_from == start


def test_citizenship_is_granted_without_terms():
    assert GRANTS["naturalisation"].what == CITIZENSHIP
    assert proposed_terms("naturalisation", {"arrival_date": TODAY.isoformat()}, today=TODAY) == {}
    with pytest.raises(TermsError) as refused:
        settle_terms("naturalisation", {}, {"valid_from": TODAY.isoformat()}, today=TODAY)
    assert refused.value.code == "no_terms"
