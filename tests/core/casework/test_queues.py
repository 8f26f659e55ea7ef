"""What the work queues count: the last day "within N working days" of a post's calendar, the working days left
until a date, and that said in words."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.casework import WorkingCalendar
from borderdesk.core.casework.queues import due_in, within_working_days, working_days_until

BERLIN = WorkingCalendar("DE", subdivision="BE")
UTOPIA = WorkingCalendar("UTO")
calendars = st.sampled_from([BERLIN, UTOPIA])
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


def test_three_working_days_skip_a_weekend_and_labour_day():
    # Wednesday 29 April 2026: Thursday 30, (Friday 1 May, Saturday, Sunday), Monday 4, Tuesday 5.
    assert within_working_days(date(2026, 4, 29), 3, UTOPIA) == date(2026, 5, 5)
    assert within_working_days(date(2026, 4, 29), 0, UTOPIA) == date(2026, 4, 29)
    # From a Saturday the first working day is Monday.
    assert within_working_days(date(2026, 5, 2), 1, UTOPIA) == date(2026, 5, 4)


def test_working_days_left_and_their_words():
    today = date(2026, 4, 29)
    assert due_in(today, date(2026, 5, 5), UTOPIA).words == "3 working days left"
    assert due_in(today, date(2026, 4, 30), UTOPIA).words == "1 working day left"
    assert due_in(today, today, UTOPIA).words == "due today"
    late = due_in(today, date(2026, 4, 28), UTOPIA)
    assert late.overdue and late.words == "1 day overdue" and late.days == -1
    # Evidence due on a Friday that is a holiday, seen the day before: no working day in between.
    assert due_in(date(2026, 4, 30), date(2026, 5, 1), UTOPIA).words == "due in 1 day"


@given(calendars, days, st.integers(min_value=0, max_value=30))
def test_the_nth_working_day_is_n_working_days_away(calendar, today, n):
    until = within_working_days(today, n, calendar)
    assert working_days_until(today, until, calendar) == n
    if n:
        assert calendar.is_working_day(until)
        # The day before it is one working day short.
        assert working_days_until(today, until - timedelta(days=1), calendar) == n - 1


@given(calendars, days, days)
def test_working_days_until_never_exceed_calendar_days_and_overdue_is_negative(calendar, today, due):
    left = working_days_until(today, due, calendar)
    if due < today:
        assert left == -(today - due).days and due_in(today, due, calendar).overdue
    else:
        assert 0 <= left <= (due - today).days and not due_in(today, due, calendar).overdue
