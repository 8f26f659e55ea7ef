"""The work queues page (``/casework/``): the queues of the officer's current post as tabs, each a page of a table;
a senior officer assigns or releases the cases ticked. Views stay thin: every read and write is a service call."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from borderdesk.apps.casework.services import cases, queues
from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.views import refuses_without

MAX_CHOSEN = 500


def _post(request):
    post = getattr(request.user, "current_post", None)
    if post is None:
        raise Invalid("Choose the post you work at (at the top of the page) to see its cases.", code="no_current_post")
    return post


@login_required
@refuses_without(cases.READ)
def queue(request):
    query = request.GET
    return _queue_page(request, view=query.get("view"), page=query.get("page"), days=query.get("days"))


def _queue_page(request, *, view=None, page=None, days=None, error=None, chosen=(), to="", status: int = 200):
    found = queues.work_queue(request.user, post=_post(request), view=view, page=page, days=days)
    context = {
        "queue": found,
        "error": error,
        "chosen": set(chosen),
        "to": str(to),
    }
    return render(request, "casework/queue.html", context, status=status)


@login_required
@require_POST
@refuses_without(cases.MANAGE)
def assign(request):
    form = request.POST
    chosen = [ref for ref in form.getlist("application")[: MAX_CHOSEN + 1] if ref.strip()]
    view, days, page = form.get("view"), form.get("days"), form.get("page")
    if view not in queues.VIEWS:
        view = None
    try:
        queues.assign_from_queue(request.user, post=_post(request), applications=chosen, to=form.get("to", ""))
    except BorderdeskError as exc:
        if isinstance(exc, PermissionDenied | NotFound):
            raise
        return _queue_page(
            request, view=view, page=page, days=days, error=exc, chosen=chosen, to=form.get("to", ""), status=exc.status
        )
    target = reverse("casework:queue") + f"?view={view or queues.TEAM}"
    return redirect(target)


urlpatterns = [
    path("", queue, name="queue"),
    path("assign", assign, name="assign"),
]
