"""The duty manager's dashboard (live), queue setup, the arrival schedule, and an officer's break at a booth.
Views stay thin: every read and write is a service call."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderdesk.apps.common.errors import BorderdeskError, Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.posts.models import Lane
from borderdesk.apps.queues import services
from borderdesk.apps.queues.dashboard import dashboard as dashboard_data
from borderdesk.core.access import Perm
from borderdesk.core.queues import DEFAULT_LANES, DEFAULT_SERVICE_LEVELS, QueueKind

SCHEDULE_FIELDS = ("service", "expected_at", "terminal", "passengers", "residents_share")


def _post(request):
    post = request.user.current_post
    if post is None:
        raise Invalid("Choose the post you work at first (its name is at the top of the page).", code="no_current_post")
    return post


@login_required
@refuses_without(Perm.BORDER_QUEUE_MANAGE)
def dashboard(request):
    post = _post(request)
    return render(request, "queues/dashboard.html", {"post": post, **dashboard_data(request.user, post)})


@login_required
@refuses_without(Perm.BORDER_QUEUE_MANAGE)
def dashboard_live(request):
    post = _post(request)
    return render(request, "queues/_dashboard.html", {"post": post, **dashboard_data(request.user, post)})


def _setup_context(request, post, **extra):
    kinds = [
        {
            "value": kind.value,
            "label": kind.label,
            "minutes": DEFAULT_SERVICE_LEVELS[kind].target_minutes,
            "lanes": ", ".join(DEFAULT_LANES[kind]) or "none",
        }
        for kind in QueueKind
    ]
    return {
        "post": post,
        "queues": services.post_queues(request.user, post),
        "kinds": kinds,
        "lanes": Lane.choices,
        **extra,
    }


@login_required
@refuses_without(Perm.BORDER_QUEUE_MANAGE)
def setup(request):
    post = _post(request)
    return render(request, "queues/setup.html", _setup_context(request, post, form={}))


@login_required
@require_POST
@refuses_without(Perm.BORDER_QUEUE_MANAGE)
def save_queue(request):
    post = _post(request)
    form = request.POST
    try:
        setup = services.QueueSetup(
            kind=form.get("kind", ""),
            terminal=form.get("terminal", ""),
            direction=form.get("direction", "entry"),
            lanes=tuple(form.getlist("lanes")) or None,
            target_minutes=_number(form.get("target_minutes"), int, "target_minutes", "bad_target"),
            target_percent=_number(form.get("target_percent"), float, "target_percent", "bad_share"),
            is_active=form.get("is_active") == "on" or not form.get("active_given"),
        )
        services.save_queue(request.user, post, setup, queue_id=form.get("queue") or None)
    except BorderdeskError as exc:
        context = _setup_context(request, post, form=form, error=exc)
        return render(request, "queues/setup.html", context, status=exc.status)
    return redirect("queues:setup")


def _number(text, kind, field: str, code: str):
    text = (text or "").strip()
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        raise Invalid(f"{text[:20]!r} is not a number.", code=code, field=field) from None


def _schedule_context(request, post, **extra):
    from datetime import timedelta

    from django.utils import timezone

    start, _ = services.day_bounds(post, post.local_date())
    arrivals = services.expected_arrivals(request.user, post, start, start + timedelta(days=2))
    return {"post": post, "arrivals": arrivals, "form": {}, "now": timezone.now(), **extra}


@login_required
@refuses_without(Perm.BORDER_QUEUE_MANAGE)
def schedule(request):
    post = _post(request)
    return render(request, "queues/schedule.html", _schedule_context(request, post))


@login_required
@require_POST
@refuses_without(Perm.BORDER_QUEUE_MANAGE)
def enter_arrival(request):
    post = _post(request)
    row = {field: request.POST.get(field, "") for field in SCHEDULE_FIELDS}
    if request.POST.get("expected_on"):
        row["expected_at"] = f"{request.POST['expected_on'].strip()}T{request.POST.get('expected_time', '').strip()}"
    try:
        services.enter_arrival(request.user, post, row)
    except BorderdeskError as exc:
        context = _schedule_context(request, post, form=request.POST.dict(), error=exc)
        return render(request, "queues/schedule.html", context, status=exc.status)
    return redirect("queues:schedule")


@login_required
@require_POST
@refuses_without(Perm.BORDER_QUEUE_MANAGE)
def import_schedule(request):
    post = _post(request)
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > services.MAX_SCHEDULE_BYTES:
            raise Invalid("A schedule file is at most 1 MB.", code="schedule_too_large")
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    else:
        text = request.POST.get("text", "")
    try:
        result = services.import_schedule(request.user, post, text)
    except BorderdeskError as exc:
        context = _schedule_context(request, post, error=exc, pasted=text[:100_000])
        return render(request, "queues/schedule.html", context, status=exc.status)
    return render(request, "queues/schedule.html", _schedule_context(request, post, imported=result))


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def start_break(request):
    services.start_break(request.user)
    return redirect("inspection:booth")


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def end_break(request):
    services.end_break(request.user)
    return redirect("inspection:booth")
