"""Flights in the officer's web app, under /flights/: a post's arrivals of a day, a flight's page (who is on it,
who needs attention, who has not been seen at a booth since it arrived, what its manifests got wrong) and a
message as the carrier sent it."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.manifests import services
from borderdesk.apps.posts.models import PostKind
from borderdesk.apps.posts.services import get_post, posts_visible_to


def _airports(user) -> list:
    return [post for post in posts_visible_to(user).filter(kind=PostKind.AIRPORT) if user.can(services.READ, post.code)]


def _post_code(request, airports) -> str:
    asked = request.GET.get("post", "").strip().upper()[:10]
    if asked:
        return asked
    current = request.user.current_post
    if current is not None and current.kind == PostKind.AIRPORT:
        return current.code
    if airports:
        return airports[0].code
    raise Invalid("You work at no airport: flights land at airports.", code="no_airport")


@login_required
@require_GET
@refuses_without(services.READ)
def flight_list(request):
    airports = _airports(request.user)
    post = get_post(_post_code(request, airports))
    day = services.post_day(post, request.GET.get("day", "").strip())
    flights = services.flights_on(request.user, post_code=post.code, day=day)
    return render(
        request,
        "manifests/flights.html",
        {
            "post": post,
            "airports": airports,
            "day": day,
            "today": post.local_date(),
            "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1),
            "flights": flights,
        },
    )


@login_required
@require_GET
@refuses_without(services.READ)
def flight_page(request, pk: int):
    page = services.flight_page(request.user, pk)
    may_mark = page.flight.arrived_at is None and any(
        request.user.can(perm, page.flight.post.code) for perm in services.MARK_ARRIVED
    )
    return render(request, "manifests/flight.html", {"page": page, "may_mark": may_mark})


@login_required
@require_GET
@refuses_without(services.READ)
def screening_progress(request, pk: int):
    progress = services.screening_progress(request.user, pk)
    return render(request, "manifests/_screening.html", {"progress": progress, "flight": {"pk": pk}})


@login_required
@require_POST
@refuses_without(services.MARK_ARRIVED)
def screen_again(request, pk: int):
    services.screen_again(request.user, pk)
    return redirect("manifests:flight", pk=pk)


@login_required
@require_POST
@refuses_without(services.MARK_ARRIVED)
def mark_arrived(request, pk: int):
    flight = services.mark_arrived(request.user, pk)
    return redirect("manifests:flight", pk=flight.pk)


@login_required
@require_GET
@refuses_without(services.READ)
def message_page(request, pk: int):
    shown = services.message_as_received(request.user, pk)
    return render(request, "manifests/message.html", {"shown": shown, "message": shown.message})
