"""What the work queues count: the last day of "within N working days" of a post, how many working days are left
until a decision is due, and that said in words ("2 working days left", "due today", "3 days overdue").

Plain Python: working days are those of the post's ``WorkingCalendar`` (weekends and public holidays skipped).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from borderdesk.core.casework.deadlines import WorkingCalendar

# Far enough to find N working days however many holidays fall in between (no calendar has 30 in a row).
_SEARCH_LIMIT = 400


def within_working_days(today: date, days: int, calendar: WorkingCalendar) -> date:
    """The last day that is still "within ``days`` working days" of ``today``: the ``days``-th working day after
    it (``today`` itself when ``days`` is 0). A case due on or before it is at risk."""
    if days < 0:
        raise ValueError("days is 0 or more")
    day, counted = today, 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
        if (day - today).days > _SEARCH_LIMIT + days * 2:
            raise ValueError("no working days in the calendar")
    return day


def working_days_until(today: date, due: date, calendar: WorkingCalendar) -> int:
    """The working days after ``today`` up to and including ``due`` (0 when due today or on a day off before
    the next working day); negative, in calendar days, when ``due`` has passed."""
    if due < today:
        return -(today - due).days
    return sum(1 for n in range(1, (due - today).days + 1) if calendar.is_working_day(today + timedelta(days=n)))


@dataclass(frozen=True)
class DueIn:
    """How far off a date is, for a queue's row: ``days`` as ``working_days_until`` counts them."""

    today: date
    due: date
    days: int

    @property
    def overdue(self) -> bool:
        return self.due < self.today

    @property
    def words(self) -> str:
        if self.due < self.today:
            return _plural(-self.days, "day") + " overdue"
        if self.due == self.today:
            return "due today"
        if self.days == 0:  # a day off with no working day before it (evidence may be due on a Saturday)
            return "due in " + _plural((self.due - self.today).days, "day")
        return _plural(self.days, "working day") + " left"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def due_in(today: date, due: date, calendar: WorkingCalendar) -> DueIn:
    return DueIn(today, due, working_days_until(today, due, calendar))
