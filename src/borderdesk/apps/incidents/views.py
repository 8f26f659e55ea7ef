"""Incidents' pages: a sector's incidents of a day, recording one, its page (the people met with their screening,
claims and referrals, the items seized) and the forms on it, and the referral form. Views stay thin: every read and
write is a service call; a form refused keeps what was typed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.incidents import services
from borderdesk.apps.incidents.models import IncidentKind
from borderdesk.apps.partners.models import ReferralKind
from borderdesk.core.access import Perm

READ, WRITE = services.READ, services.WRITE
REFER, PROTECTION = Perm.PATROL_REFERRAL_MAKE, Perm.ASYLUM_CLAIM_MAKE


def _post(request):
    post = request.user.current_post
    if post is None:
        raise Invalid("Choose the post you work at first (at the top of the page).", code="no_current_post")
    return post


@login_required
@require_GET
@refuses_without(READ)
def incident_list(request):
    day = services.incidents_of_day(request.user, post=_post(request), day=request.GET.get("day", ""))
    may_record = request.user.can(WRITE, day.sector.post.code)
    return render(request, "incidents/list.html", {"day": day, "may_record": may_record})


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(WRITE)
def new(request):
    post = _post(request)
    offer = services.new_incident(request.user, post=post)
    if request.method == "GET":
        now = timezone.localtime(timezone.now(), ZoneInfo(post.time_zone))
        form = services.IncidentForm(
            day=now.date().isoformat(), time=now.strftime("%H:%M"), patrol=request.GET.get("patrol", "")
        )
        error = None
        if form.patrol and form.patrol not in {str(patrol.pk) for patrol in offer.patrols}:
            error = Invalid(
                f"Patrol {form.patrol[:12]} is not one of this sector's patrols of the last days: choose one below.",
                code="patrol_not_in_sector",
            )
        return _new_page(request, offer, form, error=error)
    form = services.IncidentForm.of(request.POST)
    try:
        incident = services.record_incident(request.user, post=post, form=form)
    except Invalid as exc:
        return _new_page(request, offer, form, error=exc, status=exc.status)
    return redirect("incidents:incident", reference=incident.reference)


def _new_page(request, offer, form, *, error=None, status=200):
    context = {"offer": offer, "form": form, "kinds": IncidentKind.choices, "error": error}
    return render(request, "incidents/new.html", context, status=status)


@login_required
@require_GET
@refuses_without(READ)
def incident(request, reference: str):
    return _incident_page(request, reference)


def _incident_page(request, reference, *, status=200, **forms):
    page = services.incident_page(request.user, reference)
    code = page.post.code
    user = request.user
    context = {
        "page": page,
        "may_write": user.can(WRITE, code),
        "may_refer": user.can(REFER, code),
        "may_ask_protection": user.can(PROTECTION, code),
        "person_form": services.PersonForm(),
        **forms,
    }
    return render(request, "incidents/incident.html", context, status=status)


@login_required
@require_POST
@refuses_without(WRITE)
def add_person(request, reference: str):
    form = services.PersonForm.of(request.POST)
    try:
        person = services.add_person(request.user, reference, form)
    except (Invalid, Conflict) as exc:
        return _incident_page(request, reference, status=exc.status, person_form=form, person_error=exc)
    messages.success(request, f"Person {person.pk} recorded and screened: see their screening below.")
    return redirect(reverse("incidents:incident", kwargs={"reference": reference}) + f"#person-{person.pk}")


@login_required
@require_POST
@refuses_without(WRITE)
def seize(request, reference: str):
    data = {name: request.POST.get(name, "") for name in ("description", "quantity", "held_by")}
    try:
        services.seize_item(request.user, reference, **data)
    except Invalid as exc:
        return _incident_page(request, reference, status=exc.status, item_form=data, item_error=exc)
    return redirect(reverse("incidents:incident", kwargs={"reference": reference}) + "#seized")


@login_required
@require_POST
@refuses_without(PROTECTION)
def protection(request, pk: int):
    try:
        asked = services.ask_for_protection(request.user, pk)
    except (Invalid, Conflict) as exc:  # a button, nothing typed: the incident's page says why
        messages.error(request, f"{exc.message} (error code {exc.code})")
        return redirect("incidents:incident", reference=services.person_reference(request.user, pk))
    if asked.unit is not None:
        messages.success(
            request,
            f"Protection claim made: it went to the asylum unit ({asked.unit.name}), which registers it. From now on "
            "the person may not be refused entry or removed.",
        )
    else:
        messages.info(
            request,
            "A protection claim was already pending for this person: their asking is recorded on it, and the asylum "
            "unit has it.",
        )
    return _back_to(asked.person)


@login_required
@require_POST
@refuses_without(WRITE)
def outcome(request, pk: int):
    text = request.POST.get("outcome", "")
    try:
        person = services.note_outcome(request.user, pk, text)
    except Invalid as exc:
        reference = services.person_reference(request.user, pk)
        context = {"outcome_error": exc, "outcome_form": {"person": pk, "outcome": text}}
        return _incident_page(request, reference, status=exc.status, **context)
    return _back_to(person)


def _back_to(person):
    url = reverse("incidents:incident", kwargs={"reference": person.incident.reference})
    return redirect(f"{url}#person-{person.pk}")


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(REFER)
def refer(request, pk: int):
    form = services.referral_form(request.user, pk)
    if request.method == "GET":
        return _refer_page(request, form, {"kind": "referral", "fields": []})
    chosen = {
        "partner": request.POST.get("partner", ""),
        "kind": request.POST.get("kind", ""),
        "reason": request.POST.get("reason", ""),
        "fields": request.POST.getlist("fields"),
    }
    try:
        referral = services.refer_person(
            request.user,
            pk,
            partner=chosen["partner"],
            kind=chosen["kind"],
            reason=chosen["reason"],
            chosen=chosen["fields"],
        )
    except Invalid as exc:
        return _refer_page(request, form, chosen, error=exc, status=exc.status)
    what = "Hand-over" if referral.kind == "handover" else "Referral"
    messages.success(request, f"{what} {referral.reference} made to {referral.partner.name}: they are alerted.")
    return _back_to(form.person)


def _refer_page(request, form, chosen, *, error=None, status=200):
    context = {"form": form, "chosen": chosen, "kinds": ReferralKind.choices, "error": error}
    return render(request, "incidents/refer.html", context, status=status)
