"""The period figures are asked for: one day, one calendar month, or a range of days of at most ``MAX_MONTHS``
months. Days are the post's own calendar days (the caller turns them into instants in the post's time zone)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MAX_MONTHS = 13
# Figures are of days the system can have worked: far-off years (9999-12-31 has no next day) are refused.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class FiguresError(ValueError):
    """Bad input, with a stable ``code``: ``invalid_date``, ``invalid_month``, ``date_out_of_range``,
    ``period_conflict``, ``period_reversed``, ``period_too_long``, ``period_required``."""

    def __init__(self, message: str, *, code: str, field: str = ""):
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


@dataclass(frozen=True)
class Period:
    kind: str  # "day", "month" or "range"
    first: date
    last: date

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @property
    def label(self) -> str:
        if self.kind == "day":
            return self.first.isoformat()
        if self.kind == "month":
            return self.first.isoformat()[:7]
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def parse_period(
    *, day: str = "", month: str = "", start: str = "", end: str = "", today: date | None = None
) -> Period:
    """From what a page or an export was given: ``day`` (YYYY-MM-DD), ``month`` (YYYY-MM), or ``start`` and
    ``end`` (YYYY-MM-DD, both included). Nothing given: ``today``."""
    given = [name for name, value in (("day", day), ("month", month), ("from", start or end)) if value]
    if len(given) > 1:
        raise FiguresError(
            f"Ask for one period: a day, a month or a range, not {' and '.join(given)}.", code="period_conflict"
        )
    if month:
        return month_period(month)
    if start or end:
        return range_period(start, end)
    if day:
        chosen = parse_day(day, field="day")
        return Period("day", chosen, chosen)
    if today is None:
        raise FiguresError("Give a day, a month or a range.", code="period_required")
    return Period("day", today, today)


def parse_day(value: str, *, field: str) -> date:
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError
        found = date.fromisoformat(text)
    except ValueError:
        raise FiguresError(f"{text[:40]!r} is not a date (YYYY-MM-DD).", code="invalid_date", field=field) from None
    return _in_range(found, field)


def _in_range(day: date, field: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise FiguresError(
            f"{day.isoformat()} is outside the years figures are kept for ({EARLIEST.year} to {LATEST.year}).",
            code="date_out_of_range",
            field=field,
        )
    return day


def month_period(value: str) -> Period:
    found = MONTH.match(str(value).strip())
    if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1:
        raise FiguresError(
            f"{str(value)[:40]!r} is not a month (YYYY-MM).", code="invalid_month", field="month"
        ) from None
    year, number = int(found[1]), int(found[2])
    _in_range(date(year, number, 1), "month")
    return Period("month", date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1]))


def range_period(start: str, end: str) -> Period:
    first, last = parse_day(start, field="from"), parse_day(end, field="to")
    if last < first:
        raise FiguresError(
            f"The range ends ({last.isoformat()}) before it starts ({first.isoformat()}).", code="period_reversed"
        )
    if last >= _months_later(first, MAX_MONTHS):
        raise FiguresError(
            f"A range is at most {MAX_MONTHS} months: {first.isoformat()} to "
            f"{(_months_later(first, MAX_MONTHS) - timedelta(days=1)).isoformat()} at the longest.",
            code="period_too_long",
        )
    return Period("range", first, last)


def _months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > 9999:
        return date.max
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
