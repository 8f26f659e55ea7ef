"""Percentiles of a day's processing times, computed from the durations fetched as one column (a post's daily
volume is thousands at most: sorting them is cheaper than the database's own percentile functions, which SQLite
does not have)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def nearest_rank(values: Sequence[float], percent: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least ``percent`` % of the values at or below it
    (always a value that occurred). ``None`` for no values."""
    if not 0 < percent <= 100:
        raise ValueError(f"a percentile is above 0 and at most 100, not {percent!r}")
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]
