"""The kinds of passport-control queue, the booth lanes that serve each by default, and their default service
levels.

The defaults are UK Border Force's published measures: 95% of queue measures under 25 minutes for residents (UK and
EEA passports in its terms) and under 45 minutes for visitors; the other queues take the residents' target (crew
and e-gates are meant to be quicker, not slower, than the residents' hall), fast track a tighter 15 minutes.
Each post may set its own per queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class QueueKind(StrEnum):
    RESIDENTS = "residents"
    VISITORS = "visitors"
    EGATES = "egates"
    CREW = "crew"
    FAST_TRACK = "fast_track"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    QueueKind.RESIDENTS: "Residents",
    QueueKind.VISITORS: "Visitors",
    QueueKind.EGATES: "E-gates",
    QueueKind.CREW: "Crew",
    QueueKind.FAST_TRACK: "Fast track",
}


@dataclass(frozen=True)
class ServiceLevel:
    """``share`` of travellers (0 < share < 1) wait at most ``target_minutes``."""

    target_minutes: int
    share: float

    @property
    def target_seconds(self) -> int:
        return self.target_minutes * 60


DEFAULT_SERVICE_LEVELS: dict[QueueKind, ServiceLevel] = {
    QueueKind.RESIDENTS: ServiceLevel(25, 0.95),
    QueueKind.VISITORS: ServiceLevel(45, 0.95),
    QueueKind.EGATES: ServiceLevel(25, 0.95),
    QueueKind.CREW: ServiceLevel(25, 0.95),
    QueueKind.FAST_TRACK: ServiceLevel(15, 0.95),
}

# Booth lanes (posts.Lane values) that serve each kind of queue unless a post maps them otherwise.
DEFAULT_LANES: dict[QueueKind, tuple[str, ...]] = {
    QueueKind.RESIDENTS: ("nationals",),
    QueueKind.VISITORS: ("all", "visa_exempt", "visa_required"),
    QueueKind.EGATES: ("egate",),
    QueueKind.CREW: ("crew", "diplomatic"),
    QueueKind.FAST_TRACK: (),
}
