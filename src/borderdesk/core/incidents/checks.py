from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

KINDS = ("sighting", "interception", "apprehension", "rescue")
DAYS_BACK = 30  # an incident is recorded within this many days, while the crew remembers it
CLOCK_SKEW = timedelta(minutes=5)  # an officer's watch a little ahead of the server's clock is not the future
PEOPLE_MAX = 10_000
# The longest text each field keeps (the models' columns; free text well under the agency's limit on any text).
LIMITS = {
    "place": 200,
    "circumstances": 5_000,
    "health_needs": 2_000,
    "remarks": 2_000,
    "outcome": 300,
    "description": 300,
    "quantity": 60,
    "held_by": 200,
}

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_COUNT = re.compile(r"[0-9]{1,6}")


class IncidentProblem(ValueError):
    def __init__(self, message: str, *, code: str, field: str = "") -> None:
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


@dataclass(frozen=True)
class Report:
    """An incident as reported, checked: ``occurred_at`` in UTC. Its position is checked by ``core.patrols``
    (``check_position``: coordinates as patrols write them, with the same codes everywhere)."""

    kind: str
    occurred_at: datetime
    place: str
    circumstances: str
    people_estimated: int | None


@dataclass(frozen=True)
class Seized:
    description: str
    quantity: str
    held_by: str


def check_report(
    *,
    kind: str,
    day: str,
    clock: str,
    place: str = "",
    circumstances: str = "",
    people_estimated: str = "",
    zone: tzinfo,
    now: datetime,
) -> Report:
    """The report with its text tidied, or the first problem, in the form's order."""
    if kind not in KINDS:
        raise IncidentProblem(f"The kind of incident is one of {', '.join(KINDS)}.", code="unknown_kind", field="kind")
    occurred_at = when_on_post_clock(day, clock, zone=zone, now=now)
    return Report(
        kind=kind,
        occurred_at=occurred_at,
        place=check_text(place, field="place", one_line=True),
        circumstances=check_text(circumstances, field="circumstances"),
        people_estimated=check_people_estimated(people_estimated),
    )


def when_on_post_clock(day: str, clock: str, *, zone: tzinfo, now: datetime, days_back: int = DAYS_BACK) -> datetime:
    """The moment a day (YYYY-MM-DD) and time (HH:MM) on the post's clock name, in UTC: not in the future, and not
    more than ``days_back`` days before ``now`` (an aware datetime)."""
    day_text, clock_text = str(day or "").strip(), str(clock or "").strip()
    if not _DAY.fullmatch(day_text):
        raise IncidentProblem(f"{day_text[:20]!r} is not a date as YYYY-MM-DD.", code="invalid_date", field="day")
    try:
        on = date.fromisoformat(day_text)
    except ValueError:
        raise IncidentProblem(f"{day_text!r} is not a date as YYYY-MM-DD.", code="invalid_date", field="day") from None
    hour_minute = _CLOCK.fullmatch(clock_text)
    if not hour_minute or int(hour_minute[1]) > 23 or int(hour_minute[2]) > 59:
        raise IncidentProblem(
            f"{clock_text[:20]!r} is not a time of day as HH:MM (24 hours).", code="invalid_time", field="time"
        )
    today = now.astimezone(zone).date()
    if on > today + timedelta(days=1):  # asked before the exact moment: a day in year 9999 has no UTC moment
        raise _future()
    if on < today - timedelta(days=days_back + 1):
        raise _too_old(days_back)
    local = datetime.combine(on, time(int(hour_minute[1]), int(hour_minute[2])), tzinfo=zone)
    moment = local.astimezone(UTC)
    if moment > now + CLOCK_SKEW:
        raise _future()
    if moment < now - timedelta(days=days_back):
        raise _too_old(days_back)
    return moment


def _future() -> IncidentProblem:
    return IncidentProblem(
        "The incident cannot be in the future: give the day and time it happened on this post's clock.",
        code="time_in_future",
        field="time",
    )


def _too_old(days_back: int) -> IncidentProblem:
    return IncidentProblem(
        f"An incident is recorded within {days_back} days of it; an older one is reported to the sector's "
        "commander in writing.",
        code="time_too_old",
        field="day",
    )


def check_people_estimated(value: object) -> int | None:
    """How many people were seen: blank (not counted) or a whole number from 0 to 10 000."""
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    if not _COUNT.fullmatch(text) or int(text) > PEOPLE_MAX:
        raise IncidentProblem(
            f"Give how many people were seen as a number from 0 to {PEOPLE_MAX:,}, or leave it blank.",
            code="people_estimated_invalid",
            field="people_estimated",
        )
    return int(text)


def check_text(value: object, *, field: str, one_line: bool = False) -> str:
    """Text as kept: trimmed, line ends unified (spaces run together on one line, for ``one_line``), within its
    limit (``<field>_too_long``)."""
    text = str(value if value is not None else "")
    text = " ".join(text.split()) if one_line else text.replace("\r\n", "\n").strip()
    limit = LIMITS[field]
    if len(text) > limit:
        words = field.replace("_", " ")
        raise IncidentProblem(
            f"The {words} is at most {limit:,} characters, not {len(text):,}.", code=f"{field}_too_long", field=field
        )
    return text


def check_seized(*, description: str, quantity: str = "", held_by: str = "") -> Seized:
    """An item seized: what it is (required), how much, and where it is kept or who took it."""
    item = Seized(
        check_text(description, field="description", one_line=True),
        check_text(quantity, field="quantity", one_line=True),
        check_text(held_by, field="held_by", one_line=True),
    )
    if not item.description:
        raise IncidentProblem("Say what was seized.", code="description_required", field="description")
    return item
