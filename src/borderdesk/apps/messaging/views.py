"""Messages' pages: the inbox and sent messages with the send form, one message (a call with its answer and close),
the header's indicator (polled), and the booth's call box (the call button and the call's state, polled while the
call is open). Views stay thin: every read and write is a service call."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.inspection.services.booth import current_session
from borderdesk.apps.messaging import services
from borderdesk.core.access import Perm
from borderdesk.core.messaging import BODY_MAX

SEND = Perm.BORDER_MESSAGE_SEND


@login_required
@require_GET
@refuses_without(SEND)
def inbox(request):
    return _inbox_page(request)


def _inbox_page(request, *, error=None, form=None, status=200):
    user, post = request.user, request.user.current_post
    context = {
        "post": post,
        "deliveries": services.inbox(user),
        "sent": services.sent(user),
        "colleagues": services.colleagues(user, post),
        "may_write_to_post": post is not None and user.can(Perm.BORDER_QUEUE_MANAGE, post.code),
        "body_max": BODY_MAX,
        "error": error,
        "form": form or {},
    }
    return render(request, "messaging/inbox.html", context, status=status)


@login_required
@require_POST
@refuses_without(SEND)
def send(request):
    post = request.user.current_post
    if post is None:
        raise Invalid("Choose the post you work at first (its name is at the top of the page).", code="no_current_post")
    try:
        services.send(request.user, post, request.POST.get("body", ""), to_user_id=request.POST.get("to") or None)
    except (Invalid, NotFound) as exc:
        return _inbox_page(request, error=exc, form=request.POST, status=exc.status)
    return redirect("messaging:inbox")


@login_required
@require_GET
@refuses_without(SEND)
def message(request, pk: int):
    return _message_page(request, services.read(request.user, pk))


def _message_page(request, message, *, error=None, status=200):
    context = {
        "message": message,
        "deliveries": (
            message.deliveries.exclude(recipient=message.sender).select_related("recipient")
            if message.sender_id == request.user.pk
            else ()
        ),
        "error": error,
    }
    return render(request, "messaging/message.html", context, status=status)


@login_required
@require_POST
@refuses_without(SEND)
def answer(request, pk: int):
    return _call_action(request, pk, services.answer)


@login_required
@require_POST
@refuses_without(SEND)
def close(request, pk: int):
    return _call_action(request, pk, services.close)


def _call_action(request, pk, action):
    try:
        call = action(request.user, pk)
    except (Invalid, Conflict) as exc:
        return _message_page(request, services.read(request.user, pk), error=exc, status=exc.status)
    if request.headers.get("HX-Request"):
        return _call_box(request)
    return redirect("messaging:message", pk=call.pk)


@login_required
@require_GET
@refuses_without(SEND)
def indicator(request):
    unread, newest = services.unread(request.user)
    return render(request, "messaging/_indicator.html", {"unread": unread, "newest": newest})


@login_required
@require_POST
@refuses_without(SEND)
def call(request):
    session = current_session(request.user)
    if session is None:
        raise Invalid("Sign in to a booth first: a call names the booth you are at.", code="no_open_booth")
    try:
        services.call_supervisor(request.user, session, note=request.POST.get("note", ""))
    except (Invalid, Conflict) as exc:
        return _call_box(request, error=exc, status=exc.status)
    return _call_box(request) if request.headers.get("HX-Request") else redirect("inspection:booth")


@login_required
@require_GET
@refuses_without(SEND)
def call_state(request):
    return _call_box(request)


def _call_box(request, *, error=None, status=200):
    context = {**services.call_box(request.user, current_session(request.user)), "error": error}
    return render(request, "messaging/_call_box.html", context, status=status)
