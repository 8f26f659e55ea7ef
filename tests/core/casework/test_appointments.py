"""Appointments: slots on working days within opening hours, capacity per slot, interpreters by weekday, refusals
with a reason, and an invitation any calendar imports."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.casework import (
    BookingRefused,
    OpeningHours,
    Schedule,
    WorkingCalendar,
    check_booking,
    free_slots,
    invitation_ics,
    slots_on,
)

BERLIN = ZoneInfo("Europe/Berlin")
EMBASSY = Schedule(
    office="UTBER",
    time_zone="Europe/Berlin",
    hours=(*(OpeningHours(day, time(9), time(12)) for day in range(5)), OpeningHours(3, time(14), time(16))),
    calendar=WorkingCalendar("DE", subdivision="BE"),
    slot_minutes=30,
    per_slot=2,
    interpreters={1: frozenset({"ar", "fa"}), 3: frozenset({"ar"})},
)
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN)


def test_a_working_thursday_offers_morning_and_afternoon_slots_and_a_holiday_none():
    thursday = slots_on(EMBASSY, date(2026, 3, 5))
    assert len(thursday) == 6 + 4 and thursday[0].start == datetime(2026, 3, 5, 9, 0, tzinfo=BERLIN)
    assert (
        slots_on(EMBASSY, date(2026, 12, 25)) == [] and slots_on(EMBASSY, date(2026, 3, 7)) == []
    )  # Christmas, Saturday


def test_a_full_slot_an_absent_interpreter_a_past_or_unknown_time_are_refused_with_their_reason():
    nine = datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)  # a Tuesday: Arabic and Farsi interpreters
    assert check_booking(EMBASSY, {nine: 1}, nine, now=NOW, language="fa").start == nine
    cases = [
        ({nine: 2}, nine, None, "slot_full"),
        ({}, datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN), "fa", "no_interpreter"),  # Monday
        ({}, datetime(2026, 3, 3, 9, 10, tzinfo=BERLIN), None, "slot_not_offered"),
        ({}, datetime(2026, 3, 3, 12, 0, tzinfo=BERLIN), None, "slot_not_offered"),  # closing time
        ({}, datetime(2026, 3, 2, 7, 0, tzinfo=BERLIN), None, "slot_not_offered"),
        ({}, datetime(2026, 3, 1, 9, 0, tzinfo=BERLIN), None, "slot_not_offered"),  # Sunday
    ]
    for booked, start, language, code in cases:
        with pytest.raises(BookingRefused) as refused:
            check_booking(EMBASSY, booked, start, now=NOW, language=language)
        assert refused.value.code == code
    with pytest.raises(BookingRefused) as refused:
        check_booking(EMBASSY, {}, nine, now=nine + timedelta(minutes=1))
    assert refused.value.code == "slot_in_past"


@given(st.dictionaries(st.integers(min_value=0, max_value=80), st.integers(min_value=0, max_value=3), max_size=40))
def test_every_free_slot_can_be_booked_and_no_full_one_is_offered(bookings):
    offered = [slot for day in range(14) for slot in slots_on(EMBASSY, date(2026, 3, 2) + timedelta(days=day))]
    booked = {offered[i].start: n for i, n in bookings.items() if i < len(offered)}
    free = free_slots(EMBASSY, booked, date(2026, 3, 2), 14, now=NOW)
    assert all(booked.get(slot.start, 0) < EMBASSY.per_slot for slot in free)
    assert len(free) == sum(1 for slot in offered if booked.get(slot.start, 0) < EMBASSY.per_slot)
    for slot in free:
        assert check_booking(EMBASSY, booked, slot.start, now=NOW) == slot


def test_free_slots_with_an_interpreter_fall_on_the_days_one_is_there():
    days = {slot.start.weekday() for slot in free_slots(EMBASSY, {}, date(2026, 3, 2), 14, language="ar", now=NOW)}
    assert days == {1, 3}


def test_the_invitation_is_an_icalendar_event_in_the_office_time():
    slot = slots_on(EMBASSY, date(2026, 3, 5))[-1]
    ics = invitation_ics(
        slot,
        uid="case-42@borderdesk",
        summary="Visa interview",
        location="Embassy of Utopia, Berlin",
        description="Bring your passport",
        stamp=NOW,
    )
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime(2026, 3, 5, 15, 30, tzinfo=BERLIN)
    assert event.decoded("dtend") == datetime(2026, 3, 5, 16, 0, tzinfo=BERLIN)
    assert str(event["uid"]) == "case-42@borderdesk" and str(event["summary"]) == "Visa interview"
