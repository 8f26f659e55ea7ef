"""Appointments at an office or consulate: its schedule (opening hours, slot length, applicants per slot,
interpreters by weekday, days it is shut), set by a senior officer; the free slots of a day; booking an interview or
a biometrics appointment for a case within those limits, moving it to another time, and recording whether the
applicant came; the day's list of an office; and the invitation as an iCalendar file.

Capacity holds when two officers book the last place at once: every booking locks its office's schedule row
before it counts the places taken, so the second one counts the first one's booking and gets ``slot_full``.
What a schedule offers, and why a booking is refused, is ``core/casework/appointments``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import (
    Application,
    Appointment,
    AppointmentPurpose,
    AppointmentSchedule,
    AppointmentStatus,
    EventKind,
)
from borderdesk.apps.casework.services.cases import (
    MANAGE,
    READ,
    WORK,
    add_event,
    application_post,
    check_version,
    load,
    move,
)
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import as_id, service, the_post
from borderdesk.apps.posts.models import Post
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import (
    OPEN_STATES,
    Action,
    BookingRefused,
    OpeningHours,
    Schedule,
    Slot,
    State,
    TransitionRefused,
    WorkingCalendar,
    check_booking,
    free_slots,
    invitation_ics,
    next_state,
    slots_on,
)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Places that stay taken: a booking, and one that was kept or missed (not one moved or cancelled).
TAKEN = (AppointmentStatus.BOOKED, AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW)
SLOT_MINUTES = (5, 240)
PER_SLOT = (1, 50)
MAX_CLOSED_DAYS = 400
MAX_NOTES = 5000
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_HOURS = re.compile(r"^(?P<day>[A-Za-z]{3,9}|[0-6])\s+(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})$")


# --- The schedule -----------------------------------------------------------------------------------------------


def schedule_of(row: AppointmentSchedule, post: Post) -> Schedule:
    """The core's schedule from the stored one (the post's time zone and public holidays, its closed days)."""
    return Schedule(
        office=post.name,
        time_zone=post.time_zone,
        hours=tuple(
            OpeningHours(h["weekday"], time.fromisoformat(h["opens"]), time.fromisoformat(h["closes"]))
            for h in row.hours
        ),
        calendar=WorkingCalendar(post.country, closed=frozenset(date.fromisoformat(d) for d in row.closed_days)),
        slot_minutes=row.slot_minutes,
        per_slot=row.per_slot,
        interpreters={int(day): frozenset(languages) for day, languages in (row.interpreters or {}).items()},
    )


def _weekday(value, *, field: str) -> int:
    text = str(value).strip()
    if text.isdigit() and 0 <= int(text) <= 6:
        return int(text)
    for number, name in enumerate(WEEKDAYS):
        if text.lower() in (name.lower(), DAY_NAMES[number].lower()):
            return number
    raise Invalid(f"{text[:20]!r} is not a weekday (Mon to Sun).", code="invalid_weekday", field=field)


def _clock(value, *, field: str) -> time:
    try:
        clock = value if isinstance(value, time) else time.fromisoformat(str(value).strip().zfill(5))
    except ValueError:
        raise Invalid(f"{str(value)[:20]!r} is not a time (HH:MM).", code="invalid_time", field=field) from None
    return clock.replace(second=0, microsecond=0, tzinfo=None)


def _hours(hours) -> list[dict]:
    periods: list[tuple[int, time, time]] = []
    for entry in hours or ():
        if not isinstance(entry, dict):
            raise Invalid("Opening hours are a weekday, opening and closing time.", code="invalid_hours", field="hours")
        day = _weekday(entry.get("weekday"), field="hours")
        opens, closes = _clock(entry.get("opens"), field="hours"), _clock(entry.get("closes"), field="hours")
        if opens >= closes:
            raise Invalid(
                f"On {WEEKDAYS[day]} the office opens at {opens:%H:%M} and closes at {closes:%H:%M}: it must open "
                "before it closes.",
                code="invalid_hours",
                field="hours",
            )
        for other_day, other_opens, other_closes in periods:
            if other_day == day and opens < other_closes and other_opens < closes:
                raise Invalid(
                    f"On {WEEKDAYS[day]}, {opens:%H:%M}-{closes:%H:%M} overlaps "
                    f"{other_opens:%H:%M}-{other_closes:%H:%M}.",
                    code="hours_overlap",
                    field="hours",
                )
        periods.append((day, opens, closes))
    if len(periods) > 50:
        raise Invalid("At most 50 opening periods a week.", code="too_many", field="hours")
    return [
        {"weekday": day, "opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
        for day, opens, closes in sorted(periods)
    ]


def _interpreters(interpreters) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for day, languages in (interpreters or {}).items():
        number = _weekday(day, field="interpreters")
        for language in [languages] if isinstance(languages, str) else languages or ():
            code = _language(language, field="interpreters")
            if code and code not in out.setdefault(str(number), []):
                out[str(number)].append(code)
    return {day: sorted(codes) for day, codes in sorted(out.items()) if codes}


def _language(value, *, field: str = "interpreter_language") -> str:
    code = str(value or "").strip().lower()
    if code and not _LANGUAGE.match(code):
        raise Invalid(
            f"{code[:20]!r} is not a language code (two or three letters, e.g. ar).",
            code="invalid_language",
            field=field,
        )
    return code


def _closed_days(days) -> list[str]:
    out: set[date] = set()
    for value in days or ():
        try:
            out.add(value if isinstance(value, date) else date.fromisoformat(str(value).strip()))
        except ValueError:
            raise Invalid(
                f"{str(value)[:20]!r} is not a date (YYYY-MM-DD).", code="invalid_date", field="closed_days"
            ) from None
    if len(out) > MAX_CLOSED_DAYS:
        raise Invalid(f"At most {MAX_CLOSED_DAYS} closed days.", code="too_many", field="closed_days")
    return [day.isoformat() for day in sorted(out)]


def _number(value, *, field: str, bounds: tuple[int, int]) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = None
    if number is None or not bounds[0] <= number <= bounds[1]:
        raise Invalid(
            f"{field.replace('_', ' ').capitalize()} is a whole number from {bounds[0]} to {bounds[1]}.",
            code="invalid_number",
            field=field,
        )
    return number


def hours_from_text(text: str) -> list[dict]:
    """``Mon 09:00-12:30`` a line (several periods a line, separated by commas)."""
    hours = []
    for part in re.split(r"[\n,;]+", text or ""):
        part = part.strip()
        if not part:
            continue
        match = _HOURS.match(part)
        if match is None:
            raise Invalid(
                f"{part[:40]!r}: write opening hours as a weekday and two times, e.g. Mon 09:00-12:30.",
                code="invalid_hours",
                field="hours",
            )
        hours.append({"weekday": match["day"], "opens": match["opens"], "closes": match["closes"]})
    return hours


def interpreters_from_text(text: str) -> dict[str, list[str]]:
    """``Mon ar fr`` a line: the interpreter languages present on that weekday."""
    out: dict[str, list[str]] = {}
    for line in (text or "").splitlines():
        words = line.replace(",", " ").split()
        if words:
            out.setdefault(str(_weekday(words[0], field="interpreters")), []).extend(words[1:])
    return out


def schedule_as_text(row: AppointmentSchedule | None) -> dict[str, str]:
    """The stored schedule in the words of its form (what ``hours_from_text`` etc. read back)."""
    if row is None:
        return {"hours": "", "interpreters": "", "closed_days": "", "slot_minutes": "30", "per_slot": "1"}
    return {
        "hours": "\n".join(f"{WEEKDAYS[h['weekday']]} {h['opens']}-{h['closes']}" for h in row.hours),
        "interpreters": "\n".join(
            f"{WEEKDAYS[int(day)]} {' '.join(languages)}" for day, languages in sorted(row.interpreters.items())
        ),
        "closed_days": " ".join(row.closed_days),
        "slot_minutes": str(row.slot_minutes),
        "per_slot": str(row.per_slot),
    }


@dataclass(frozen=True)
class ScheduleRecord:
    post: Post
    row: AppointmentSchedule | None

    @property
    def weekly(self) -> list[tuple[str, list[dict], list[str]]]:
        """Each weekday with its opening hours and interpreters (for the page)."""
        if self.row is None:
            return []
        return [
            (
                WEEKDAYS[day],
                [h for h in self.row.hours if h["weekday"] == day],
                self.row.interpreters.get(str(day), []),
            )
            for day in range(7)
        ]


@service((MANAGE, *READ), post=the_post)
def view_schedule(actor, *, post: Post) -> ScheduleRecord:
    """An office's schedule (nothing personal in it)."""
    return ScheduleRecord(post, AppointmentSchedule.objects.filter(post=post).first())


@service(MANAGE, post=the_post)
def set_schedule(
    actor,
    *,
    post: Post,
    hours,
    slot_minutes=30,
    per_slot=1,
    interpreters=None,
    closed_days=(),
) -> AppointmentSchedule:
    """Set when ``post`` sees applicants. Appointments already booked stay as they are (an officer moves those
    that no longer fit)."""
    values = {
        "hours": _hours(hours),
        "slot_minutes": _number(slot_minutes, field="slot_minutes", bounds=SLOT_MINUTES),
        "per_slot": _number(per_slot, field="per_slot", bounds=PER_SLOT),
        "interpreters": _interpreters(interpreters),
        "closed_days": _closed_days(closed_days),
    }
    if not values["hours"]:
        raise Invalid("Give the opening hours of at least one weekday.", code="invalid_hours", field="hours")
    AppointmentSchedule.objects.get_or_create(post=post)
    row = AppointmentSchedule.objects.select_for_update().get(post=post)
    old = {name: getattr(row, name) for name in values}
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    record_change(actor, AuditAction.CASEWORK_SCHEDULE_UPDATE, row, old=old, new=values, post_code=post.code)
    return row


# --- Free slots ---------------------------------------------------------------------------------------------


def taken_places(post: Post, first: datetime, last: datetime) -> Counter:
    """How many places are taken at each start time from ``first`` to ``last``."""
    starts = Appointment.objects.filter(
        post=post, starts_at__gte=first, starts_at__lt=last, status__in=TAKEN
    ).values_list("starts_at", flat=True)
    return Counter(starts)


def _offered(post: Post, row: AppointmentSchedule, first_day: date, days: int, language: str, now: datetime):
    schedule = schedule_of(row, post)
    zone = ZoneInfo(post.time_zone)
    start = datetime.combine(first_day, time(0), zone)
    taken = taken_places(post, start, start + timedelta(days=days + 1))
    return free_slots(schedule, taken, first_day, days, language=language or None, now=now), taken, schedule


@dataclass(frozen=True)
class FreeSlot:
    slot: Slot
    places: int  # left

    @property
    def value(self) -> str:
        return self.slot.start.isoformat()


@service(READ, post=the_post)
def free_slots_at(
    actor, *, post: Post, first_day: date | None = None, days: int = 14, language: str = "", now=None
) -> list[FreeSlot]:
    """The slots with room from ``first_day`` (today) for ``days`` days, with an interpreter of ``language`` when
    asked; none when the office has no schedule."""
    row = AppointmentSchedule.objects.filter(post=post).first()
    if row is None:
        return []
    days = max(1, min(int(days), 92))
    slots, taken, schedule = _offered(
        post, row, first_day or post.local_date(), days, _language(language), now or timezone.now()
    )
    return [FreeSlot(slot, schedule.per_slot - taken.get(slot.start, 0)) for slot in slots]


# --- Booking ----------------------------------------------------------------------------------------------------


def _may_move(case: Application, action: Action) -> None:
    try:
        next_state(State(case.state), action)
    except TransitionRefused as refused:
        raise Invalid(str(refused), code=refused.code, field="action") from None


def _purpose(value) -> str:
    if value not in AppointmentPurpose.values:
        raise Invalid(
            f"An appointment is for {' or '.join(AppointmentPurpose.values)}.", code="unknown_purpose", field="purpose"
        )
    return str(value)


def _starts_at(value, post: Post) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise Invalid(
                f"{str(value)[:40]!r} is not a time (choose one of the free appointments).",
                code="invalid_time",
                field="starts_at",
            ) from None
    if moment.tzinfo is None:  # a time without its offset is the office's own
        moment = moment.replace(tzinfo=ZoneInfo(post.time_zone))
    return moment


def _touch(case: Application) -> None:
    """A change to a case that is not a move still raises its version (two officers, one case)."""
    case.version = F("version") + 1
    case.save(update_fields=["version", "updated_at"])
    case.refresh_from_db(fields=["version"])


def _place(actor, case: Application, purpose: str, starts_at, language: str, now: datetime) -> Appointment:
    """Book a place at the case's office, counting the places taken while its schedule row is locked."""
    post = case.post
    row = AppointmentSchedule.objects.select_for_update().filter(post=post).first()
    if row is None:
        raise Invalid(f"{post.name} has no appointment schedule yet.", code="no_schedule", field="starts_at")
    start = _starts_at(starts_at, post)
    schedule = schedule_of(row, post)
    length = timedelta(minutes=schedule.slot_minutes)
    taken = taken_places(post, start - length, start + length)
    try:
        slot = check_booking(schedule, taken, start, now=now, language=language or None)
    except BookingRefused as refused:
        error = Conflict if refused.code == "slot_full" else Invalid
        field = "interpreter_language" if refused.code == "no_interpreter" else "starts_at"
        raise error(str(refused), code=refused.code, field=field) from None
    return Appointment.objects.create(
        application=case,
        post=post,
        purpose=purpose,
        starts_at=slot.start,
        ends_at=slot.end,
        interpreter_language=language,
        booked_by=user_of(actor),
        booked_at=timezone.now(),
    )


def _when(appointment: Appointment) -> str:
    local = appointment.starts_at.astimezone(ZoneInfo(appointment.post.time_zone))
    return f"{local:%Y-%m-%d %H:%M}"


def _described(appointment: Appointment) -> dict:
    return {
        "appointment": appointment.pk,
        "purpose": appointment.purpose,
        "starts_at": appointment.starts_at.isoformat(),
        **({"interpreter": appointment.interpreter_language} if appointment.interpreter_language else {}),
    }


@service(WORK, post=application_post)
def book(actor, application, *, version, purpose, starts_at, interpreter_language: str = "", now=None) -> Appointment:
    """Book an interview (the case moves to interview scheduled, from assessment) or a biometrics appointment
    (while the case is open) at a free slot of the case's office: ``slot_full`` (409) when the last place went,
    ``slot_not_offered`` on a closed day or at a time the schedule does not offer, ``no_interpreter`` when none of
    the language is there that day, ``slot_in_past``."""
    case = load(application, for_update=True)
    check_version(case, version)
    purpose = _purpose(purpose)
    language = _language(interpreter_language)
    if purpose == AppointmentPurpose.INTERVIEW:
        _may_move(case, Action.SCHEDULE_INTERVIEW)
    elif State(case.state) not in OPEN_STATES:
        raise Invalid(
            "Appointments are booked only while the application is open.", code="case_not_open", field="purpose"
        )
    if Appointment.objects.filter(application=case, purpose=purpose, status=AppointmentStatus.BOOKED).exists():
        raise Conflict(
            f"An {purpose} appointment is booked already: move it to another time instead.",
            code="appointment_exists",
            field="purpose",
        )
    appointment = _place(actor, case, purpose, starts_at, language, now or timezone.now())
    what = f"{appointment.get_purpose_display()} booked for {_when(appointment)}" + (
        f" with a {language} interpreter" if language else ""
    )
    if purpose == AppointmentPurpose.INTERVIEW:
        move(case, actor, Action.SCHEDULE_INTERVIEW, text=what)
    else:
        _touch(case)
    add_event(case, actor, EventKind.APPOINTMENT, action="book", text=what, **_described(appointment))
    record_change(
        actor,
        AuditAction.CASEWORK_APPOINTMENT_BOOK,
        appointment,
        new={"application": case.reference, **_described(appointment)},
        post_code=case.post.code,
    )
    return appointment


def _appointment_of(case: Application, appointment) -> Appointment:
    """One of the case's appointments, locked; another case's (or another post's) is not found."""
    pk = as_id(getattr(appointment, "pk", appointment), field="appointment")
    found = Appointment.objects.select_for_update().select_related("post").filter(pk=pk, application=case).first()
    if found is None:
        raise NotFound(f"No appointment {pk} on {case.reference}.", code="appointment_not_found")
    return found


def _still_booked(appointment: Appointment) -> None:
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(
            f"This appointment is {appointment.get_status_display().lower()} already.",
            code="appointment_not_booked",
        )


@service(WORK, post=application_post)
def reschedule(
    actor, application, appointment, *, version, starts_at, interpreter_language=None, now=None
) -> Appointment:
    """Move a booked appointment to another free slot: a new appointment is booked (same checks as booking) and
    the old one is marked ``rescheduled``, ``replaced_by`` the new one. The language stays unless given."""
    case = load(application, for_update=True)
    check_version(case, version)
    old = _appointment_of(case, appointment)
    _still_booked(old)
    language = old.interpreter_language if interpreter_language is None else _language(interpreter_language)
    if _starts_at(starts_at, case.post) == old.starts_at and language == old.interpreter_language:
        raise Invalid("The appointment is at that time already.", code="same_time", field="starts_at")
    old.status = AppointmentStatus.RESCHEDULED  # its place is free for the new booking's count
    old.save(update_fields=["status"])
    new = _place(actor, case, old.purpose, starts_at, language, now or timezone.now())
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    _touch(case)
    text = f"{old.get_purpose_display()} moved from {_when(old)} to {_when(new)}"
    add_event(case, actor, EventKind.APPOINTMENT, action="reschedule", text=text, old=old.pk, **_described(new))
    record_change(
        actor,
        AuditAction.CASEWORK_APPOINTMENT_RESCHEDULE,
        old,
        old={"status": AppointmentStatus.BOOKED.value, "starts_at": old.starts_at.isoformat()},
        new={"status": old.status, "replaced_by": new.pk, "application": case.reference, **_described(new)},
        post_code=case.post.code,
    )
    return new


OUTCOMES = ("attended", "no_show")


@service(WORK, post=application_post)
def record_outcome(
    actor, application, appointment, *, version, outcome: str, notes: str = "", proceed: bool = False, now=None
) -> Appointment:
    """The applicant came (``attended``) or did not (``no_show``), once the appointment has begun. An interview
    attended takes the interview notes and sends the case back to assessment (``record_interview``). A missed one
    leaves the case interview scheduled, to book again; or, with ``proceed``, back to assessment without it."""
    case = load(application, for_update=True)
    check_version(case, version)
    found = _appointment_of(case, appointment)
    _still_booked(found)
    if outcome not in OUTCOMES:
        raise Invalid("Say whether the applicant came or not.", code="unknown_outcome", field="outcome")
    if found.starts_at > (now or timezone.now()):
        raise Invalid(
            f"The appointment is on {_when(found)}: record what happened once it has begun.",
            code="appointment_not_yet",
            field="outcome",
        )
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise Invalid("Notes are at most 5,000 characters.", code="notes_too_long", field="notes")
    interview = found.purpose == AppointmentPurpose.INTERVIEW
    moves = interview and (outcome == "attended" or proceed)
    if interview and outcome == "attended" and not notes:
        raise Invalid("Write the interview notes.", code="notes_required", field="notes")
    if moves:
        _may_move(case, Action.RECORD_INTERVIEW)
    found.status = AppointmentStatus.ATTENDED if outcome == "attended" else AppointmentStatus.NO_SHOW
    found.save(update_fields=["status"])
    came = "attended" if outcome == "attended" else "the applicant did not come"
    headline = f"{found.get_purpose_display()} of {_when(found)}: {came}"
    if moves:
        move(
            case,
            actor,
            Action.RECORD_INTERVIEW,
            text="Interview held" if outcome == "attended" else "Going on without the interview",
        )
    else:
        _touch(case)
    add_event(
        case,
        actor,
        EventKind.APPOINTMENT,
        action=outcome,
        text=f"{headline}. {notes}" if notes else headline,
        appointment=found.pk,
        purpose=found.purpose,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_APPOINTMENT_OUTCOME,
        found,
        old={"status": AppointmentStatus.BOOKED.value},
        new={"status": found.status, "application": case.reference, **({"notes": notes[:200]} if notes else {})},
        post_code=case.post.code,
    )
    return found


# --- Reading ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppointmentsRecord:
    """A case's appointments (latest first) and the free slots of its office in the coming days."""

    appointments: list[Appointment]
    free: list[FreeSlot]
    has_schedule: bool
    time_zone: str

    @property
    def booked(self) -> list[Appointment]:
        return [a for a in self.appointments if a.status == AppointmentStatus.BOOKED]


@service(READ, post=application_post)
def appointments_of(actor, application, *, days: int = 14, now=None) -> AppointmentsRecord:
    """An application's appointments, and the free slots for booking one: a logged read at its post."""
    case = load(application)
    record_access(actor, case.applicant, purpose="case appointments", detail=case.reference, post_code=case.post.code)
    appointments = list(
        Appointment.objects.filter(application=case).select_related("post", "booked_by").order_by("-starts_at", "-pk")
    )
    row = AppointmentSchedule.objects.filter(post=case.post).first()
    free: list[FreeSlot] = []
    if row is not None:
        slots, taken, schedule = _offered(case.post, row, case.post.local_date(), days, "", now or timezone.now())
        free = [FreeSlot(slot, schedule.per_slot - taken.get(slot.start, 0)) for slot in slots]
    return AppointmentsRecord(appointments, free, row is not None, case.post.time_zone)


@dataclass(frozen=True)
class DayRecord:
    post: Post
    day: date
    appointments: list[Appointment]
    slots: list[tuple[Slot, int]]  # each slot of the day and the places taken
    holiday: str | None


@service(READ, post=the_post)
def day_at(actor, *, post: Post, day: date) -> DayRecord:
    """The appointments of ``day`` at ``post`` (who comes when, for what): an access event for each applicant."""
    zone = ZoneInfo(post.time_zone)
    start = datetime.combine(day, time(0), zone)
    appointments = list(
        Appointment.objects.filter(post=post, starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
        .select_related("application", "application__applicant", "post")
        .order_by("starts_at", "pk")
    )
    for applicant in {a.application.applicant_id: a.application.applicant for a in appointments}.values():
        record_access(actor, applicant, purpose="appointments of the day", detail=day.isoformat(), post_code=post.code)
    row = AppointmentSchedule.objects.filter(post=post).first()
    slots: list[tuple[Slot, int]] = []
    holiday = None
    if row is not None:
        schedule = schedule_of(row, post)
        taken = taken_places(post, start, start + timedelta(days=1))
        slots = [(slot, taken.get(slot.start, 0)) for slot in slots_on(schedule, day)]
        holiday = schedule.calendar.holiday(day)
    return DayRecord(post, day, appointments, slots, holiday)


@service(READ, post=application_post)
def invitation(actor, application, appointment) -> bytes:
    """The appointment as an iCalendar file (times in the office's time zone). Its summary names the office, the
    purpose and the case's reference, never the applicant, since calendars are shared and synchronised."""
    case = load(application)
    pk = as_id(getattr(appointment, "pk", appointment), field="appointment")
    found = Appointment.objects.select_related("post").filter(pk=pk, application=case).first()
    if found is None:
        raise NotFound(f"No appointment {pk} on {case.reference}.", code="appointment_not_found")
    record_access(
        actor, case.applicant, purpose="appointment invitation", detail=case.reference, post_code=case.post.code
    )
    zone = ZoneInfo(found.post.time_zone)
    purpose = found.get_purpose_display()
    return invitation_ics(
        Slot(found.starts_at.astimezone(zone), found.ends_at.astimezone(zone)),
        uid=f"appointment-{found.pk}@borderdesk",
        summary=f"{purpose}: {found.post.name}, application {case.reference}",
        location=found.post.name,
        description=(
            f"{purpose} at {found.post.name} for application {case.reference}. Bring your passport and this "
            "reference."
            + (f" An interpreter ({found.interpreter_language}) will be there." if found.interpreter_language else "")
        ),
        stamp=found.booked_at,
    )
