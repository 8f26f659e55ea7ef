"""The residence assessment (CONTRACTS.md section 4): the worked example, each rule of the contract on its own, and
properties against the day-by-day reference model."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.residence import Absence, Requirement, ResidenceError, assess, assess_request
from tests.core.residence.reference_model import model

UK_AND_US = Requirement(
    years=5, max_absent_days=450, max_absent_days_last_year=90, max_single_absence_days=364, min_present_days=913
)
CONTRACT_REQUEST = {
    "resident_since": "2019-03-01",
    "on": "2025-06-01",
    "absences": [{"left": "2021-01-10", "returned": "2021-02-01"}, {"left": "2024-09-20", "returned": "2025-01-02"}],
    "requirement": {
        "years": 5,
        "max_absent_days": 450,
        "max_absent_days_last_year": 90,
        "max_single_absence_days": 364,
        "min_present_days": 913,
    },
}


def test_the_contracts_worked_example():
    assert assess_request(CONTRACT_REQUEST).to_dict() == {
        "eligible": False,
        "qualifying_period": {"from": "2020-06-01", "to": "2025-05-31"},
        "absent_days": 124,
        "absent_days_last_year": 103,
        "longest_absence_days": 103,
        "present_days": 1702,
        "failed": ["max_absent_days_last_year"],
        "earliest_eligible_on": "2025-10-04",
    }


def test_on_the_earliest_day_the_example_is_eligible_and_the_day_before_it_is_not():
    request = {**CONTRACT_REQUEST, "on": "2025-10-04"}
    assert assess_request(request).eligible
    assert assess_request({**request, "on": "2025-10-03"}).failed == ("max_absent_days_last_year",)


def test_days_of_leaving_and_returning_are_present():
    on, since = date(2026, 1, 1), date(2010, 1, 1)
    day_trip = assess(since, on, [Absence(date(2025, 3, 1), date(2025, 3, 1))], Requirement(years=1))
    overnight = assess(since, on, [Absence(date(2025, 3, 1), date(2025, 3, 2))], Requirement(years=1))
    two_nights = assess(since, on, [Absence(date(2025, 3, 1), date(2025, 3, 3))], Requirement(years=1))
    assert (day_trip.absent_days, overnight.absent_days, two_nights.absent_days) == (0, 0, 1)


def test_29_february_becomes_28_february():
    result = assess(date(2010, 1, 1), date(2024, 2, 29), [], Requirement(years=5))
    assert (result.period_from, result.period_to) == (date(2019, 2, 28), date(2024, 2, 28))
    assert result.present_days == (date(2024, 2, 29) - date(2019, 2, 28)).days


def test_still_abroad_runs_to_the_day_before_on_and_has_no_earliest_day():
    result = assess(date(2015, 1, 1), date(2025, 6, 1), [Absence(date(2025, 1, 1), None)], UK_AND_US)
    assert result.absent_days == result.absent_days_last_year == result.longest_absence_days == 150
    assert result.failed == ("max_absent_days_last_year",)
    assert result.earliest_eligible_on is None


def test_still_abroad_but_within_every_limit_is_eligible_today():
    result = assess(date(2015, 1, 1), date(2025, 6, 1), [Absence(date(2025, 5, 20), None)], UK_AND_US)
    assert result.eligible and result.earliest_eligible_on == date(2025, 6, 1) and result.absent_days == 11


def test_failures_come_in_the_contracts_order():
    absences = [Absence(date(2021, 6, 1), date(2023, 6, 1)), Absence(date(2024, 9, 1), date(2025, 5, 31))]
    result = assess(date(2021, 1, 1), date(2025, 6, 1), absences, UK_AND_US)
    assert result.failed == (
        "residence_too_short",
        "max_absent_days",
        "max_absent_days_last_year",
        "max_single_absence_days",
        "min_present_days",
    )
    assert not result.eligible


def test_a_single_absence_counts_whole_when_it_reaches_into_the_period():
    # Left 2019-01-01, back 2020-06-03: only 2020-06-01 and 2020-06-02 are inside the period.
    absence = Absence(date(2019, 1, 1), date(2020, 6, 3))
    result = assess(date(2010, 1, 1), date(2025, 6, 1), [absence], UK_AND_US)
    assert result.absent_days == 2
    assert result.longest_absence_days == (date(2020, 6, 3) - date(2019, 1, 1)).days - 1 == 518
    assert result.failed == ("max_single_absence_days",)
    assert result.earliest_eligible_on == date(2025, 6, 3)


def test_an_absence_ending_on_the_periods_first_day_does_not_count():
    absence = Absence(date(2019, 1, 1), date(2020, 6, 1))
    result = assess(date(2010, 1, 1), date(2025, 6, 1), [absence], UK_AND_US)
    assert result.eligible and result.longest_absence_days == 0


def test_missing_limits_are_not_checked():
    absences = [Absence(date(2020, 1, 1), date(2025, 5, 1))]
    result = assess(date(2024, 1, 1), date(2025, 6, 1), absences, Requirement())
    assert result.eligible and result.failed == ()
    assert result.period_from == date(2024, 1, 1)  # without years, the period is the whole residence


def test_the_earliest_day_may_be_exactly_ten_years_ahead_and_no_later():
    on = date(2025, 6, 1)
    # Five years of residence are complete on resident_since + 5 years.
    just_in = assess(date(2030, 6, 1), on, [], Requirement(years=5))
    just_out = assess(date(2030, 6, 2), on, [], Requirement(years=5))
    assert just_in.earliest_eligible_on == date(2035, 6, 1)
    assert just_out.earliest_eligible_on is None


def test_present_days_may_need_a_29_february_in_the_period():
    # A year of 365 days is one short of 366 present days; on 29 February 2028 the period runs from 28 February
    # 2027 (29 February becomes 28) to 28 February 2028: 366 days. On 1 March 2028 it holds 29 February: 366 again.
    result = assess(date(2000, 1, 1), date(2025, 6, 1), [], Requirement(years=1, min_present_days=366))
    assert result.failed == ("min_present_days",)
    assert result.earliest_eligible_on == date(2028, 2, 29)
    assert (
        assess(date(2000, 1, 1), date(2028, 2, 28), [], Requirement(years=1, min_present_days=366)).present_days == 365
    )
    assert assess(date(2000, 1, 1), date(2028, 3, 2), [], Requirement(years=1, min_present_days=366)).eligible
    assert not assess(date(2000, 1, 1), date(2029, 3, 2), [], Requirement(years=1, min_present_days=366)).eligible


def test_absences_after_on_are_not_counted():
    result = assess(date(2000, 1, 1), date(2025, 6, 1), [Absence(date(2025, 7, 1), None)], UK_AND_US)
    assert result.eligible and result.absent_days == 0 and result.earliest_eligible_on == date(2025, 6, 1)


def test_many_absences_are_judged_quickly():
    absences = [
        Absence(date(2000, 1, 1) + timedelta(days=3 * n), date(2000, 1, 3) + timedelta(days=3 * n)) for n in range(3000)
    ]
    result = assess(date(1999, 1, 1), date(2025, 6, 1), absences, Requirement(years=30, max_absent_days=2000))
    assert result.absent_days == 3000 and result.failed == ("residence_too_short", "max_absent_days")
    assert result.earliest_eligible_on is None  # 1999 + 30 years is in reach, but 3000 absent days stay in it


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"on": "2025-6-1"}, "invalid_date"),
        ({"on": "20250601"}, "invalid_date"),
        ({"on": "2025-02-30"}, "invalid_date"),
        ({"on": 20250601}, "invalid_date"),
        ({"on": "2025-06-01T00:00"}, "invalid_date"),
        ({"resident_since": None}, "missing_field"),
        ({"absences": [{"left": "2021-02-01", "returned": "2021-01-31"}]}, "returned_before_left"),
        ({"absences": [{"left": "2021-01-01", "returned": "not yet"}]}, "invalid_date"),
        ({"absences": [{"returned": "2021-01-31"}]}, "missing_field"),
        ({"absences": {"left": "2021-01-01"}}, "invalid_absences"),
        ({"absences": ["2021-01-01"]}, "invalid_absences"),
        (
            {"absences": [{"left": "2021-01-01", "returned": "2021-01-10"}, {"left": "2021-01-09", "returned": None}]},
            "overlapping_absences",
        ),
        (
            {"absences": [{"left": "2021-03-01", "returned": "2021-03-05"}, {"left": "2021-01-01", "returned": None}]},
            "overlapping_absences",
        ),
        ({"requirement": {"years": -1}}, "negative_limit"),
        ({"requirement": {"max_absent_days_last_year": -90}}, "negative_limit"),
        ({"requirement": {"years": 5.5}}, "invalid_limit"),
        ({"requirement": {"years": True}}, "invalid_limit"),
        ({"requirement": {"years": "5"}}, "invalid_limit"),
        ({"requirement": {"max_absence_days": 90}}, "unknown_limit"),
        ({"requirement": [5]}, "invalid_requirement"),
        ({"requirement": {"years": 5000}}, "date_out_of_range"),
    ],
)
def test_bad_input_is_refused_with_a_stable_code(change, code):
    with pytest.raises(ResidenceError) as raised:
        assess_request({**CONTRACT_REQUEST, **change})
    assert raised.value.code == code
    assert raised.value.message


def test_a_request_that_is_not_an_object_is_refused():
    for request in ([], "x", None, 5):
        with pytest.raises(ResidenceError, match="object"):
            assess_request(request)


def test_returning_and_leaving_again_on_the_same_day_is_not_an_overlap():
    request = {
        **CONTRACT_REQUEST,
        "absences": [
            {"left": "2024-01-01", "returned": "2024-01-10"},
            {"left": "2024-01-10", "returned": "2024-01-20"},
        ],
    }
    assert assess_request(request).absent_days == 8 + 9


def test_null_limits_and_no_requirement_at_all_check_nothing():
    assert assess_request({**CONTRACT_REQUEST, "requirement": {"years": 5, "max_absent_days": None}}).eligible
    assert assess_request({key: CONTRACT_REQUEST[key] for key in ("resident_since", "on")}).eligible


# --- Properties against the reference model -------------------------------------------------------------------------

BASE = date(2016, 1, 1)
limits = st.none() | st.integers(0, 700)


@st.composite
def cases(draw):
    on = draw(st.dates(date(2018, 1, 1), date(2026, 12, 31)) | st.sampled_from([date(2020, 2, 29), date(2024, 2, 29)]))
    resident_since = draw(st.dates(date(2010, 1, 1), date(2032, 12, 31)))
    absences = []
    day = draw(st.dates(date(2012, 1, 1), date(2026, 12, 31)))
    for _ in range(draw(st.integers(0, 5))):
        length = draw(st.integers(0, 420))
        if draw(st.integers(0, 9)) == 0:
            absences.append(Absence(day, None))
            break
        absences.append(Absence(day, day + timedelta(days=length)))
        day += timedelta(days=length + draw(st.integers(0, 500)))
    requirement = Requirement(
        years=draw(st.none() | st.integers(0, 6)),
        max_absent_days=draw(limits),
        max_absent_days_last_year=draw(st.none() | st.integers(0, 200)),
        max_single_absence_days=draw(limits),
        min_present_days=draw(st.none() | st.integers(0, 2200)),
    )
    return resident_since, on, draw(st.permutations(absences)), requirement


@settings(max_examples=250, deadline=None)
@given(cases())
def test_agrees_with_the_day_by_day_model(case):
    resident_since, on, absences, requirement = case
    assert assess(resident_since, on, absences, requirement).to_dict() == model(
        resident_since, on, list(absences), requirement
    )


@settings(max_examples=150, deadline=None)
@given(cases())
def test_on_the_earliest_day_the_person_is_eligible_and_stays_so_when_nothing_else_changes(case):
    resident_since, on, absences, requirement = case
    result = assess(resident_since, on, absences, requirement)
    assert result.eligible == (result.failed == ()) == (result.earliest_eligible_on == on)
    assert result.present_days + result.absent_days == max(0, (result.period_to - result.period_from).days + 1)
    if result.earliest_eligible_on is not None and result.earliest_eligible_on > on:
        # The same person, back on `on` at the latest and at home since.
        later = [Absence(a.left, min(a.returned, on)) for a in absences if a.left < on and a.returned is not None]
        again = assess(resident_since, result.earliest_eligible_on, later, requirement)
        assert again.eligible
