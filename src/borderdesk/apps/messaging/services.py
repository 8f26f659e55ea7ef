"""Messages and calls to a supervisor. A supervisor sends a message to everyone at their post or to one person
there; an officer at a booth calls the supervisors of its post to the booth, and one of them answers ("on my
way") and later closes it. Each is kept, in the audit trail of its post, and readable only by its sender and its
recipients: any other id, whether it exists or not, is ``message_not_found``."""

from __future__ import annotations

from django.utils import timezone

from borderdesk.apps.accounts.models import User
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import as_id, pk_of, post_code_of, service
from borderdesk.apps.inspection.services.booth import current_session
from borderdesk.apps.messaging.models import Delivery, Kind, Message
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm, Role, roles_granting
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.messaging import CallState, MessageProblem, answer_call, clean_body, close_call

SEND = Perm.BORDER_MESSAGE_SEND
SUPERVISORS = (Role.SENIOR_OFFICER.value, Role.DUTY_MANAGER.value)
LISTED = 100


def _body(text: str) -> str:
    try:
        return clean_body(text)
    except MessageProblem as problem:
        raise Invalid(problem.message, code=problem.code, field=problem.field) from None


def _messengers(post: Post):
    """Active people assigned to ``post`` whose roles send and receive messages there."""
    roles = [role.value for role in roles_granting(SEND)]
    return User.objects.filter(is_active=True, posts=post, role_grants__role__in=roles).distinct()


def colleagues(user, post: Post | None) -> list[User]:
    """Whom ``user`` may write to at ``post``: the others there who receive messages (none unless the user works
    at that post themself)."""
    if post is None or post.code not in user.assigned_post_codes:
        return []
    return list(_messengers(post).exclude(pk=user.pk).order_by("last_name", "first_name", "username"))


def _message_post(message_id, *_, **__) -> str:
    return post_code_of(Message, as_id(message_id, field="message"), what="message")


def _deliver(message: Message, recipients) -> int:
    Delivery.objects.bulk_create([Delivery(message=message, recipient=r) for r in recipients], ignore_conflicts=True)
    return len(recipients)


@service(SEND, post=lambda post, *_, **__: post.code)
def send(actor, post: Post, body: str, *, to_user_id=None) -> Message:
    """A message at ``post``: to one person who works there too, or (supervisors only) to everyone there."""
    body = _body(body)
    if to_user_id in (None, ""):
        if not actor.can(Perm.BORDER_QUEUE_MANAGE, post.code):
            raise PermissionDenied(
                "Only supervisors (senior officers, duty managers) write to a whole post; write to a person.",
                code="post_message_for_supervisors",
                permission=Perm.BORDER_QUEUE_MANAGE,
                post=post.code,
            )
        recipients, to_user = list(_messengers(post).exclude(pk=actor.pk)), None
    else:
        to_user = _messengers(post).filter(pk=as_id(to_user_id, field="to")).exclude(pk=actor.pk).first()
        if to_user is None or post.code not in actor.assigned_post_codes:
            raise NotFound(f"No one of that id to write to at {post.code}.", code="recipient_not_found")
        recipients = [to_user]
    message = Message.objects.create(
        kind=Kind.MESSAGE, sender=actor, post=post, to_post=to_user is None, to_user=to_user, body=body
    )
    count = _deliver(message, recipients)
    record_change(
        actor,
        AuditAction.MESSAGING_MESSAGE_SEND,
        message,
        new={
            "to": f"everyone at {post.code}" if to_user is None else to_user.username,
            "body": body,
            "recipients": count,
        },
        post_code=post.code,
    )
    return message


@service(SEND, post=lambda session, *_, **__: session.booth.post.code)
def call_supervisor(actor, session, *, note: str = "") -> Message:
    """Calls the senior officers and duty managers of the booth's post to the booth. A second call while one from
    the same booth is still open returns that one (a double click, a replayed form)."""
    current = current_session(actor)
    if current is None or current.pk != pk_of(session, field="session"):
        raise Invalid("Sign in to a booth first: a call names the booth you are at.", code="no_open_booth")
    booth, post = current.booth, current.booth.post
    waiting = Message.objects.filter(
        kind=Kind.CALL, sender=actor, booth=booth, state__in=[CallState.OPEN, CallState.ANSWERED]
    ).first()
    if waiting is not None:
        return waiting
    supervisors = list(_messengers(post).filter(role_grants__role__in=SUPERVISORS).exclude(pk=actor.pk).distinct())
    if not supervisors:
        raise Conflict(f"No senior officer or duty manager is assigned to {post.code}.", code="no_supervisor_at_post")
    who = actor.get_full_name() or actor.username
    text = f"{who} asks a supervisor to come to booth {booth.code} at {post.code} ({post.name})."
    extra = " ".join(str(note or "").split())
    body = _body(f"{text}\n{extra}" if extra else text)
    call = Message.objects.create(kind=Kind.CALL, sender=actor, post=post, booth=booth, body=body, state=CallState.OPEN)
    _deliver(call, supervisors)
    record_change(
        actor,
        AuditAction.MESSAGING_CALL_MAKE,
        call,
        new={"booth": booth.code, "post": post.code, "body": body, "recipients": len(supervisors)},
        post_code=post.code,
    )
    return call


def _mine(actor, message_id, *, for_update: bool = False) -> Message:
    rows = Message.objects.select_for_update(of=("self",)) if for_update else Message.objects.all()
    message = (
        rows.filter(pk=as_id(message_id, field="message"))
        .select_related("sender", "post", "booth", "to_user", "answered_by", "closed_by")
        .first()
    )
    if message is None or not (
        message.sender_id == actor.pk or Delivery.objects.filter(message=message, recipient=actor).exists()
    ):
        raise NotFound("No such message of yours.", code="message_not_found")
    return message


@service(SEND, post=_message_post)
def read(actor, message_id) -> Message:
    """A message the actor sent or received; opening it marks it read."""
    message = _mine(actor, message_id)
    Delivery.objects.filter(message=message, recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
    return message


def _call(actor, message_id) -> Message:
    message = _mine(actor, message_id, for_update=True)
    if not message.is_call:
        raise Invalid("This is a message, not a call.", code="not_a_call")
    return message


@service(SEND, post=_message_post)
def answer(actor, message_id) -> Message:
    """A supervisor it was sent to answers: on the way. The caller gets the answer like a message."""
    call = _call(actor, message_id)
    if call.sender_id == actor.pk:
        raise Invalid("A supervisor answers the call, not the officer who made it.", code="own_call")
    try:
        call.state = answer_call(CallState(call.state))
    except MessageProblem as problem:
        raise Conflict(problem.message, code=problem.code) from None
    call.answered_by, call.answered_at = actor, timezone.now()
    call.save(update_fields=["state", "answered_by", "answered_at"])
    now = timezone.now()
    Delivery.objects.filter(message=call, recipient=actor, read_at__isnull=True).update(read_at=now)
    Delivery.objects.update_or_create(message=call, recipient=call.sender, defaults={"read_at": None})
    record_change(
        actor,
        AuditAction.MESSAGING_CALL_ANSWER,
        call,
        new={"booth": call.booth.code if call.booth else "", "caller": call.sender.username},
        post_code=call.post.code,
    )
    return call


@service(SEND, post=_message_post)
def close(actor, message_id) -> Message:
    """The caller or a supervisor it was sent to closes the call once dealt with."""
    call = _call(actor, message_id)
    try:
        call.state = close_call(CallState(call.state))
    except MessageProblem as problem:
        raise Conflict(problem.message, code=problem.code) from None
    call.closed_by, call.closed_at = actor, timezone.now()
    call.save(update_fields=["state", "closed_by", "closed_at"])
    Delivery.objects.filter(message=call, recipient=actor, read_at__isnull=True).update(read_at=call.closed_at)
    record_change(
        actor,
        AuditAction.MESSAGING_CALL_CLOSE,
        call,
        new={"booth": call.booth.code if call.booth else "", "caller": call.sender.username},
        post_code=call.post.code,
    )
    return call


def inbox(user) -> list[Delivery]:
    """What was sent to ``user`` (their own deliveries only), newest first."""
    rows = Delivery.objects.filter(recipient=user).select_related(
        "message__sender", "message__post", "message__booth", "message__answered_by"
    )
    return list(rows.order_by("-delivered_at", "-id")[:LISTED])


def sent(user) -> list[Message]:
    rows = Message.objects.filter(sender=user).select_related("post", "booth", "to_user", "answered_by")
    return list(rows.order_by("-sent_at", "-id")[:LISTED])


def unread(user) -> tuple[int, Message | None]:
    """How many of the user's messages are unread, and the newest of them (for the header)."""
    rows = Delivery.objects.filter(recipient=user, read_at__isnull=True)
    newest = rows.select_related("message__booth", "message__post").order_by("-delivered_at", "-id").first()
    return rows.count(), newest.message if newest else None


def latest_call(user, booth) -> Message | None:
    """The officer's latest call from ``booth`` (to show its state at the booth)."""
    if booth is None:
        return None
    return Message.objects.filter(kind=Kind.CALL, sender=user, booth=booth).select_related("answered_by").first()


def call_box(user, session) -> dict:
    """What the booth's call box shows: the booth session, the officer's latest call from its booth, and whether
    that call is still live (open or answered: the box then follows it)."""
    call = latest_call(user, session.booth if session else None)
    return {"session": session, "call": call, "live": call is not None and call.state != CallState.CLOSED}
