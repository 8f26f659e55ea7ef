"""Waits in a queue from counts of people and the moments they reached a booth, by cumulative curves.

What the system knows: counts sent by sensors or staff (at a moment: how many people are waiting, how many joined
since the previous count) and, from its own timestamps, the moment each traveller of that queue reached a booth.
From them two cumulative curves over the day:

- arrivals ``A(t)``: the first count's ``waiting`` (people already in the queue: their joining is taken to be the
  first count's moment, so their waits are lower bounds), then each count adds the ``joined`` it reports, spread
  evenly over the interval since the previous count (the k-th of j people who joined in (t0, t1] is put at
  ``t0 + (k - 1/2) / j x (t1 - t0)``);
- services ``S(t)``: one step at each moment a traveller of the queue reached a booth after the first count.

The queue is first in, first out: the n-th person to join is the n-th person served, so their wait is the n-th
service moment less the n-th joining moment. A service that comes before the joining it is matched to means the
counts missed people; that wait is taken as 0 rather than negative. People joined but not yet served by ``now``
are still waiting: their wait so far is ``now`` less their joining. Services beyond the people counted are not
matched to anyone. Times are seconds on any common clock (the apps use seconds since the epoch).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Count:
    at: float
    waiting: int
    joined: int


@dataclass(frozen=True)
class Wait:
    joined_at: float
    served_at: float | None  # None: still waiting at ``now``
    seconds: float

    @property
    def served(self) -> bool:
        return self.served_at is not None


def joining_moments(counts: Sequence[Count]) -> list[float]:
    """The moment each counted person joined, in order (the inverse of the arrival curve)."""
    ordered = sorted(counts, key=lambda count: count.at)
    if not ordered:
        return []
    first = ordered[0]
    moments = [first.at] * max(first.waiting, 0)
    for before, count in pairwise(ordered):
        span = count.at - before.at
        joined = max(count.joined, 0)
        moments.extend(before.at + (k - 0.5) / joined * span for k in range(1, joined + 1))
    return moments


def traveller_waits(counts: Sequence[Count], served: Sequence[float], now: float) -> list[Wait]:
    """Each counted person's wait, in the order they joined: served ones to their service, the rest to ``now``."""
    joins = joining_moments(counts)
    if not joins:
        return []
    start = min(count.at for count in counts)
    services = sorted(moment for moment in served if start <= moment <= now)
    waits = []
    for n, joined_at in enumerate(joins):
        if n < len(services):
            waits.append(Wait(joined_at, services[n], max(services[n] - joined_at, 0.0)))
        elif joined_at <= now:
            waits.append(Wait(joined_at, None, now - joined_at))
    return waits
