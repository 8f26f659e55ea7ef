"""The residence requirement of a naturalisation or permanent-residence application (CONTRACTS.md section 4).

A day is absent when the person was abroad for the whole of it: the days of leaving and of returning are present,
so an absence from ``left`` to ``returned`` has ``returned - left - 1`` absent days. Only days before ``on`` are
ever absent: the assessment looks back from ``on``, and the search for ``earliest_eligible_on`` supposes that the
person stays in the country from ``on`` on (a planned absence after ``on`` is not counted).

Absences are held as sorted, disjoint intervals of absent days. Every question the assessment asks is about a
range that ends on the day before ``on`` or later, that is after every absent day, so a bisection and two suffix
sums (absent days, longest absence) answer each one in O(log n). The earliest eligible day is found by bisection
over the requirements that can only become easier as the day moves on (residence long enough, absent days, the
longest absence), then a day-by-day scan for the one that may not (present days: a period holds one or two
29 Februaries).
"""

from __future__ import annotations

import calendar
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from borderdesk.core.residence.errors import ResidenceError

SEARCH_YEARS = 10
LIMITS = ("years", "max_absent_days", "max_absent_days_last_year", "max_single_absence_days", "min_present_days")


@dataclass(frozen=True)
class Absence:
    left: date
    returned: date | None  # None: still abroad

    def __post_init__(self) -> None:
        if self.returned is not None and self.returned < self.left:
            raise ResidenceError(
                "returned_before_left",
                f"the absence that left on {self.left.isoformat()} returned before that, on "
                f"{self.returned.isoformat()}",
            )


@dataclass(frozen=True)
class Requirement:
    """Every limit is optional: None is not checked. Without ``years`` the period is the whole residence."""

    years: int | None = None
    max_absent_days: int | None = None
    max_absent_days_last_year: int | None = None
    max_single_absence_days: int | None = None
    min_present_days: int | None = None

    def __post_init__(self) -> None:
        for name in LIMITS:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise ResidenceError("invalid_limit", f"requirement.{name}: {value!r} is not a whole number")
            if value < 0:
                raise ResidenceError("negative_limit", f"requirement.{name}: {value} is negative")

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in LIMITS}


@dataclass(frozen=True)
class Assessment:
    eligible: bool
    period_from: date
    period_to: date
    absent_days: int
    absent_days_last_year: int
    longest_absence_days: int
    present_days: int
    failed: tuple[str, ...]
    earliest_eligible_on: date | None

    def to_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "qualifying_period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
            "absent_days": self.absent_days,
            "absent_days_last_year": self.absent_days_last_year,
            "longest_absence_days": self.longest_absence_days,
            "present_days": self.present_days,
            "failed": list(self.failed),
            "earliest_eligible_on": self.earliest_eligible_on.isoformat() if self.earliest_eligible_on else None,
        }


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes 28 February."""
    try:
        if day.month == 2 and day.day == 29 and not calendar.isleap(day.year - years):
            return date(day.year - years, 2, 28)
        return day.replace(year=day.year - years)
    except ValueError:
        raise ResidenceError(
            "date_out_of_range", f"{years} years before {day.isoformat()} is outside the calendar"
        ) from None


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes 28 February), at most the last day of the calendar."""
    if day.year + years > date.max.year:
        return date.max
    return years_before(day, -years)


def sorted_absences(absences: Sequence[Absence]) -> list[Absence]:
    """The absences by day of leaving; ResidenceError ``overlapping_absences`` when two share an absent day or one
    leaves again before the last one returned (returning and leaving on the same day is fine)."""
    ordered = sorted(absences, key=lambda absence: (absence.left, absence.returned or date.max))
    for before, after in pairwise(ordered):
        if before.returned is None or after.left < before.returned:
            back = f"returned on {before.returned.isoformat()}" if before.returned else "has not returned"
            raise ResidenceError(
                "overlapping_absences",
                f"the absence that left on {before.left.isoformat()} {back}, but another one left on "
                f"{after.left.isoformat()}",
            )
    return ordered


@dataclass
class _Timeline:
    """The absent days before ``on``, answering "how many from day X on" and "longest absence from day X on"."""

    on: date
    absences: Sequence[Absence]
    starts: list[int] = field(init=False)  # first absent day (ordinal) of each absence that has one
    ends: list[int] = field(init=False)  # last absent day
    absent_from: list[int] = field(init=False)  # absent days of absences i.. (suffix sums; one more entry: 0)
    longest_from: list[int] = field(init=False)  # longest whole absence among absences i..

    def __post_init__(self) -> None:
        last_day = self.on.toordinal() - 1
        self.starts, self.ends, lengths = [], [], []
        for absence in sorted_absences(self.absences):
            start = absence.left.toordinal() + 1
            end = min(last_day, absence.returned.toordinal() - 1 if absence.returned else last_day)
            if start <= end:
                self.starts.append(start)
                self.ends.append(end)
                lengths.append(whole_length(absence, self.on))
        self.absent_from, self.longest_from = [0] * (len(lengths) + 1), [0] * (len(lengths) + 1)
        for i in reversed(range(len(lengths))):
            self.absent_from[i] = self.absent_from[i + 1] + self.ends[i] - self.starts[i] + 1
            self.longest_from[i] = max(self.longest_from[i + 1], lengths[i])

    def absent_days_since(self, first_day: date) -> int:
        day = first_day.toordinal()
        i = bisect_left(self.ends, day)
        if i == len(self.ends):
            return 0
        return self.absent_from[i] - max(0, day - self.starts[i])

    def longest_absence_since(self, first_day: date) -> int:
        return self.longest_from[bisect_left(self.ends, first_day.toordinal())]


def whole_length(absence: Absence, on: date) -> int:
    """Absent days of the whole absence, not clipped to any period; one still going on runs to the day before on."""
    returned = absence.returned if absence.returned is not None else on
    return max(0, (returned - absence.left).days - 1)


def assess(resident_since: date, on: date, absences: Sequence[Absence], requirement: Requirement) -> Assessment:
    """The requirement judged on ``on`` (raises ResidenceError for overlapping absences or dates off the
    calendar)."""
    if on == date.min:
        raise ResidenceError("date_out_of_range", "on: the first day of the calendar has no day before it")
    timeline = _Timeline(on, absences)
    period_from, period_to, absent, absent_last_year, longest, present, failed = _measure(
        timeline, resident_since, on, requirement
    )
    if not failed:
        earliest: date | None = on
    elif any(a.returned is None and a.left < on for a in absences):
        earliest = None
    else:
        earliest = _earliest_eligible(timeline, resident_since, on, requirement)
    return Assessment(
        eligible=not failed,
        period_from=period_from,
        period_to=period_to,
        absent_days=absent,
        absent_days_last_year=absent_last_year,
        longest_absence_days=longest,
        present_days=present,
        failed=failed,
        earliest_eligible_on=earliest,
    )


def _measure(
    timeline: _Timeline, resident_since: date, day: date, requirement: Requirement
) -> tuple[date, date, int, int, int, int, tuple[str, ...]]:
    """The figures and the failures on ``day`` (on or after the timeline's ``on``)."""
    period_to = day - timedelta(days=1)
    period_from = resident_since if requirement.years is None else years_before(day, requirement.years)
    period_days = max(0, (period_to - period_from).days + 1)
    absent = timeline.absent_days_since(period_from) if period_days else 0
    absent_last_year = timeline.absent_days_since(years_before(day, 1))
    longest = timeline.longest_absence_since(period_from) if period_days else 0
    present = period_days - absent
    checks = (
        ("residence_too_short", requirement.years is not None and resident_since > period_from),
        ("max_absent_days", _over(absent, requirement.max_absent_days)),
        ("max_absent_days_last_year", _over(absent_last_year, requirement.max_absent_days_last_year)),
        ("max_single_absence_days", _over(longest, requirement.max_single_absence_days)),
        ("min_present_days", requirement.min_present_days is not None and present < requirement.min_present_days),
    )
    failed = tuple(code for code, fails in checks if fails)
    return period_from, period_to, absent, absent_last_year, longest, present, failed


def _over(value: int, limit: int | None) -> bool:
    return limit is not None and value > limit


def _earliest_eligible(timeline: _Timeline, resident_since: date, on: date, requirement: Requirement) -> date | None:
    last = years_after(on, SEARCH_YEARS)

    def failures(day: date) -> tuple[str, ...]:
        return _measure(timeline, resident_since, day, requirement)[-1]

    # Every requirement but min_present_days can only get easier as the day moves on: bisect for the first day
    # on which all of those hold, then walk on until the present days are enough too.
    low, high = on.toordinal() + 1, last.toordinal()
    if _monotone_fail(failures(last)):
        return None
    while low < high:
        middle = (low + high) // 2
        if _monotone_fail(failures(date.fromordinal(middle))):
            low = middle + 1
        else:
            high = middle
    for ordinal in range(low, last.toordinal() + 1):
        if not failures(date.fromordinal(ordinal)):
            return date.fromordinal(ordinal)
    return None


def _monotone_fail(failed: tuple[str, ...]) -> bool:
    return any(code != "min_present_days" for code in failed)


@dataclass(frozen=True)
class MonthOfAbsence:
    year: int
    month: int
    days_in_period: int
    absent_days: int
    absent_dates: tuple[date, ...]


def absence_calendar(period_from: date, period_to: date, absences: Sequence[Absence]) -> list[MonthOfAbsence]:
    """Each month that has a day in the period, with its absent days inside the period (an absence still going on
    runs to the end of the period)."""
    by_month: dict[tuple[int, int], list[date]] = {}
    for absence in sorted_absences(absences):
        first = max(period_from.toordinal(), absence.left.toordinal() + 1)
        last = min(
            period_to.toordinal(), absence.returned.toordinal() - 1 if absence.returned else period_to.toordinal()
        )
        for ordinal in range(first, last + 1):
            day = date.fromordinal(ordinal)
            by_month.setdefault((day.year, day.month), []).append(day)
    months = []
    year, month = period_from.year, period_from.month
    while (year, month) <= (period_to.year, period_to.month):
        first_day = max(period_from, date(year, month, 1))
        last_day = min(period_to, date(year, month, calendar.monthrange(year, month)[1]))
        dates = tuple(by_month.get((year, month), ()))
        months.append(MonthOfAbsence(year, month, (last_day - first_day).days + 1, len(dates), dates))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
