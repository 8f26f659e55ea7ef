"""Appointments: a case's panel (its appointments, booking one at a free slot, moving it, recording whether the
applicant came, the invitation as an iCalendar file), an office's list of the day, and its schedule (set by a
senior officer)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from borderdesk.apps.casework.models import AppointmentPurpose, AppointmentStatus
from borderdesk.apps.casework.services import appointments as service
from borderdesk.apps.casework.services import cases
from borderdesk.apps.casework.views.common import after_action, form_date
from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.views import refuses_without


def panel(request, record) -> dict:
    """What this part adds to the context of a case's page (``casework/_appointments.html``)."""
    found = service.appointments_of(request.user, record.application)
    now = timezone.now()
    purposes = []
    if record.may_work:
        if "schedule_interview" in record.allowed_actions:
            purposes.append(AppointmentPurpose.INTERVIEW)
        if "withdraw" in record.allowed_actions:  # the case is open
            purposes.append(AppointmentPurpose.BIOMETRICS)
        booked = {a.purpose for a in found.booked}
        purposes = [(p.value, p.label) for p in purposes if p.value not in booked]
    return {
        "appointments": found,
        "appointment_rows": [
            (a, a.status == AppointmentStatus.BOOKED and a.starts_at <= now) for a in found.appointments
        ],
        "booking_purposes": purposes,
    }


def _post_of(request):
    post = getattr(request.user, "current_post", None)
    if post is None:
        raise Invalid("Choose the post you work at first.", code="no_current_post", field="post")
    return post


@login_required
@require_POST
@refuses_without(cases.WORK)
def book(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: service.book(
            request.user,
            reference,
            version=form.get("version"),
            purpose=form.get("purpose", ""),
            starts_at=form.get("starts_at", ""),
            interpreter_language=form.get("interpreter_language", ""),
        ),
    )


@login_required
@require_POST
@refuses_without(cases.WORK)
def reschedule(request, reference: str, pk: int):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: service.reschedule(
            request.user,
            reference,
            pk,
            version=form.get("version"),
            starts_at=form.get("starts_at", ""),
            interpreter_language=form.get("interpreter_language") if "interpreter_language" in form else None,
        ),
    )


@login_required
@require_POST
@refuses_without(cases.WORK)
def outcome(request, reference: str, pk: int):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: service.record_outcome(
            request.user,
            reference,
            pk,
            version=form.get("version"),
            outcome=form.get("outcome", ""),
            notes=form.get("notes", ""),
            proceed=form.get("proceed") == "yes",
        ),
    )


@login_required
@refuses_without(cases.READ)
def invitation_ics(request, reference: str, pk: int):
    ics = service.invitation(request.user, reference, pk)
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    name = "".join(c for c in reference.upper() if c.isalnum() or c == "-")[:30]
    response["Content-Disposition"] = f'attachment; filename="appointment-{name}-{pk}.ics"'
    return response


@login_required
@refuses_without(cases.READ)
def day(request):
    post = _post_of(request)
    try:
        chosen = form_date(request.GET.get("day"), field="day") or post.local_date()
    except Invalid as exc:
        chosen, error = post.local_date(), exc
    else:
        error = None
    record = service.day_at(request.user, post=post, day=chosen)
    return render(
        request,
        "casework/appointments_day.html",
        {
            "record": record,
            "error": error,
            "previous": date.fromordinal(chosen.toordinal() - 1),
            "next": date.fromordinal(chosen.toordinal() + 1),
        },
        status=422 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(cases.MANAGE)
def schedule(request):
    post = _post_of(request)
    error, form = None, None
    if request.method == "POST":
        form = request.POST
        try:
            service.set_schedule(
                request.user,
                post=post,
                hours=service.hours_from_text(form.get("hours", "")),
                slot_minutes=form.get("slot_minutes", ""),
                per_slot=form.get("per_slot", ""),
                interpreters=service.interpreters_from_text(form.get("interpreters", "")),
                closed_days=form.get("closed_days", "").replace(",", " ").split(),
            )
        except BorderdeskError as exc:
            if isinstance(exc, (PermissionDenied, NotFound)):
                raise
            error = exc
        else:
            return redirect(f"{request.path}?saved=1")
    record = service.view_schedule(request.user, post=post)
    return render(
        request,
        "casework/schedule.html",
        {
            "record": record,
            "error": error,
            "form": form if error else service.schedule_as_text(record.row),
            "saved": request.GET.get("saved") == "1" and not error,
        },
        status=error.status if error else 200,
    )


urlpatterns = [
    path("appointments/", day, name="appointments"),
    path("schedule/", schedule, name="schedule"),
    path("<str:reference>/appointments/book", book, name="book-appointment"),
    path("<str:reference>/appointments/<int:pk>/reschedule", reschedule, name="reschedule-appointment"),
    path("<str:reference>/appointments/<int:pk>/outcome", outcome, name="appointment-outcome"),
    path("<str:reference>/appointments/<int:pk>.ics", invitation_ics, name="invitation-ics"),
]
