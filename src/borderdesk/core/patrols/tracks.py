"""A patrol's track: the positions it reported in time order, its length, and what the officer should look at
again: a jump no unit of its kind could make (``implausible_jump``: a typing slip, a tracker's glitch) and a
position outside the sector (``outside_sector``). Warnings are shown, never acted on: nothing is dropped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import pairwise

from borderdesk.core.patrols.coordinates import as_degrees_minutes
from borderdesk.core.patrols.geometry import KM_PER_NAUTICAL_MILE, distance_km, inside, track_length_km

SEA, LAND = "sea", "land"
ShowTime = Callable[[datetime], str]
KNOTS_PER_KMH = 1 / KM_PER_NAUTICAL_MILE


@dataclass(frozen=True)
class SpeedLimit:
    """The fastest a unit of a kind plausibly moves, in the unit patrols of its terrain count in."""

    value: float
    unit: str  # "knots" or "km/h"
    noun: str  # what moves, in words

    @property
    def kmh(self) -> float:
        return self.value * KM_PER_NAUTICAL_MILE if self.unit == "knots" else self.value


# By unit kind (the patrols app's UnitKind values).
SPEED_LIMITS: dict[str, SpeedLimit] = {
    "boat": SpeedLimit(60, "knots", "boat"),
    "partner_vessel": SpeedLimit(60, "knots", "vessel"),
    "vehicle": SpeedLimit(150, "km/h", "vehicle"),
    "foot": SpeedLimit(15, "km/h", "patrol on foot"),
}


@dataclass(frozen=True)
class Fix:
    """One reported position: when (aware, or all naive alike) and where."""

    at: datetime
    latitude: Decimal
    longitude: Decimal
    key: object = None  # the caller's id for it (a Position's pk), to say which positions a warning is about

    @property
    def point(self) -> tuple[Decimal, Decimal]:
        return self.latitude, self.longitude


@dataclass(frozen=True)
class TrackWarning:
    code: str
    message: str
    keys: tuple = ()  # the fixes it is about


@dataclass(frozen=True)
class Distance:
    km: float
    terrain: str

    @property
    def value(self) -> float:
        """In nautical miles at sea, kilometres on land."""
        return self.km / KM_PER_NAUTICAL_MILE if self.terrain == SEA else self.km

    @property
    def unit(self) -> str:
        return "nm" if self.terrain == SEA else "km"

    def __str__(self) -> str:
        return f"{self.value:.1f} {self.unit}"


def track_length(fixes: Sequence[Fix], terrain: str) -> Distance:
    """The length of the track through the fixes in time order: nautical miles at sea, kilometres on land."""
    ordered = sorted(fixes, key=lambda fix: fix.at)
    return Distance(track_length_km([fix.point for fix in ordered]), terrain)


def speed_kmh(a: Fix, b: Fix) -> float:
    """The speed needed to go from ``a`` to ``b`` in the time between them (infinite for a move in no time)."""
    hours = abs((b.at - a.at).total_seconds()) / 3600
    km = distance_km(a.point, b.point)
    if hours == 0:
        return 0.0 if km == 0 else float("inf")
    return km / hours


def _clock_time(at: datetime) -> str:
    return at.strftime("%H:%M")


def track_warnings(
    fixes: Sequence[Fix], unit_kind: str, boundary: Sequence = (), *, show_time: ShowTime = _clock_time
) -> list[TrackWarning]:
    """Jumps faster than a unit of ``unit_kind`` can move between consecutive fixes, and fixes outside the
    ``boundary`` (when there is one), in time order. ``show_time`` writes a fix's time in the messages."""
    ordered = sorted(fixes, key=lambda fix: fix.at)
    warnings = []
    limit = SPEED_LIMITS.get(unit_kind)
    for a, b in pairwise(ordered):
        speed = speed_kmh(a, b)
        if limit is not None and speed > limit.kmh:
            warnings.append(_jump(a, b, speed, limit, show_time))
    if len(boundary) >= 3:
        for fix in ordered:
            if not inside(boundary, fix.latitude, fix.longitude):
                warnings.append(
                    TrackWarning(
                        "outside_sector",
                        f"At {show_time(fix.at)} the position {as_degrees_minutes(*fix.point)} is outside the "
                        "sector's boundary.",
                        (fix.key,),
                    )
                )
    return warnings


def _jump(a: Fix, b: Fix, speed_kmh_: float, limit: SpeedLimit, show_time: ShowTime) -> TrackWarning:
    sea = limit.unit == "knots"
    distance = Distance(distance_km(a.point, b.point), SEA if sea else LAND)
    shown = speed_kmh_ * KNOTS_PER_KMH if sea else speed_kmh_
    speed = "in no time" if shown == float("inf") else f"at {shown:,.0f} {limit.unit}"
    return TrackWarning(
        "implausible_jump",
        f"From {show_time(a.at)} to {show_time(b.at)} the track jumps {distance} {speed}: faster than a {limit.noun} "
        f"moves (at most {limit.value:g} {limit.unit}). Check the position at {show_time(b.at)}; withdraw it if "
        "it is wrong.",
        (a.key, b.key),
    )
