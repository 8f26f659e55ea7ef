"""The asylum unit's queue (the nav item "Asylum"): claims to register, mine, and for seniors the unit's; and taking
a claim nobody is assigned to, to register it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from borderdesk.apps.asylum.services import claims
from borderdesk.apps.asylum.services.queue import unit_queue
from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.views import refuses_without


@login_required
@refuses_without(claims.OPEN)
def queue_page(request):
    post = request.user.current_post
    if post is None:
        raise Invalid("Choose the post you work at first (its name is at the top of the page).", code="no_current_post")
    return render(request, "asylum/queue.html", {"queue": unit_queue(request.user, post=post)})


@login_required
@require_POST
@refuses_without(claims.WORK)
def take(request, reference: str):
    claims.take(request.user, reference)
    return redirect("asylum:claim", reference=reference)


urlpatterns = [
    path("", queue_page, name="queue"),
    path("claims/<str:reference>/take", take, name="take"),
]
