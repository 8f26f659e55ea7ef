"""Date helpers shared by the stay calculator, the pack loader and the evaluator."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from borderdesk.core.rules.errors import RulesError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: object, field: str, error: type[RulesError] = RulesError) -> date:
    """A ``date`` from a ``date`` or a strict ``YYYY-MM-DD`` string; ``error`` (code ``malformed_date``) otherwise."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise error("malformed_date", f"{field}: {value!r} is not a date in the form YYYY-MM-DD", field=field)


def parse_optional_date(value: object, field: str, error: type[RulesError] = RulesError) -> date | None:
    return None if value is None else parse_date(value, field, error)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)
