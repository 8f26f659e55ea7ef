"""Appointments: an office's schedule set by a senior officer; booking an interview or biometrics at a free slot
(capacity, public holidays of the post's country, closed days, interpreters, the past refused with their reason;
the last place taken by one of two officers booking at once); moving a booking; recording whether the applicant
came; the day's list; and the invitation as an iCalendar file in the office's time zone, without the applicant's
name."""

import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.models import Application, Appointment, AppointmentSchedule, CaseEvent
from borderdesk.apps.casework.services import appointments as service
from borderdesk.apps.casework.services.appointments import WEEKDAYS
from borderdesk.apps.casework.services.cases import act
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.common.errors import BorderdeskError, Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.core.audit.actions import AuditAction
from tests.apps.casework.conftest import LODGED_ON, TOURIST, make_traveller

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 9, 8, 0, tzinfo=BERLIN)  # Monday morning, before the embassy opens
TUESDAY_9 = datetime(2026, 3, 10, 9, 0, tzinfo=BERLIN)
HOURS = [{"weekday": day, "opens": "09:00", "closes": "11:00"} for day in range(5)]


@pytest.fixture
def schedule(case_senior, embassy):
    return service.set_schedule(
        case_senior,
        post=embassy,
        hours=HOURS,
        slot_minutes=30,
        per_slot=2,
        interpreters={"1": ["ar"], "Thu": ["fr", "ar"]},
        closed_days=["2026-03-12"],
    )


def _in_assessment(consul, embassy, number="A07654321", surname="OKAFOR") -> Application:
    traveller, document = make_traveller(number=number, surname=surname)
    case = lodge(
        consul,
        post=embassy,
        kind="short_stay_visa",
        traveller=traveller,
        document=document,
        answers=TOURIST,
        lodged_on=LODGED_ON,
    )
    for version, action in enumerate(["find_admissible", "start_checks", "checks_done"], start=1):
        act(consul, case.reference, action, version=version)
    return Application.objects.get(pk=case.pk)


def _book(actor, case, starts_at=TUESDAY_9, *, purpose="interview", language="", now=NOW):
    case.refresh_from_db()
    return service.book(
        actor,
        case.reference,
        version=case.version,
        purpose=purpose,
        starts_at=starts_at,
        interpreter_language=language,
        now=now,
    )


# --- The schedule -----------------------------------------------------------------------------------------------


def test_a_senior_officer_sets_the_schedule_and_it_is_audited(case_senior, embassy, schedule):
    row = AppointmentSchedule.objects.get(post=embassy)
    assert row.hours[0] == {"weekday": 0, "opens": "09:00", "closes": "11:00"} and row.per_slot == 2
    assert row.interpreters == {"1": ["ar"], "3": ["ar", "fr"]} and row.closed_days == ["2026-03-12"]
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_SCHEDULE_UPDATE, post_code="UTB").count() == 1
    text = service.schedule_as_text(row)
    again = service.set_schedule(
        case_senior,
        post=embassy,
        hours=service.hours_from_text(text["hours"]),
        slot_minutes=text["slot_minutes"],
        per_slot=text["per_slot"],
        interpreters=service.interpreters_from_text(text["interpreters"]),
        closed_days=text["closed_days"].split(),
    )
    assert (again.hours, again.interpreters, again.closed_days) == (row.hours, row.interpreters, row.closed_days)


def test_only_a_senior_officer_of_the_post_sets_it(consul, caseworker, embassy):
    for who in (consul, caseworker):
        with pytest.raises(PermissionDenied):
            service.set_schedule(who, post=embassy, hours=HOURS)
    assert not AppointmentSchedule.objects.exists()


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"hours": []}, "invalid_hours"),
        ({"hours": [{"weekday": 0, "opens": "12:00", "closes": "09:00"}]}, "invalid_hours"),
        ({"hours": [{"weekday": 9, "opens": "09:00", "closes": "12:00"}]}, "invalid_weekday"),
        ({"hours": [{"weekday": 0, "opens": "9h", "closes": "12:00"}]}, "invalid_time"),
        ({"hours": [*HOURS, {"weekday": 0, "opens": "10:30", "closes": "12:00"}]}, "hours_overlap"),
        ({"hours": ["Mon 09:00-12:00"]}, "invalid_hours"),
        ({"slot_minutes": 0}, "invalid_number"),
        ({"slot_minutes": "ten"}, "invalid_number"),
        ({"per_slot": 10_000}, "invalid_number"),
        ({"interpreters": {"Mon": ["arabic"]}}, "invalid_language"),
        ({"interpreters": {"Someday": ["ar"]}}, "invalid_weekday"),
        ({"closed_days": ["2026-02-30"]}, "invalid_date"),
        ({"closed_days": [f"{2026 + n // 365}-01-01" for n in range(10)] + ["x"]}, "invalid_date"),
    ],
)
def test_a_bad_schedule_is_refused_whole(case_senior, embassy, schedule, values, code):
    before = AppointmentSchedule.objects.values().get(post=embassy)
    with pytest.raises(Invalid) as exc:
        service.set_schedule(case_senior, post=embassy, **{"hours": HOURS, **values})
    assert exc.value.code == code
    assert AppointmentSchedule.objects.values().get(post=embassy) == before


def test_schedule_text_is_read_line_by_line():
    assert service.hours_from_text("Mon 09:00-12:30, Mon 14:00 - 16:00\nfri 9:00-10:00") == [
        {"weekday": "Mon", "opens": "09:00", "closes": "12:30"},
        {"weekday": "Mon", "opens": "14:00", "closes": "16:00"},
        {"weekday": "fri", "opens": "9:00", "closes": "10:00"},
    ]
    assert service.interpreters_from_text("Tue ar fr\n\nThu, tr") == {"1": ["ar", "fr"], "3": ["tr"]}
    with pytest.raises(Invalid) as exc:
        service.hours_from_text("Monday all day")
    assert exc.value.code == "invalid_hours"


# --- Booking ----------------------------------------------------------------------------------------------------


def test_booking_an_interview_moves_the_case_and_fills_the_slot(consul, embassy, schedule):
    first = _in_assessment(consul, embassy)
    appointment = _book(consul, first, language="ar")
    first.refresh_from_db()
    assert first.state == "interview_scheduled" and first.version == 5
    assert appointment.starts_at == TUESDAY_9 and appointment.ends_at == TUESDAY_9 + timedelta(minutes=30)
    assert appointment.interpreter_language == "ar" and appointment.status == "booked"
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_APPOINTMENT_BOOK, post_code="UTB").count() == 1
    assert "2026-03-10 09:00" in CaseEvent.objects.filter(application=first, kind="appointment").get().text

    free = service.free_slots_at(consul, post=embassy, first_day=date(2026, 3, 10), days=1, now=NOW)
    assert [(f.slot.start, f.places) for f in free][:2] == [(TUESDAY_9, 1), (TUESDAY_9 + timedelta(minutes=30), 2)]
    second = _in_assessment(consul, embassy, number="B1", surname="ADEYEMI")
    _book(consul, second)
    free = service.free_slots_at(consul, post=embassy, first_day=date(2026, 3, 10), days=1, now=NOW)
    assert TUESDAY_9 not in [f.slot.start for f in free] and len(free) == 3
    third = _in_assessment(consul, embassy, number="C1", surname="BELLO")
    with pytest.raises(Conflict) as exc:
        _book(consul, third)
    assert exc.value.code == "slot_full" and exc.value.status == 409
    third.refresh_from_db()
    assert third.state == "assessment" and Appointment.objects.filter(application=third).count() == 0


@pytest.mark.parametrize(
    ("starts_at", "language", "code"),
    [
        (datetime(2026, 4, 3, 9, 0, tzinfo=BERLIN), "", "slot_not_offered"),  # Good Friday
        (datetime(2026, 4, 6, 9, 0, tzinfo=BERLIN), "", "slot_not_offered"),  # Easter Monday
        (datetime(2026, 3, 12, 9, 0, tzinfo=BERLIN), "", "slot_not_offered"),  # the embassy's own closed day
        (datetime(2026, 3, 14, 9, 0, tzinfo=BERLIN), "", "slot_not_offered"),  # a Saturday
        (datetime(2026, 3, 10, 9, 10, tzinfo=BERLIN), "", "slot_not_offered"),  # not a slot's start
        (datetime(2026, 3, 10, 11, 0, tzinfo=BERLIN), "", "slot_not_offered"),  # closing time
        (datetime(2026, 3, 6, 9, 0, tzinfo=BERLIN), "", "slot_in_past"),
        (TUESDAY_9, "fr", "no_interpreter"),  # French on Thursdays only
        (datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN), "ar", "no_interpreter"),  # Arabic not on Mondays
        (TUESDAY_9, "arabic", "invalid_language"),
        ("next tuesday", "", "invalid_time"),
    ],
)
def test_a_booking_the_schedule_does_not_allow_is_refused_with_its_reason(
    consul, embassy, schedule, starts_at, language, code
):
    case = _in_assessment(consul, embassy)
    with pytest.raises(Invalid) as exc:
        _book(consul, case, starts_at, language=language)
    assert exc.value.code == code
    case.refresh_from_db()
    assert case.state == "assessment" and case.version == 4 and not Appointment.objects.exists()


def test_a_time_sent_without_its_offset_is_the_offices_and_in_utc_the_same_slot(consul, embassy, schedule):
    case = _in_assessment(consul, embassy)
    assert _book(consul, case, "2026-03-10T09:00").starts_at == TUESDAY_9
    other = _in_assessment(consul, embassy, number="B1", surname="ADEYEMI")
    assert _book(consul, other, "2026-03-10T08:00:00+00:00").starts_at == TUESDAY_9


def test_booking_needs_a_schedule_the_right_state_and_one_booking_a_purpose(consul, embassy, visa_case):
    with pytest.raises(Invalid) as exc:
        _book(consul, visa_case)  # lodged: no interview yet
    assert exc.value.code == "transition_not_allowed"
    with pytest.raises(Invalid) as exc:
        _book(consul, visa_case, purpose="biometrics")  # allowed now, but the embassy has no schedule
    assert exc.value.code == "no_schedule"
    with pytest.raises(Invalid) as exc:
        _book(consul, visa_case, purpose="coffee")
    assert exc.value.code == "unknown_purpose"


def test_biometrics_are_booked_while_the_case_is_open_without_moving_it(consul, visa_case, schedule):
    appointment = _book(consul, visa_case, purpose="biometrics")
    visa_case.refresh_from_db()
    assert appointment.purpose == "biometrics" and visa_case.state == "lodged" and visa_case.version == 2
    with pytest.raises(Conflict) as exc:
        _book(consul, visa_case, TUESDAY_9 + timedelta(hours=1), purpose="biometrics")
    assert exc.value.code == "appointment_exists"
    with pytest.raises(Conflict) as exc:  # a replayed form: the version it saw is gone
        service.book(consul, visa_case.reference, version=1, purpose="biometrics", starts_at=TUESDAY_9, now=NOW)
    assert exc.value.code == "case_changed"
    act(consul, visa_case.reference, "withdraw", version=2)
    with pytest.raises(Invalid) as exc:
        _book(consul, Application.objects.get(pk=visa_case.pk), purpose="biometrics")
    assert exc.value.code == "case_not_open"


def test_another_posts_officer_can_neither_book_nor_see(caseworker, consul, embassy, schedule):
    case = _in_assessment(consul, embassy)
    with pytest.raises(PermissionDenied):
        _book(caseworker, case)
    with pytest.raises(PermissionDenied):
        service.appointments_of(caseworker, case.reference)
    with pytest.raises(PermissionDenied):
        service.day_at(caseworker, post=embassy, day=date(2026, 3, 10))
    assert not Appointment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_officers_booking_the_last_place_at_once_one_gets_slot_full(make_user, case_senior, embassy):
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: the SQLite test database is one connection")
    service.set_schedule(case_senior, post=embassy, hours=HOURS, per_slot=1)
    officers = [make_user(f"consul{n}", "consular_officer", posts=[embassy.code]) for n in range(2)]
    cases = [_in_assessment(officers[0], embassy, number=f"N{n}", surname=f"PERSON{n}") for n in range(2)]
    start, outcomes = threading.Barrier(2), []

    def book(officer, case):
        try:
            start.wait()
            service.book(officer, case.reference, version=4, purpose="interview", starts_at=TUESDAY_9, now=NOW)
            outcomes.append("booked")
        except BorderdeskError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=pair) for pair in zip(officers, cases, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "slot_full"]
    assert Appointment.objects.filter(starts_at=TUESDAY_9).count() == 1
    assert sorted(Application.objects.values_list("state", flat=True)) == ["assessment", "interview_scheduled"]


# --- Moving, and what happened ----------------------------------------------------------------------------------


def test_rescheduling_books_the_new_time_and_marks_the_old_one(consul, embassy, schedule):
    case = _in_assessment(consul, embassy)
    old = _book(consul, case, language="ar")
    later = datetime(2026, 3, 19, 10, 0, tzinfo=BERLIN)  # a Thursday: Arabic too
    new = service.reschedule(consul, case.reference, old.pk, version=5, starts_at=later, now=NOW)
    old.refresh_from_db()
    assert old.status == "rescheduled" and old.replaced_by_id == new.pk
    assert new.starts_at == later and new.interpreter_language == "ar" and new.status == "booked"
    case.refresh_from_db()
    assert case.state == "interview_scheduled" and case.version == 6
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_APPOINTMENT_RESCHEDULE).count() == 1
    with pytest.raises(Conflict) as exc:
        service.reschedule(consul, case.reference, old.pk, version=6, starts_at=TUESDAY_9, now=NOW)
    assert exc.value.code == "appointment_not_booked"
    with pytest.raises(Invalid) as exc:
        service.reschedule(consul, case.reference, new.pk, version=6, starts_at=later, now=NOW)
    assert exc.value.code == "same_time"
    with pytest.raises(Invalid) as exc:  # Monday: no Arabic interpreter
        service.reschedule(
            consul, case.reference, new.pk, version=6, starts_at=datetime(2026, 3, 16, 9, tzinfo=BERLIN), now=NOW
        )
    assert exc.value.code == "no_interpreter" and Appointment.objects.get(pk=new.pk).status == "booked"


def test_an_appointment_of_another_case_is_not_found_through_this_one(consul, embassy, schedule):
    mine = _in_assessment(consul, embassy)
    theirs = _in_assessment(consul, embassy, number="B1", surname="ADEYEMI")
    appointment = _book(consul, theirs)
    for call in (
        lambda: service.reschedule(consul, mine.reference, appointment.pk, version=4, starts_at=TUESDAY_9, now=NOW),
        lambda: service.record_outcome(consul, mine.reference, appointment.pk, version=4, outcome="no_show"),
        lambda: service.invitation(consul, mine.reference, appointment.pk),
    ):
        with pytest.raises(NotFound):
            call()
    with pytest.raises(Invalid) as exc:
        service.invitation(consul, mine.reference, "1; DROP TABLE")
    assert exc.value.code == "invalid_id"


def test_an_interview_attended_takes_its_notes_and_goes_back_to_assessment(consul, embassy, schedule):
    case = _in_assessment(consul, embassy)
    appointment = _book(consul, case)
    during = TUESDAY_9 + timedelta(minutes=5)
    with pytest.raises(Invalid) as exc:
        service.record_outcome(consul, case.reference, appointment.pk, version=5, outcome="attended", now=NOW)
    assert exc.value.code == "appointment_not_yet"
    with pytest.raises(Invalid) as exc:
        service.record_outcome(consul, case.reference, appointment.pk, version=5, outcome="attended", now=during)
    assert exc.value.code == "notes_required"
    service.record_outcome(
        consul,
        case.reference,
        appointment.pk,
        version=5,
        outcome="attended",
        notes="Consistent account of the trip; return ticket shown.",
        now=during,
    )
    case.refresh_from_db()
    assert case.state == "assessment" and Appointment.objects.get().status == "attended"
    line = CaseEvent.objects.filter(application=case, kind="appointment").last()
    assert "return ticket shown" in line.text and line.action == "attended"
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_APPOINTMENT_OUTCOME).count() == 1


def test_a_no_show_leaves_the_interview_to_book_again_or_to_go_on_without(consul, embassy, schedule):
    case = _in_assessment(consul, embassy)
    missed = _book(consul, case)
    after = TUESDAY_9 + timedelta(hours=1)
    service.record_outcome(consul, case.reference, missed.pk, version=5, outcome="no_show", now=after)
    case.refresh_from_db()
    assert case.state == "interview_scheduled" and case.version == 6
    assert "did not come" in CaseEvent.objects.filter(application=case, kind="appointment").last().text
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_APPOINTMENT_OUTCOME).count() == 1
    again = _book(consul, case, datetime(2026, 3, 17, 9, 30, tzinfo=BERLIN), now=after)
    case.refresh_from_db()
    assert case.state == "interview_scheduled" and again.status == "booked"
    later = datetime(2026, 3, 17, 10, 30, tzinfo=BERLIN)
    service.record_outcome(consul, case.reference, again.pk, version=7, outcome="no_show", proceed=True, now=later)
    case.refresh_from_db()
    assert case.state == "assessment"
    assert sorted(Appointment.objects.values_list("status", flat=True)) == ["no_show", "no_show"]


def test_biometrics_attended_leave_the_case_where_it_is(consul, visa_case, schedule):
    appointment = _book(consul, visa_case, purpose="biometrics")
    with pytest.raises(Invalid) as exc:
        service.record_outcome(consul, visa_case.reference, appointment.pk, version=2, outcome="maybe", now=TUESDAY_9)
    assert exc.value.code == "unknown_outcome"
    service.record_outcome(consul, visa_case.reference, appointment.pk, version=2, outcome="attended", now=TUESDAY_9)
    visa_case.refresh_from_db()
    assert visa_case.state == "lodged" and visa_case.version == 3
    with pytest.raises(Conflict) as exc:  # recorded twice
        service.record_outcome(consul, visa_case.reference, appointment.pk, version=3, outcome="no_show", now=TUESDAY_9)
    assert exc.value.code == "appointment_not_booked"


# --- The invitation -------------------------------------------------------------------------------------------


def _event(ics: bytes):
    calendar = icalendar.Calendar.from_ical(ics)
    return next(iter(calendar.walk("VEVENT")))


def test_the_invitation_is_an_icalendar_event_in_the_offices_time_without_the_name(consul, embassy, schedule):
    case = _in_assessment(consul, embassy)
    winter = _book(consul, case)
    ics = service.invitation(consul, case.reference, winter.pk)
    event = _event(ics)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == TUESDAY_9 and end == TUESDAY_9 + timedelta(minutes=30)
    assert start.utcoffset() == timedelta(hours=1) and str(start.tzinfo) == "Europe/Berlin"
    assert b"TZID=Europe/Berlin:20260310T090000" in ics.replace(b"\r\n ", b"")
    summary = str(event["summary"])
    assert case.reference in summary and "Embassy in Berlin" in summary and "Interview" in summary
    assert "OKAFOR" not in ics.decode().upper() and "CHINEDU" not in ics.decode().upper()
    assert AccessEvent.objects.filter(purpose="appointment invitation", detail=case.reference).exists()
    # In summer the office's clock is two hours ahead of UTC: the file says the office's 09:00 all the same.
    summer = datetime(2026, 7, 14, 9, 0, tzinfo=BERLIN)
    moved = service.reschedule(consul, case.reference, winter.pk, version=5, starts_at=summer, now=NOW)
    start = _event(service.invitation(consul, case.reference, moved.pk)).decoded("dtstart")
    assert start == summer and start.utcoffset() == timedelta(hours=2) and (start.hour, start.minute) == (9, 0)


def test_the_invitation_is_downloaded_from_the_case_by_its_officers_only(
    client_for, consul, caseworker, embassy, schedule
):
    case = _in_assessment(consul, embassy)
    appointment = _book(consul, case)
    url = f"/casework/{case.reference}/appointments/{appointment.pk}.ics"
    answer = client_for(consul).get(url)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    assert "attachment" in answer["Content-Disposition"] and _event(answer.content).decoded("dtstart") == TUESDAY_9
    refused = client_for(caseworker).get(url)
    assert refused.status_code == 403 and b"BEGIN:VCALENDAR" not in refused.content
    missing = client_for(consul).get(f"/casework/{case.reference}/appointments/{appointment.pk + 99}.ics")
    assert missing.status_code == 404


# --- The pages ----------------------------------------------------------------------------------------------------


def test_the_case_page_books_moves_and_records_appointments(client_for, consul, embassy, schedule):
    case = _in_assessment(consul, embassy)
    client = client_for(consul)
    page = client.get(f"/casework/{case.reference}/").content.decode()
    assert 'data-testid="appointment-book-form"' in page and 'value="interview"' in page
    tomorrow_slots = page.count('<option value="20')
    assert tomorrow_slots > 0  # the free slots of the coming days (real time: the page books from now)
    slot = page.split('data-testid="appointment-slots">', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    bad = client.post(
        f"/casework/{case.reference}/appointments/book",
        {"version": "4", "purpose": "interview", "starts_at": slot, "interpreter_language": "klingon"},
    )
    assert bad.status_code == 422 and "invalid_language" in bad.content.decode()
    assert 'value="klingon"' in bad.content.decode()  # what was typed is still there
    answer = client.post(
        f"/casework/{case.reference}/appointments/book",
        {"version": "4", "purpose": "interview", "starts_at": slot, "interpreter_language": ""},
    )
    assert answer.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.starts_at == datetime.fromisoformat(slot)
    page = client.get(f"/casework/{case.reference}/").content.decode()
    assert 'data-testid="appointment-ics"' in page and 'data-testid="appointment-reschedule"' in page
    assert 'value="interview"' not in page  # booked: it is moved, not booked twice
    early = client.post(
        f"/casework/{case.reference}/appointments/{appointment.pk}/outcome", {"version": "5", "outcome": "no_show"}
    )
    assert early.status_code == 422 and "appointment_not_yet" in early.content.decode()
    other = [v.split('"', 1)[0] for v in page.split('name="starts_at"', 1)[1].split('value="')[1:3]][-1]
    moved = client.post(
        f"/casework/{case.reference}/appointments/{appointment.pk}/reschedule", {"version": "5", "starts_at": other}
    )
    assert moved.status_code == 302 and Appointment.objects.get(pk=appointment.pk).status == "rescheduled"


def test_the_schedule_page_is_a_senior_officers(client_for, case_senior, consul, embassy):
    client = client_for(case_senior)
    page = client.get("/casework/schedule/")
    assert page.status_code == 200 and 'data-testid="schedule-none"' in page.content.decode()
    bad = client.post(
        "/casework/schedule/",
        {"hours": "Mon 09:00-12:00\nTue 14:00-09:00", "slot_minutes": "20", "per_slot": "3", "interpreters": "Tue ar"},
    )
    assert bad.status_code == 422 and "invalid_hours" in bad.content.decode()
    assert "Tue 14:00-09:00" in bad.content.decode() and not AppointmentSchedule.objects.exists()
    saved = client.post(
        "/casework/schedule/",
        {
            "hours": "Mon 09:00-12:00\nTue 09:00-12:00, Tue 14:00-16:00",
            "slot_minutes": "20",
            "per_slot": "3",
            "interpreters": "Tue ar",
            "closed_days": "2026-12-24 2026-12-31",
        },
    )
    assert saved.status_code == 302
    row = AppointmentSchedule.objects.get(post=embassy)
    assert len(row.hours) == 3 and row.slot_minutes == 20 and row.closed_days == ["2026-12-24", "2026-12-31"]
    page = client.get(saved["Location"]).content.decode()
    assert 'data-testid="schedule-saved"' in page and "Tue 14:00-16:00" in page
    assert client_for(consul).get("/casework/schedule/").status_code == 403


def test_the_day_view_lists_who_comes_and_logs_the_reading(client_for, consul, embassy, schedule):
    case = _in_assessment(consul, embassy)
    _book(consul, case, language="ar")
    client = client_for(consul)
    page = client.get("/casework/appointments/?day=2026-03-10")
    body = page.content.decode()
    assert page.status_code == 200 and case.reference in body and "OKAFOR" in body and "09:00" in body
    assert AccessEvent.objects.filter(purpose="appointments of the day", detail="2026-03-10").count() == 1
    holiday = client.get("/casework/appointments/?day=2026-04-03").content.decode()
    assert 'data-testid="day-holiday"' in holiday and "OKAFOR" not in holiday
    bad = client.get("/casework/appointments/?day=someday")
    assert bad.status_code == 422 and "invalid_date" in bad.content.decode()


_periods = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 23 * 60 + 59), st.integers(0, 23 * 60 + 59)), max_size=8
)


@given(_periods)
def test_opening_hours_are_kept_exactly_when_they_make_sense_and_read_back_from_their_text(periods):
    def clock(minutes):
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    hours = [{"weekday": WEEKDAYS[d], "opens": clock(o), "closes": clock(c)} for d, o, c in periods]
    empty = any(o >= c for _, o, c in periods)
    overlap = any(a[0] == b[0] and a[1] < b[2] and b[1] < a[2] for i, a in enumerate(periods) for b in periods[i + 1 :])
    try:
        kept = service._hours(hours)
    except Invalid as exc:
        assert exc.code in ("invalid_hours", "hours_overlap")
        assert empty or overlap
        return
    assert not empty and not overlap
    assert kept == sorted(kept, key=lambda h: (h["weekday"], h["opens"]))
    assert {(h["weekday"], h["opens"], h["closes"]) for h in kept} == {(d, clock(o), clock(c)) for d, o, c in periods}
    text = service.schedule_as_text(AppointmentSchedule(hours=kept))["hours"]
    assert service._hours(service.hours_from_text(text)) == kept
