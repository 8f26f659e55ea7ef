"""Figures: small-count suppression of published tables, percentiles, reporting periods and CSV cells made safe for
spreadsheets. Plain Python, no database: the figures app (``apps/figures``) computes the counts and calls these.

Errors raised on purpose are :class:`FiguresError` with a stable code (see ``periods``)."""

from borderdesk.core.figures.csvcells import safe_cell
from borderdesk.core.figures.percentiles import nearest_rank
from borderdesk.core.figures.periods import MAX_MONTHS, FiguresError, Period, parse_period
from borderdesk.core.figures.suppression import (
    DEFAULT_THRESHOLD,
    GUARD,
    SMALL,
    Cell,
    Row,
    Table,
    suppress_row,
    suppress_table,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "GUARD",
    "MAX_MONTHS",
    "SMALL",
    "Cell",
    "FiguresError",
    "Period",
    "Row",
    "Table",
    "nearest_rank",
    "parse_period",
    "safe_cell",
    "suppress_row",
    "suppress_table",
]
