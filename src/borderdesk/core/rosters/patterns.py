"""Shift patterns: a cycle of days, each a shift (a local start time, a length and a break) or a day off,
written one day a line or separated by commas, e.g. a 4-on-4-off of 12-hour days and nights:

    07:00 12h 60m, 07:00 12h 60m, 19:00 12h 60m, 19:00 12h 60m, off, off, off, off

Applied to an officer from a first day (with an offset into the cycle) to a last day, in the post's time zone.
A shift runs from its start to its end on the post's clocks: a night shift crosses midnight, and across a change
of the clocks it lasts an hour more or less (20:00 to 08:00 is 13 hours on the night the clocks go back). A start
that the clocks skip (02:30 on the night they go forward) is taken as the same time after the change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_CYCLE_DAYS = 56
MAX_SHIFT_MINUTES = 24 * 60
_DAY = re.compile(
    r"^(?P<start>\d{1,2}:\d{2})\s+(?P<hours>\d{1,2})h(?P<minutes>\d{2})?(?:\s+(?:break\s+)?(?P<brk>\d{1,3})m)?$"
)
_OFF = {"off", "-", "rest"}


class PatternError(ValueError):
    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class PatternDay:
    """A working day of a cycle: start (local), length in minutes and break in minutes."""

    start: time
    minutes: int
    break_minutes: int = 0

    def __str__(self) -> str:
        hours, minutes = divmod(self.minutes, 60)
        length = f"{hours}h" + (f"{minutes:02d}" if minutes else "")
        return f"{self.start:%H:%M} {length}" + (f" {self.break_minutes}m" if self.break_minutes else "")


Cycle = tuple[PatternDay | None, ...]


@dataclass(frozen=True)
class ShiftTimes:
    day: date
    starts_at: datetime
    ends_at: datetime
    break_minutes: int


def parse_pattern(text: str) -> Cycle:
    """The cycle written in ``text``, or a ``PatternError`` naming the day that cannot be read."""
    parts = [part.strip().lower() for part in re.split(r"[,\n;]", text or "") if part.strip()]
    if not parts:
        raise PatternError("A pattern needs at least one day.", code="pattern_empty")
    if len(parts) > MAX_CYCLE_DAYS:
        raise PatternError(f"A pattern's cycle may have at most {MAX_CYCLE_DAYS} days.", code="pattern_too_long")
    cycle = tuple(_parse_day(n, part) for n, part in enumerate(parts, start=1))
    if all(day is None for day in cycle):
        raise PatternError("A pattern needs at least one working day.", code="pattern_no_shift")
    return cycle


def _parse_day(n: int, text: str) -> PatternDay | None:
    if text in _OFF:
        return None
    match = _DAY.match(text)
    bad = (
        f"Day {n} of the pattern ({text[:40]!r}) is neither 'off' nor a shift like '07:00 12h 60m' or "
        "'22:00 8h30 30m' (start, length, break)."
    )
    if not match:
        raise PatternError(bad, code="pattern_bad_day")
    hour, minute = (int(x) for x in match["start"].split(":"))
    minutes = int(match["hours"]) * 60 + int(match["minutes"] or 0)
    break_minutes = int(match["brk"] or 0)
    if (
        hour > 23
        or minute > 59
        or int(match["minutes"] or 0) > 59
        or not 0 < minutes <= MAX_SHIFT_MINUTES
        or break_minutes >= minutes
    ):
        raise PatternError(bad, code="pattern_bad_day")
    return PatternDay(time(hour, minute), minutes, break_minutes)


def format_pattern(cycle: Cycle) -> str:
    return ", ".join("off" if day is None else str(day) for day in cycle)


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` on the post's clocks, as a UTC datetime; a time the clocks skip counts as after the
    change, an ambiguous one (clocks going back) as its first occurrence."""
    return datetime.combine(day, at).replace(tzinfo=zone).astimezone(UTC)


def expand(cycle: Cycle, first: date, last: date, zone: ZoneInfo, offset: int = 0) -> list[ShiftTimes]:
    """The shifts of ``cycle`` from ``first`` to ``last`` (both included), day ``first`` being the cycle's day
    ``offset`` (0-based)."""
    shifts = []
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        pattern_day = cycle[(n + offset) % len(cycle)]
        if pattern_day is None:
            continue
        starts_at = local_moment(day, pattern_day.start, zone)
        end_wall = datetime.combine(day, pattern_day.start) + timedelta(minutes=pattern_day.minutes)
        ends_at = local_moment(end_wall.date(), end_wall.time(), zone)
        shifts.append(ShiftTimes(day, starts_at, ends_at, pattern_day.break_minutes))
    return shifts
