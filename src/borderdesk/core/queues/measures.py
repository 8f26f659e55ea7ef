"""Service-level arithmetic: the share of waits within a target, percentiles, and one queue's measures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def share_within(seconds: Sequence[float], target_seconds: float) -> float | None:
    """The share of ``seconds`` at most ``target_seconds``; None when there is nothing to measure."""
    if not seconds:
        return None
    return sum(1 for value in seconds if value <= target_seconds) / len(seconds)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The nearest-rank ``q``-th percentile (0 < q <= 100): the smallest value with at least q% of the values at
    or below it; None for no values."""
    if not 0 < q <= 100:
        raise ValueError(f"q must be in (0, 100], not {q}")
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(q / 100 * len(ordered)), 1) - 1]


@dataclass(frozen=True)
class QueueMeasure:
    """One queue's measures over a period: how many waits were measured (travellers served), the share within the
    target, the median and 95th percentile wait in seconds, and whether the service level was met."""

    measures: int
    share_within: float | None
    median_seconds: float | None
    p95_seconds: float | None
    met: bool | None  # None: nothing measured

    def to_dict(self) -> dict:
        return {
            "measures": self.measures,
            "share_within": None if self.share_within is None else round(self.share_within, 4),
            "median_wait_seconds": None if self.median_seconds is None else round(self.median_seconds, 1),
            "p95_wait_seconds": None if self.p95_seconds is None else round(self.p95_seconds, 1),
            "met": self.met,
        }


def measure(seconds: Sequence[float], target_seconds: float, target_share: float) -> QueueMeasure:
    share = share_within(seconds, target_seconds)
    return QueueMeasure(
        measures=len(seconds),
        share_within=share,
        median_seconds=percentile(seconds, 50),
        p95_seconds=percentile(seconds, 95),
        met=None if share is None else share >= target_share,
    )
