"""The calendar of absences: each month of a period with its absent days, for officers to check day by day."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.residence import Absence, MonthOfAbsence, Requirement, absence_calendar, assess


def test_months_of_a_period_with_their_absent_days():
    months = absence_calendar(
        date(2024, 1, 15),
        date(2024, 3, 10),
        [Absence(date(2024, 1, 30), date(2024, 2, 2)), Absence(date(2024, 3, 8), None)],
    )
    assert months == [
        MonthOfAbsence(2024, 1, 17, 1, (date(2024, 1, 31),)),
        MonthOfAbsence(2024, 2, 29, 1, (date(2024, 2, 1),)),
        MonthOfAbsence(2024, 3, 10, 2, (date(2024, 3, 9), date(2024, 3, 10))),
    ]


def test_an_empty_period_has_no_months():
    assert absence_calendar(date(2024, 2, 1), date(2024, 1, 31), []) == []


@settings(max_examples=100, deadline=None)
@given(
    on=st.dates(date(2019, 1, 1), date(2026, 12, 31)),
    trips=st.lists(st.tuples(st.integers(0, 300), st.integers(0, 200)), max_size=6),
)
def test_the_calendar_adds_up_to_the_assessment(on, trips):
    absences, day = [], date(2017, 1, 1)
    for gap, length in trips:
        day += timedelta(days=gap)
        absences.append(Absence(day, day + timedelta(days=length)))
        day += timedelta(days=length)
    absences = [a for a in absences if a.returned <= on]
    result = assess(date(2000, 1, 1), on, absences, Requirement(years=2))
    months = absence_calendar(result.period_from, result.period_to, absences)
    assert sum(m.absent_days for m in months) == result.absent_days
    assert sum(m.days_in_period for m in months) == result.present_days + result.absent_days
    assert all(len(m.absent_dates) == m.absent_days for m in months)
    assert all((d.year, d.month) == (m.year, m.month) for m in months for d in m.absent_dates)
