"""When a decision is due: a legal period counted from the day an application is lodged, in calendar or working
days, with the clock stopped while the applicant owes evidence, and a last day that falls on a weekend or public
holiday moved to the next working day (as EU Regulation 1182/71, Article 3(4), counts periods).

Working days skip the weekend and the public holidays of the post's country (and region), from the ``holidays``
package; Utopia, the demo's fictional state, has its own fixed list here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import holidays

# Utopia's public holidays (month, day): fictional, for the demo state UTO.
UTOPIA_HOLIDAYS = {
    (1, 1): "New Year's Day",
    (3, 18): "Founding of Amaurot",
    (5, 1): "Labour Day",
    (7, 24): "Day of the Island",
    (12, 25): "Midwinter Feast",
}
UTOPIA = "UTO"


@dataclass(frozen=True)
class Period:
    days: int
    working: bool = False  # working days (weekends and public holidays skipped), else calendar days

    def __post_init__(self) -> None:
        if self.days <= 0:
            raise ValueError("a legal period is at least one day")


@dataclass(frozen=True)
class Pause:
    """The clock stood still from ``start`` (evidence requested) until ``end`` (evidence received, the first
    day that counts again); ``end`` None: it still stands."""

    start: date
    end: date | None = None

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class WorkingCalendar:
    """The working days of a post: not Saturday or Sunday, not a public holiday of its country (ISO 3166 alpha-2
    or alpha-3 code) and region, not one of ``closed`` (days the office itself is shut)."""

    country: str
    subdivision: str | None = None
    closed: frozenset[date] = field(default_factory=frozenset)

    @cached_property
    def _holidays(self):
        if self.country.upper() == UTOPIA:
            return None
        return holidays.country_holidays(self.country.upper(), subdiv=self.subdivision)

    def holiday(self, day: date) -> str | None:
        """The name of the public holiday on ``day``, or None."""
        if day in self.closed:
            return "office closed"
        if self._holidays is None:
            return UTOPIA_HOLIDAYS.get((day.month, day.day))
        return self._holidays.get(day)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and self.holiday(day) is None


def decision_due(
    lodged_on: date, period: Period, calendar: WorkingCalendar, pauses: Iterable[Pause] = ()
) -> date | None:
    """The last day for the decision; None while the clock stands still (the applicant owes evidence)."""
    pauses = list(pauses)
    if any(pause.end is None for pause in pauses):
        return None
    day, counted = lodged_on, 0
    while counted < period.days:  # the day of lodging itself does not count
        day += timedelta(days=1)
        if any(pause.holds(day) for pause in pauses):
            continue
        if not period.working or calendar.is_working_day(day):
            counted += 1
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def days_left(
    lodged_on: date, period: Period, calendar: WorkingCalendar, on: date, pauses: Iterable[Pause] = ()
) -> int:
    """How many counted days of the period are left on ``on`` (0 when it has run out); frozen while paused."""
    pauses = list(pauses)
    used, day = 0, lodged_on
    while day < on:
        day += timedelta(days=1)
        if any(pause.holds(day) for pause in pauses):
            continue
        if not period.working or calendar.is_working_day(day):
            used += 1
    return max(0, period.days - used)
