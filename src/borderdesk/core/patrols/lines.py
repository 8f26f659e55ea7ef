"""Positions typed or pasted by a crew: ``time,lat,lon`` lines. Each line is read on its own: the good ones are
kept, the bad ones are listed by line number with their reason, so one slip loses nothing else.

Times are the post's clock, as the crew read it: ``06:40`` (or ``0640``, ``06:40:15``) on the patrol's day, or a
full ``2026-05-04 06:40``. A bare time falls on the day the patrol started, or on the next day when the patrol ran
past midnight and the time is earlier than its start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from borderdesk.core.patrols.coordinates import PositionProblem, check_position

MAX_LINES = 500
TEXT_MAX = 40_000
_FIELD_SEPARATOR = re.compile(r"\s*[,;\t]\s*")
_BARE_TIME = re.compile(r"([0-2]?[0-9]):?([0-5][0-9])(?::([0-5][0-9]))?")
_FULL = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]\s*(.+)")
_HEADER = re.compile(r"(time|at|when)[,;\t]\s*lat(itude)?[,;\t]\s*lon(gitude)?", re.IGNORECASE)


@dataclass(frozen=True)
class PositionLine:
    number: int
    text: str
    moment: datetime | time  # a naive local moment, or a bare time to place on the patrol's day
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class LineProblem:
    number: int
    text: str
    code: str
    message: str


def parse_moment(text: str) -> datetime | time:
    """``HH:MM``, ``HHMM``, ``HH:MM:SS`` (a bare time), or ``YYYY-MM-DD HH:MM[:SS]`` (a naive local moment)."""
    text = str(text or "").strip()
    full = _FULL.fullmatch(text)
    try:
        if full:
            return datetime.combine(date.fromisoformat(full.group(1)), _bare_time(full.group(2)))
        return _bare_time(text)
    except ValueError:
        raise PositionProblem(
            f"{text[:30]!r} is not a time: write it as HH:MM (06:40) or YYYY-MM-DD HH:MM.",
            code="invalid_time",
            field="at",
        ) from None


def _bare_time(text: str) -> time:
    match = _BARE_TIME.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    hour, minute, second = (int(group or 0) for group in match.groups())
    return time(hour, minute, second)  # a ValueError for an hour past 23


def place_on_patrol(moment: datetime | time, start: datetime, end: datetime) -> datetime:
    """A bare time placed on the patrol's day (naive local datetimes): the start's day, or the next day when that
    falls within the patrol (from ``start`` to ``end``, its end or now) and the start's day does not. A full moment
    is returned as it is."""
    if isinstance(moment, datetime):
        return moment
    same_day = datetime.combine(start.date(), moment)
    next_day = same_day + timedelta(days=1)
    if same_day < start and start <= next_day <= end:
        return next_day
    return same_day


def split_line(line: str) -> tuple[str, str, str]:
    parts = _FIELD_SEPARATOR.split(line.strip())
    if len(parts) != 3:
        raise PositionProblem(
            f"Write the time, latitude and longitude separated by commas (06:40, 38.7, -9.4); this line has "
            f"{len(parts)} part{'s' if len(parts) != 1 else ''}.",
            code="invalid_line",
        )
    return parts[0], parts[1], parts[2]


def parse_position_lines(text: str) -> tuple[list[PositionLine], list[LineProblem]]:
    """Every line read: the good ones, and the bad ones with their line number, code and reason. Empty lines and
    a header line (``time,lat,lon``) are skipped. More than ``MAX_LINES`` lines or ``TEXT_MAX`` characters is
    refused whole (``too_many_lines``) before any line is read."""
    text = str(text or "")
    lines = text.splitlines()
    if len(text) > TEXT_MAX or len(lines) > MAX_LINES:
        raise PositionProblem(
            f"Paste at most {MAX_LINES} lines ({TEXT_MAX:,} characters) at once; send the rest after.",
            code="too_many_lines",
        )
    good, bad = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or _HEADER.fullmatch(line.strip()):
            continue
        try:
            at, latitude, longitude = split_line(line)
            moment = parse_moment(at)
            lat, lon = check_position(latitude, longitude)
        except PositionProblem as problem:
            bad.append(LineProblem(number, line.strip()[:80], problem.code, problem.message))
            continue
        good.append(PositionLine(number, line.strip()[:80], moment, lat, lon))
    return good, bad
