"""PAXLST dates (DTM C507: qualifier, value, format code) as ISO 8601 text.

Formats: 101 ``YYMMDD``, 102 ``CCYYMMDD``, 201 ``YYMMDDHHMM``, 203 ``CCYYMMDDHHMM``; without a format code the
length decides. A two-digit year of a date and time (201) is 20YY; of a birth (or issue) date 20YY unless that
is after today, then 19YY; of an expiry date always 20YY. The century is chosen on (year, month, day) before
the date is built, so that a 29 February is judged in the century the rule picks.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

DATE_LENGTHS = {"101": 6, "102": 8}
DATE_TIME_LENGTHS = {"201": 10, "203": 12}


class Century(Enum):
    PAST = "past"  # a birth or issue date: not after today
    FUTURE = "future"  # an expiry date, a flight: always 20YY


Reading = tuple[str | None, str | None]  # (the ISO text, None) or (None, why the value is no date)


def read_date(value: str | None, format_code: str | None, century: Century, today: date) -> Reading:
    """``YYYY-MM-DD``."""
    digits, problem = _digits(value, format_code, DATE_LENGTHS, "a date")
    if digits is None:
        return None, problem
    if len(digits) == 6:
        digits = _century(digits, century, today) + digits
    return _real(digits, with_time=False)


def read_date_time(value: str | None, format_code: str | None) -> Reading:
    """``YYYY-MM-DDTHH:MM``, the time as sent."""
    digits, problem = _digits(value, format_code, DATE_TIME_LENGTHS, "a date and time")
    if digits is None:
        return None, problem
    if len(digits) == 10:
        digits = "20" + digits
    return _real(digits, with_time=True)


def _digits(value: str | None, format_code: str | None, lengths: dict[str, int], what: str) -> Reading:
    if value is None:
        return None, f"no value where {what} is expected"
    if format_code is not None and format_code not in lengths:
        known = ", ".join(f"{code} ({length} digits)" for code, length in lengths.items())
        return None, f"format {format_code!r} is not {what} format this reader knows ({known})"
    expected = [lengths[format_code]] if format_code is not None else sorted(lengths.values())
    if not (value.isascii() and value.isdigit()) or len(value) not in expected:
        shape = " or ".join(str(length) for length in expected)
        return None, f"{value!r} is not {what}: {shape} digits expected"
    return value, None


def _century(yymmdd: str, century: Century, today: date) -> str:
    if century is Century.FUTURE:
        return "20"
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    return "20" if (2000 + yy, month, day) <= (today.year, today.month, today.day) else "19"


def _real(digits: str, with_time: bool) -> Reading:
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    try:
        day_text = date(year, month, day).isoformat()
    except ValueError:
        return None, f"{digits[:8]} is not a real date"
    if not with_time:
        return day_text, None
    hour, minute = int(digits[8:10]), int(digits[10:12])
    if hour > 23 or minute > 59:
        return None, f"{digits[8:10]}:{digits[10:12]} is not a real time"
    return f"{day_text}T{digits[8:10]}:{digits[10:12]}", None
