"""An officer's shifts as an iCalendar feed (RFC 5545), written by the ``icalendar`` package (already a dependency:
casework's appointment invitations use it): one VEVENT a shift, with a stable UID, DTSTAMP and DTSTART/DTEND in
UTC, so a calendar app shows each shift at the right time wherever it is."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar


def ical_feed(officer, shifts) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Borderdesk//Rosters//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Shifts of {officer.get_username()}")
    stamp = datetime.now(UTC)
    for shift in shifts:
        event = icalendar.Event()
        event.add("uid", f"shift-{shift.pk}@borderdesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", shift.starts_at.astimezone(UTC))
        event.add("dtend", shift.ends_at.astimezone(UTC))
        event.add("summary", f"{shift.get_task_display()} at {shift.post.code}")
        event.add("location", shift.post.name)
        if shift.break_minutes:
            event.add("description", f"Break: {shift.break_minutes} minutes.")
        calendar.add_component(event)
    return calendar.to_ical()
