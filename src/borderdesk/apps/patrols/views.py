"""Patrols' pages: a sector (its terrain, boundary and units), starting a patrol, a patrol's page (crew, positions
typed or pasted, withdrawing a wrong one, ending it), the day's patrol log and the sector's map. Views stay thin:
every read and write is a service call; a refused or invalid form shows its page again with the reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.patrols import maps, services
from borderdesk.apps.patrols.models import Terrain, UnitKind
from borderdesk.core.access import Perm

READ, WRITE = Perm.PATROL_LOG_READ, Perm.PATROL_LOG_WRITE
FORM_ERRORS = (Invalid, Conflict)  # shown on the form's page; refusals and unknown records get the error page


@login_required
@require_GET
@refuses_without(READ)
def home(request):
    """The sector of the post the officer works at now (the navigation's entry)."""
    user = request.user
    post = user.current_post if user.current_post and user.can(READ, user.current_post.code) else None
    post = post or user.posts.order_by("code").first()
    if post is None:
        raise Invalid("You are assigned to no post: an administrator assigns you to one.", code="no_post")
    return redirect("patrols:sector", post_code=post.code)


# --- the sector -------------------------------------------------------------------------------------------------


@login_required
@require_GET
@refuses_without(READ)
def sector(request, post_code: str):
    return _sector_page(request, post_code)


def _sector_page(request, post_code, *, error=None, form=None, status=200):
    page = services.sector_page(request.user, post_code=post_code)
    boundary = services.boundary_text(page.sector.boundary) if page.sector else ""
    context = {
        "page": page,
        "post": page.post,
        "may_write": request.user.can(WRITE, page.post.code),
        "form": form or {"terrain": page.sector.terrain if page.sector else "", "boundary": boundary},
        "terrains": Terrain.choices,
        "unit_kinds": UnitKind.choices,
        "today": page.post.local_date(),
        "error": error,
    }
    return render(request, "patrols/sector.html", context, status=status)


@login_required
@require_POST
@refuses_without(WRITE)
def save_sector(request, post_code: str):
    form = {"terrain": request.POST.get("terrain", ""), "boundary": request.POST.get("boundary", "")}
    try:
        services.save_sector(request.user, post_code=post_code, **form)
    except FORM_ERRORS as exc:
        return _sector_page(request, post_code, error=exc, form=form, status=exc.status)
    messages.success(request, "The sector's terrain and boundary are saved.")
    return redirect("patrols:sector", post_code=post_code)


@login_required
@require_POST
@refuses_without(WRITE)
def add_unit(request, post_code: str):
    form = request.POST
    try:
        unit = services.add_unit(
            request.user,
            post_code=post_code,
            kind=form.get("kind", ""),
            call_sign=form.get("call_sign", ""),
            name=form.get("name", ""),
            partner_id=form.get("partner") or None,
        )
    except FORM_ERRORS as exc:
        return _sector_page(request, post_code, error=exc, status=exc.status)
    messages.success(request, f"Unit {unit.call_sign} added.")
    return redirect("patrols:sector", post_code=post_code)


@login_required
@require_POST
@refuses_without(WRITE)
def deactivate_unit(request, post_code: str, pk: int):
    try:
        unit = services.deactivate_unit(request.user, pk, post_code=post_code)
    except FORM_ERRORS as exc:
        return _sector_page(request, post_code, error=exc, status=exc.status)
    messages.success(request, f"Unit {unit.call_sign} is out of service.")
    return redirect("patrols:sector", post_code=post_code)


# --- starting a patrol ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(WRITE)
def start(request, post_code: str):
    if request.method == "GET":
        return _start_page(request, post_code)
    form = request.POST
    try:
        patrol = services.start_patrol(
            request.user,
            post_code=post_code,
            unit_id=form.get("unit"),
            crew=[(officer, form.get(f"role-{officer}", "")) for officer in form.getlist("crew")],
            started_at=services.Typed(form.get("day", ""), form.get("time", "")),
            tasking=form.get("tasking", ""),
        )
    except FORM_ERRORS as exc:
        return _start_page(request, post_code, error=exc, status=exc.status)
    return redirect("patrols:patrol", pk=patrol.pk)


def _start_page(request, post_code, *, error=None, status=200):
    data = services.start_form(request.user, post_code=post_code)
    now = services.on_post_clock(data.post, timezone.now())
    form = request.POST if request.method == "POST" else {}
    chosen = set(form.getlist("crew")) if form else {str(request.user.pk)}
    context = {
        "data": data,
        "post": data.post,
        "error": error,
        "day": form.get("day") or f"{now:%Y-%m-%d}",
        "time": form.get("time") or f"{now:%H:%M}",
        "tasking": form.get("tasking", ""),
        "chosen_unit": str(form.get("unit", "")),
        "crew": [(officer, str(officer.pk) in chosen, form.get(f"role-{officer.pk}", "")) for officer in data.officers],
    }
    return render(request, "patrols/start.html", context, status=status)


# --- a patrol ---------------------------------------------------------------------------------------------------


@login_required
@require_GET
@refuses_without(READ)
def patrol(request, pk: int):
    return _patrol_page(request, pk)


def _patrol_page(request, pk, *, error=None, pasted=None, status=200):
    page = services.patrol_page(request.user, pk)
    post = page.patrol.sector.post
    now = services.on_post_clock(post, timezone.now())
    form = request.POST if error else {}
    context = {
        "page": page,
        "patrol": page.patrol,
        "post": post,
        "may_write": request.user.can(WRITE, post.code),
        "error": error,
        "pasted": pasted,
        "now_day": f"{now:%Y-%m-%d}",
        "now_time": f"{now:%H:%M}",
        "form": form,
        "new_incident_url": _new_incident_url(page.patrol.pk),
        "incidents": [(incident, _incident_url(incident)) for incident in page.incidents],
    }
    return render(request, "patrols/patrol.html", context, status=status)


def _new_incident_url(patrol_pk: int) -> str:
    """The incidents app's form for this patrol (its address, until the app that owns it is merged)."""
    try:
        base = reverse("incidents:new")
    except NoReverseMatch:
        base = "/incidents/new"
    return f"{base}?patrol={patrol_pk}"


def _incident_url(incident) -> str:
    try:
        return reverse("incidents:incident", kwargs={"reference": incident.reference})
    except NoReverseMatch:
        return ""


@login_required
@require_POST
@refuses_without(WRITE)
def report_position(request, pk: int):
    form = request.POST
    try:
        reported = services.report_position(
            request.user,
            pk,
            at=form.get("at", ""),
            latitude=form.get("latitude", ""),
            longitude=form.get("longitude", ""),
        )
    except FORM_ERRORS as exc:
        return _patrol_page(request, pk, error=exc, status=exc.status)
    where = services.on_post_clock(reported.position.patrol.sector.post, reported.position.at)
    said = "was on record already" if reported.replayed else "is recorded"
    messages.success(request, f"The position at {where:%H:%M} {said}.")
    return redirect("patrols:patrol", pk=pk)


@login_required
@require_POST
@refuses_without(WRITE)
def report_pasted(request, pk: int):
    try:
        outcome = services.report_pasted_positions(request.user, pk, request.POST.get("lines", ""))
    except FORM_ERRORS as exc:
        return _patrol_page(request, pk, error=exc, status=exc.status)
    if not outcome.problems:
        messages.success(request, _pasted_words(outcome))
        return redirect("patrols:patrol", pk=pk)
    return _patrol_page(request, pk, pasted=outcome, status=422 if not outcome.kept else 200)


def _pasted_words(outcome) -> str:
    words = f"{len(outcome.kept)} position{'s' if len(outcome.kept) != 1 else ''} recorded"
    if outcome.already:
        words += f"; {len(outcome.already)} on record already"
    return words + "."


@login_required
@require_POST
@refuses_without(WRITE)
def withdraw_position(request, pk: int, position_pk: int):
    try:
        services.withdraw_position(request.user, position_pk, request.POST.get("reason", ""), patrol_id=pk)
    except FORM_ERRORS as exc:
        return _patrol_page(request, pk, error=exc, status=exc.status)
    messages.success(request, "The position is withdrawn: it stays on record, struck out, and off the track.")
    return redirect("patrols:patrol", pk=pk)


@login_required
@require_POST
@refuses_without(WRITE)
def end(request, pk: int):
    form = request.POST
    try:
        ended_at = services.Typed(form.get("day", ""), form.get("time", ""))
        services.end_patrol(request.user, pk, ended_at=ended_at, remarks=form.get("remarks", ""))
    except FORM_ERRORS as exc:
        return _patrol_page(request, pk, error=exc, status=exc.status)
    messages.success(request, "The patrol is ended.")
    return redirect("patrols:patrol", pk=pk)


# --- the day's log and the map ----------------------------------------------------------------------------------


def _day(request):
    text = request.GET.get("day", "")
    return services.parse_day(text) if text else None


@login_required
@require_GET
@refuses_without(READ)
def log(request, post_code: str):
    data = services.patrol_log(request.user, post_code=post_code, day=_day(request))
    context = {"log": data, "post": data.post, "may_write": request.user.can(WRITE, data.post.code)}
    return render(request, "patrols/log.html", context)


@login_required
@require_GET
@refuses_without(READ)
def sector_map(request, post_code: str):
    data = maps.sector_map(request.user, post_code=post_code, day=_day(request))
    context = {"map": data, "post": data.post, "may_write": request.user.can(WRITE, data.post.code)}
    return render(request, "patrols/map.html", context)
