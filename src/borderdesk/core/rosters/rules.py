"""The working-time rules a roster keeps: shift length, breaks, no double-booking, minimum rest, a rolling cap
on hours worked in any 7 days, and no shifts in approved leave."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Limits:
    min_rest: timedelta = timedelta(hours=11)
    max_hours_per_7_days: float = 48.0
    max_shift: timedelta = timedelta(hours=13)


@dataclass(frozen=True)
class ShiftSpan:
    """One shift as the rules see it: whose, when (aware datetimes), and the words naming it in a refusal."""

    key: str
    officer: str
    starts_at: datetime
    ends_at: datetime
    break_minutes: int = 0
    label: str = ""

    @property
    def length(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def worked(self) -> timedelta:
        return max(self.length - timedelta(minutes=self.break_minutes), timedelta(0))

    @property
    def name(self) -> str:
        return self.label or self.key

    def worked_within(self, lo: datetime, hi: datetime) -> timedelta:
        """The part of the worked time inside [lo, hi): the break is spread evenly over the shift."""
        overlap = min(self.ends_at, hi) - max(self.starts_at, lo)
        if overlap <= timedelta(0) or self.length <= timedelta(0):
            return timedelta(0)
        return self.worked * (overlap / self.length)


@dataclass(frozen=True)
class Leave:
    officer: str
    starts_at: datetime
    ends_at: datetime
    label: str = "leave"


@dataclass(frozen=True)
class Violation:
    code: str
    officer: str
    shifts: tuple[str, ...]
    message: str
    details: dict = field(default_factory=dict, compare=False)


def _hours(span: timedelta) -> str:
    return f"{span.total_seconds() / 3600:g}"


def check(
    existing: Iterable[ShiftSpan],
    proposed: Iterable[ShiftSpan],
    limits: Limits | None = None,
    leave: Iterable[Leave] = (),
) -> list[Violation]:
    """Every rule the proposed shifts break, alone or together with the existing ones (each violation involves at
    least one proposed shift: what was already on the roster is not the change's fault). Empty: the change keeps
    every rule."""
    limits = limits or Limits()
    proposed = list(proposed)
    new_keys = {s.key for s in proposed}
    by_officer: dict[str, list[ShiftSpan]] = defaultdict(list)
    officers = {s.officer for s in proposed}
    for span in [*existing, *proposed]:
        if span.officer in officers:
            by_officer[span.officer].append(span)
    leave_by_officer: dict[str, list[Leave]] = defaultdict(list)
    for period in leave:
        leave_by_officer[period.officer].append(period)
    found: list[Violation] = []
    for officer in sorted(by_officer):
        shifts = sorted(by_officer[officer], key=lambda s: (s.starts_at, s.ends_at, s.key))
        found += _single_shift_rules([s for s in shifts if s.key in new_keys], limits)
        found += _leave_rule([s for s in shifts if s.key in new_keys], leave_by_officer[officer])
        found += _pair_rules(shifts, new_keys, limits)
        found += _weekly_cap(shifts, new_keys, limits)
    return found


def _single_shift_rules(shifts: list[ShiftSpan], limits: Limits) -> list[Violation]:
    found = []
    for s in shifts:
        if s.length > limits.max_shift:
            found.append(
                Violation(
                    "shift_too_long",
                    s.officer,
                    (s.key,),
                    f"{s.officer}: {s.name} lasts {_hours(s.length)} hours; a shift may last at most "
                    f"{_hours(limits.max_shift)}.",
                )
            )
        if s.break_minutes < 0 or timedelta(minutes=s.break_minutes) >= s.length:
            found.append(
                Violation(
                    "break_too_long",
                    s.officer,
                    (s.key,),
                    f"{s.officer}: the break of {s.name} ({s.break_minutes} minutes) is not shorter than the shift.",
                )
            )
    return found


def _leave_rule(shifts: list[ShiftSpan], periods: list[Leave]) -> list[Violation]:
    return [
        Violation(
            "on_leave",
            s.officer,
            (s.key,),
            f"{s.officer} is on leave ({period.label}) during {s.name}.",
        )
        for s in shifts
        for period in periods
        if s.starts_at < period.ends_at and period.starts_at < s.ends_at
    ]


def _pair_rules(shifts: list[ShiftSpan], new_keys: set[str], limits: Limits) -> list[Violation]:
    found = []
    for i, first in enumerate(shifts):
        for second in shifts[i + 1 :]:
            if second.starts_at >= first.ends_at + limits.min_rest:
                break  # sorted by start: every later shift starts later still
            if first.key not in new_keys and second.key not in new_keys:
                continue
            pair = (first.key, second.key)
            if second.starts_at < first.ends_at:
                found.append(
                    Violation(
                        "double_booked",
                        first.officer,
                        pair,
                        f"{first.officer} would be on two shifts at once: {first.name} and {second.name}.",
                    )
                )
            else:
                rest = second.starts_at - first.ends_at
                found.append(
                    Violation(
                        "rest_too_short",
                        first.officer,
                        pair,
                        f"{first.officer} would rest only {_hours(rest)} hours between {first.name} and "
                        f"{second.name}; at least {_hours(limits.min_rest)} hours are needed.",
                        {"rest_hours": rest.total_seconds() / 3600},
                    )
                )
    return found


def _weekly_cap(shifts: list[ShiftSpan], new_keys: set[str], limits: Limits) -> list[Violation]:
    """The busiest 7 days that hold a proposed shift. Worked time in a sliding window is piecewise linear in the
    window's position, so its maximum is at a window starting at a shift's start or ending at a shift's end."""
    cap = timedelta(hours=limits.max_hours_per_7_days)
    worst: tuple[timedelta, datetime] | None = None
    starts = [s.starts_at for s in shifts] + [s.ends_at - WEEK for s in shifts]
    for lo in sorted(set(starts)):
        hi = lo + WEEK
        inside = [s for s in shifts if s.starts_at < hi and s.ends_at > lo]
        if not any(s.key in new_keys for s in inside):
            continue
        worked = sum((s.worked_within(lo, hi) for s in inside), timedelta(0))
        if worked > cap and (worst is None or worked > worst[0]):
            worst = (worked, lo)
    if worst is None:
        return []
    worked, lo = worst
    inside = [s for s in shifts if s.starts_at < lo + WEEK and s.ends_at > lo]
    officer = shifts[0].officer
    return [
        Violation(
            "too_many_hours",
            officer,
            tuple(s.key for s in inside),
            f"{officer} would work {worked.total_seconds() / 3600:.1f} hours in the 7 days from "
            f"{lo.astimezone(UTC):%Y-%m-%d %H:%M} UTC ({', '.join(s.name for s in inside)}); at most "
            f"{limits.max_hours_per_7_days:g} hours are allowed in any 7 days.",
            {"hours": worked.total_seconds() / 3600},
        )
    ]
