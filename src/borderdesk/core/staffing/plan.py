"""Booths per hour for a queue's service level (CONTRACTS.md section 5): the demand, checked when it is made, and
the booths each hour needs."""

from __future__ import annotations

import math
from dataclasses import dataclass

from borderdesk.core.staffing.erlang import fewest_servers
from borderdesk.core.staffing.errors import StaffingError

# Far above any border post (20,000 Erlangs is 1.2 million travellers an hour at a minute each); the search takes
# time in proportion to the load, so a nonsense load is refused instead of being computed for minutes.
MAX_LOAD_ERLANGS = 20_000
MAX_HOURS = 8_784  # a leap year of hours


@dataclass(frozen=True)
class HourDemand:
    hour: str
    arrivals: float

    def __post_init__(self) -> None:
        if not self.arrivals >= 0:  # also refuses NaN
            raise StaffingError("negative_arrivals", f"{self.hour}: arrivals must be 0 or more, not {self.arrivals}")


@dataclass(frozen=True)
class StaffingRequest:
    service_seconds: float
    target_wait_seconds: float
    target_share: float
    hours: tuple[HourDemand, ...]

    def __post_init__(self) -> None:
        if not (math.isfinite(self.service_seconds) and self.service_seconds > 0):
            raise StaffingError(
                "non_positive_service_time", f"service_seconds must be more than 0, not {self.service_seconds}"
            )
        if not (math.isfinite(self.target_wait_seconds) and self.target_wait_seconds >= 0):
            raise StaffingError(
                "negative_target_wait", f"target_wait_seconds must be 0 or more, not {self.target_wait_seconds}"
            )
        if not 0 < self.target_share < 1:
            raise StaffingError(
                "share_out_of_range", f"target_share must be between 0 and 1 (both excluded), not {self.target_share}"
            )
        if len(self.hours) > MAX_HOURS:
            raise StaffingError("too_many_hours", f"at most {MAX_HOURS} hours at once, not {len(self.hours)}")
        for demand in self.hours:
            load = self.load_erlangs(demand)
            if not load <= MAX_LOAD_ERLANGS:
                raise StaffingError(
                    "load_too_large", f"{demand.hour}: a load of {load:g} Erlangs is above {MAX_LOAD_ERLANGS}"
                )

    def load_erlangs(self, demand: HourDemand) -> float:
        return demand.arrivals * self.service_seconds / 3600


@dataclass(frozen=True)
class HourStaffing:
    hour: str
    booths: int
    load_erlangs: float
    share_within_target: float
    mean_wait_seconds: float
    occupancy: float

    def to_dict(self) -> dict:
        return {
            "hour": self.hour,
            "booths": self.booths,
            "load_erlangs": round(self.load_erlangs, 4),
            "share_within_target": round(self.share_within_target, 4),
            "mean_wait_seconds": round(self.mean_wait_seconds, 1),
            "occupancy": round(self.occupancy, 4),
        }


@dataclass(frozen=True)
class StaffingPlan:
    hours: tuple[HourStaffing, ...]

    def to_dict(self) -> dict:
        return {"hours": [hour.to_dict() for hour in self.hours]}


def plan(request: StaffingRequest) -> StaffingPlan:
    """The booths each hour needs, in the request's order."""
    return StaffingPlan(tuple(staff_hour(request, demand) for demand in request.hours))


def staff_hour(request: StaffingRequest, demand: HourDemand) -> HourStaffing:
    a = request.load_erlangs(demand)
    if demand.arrivals == 0:
        # Nobody arrives: no booth, nobody waits, nobody is served.
        return HourStaffing(demand.hour, 0, 0.0, 1.0, 0.0, 0.0)
    n, c, share = fewest_servers(a, request.service_seconds, request.target_wait_seconds, request.target_share)
    return HourStaffing(demand.hour, n, a, share, c * request.service_seconds / (n - a), a / n)
