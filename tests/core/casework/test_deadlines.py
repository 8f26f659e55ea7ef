"""Legal decision deadlines: calendar or working days from lodging, the clock stopped while evidence is owed, a
last day on a weekend or public holiday moved to the next working day."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.casework import Pause, Period, WorkingCalendar, days_left, decision_due

BERLIN = WorkingCalendar("DE", subdivision="BE")
UTOPIA = WorkingCalendar("UTO")
lodging_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
periods = st.builds(Period, st.integers(min_value=1, max_value=120), st.booleans())


def test_fifteen_calendar_days_from_a_lodging_in_berlin():
    assert decision_due(date(2026, 3, 2), Period(15), BERLIN) == date(2026, 3, 17)


def test_a_last_day_on_a_public_holiday_moves_to_the_next_working_day():
    # Fifteen December plus ten days is Christmas Day (a Friday), then the second Christmas Day and a Sunday.
    assert BERLIN.holiday(date(2026, 12, 25)) and BERLIN.holiday(date(2026, 12, 26))
    assert BERLIN.is_working_day(date(2026, 12, 28))
    assert decision_due(date(2026, 12, 15), Period(10), BERLIN) == date(2026, 12, 28)


def test_working_days_skip_weekends_and_utopian_holidays():
    # From Friday 2026-07-17: Mon 20, Tue 21, Wed 22, Thu 23, Fri 24 is the Day of the Island, Mon 27 ...
    assert UTOPIA.holiday(date(2026, 7, 24)) == "Day of the Island"
    assert decision_due(date(2026, 7, 17), Period(5, working=True), UTOPIA) == date(2026, 7, 27)


def test_the_clock_stands_still_while_evidence_is_owed():
    lodged, period = date(2026, 3, 2), Period(15)
    assert decision_due(lodged, period, BERLIN, [Pause(date(2026, 3, 5))]) is None
    resumed = decision_due(lodged, period, BERLIN, [Pause(date(2026, 3, 5), date(2026, 3, 12))])
    assert resumed == date(2026, 3, 24)  # seven days later than without the request
    on = date(2026, 3, 10)
    assert days_left(lodged, period, BERLIN, on, [Pause(date(2026, 3, 5))]) == 15 - 2


@given(lodging_days, periods)
def test_the_last_day_is_a_working_day_after_lodging_and_no_day_is_left_on_it(lodged, period):
    due = decision_due(lodged, period, UTOPIA)
    assert due > lodged and UTOPIA.is_working_day(due)
    assert days_left(lodged, period, UTOPIA, due) == 0
    assert days_left(lodged, period, UTOPIA, lodged) == period.days


@given(lodging_days, periods, st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=60))
def test_a_pause_never_brings_the_deadline_forward_and_freezes_the_days_left(lodged, period, after, length):
    start = lodged + timedelta(days=after)
    pause = Pause(start, start + timedelta(days=length))
    plain, paused = decision_due(lodged, period, UTOPIA), decision_due(lodged, period, UTOPIA, [pause])
    assert paused >= plain
    frozen = [days_left(lodged, period, UTOPIA, start + timedelta(days=d), [pause]) for d in range(length)]
    assert len(set(frozen)) == 1
