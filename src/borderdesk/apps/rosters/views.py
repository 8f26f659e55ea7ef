"""Roster pages: an officer's own schedule (shifts, leave, swaps, the calendar feed's address), the calendar feed
itself (iCalendar, opened by its secret address), and a duty manager's week of a post with its forms. Views stay
thin: every read and write is a service call; a refused or invalid change shows the page again with its reason."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import as_id
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.posts.models import Post
from borderdesk.apps.rosters import changes, schedule
from borderdesk.apps.rosters.calendar import ical_feed
from borderdesk.apps.rosters.checks import zone
from borderdesk.apps.rosters.models import Task
from borderdesk.core.access import Perm
from borderdesk.core.rosters.patterns import local_moment

MANAGE = Perm.BORDER_ROSTER_MANAGE


def _date(value, field: str) -> date:
    try:
        day = date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        raise Invalid(f"{str(value)[:40]!r} is not a date (YYYY-MM-DD).", code="invalid_date", field=field) from None
    if not 2000 <= day.year <= 2100:
        raise Invalid("Rosters are kept for the years 2000 to 2100.", code="date_out_of_range", field=field)
    return day


def _time(value, field: str) -> time:
    try:
        return time.fromisoformat(str(value or "").strip())
    except ValueError:
        raise Invalid(f"{str(value)[:20]!r} is not a time (HH:MM).", code="invalid_time", field=field) from None


def _int(value, field: str, default: int = 0) -> int:
    if value in (None, ""):
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        raise Invalid(f"{field} must be a whole number.", code="invalid_number", field=field) from None


# --- the officer's own schedule --------------------------------------------------------------------------


@login_required
def mine(request):
    return _my_page(request)


def _my_page(request, *, error=None, feed_token: str = "", status: int = 200):
    data = schedule.my_schedule(request.user)
    feed_url = request.build_absolute_uri(reverse("rosters:feed", args=[feed_token])) if feed_token else ""
    return render(request, "rosters/mine.html", {"s": data, "error": error, "feed_url": feed_url}, status=status)


def _my_act(request, action):
    try:
        action()
    except BorderdeskError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        # The page itself is there: a form naming a shift or swap that is not the user's is an invalid form.
        return _my_page(request, error=exc, status=422 if isinstance(exc, NotFound) else exc.status)
    return redirect("rosters:mine")


@login_required
@require_POST
def request_leave(request):
    form = request.POST

    def act():
        post = Post.objects.filter(code=form.get("post", "")).first()
        if post is None:
            raise Invalid("Choose one of your posts.", code="invalid_post", field="post")
        changes.request_leave(
            request.user,
            post=post,
            first_day=_date(form.get("first_day"), "first_day"),
            last_day=_date(form.get("last_day"), "last_day"),
            note=form.get("note", ""),
        )

    return _my_act(request, act)


@login_required
@require_POST
def propose_swap(request):
    return _my_act(
        request,
        lambda: changes.propose_swap(
            request.user, my_shift=request.POST.get("my_shift"), their_shift=request.POST.get("their_shift")
        ),
    )


@login_required
@require_POST
def answer_swap(request, pk: int):
    accept = request.POST.get("answer") == "accept"
    return _my_act(request, lambda: changes.answer_swap(request.user, pk, accept=accept))


@login_required
@require_POST
def reset_feed(request):
    token = changes.reset_feed(request.user)
    return _my_page(request, feed_token=token)


def feed(request, token: str):
    """The calendar feed: no sign-in (calendar apps cannot); the secret address is the key."""
    officer = schedule.feed_owner(token)
    if officer is None:
        raise Http404("No such calendar.")
    response = HttpResponse(
        ical_feed(officer, schedule.feed_shifts(officer)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="borderdesk-shifts.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the duty manager's week of a post -------------------------------------------------------------------


def _post(code: str) -> Post:
    return get_object_or_404(Post, code=code)


@login_required
@refuses_without(MANAGE)
def current_week(request):
    """The roster of the post the duty manager works at now (the navigation's entry)."""
    post = request.user.current_post or request.user.posts.order_by("code").first()
    if post is None:
        raise Invalid("You are assigned to no post: an administrator assigns you to one.", code="no_post")
    return redirect("rosters:week", code=post.code)


@login_required
@refuses_without(MANAGE)
def week(request, code: str):
    return _week_page(request, _post(code))


def _week_page(request, post: Post, *, error=None, status: int = 200):
    try:
        first = _date(request.GET.get("from") or request.POST.get("week"), "from")
    except Invalid:
        today = post.local_date()
        first = today - timedelta(days=today.weekday())
    data = schedule.post_week(request.user, post=post, first_day=first)
    return render(
        request,
        "rosters/week.html",
        {
            "w": data,
            "error": error,
            "previous": first - timedelta(days=7),
            "next": first + timedelta(days=7),
            "tasks": Task.choices,
        },
        status=status,
    )


def _week_act(request, post: Post, action):
    try:
        action()
    except BorderdeskError as exc:
        if isinstance(exc, (PermissionDenied, NotFound)):
            raise
        return _week_page(request, post, error=exc, status=exc.status)
    target = reverse("rosters:week", args=[post.code])
    week_of = request.POST.get("week", "")
    return redirect(f"{target}?from={week_of}" if week_of else target)


def _officer(value):
    officer = get_user_model().objects.filter(pk=as_id(value, field="officer")).first()
    if officer is None:
        raise Invalid("No such officer.", code="officer_not_found", field="officer")
    return officer


@login_required
@require_POST
@refuses_without(MANAGE)
def add_shift(request, code: str):
    post = _post(code)
    form = request.POST

    def act():
        day = _date(form.get("day"), "day")
        starts_at = local_moment(day, _time(form.get("start"), "start"), zone(post))
        hours = _int(form.get("hours"), "hours", 8)
        if not 0 < hours <= 24:
            raise Invalid("A shift lasts from 1 to 24 hours.", code="invalid_hours", field="hours")
        changes.create_shift(
            request.user,
            post=post,
            officer=_officer(form.get("officer")),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            break_minutes=_int(form.get("break_minutes"), "break_minutes"),
            task=form.get("task") or Task.BOOTH,
        )

    return _week_act(request, post, act)


@login_required
@require_POST
@refuses_without(MANAGE)
def cancel_shift(request, pk: int):
    shift = changes.cancel_shift(request.user, pk)
    return redirect(reverse("rosters:week", args=[shift.post.code]))


@login_required
@require_POST
@refuses_without(MANAGE)
def add_pattern(request, code: str):
    post = _post(code)
    return _week_act(
        request,
        post,
        lambda: changes.create_pattern(
            request.user, post=post, name=request.POST.get("name", ""), days=request.POST.get("days", "")[:4000]
        ),
    )


@login_required
@require_POST
@refuses_without(MANAGE)
def apply_pattern(request, pk: int):
    from borderdesk.apps.rosters.models import ShiftPattern

    code = ShiftPattern.objects.filter(pk=pk).values_list("post__code", flat=True).first()
    if code is None:
        raise NotFound(f"No pattern {pk}.", code="pattern_not_found")
    post = _post(code)
    form = request.POST

    def act():
        stagger = _int(form.get("stagger"), "stagger")
        chosen = form.getlist("officers")
        if len(chosen) > changes.MAX_OFFICERS_PER_APPLICATION:
            raise Invalid("Too many officers at once.", code="too_many_officers", field="officers")
        officers = [_officer(value) for value in chosen]
        changes.apply_pattern(
            request.user,
            pk,
            officers=[(officer, n * stagger) for n, officer in enumerate(officers)],
            first_day=_date(form.get("first_day"), "first_day"),
            last_day=_date(form.get("last_day"), "last_day"),
            task=form.get("task") or Task.BOOTH,
        )

    return _week_act(request, post, act)


@login_required
@require_POST
@refuses_without(MANAGE)
def decide_leave(request, pk: int):
    leave = changes.decide_leave(request.user, pk, approve=request.POST.get("decision") == "approve")
    return redirect(reverse("rosters:week", args=[leave.post.code]))


@login_required
@require_POST
@refuses_without(MANAGE)
def decide_swap(request, pk: int):
    swap = changes.decide_swap(request.user, pk, approve=request.POST.get("decision") == "approve")
    return redirect(reverse("rosters:week", args=[swap.post.code]))
