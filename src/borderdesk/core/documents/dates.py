"""MRZ dates (YYMMDD) and the century rules of the `borderdesk mrz check` contract.

- A birth date is in the 2000s unless that would be after ``today``; then it is in the 1900s.
- An expiry date is in the 2000s unless that would be 50 or more years after ``today``; then in the 1900s.

The comparisons are made on (year, month, day) tuples before any date is built, so that a 29 February that
exists in one century and not in the other is judged by the rule first and only then found impossible.
"""

from __future__ import annotations

from datetime import date

EXPIRY_HORIZON_YEARS = 50


def _split(yymmdd: str) -> tuple[int, int, int] | None:
    if len(yymmdd) != 6 or not (yymmdd.isascii() and yymmdd.isdigit()):
        return None
    yy, month_day = divmod(int(yymmdd), 10000)
    return (yy, *divmod(month_day, 100))


def _build(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def birth_date_from_mrz(yymmdd: str, today: date) -> date | None:
    """The birth date a YYMMDD field stands for, or None when it is not a real date."""
    parts = _split(yymmdd)
    if parts is None:
        return None
    yy, month, day = parts
    in_2000s = (2000 + yy, month, day) <= (today.year, today.month, today.day)
    return _build((2000 if in_2000s else 1900) + yy, month, day)


def expiry_date_from_mrz(yymmdd: str, today: date) -> date | None:
    """The expiry date a YYMMDD field stands for, or None when it is not a real date."""
    parts = _split(yymmdd)
    if parts is None:
        return None
    yy, month, day = parts
    horizon = (today.year + EXPIRY_HORIZON_YEARS, today.month, today.day)
    in_2000s = (2000 + yy, month, day) < horizon
    return _build((2000 if in_2000s else 1900) + yy, month, day)


def date_to_mrz(value: date) -> str:
    return f"{value.year % 100:02d}{value.month:02d}{value.day:02d}"
