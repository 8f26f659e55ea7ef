"""Appointments at an office or consulate: the slots its opening hours offer on working days, how many applicants
each slot takes, which interpreter languages are there on which weekday, booking and rescheduling within those
limits, and the invitation as an iCalendar event (RFC 5545, written by the ``icalendar`` package)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar

from borderdesk.core.casework.deadlines import WorkingCalendar


@dataclass(frozen=True)
class OpeningHours:
    weekday: int  # 0 Monday ... 6 Sunday
    opens: time
    closes: time


@dataclass(frozen=True)
class Schedule:
    """When an office sees applicants: opening hours, slot length, applicants per slot (its counters), and the
    interpreter languages present on each weekday."""

    office: str
    time_zone: str
    hours: tuple[OpeningHours, ...]
    calendar: WorkingCalendar
    slot_minutes: int = 30
    per_slot: int = 1
    interpreters: Mapping[int, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.slot_minutes <= 0 or self.per_slot <= 0:
            raise ValueError("slots last at least a minute and take at least one applicant")
        ZoneInfo(self.time_zone)  # an unknown zone fails here, not at the first booking


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime
    end: datetime


class BookingRefused(ValueError):
    """A booking the schedule does not allow; ``code`` says why (``slot_not_offered``, ``slot_full``,
    ``no_interpreter``, ``slot_in_past``)."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def slots_on(schedule: Schedule, day: date) -> list[Slot]:
    """The slots offered on ``day`` (none on a weekend or public holiday of the office)."""
    if not schedule.calendar.is_working_day(day):
        return []
    zone, length = ZoneInfo(schedule.time_zone), timedelta(minutes=schedule.slot_minutes)
    slots = []
    for hours in (h for h in schedule.hours if h.weekday == day.weekday()):
        start = datetime.combine(day, hours.opens, zone)
        closes = datetime.combine(day, hours.closes, zone)
        while start + length <= closes:
            slots.append(Slot(start, start + length))
            start += length
    return sorted(slots)


def free_slots(
    schedule: Schedule,
    booked: Mapping[datetime, int],
    first_day: date,
    days: int,
    *,
    language: str | None = None,
    now: datetime | None = None,
) -> list[Slot]:
    """The slots from ``first_day`` on, for ``days`` days, with room left (and the interpreter, when asked)."""
    free = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if language and language not in schedule.interpreters.get(day.weekday(), frozenset()):
            continue
        free += [
            slot
            for slot in slots_on(schedule, day)
            if booked.get(slot.start, 0) < schedule.per_slot and (now is None or slot.start > now)
        ]
    return free


def check_booking(
    schedule: Schedule, booked: Mapping[datetime, int], start: datetime, *, now: datetime, language: str | None = None
) -> Slot:
    """The slot starting at ``start`` if it may be booked now, else ``BookingRefused`` saying why."""
    local = start.astimezone(ZoneInfo(schedule.time_zone))
    slot = next((s for s in slots_on(schedule, local.date()) if s.start == local), None)
    if slot is None:
        raise BookingRefused("slot_not_offered", f"{schedule.office} offers no appointment at {local:%Y-%m-%d %H:%M}.")
    if slot.start <= now:
        raise BookingRefused("slot_in_past", f"{local:%Y-%m-%d %H:%M} has passed: choose a later appointment.")
    if booked.get(slot.start, 0) >= schedule.per_slot:
        raise BookingRefused("slot_full", f"{local:%Y-%m-%d %H:%M} is fully booked: choose another appointment.")
    if language and language not in schedule.interpreters.get(local.weekday(), frozenset()):
        raise BookingRefused(
            "no_interpreter", f"No {language} interpreter is at {schedule.office} on {local:%A}s: choose another day."
        )
    return slot


def invitation_ics(slot: Slot, *, uid: str, summary: str, location: str, description: str, stamp: datetime) -> bytes:
    """The appointment as an iCalendar file the applicant's calendar can import (one VEVENT)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Borderdesk//Casework//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", slot.start)
    event.add("dtend", slot.end)
    event.add("summary", summary)
    event.add("location", location)
    event.add("description", description)
    calendar.add_component(event)
    return calendar.to_ical()
