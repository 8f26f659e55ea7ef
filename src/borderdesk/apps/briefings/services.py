"""Briefings: publishing (policy authors anywhere, duty managers at their own posts), reading and acknowledging
(the officers a briefing is for), withdrawing and correcting (a correction is a new version to acknowledge again),
who has acknowledged, and the booth's gate: an officer opens a booth only once every briefing in force for them at
that post is acknowledged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from borderdesk.apps.accounts.models import User
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.briefings.models import Acknowledgement, Briefing
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import pk_of, service, unchecked_service
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm, Role
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.briefings import Audience, BriefingProblem, Period, check_draft, check_reach

PUBLISH = Perm.OPS_BRIEFING_PUBLISH
# The roles a briefing may be for: those who work at posts.
AUDIENCE_ROLES = (
    Role.BORDER_OFFICER,
    Role.SENIOR_OFFICER,
    Role.DUTY_MANAGER,
    Role.PATROL_OFFICER,
    Role.CASEWORKER,
    Role.CONSULAR_OFFICER,
    Role.ASYLUM_CASE_OFFICER,
)
REASON_MAX = 300


@dataclass(frozen=True)
class BriefingForm:
    """What a publisher typed, as text; ``publish`` checks it."""

    title: str = ""
    body: str = ""
    priority: str = "routine"
    effective_on: str = ""
    expires_on: str = ""
    roles: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()
    all_posts: bool = False


@dataclass(frozen=True)
class StatusRow:
    officer: User
    post: Post
    acknowledged_at: datetime | None


def post_today(post: Post | None) -> date:
    return post.local_date() if post is not None else timezone.localdate()


def _parse_date(value: str, *, field: str, required: bool) -> date | None:
    text = str(value or "").strip()
    if not text:
        if required:
            raise Invalid("Give the day it takes effect (YYYY-MM-DD).", code="date_required", field=field)
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{text[:20]!r} is not a date as YYYY-MM-DD.", code="invalid_date", field=field) from None


def _draft(actor, form: BriefingForm):
    period = Period(
        _parse_date(form.effective_on, field="effective_on", required=True),  # type: ignore[arg-type]
        _parse_date(form.expires_on, field="expires_on", required=False),
    )
    audience = Audience(frozenset(form.roles), frozenset(form.posts), bool(form.all_posts))
    try:
        draft = check_draft(
            title=form.title,
            body=form.body,
            priority=form.priority,
            period=period,
            audience=audience,
            known_roles=[role.value for role in AUDIENCE_ROLES],
        )
        check_reach(audience, everywhere=actor.all_posts, own_posts=actor.assigned_post_codes)
    except BriefingProblem as problem:
        raise Invalid(problem.message, code=problem.code, field=problem.field) from None
    posts = list(Post.objects.filter(code__in=audience.posts))
    if len(posts) != len(audience.posts):
        unknown = sorted(audience.posts - {post.code for post in posts})[0]
        raise Invalid(f"No post {unknown[:20]!r}.", code="unknown_post", field="posts")
    return draft, posts


@service(PUBLISH)
def publish(actor, form: BriefingForm, *, supersedes: Briefing | None = None) -> Briefing:
    draft, posts = _draft(actor, form)
    briefing = Briefing.objects.create(
        title=draft.title,
        body=draft.body,
        priority=draft.priority,
        effective_on=draft.period.effective_on,
        expires_on=draft.period.expires_on,
        roles=sorted(draft.audience.roles),
        all_posts=draft.audience.all_posts,
        version=supersedes.version + 1 if supersedes else 1,
        supersedes=supersedes,
        published_by=actor,
    )
    briefing.posts.set(posts)
    record_change(
        actor,
        AuditAction.BRIEFINGS_BRIEFING_PUBLISH,
        briefing,
        new={
            "title": briefing.title,
            "priority": briefing.priority,
            "effective_on": briefing.effective_on,
            "expires_on": briefing.expires_on,
            "roles": briefing.roles,
            "posts": "all" if briefing.all_posts else sorted(p.code for p in posts),
            "version": briefing.version,
            "supersedes": supersedes.pk if supersedes else None,
        },
        post_code=posts[0].code if len(posts) == 1 else None,
    )
    return briefing


@service(PUBLISH)
def revise(actor, briefing_id, form: BriefingForm) -> Briefing:
    """A correction: the briefing is withdrawn and a new version published in its place, which every officer it
    is for acknowledges again (what they acknowledged before is not what it says now)."""
    old = _manageable(actor, briefing_id, for_update=True)
    new = publish(actor, form, supersedes=old)
    _withdraw(actor, old, f"Corrected: replaced by version {new.version} (briefing {new.pk}).")
    return new


@service(PUBLISH)
def withdraw(actor, briefing_id, reason: str) -> Briefing:
    briefing = _manageable(actor, briefing_id, for_update=True)
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise Invalid("Say why it is withdrawn: officers see it.", code="reason_required", field="reason")
    if len(reason) > REASON_MAX:
        raise Invalid(f"The reason is at most {REASON_MAX} characters.", code="reason_too_long", field="reason")
    return _withdraw(actor, briefing, reason)


def _withdraw(actor, briefing: Briefing, reason: str) -> Briefing:
    briefing.withdrawn_at, briefing.withdrawn_by, briefing.withdrawal_reason = timezone.now(), actor, reason
    briefing.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    codes = sorted(briefing.post_codes)
    record_change(
        actor,
        AuditAction.BRIEFINGS_BRIEFING_WITHDRAW,
        briefing,
        new={"title": briefing.title, "reason": reason},
        post_code=codes[0] if len(codes) == 1 and not briefing.all_posts else None,
    )
    return briefing


@service(PUBLISH)
def manageable(actor, briefing_id) -> Briefing:
    """A live briefing the actor may correct or withdraw (the correction form starts from it)."""
    return _manageable(actor, briefing_id)


def _manageable(actor, briefing_id, *, for_update: bool = False) -> Briefing:
    """A live briefing the actor could have published (every post it is for within their reach)."""
    rows = Briefing.objects.select_for_update() if for_update else Briefing.objects.all()
    briefing = rows.filter(pk=pk_of(briefing_id, field="briefing"), withdrawn_at__isnull=True).first()
    if briefing is None or not may_manage(actor, briefing):
        raise NotFound("No such briefing among those you publish.", code="briefing_not_found")
    return briefing


def may_manage(actor, briefing: Briefing) -> bool:
    if not actor.can(PUBLISH):
        return False
    try:
        check_reach(briefing.audience, everywhere=actor.all_posts, own_posts=actor.assigned_post_codes)
    except BriefingProblem:
        return False
    return True


def may_follow(actor, briefing: Briefing) -> bool:
    """A publisher follows a briefing's acknowledgements when it is for a post they work at (or they work
    everywhere)."""
    if not actor.can(PUBLISH):
        return False
    return actor.all_posts or briefing.all_posts or bool(briefing.post_codes & actor.assigned_post_codes)


def applies_to(user, briefing: Briefing) -> bool:
    """Whether ``briefing`` is for ``user``: one of its roles, at one of its posts (headquarters staff: any)."""
    if not set(briefing.roles) & set(user.roles):
        return False
    return user.all_posts or briefing.all_posts or bool(briefing.post_codes & user.assigned_post_codes)


def _live(on: date):
    return (
        Briefing.objects.filter(withdrawn_at__isnull=True)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .prefetch_related("posts")
    )


@dataclass(frozen=True)
class MyBriefing:
    briefing: Briefing
    acknowledged_at: datetime | None
    in_force: bool


def my_briefings(user, on: date | None = None) -> list[MyBriefing]:
    """The briefings for ``user`` that are in force or coming, with when they acknowledged each."""
    on = on or post_today(user.current_post)
    mine = [b for b in _live(on) if applies_to(user, b)]
    acks = dict(
        Acknowledgement.objects.filter(officer=user, briefing__in=mine).values_list("briefing_id", "acknowledged_at")
    )
    return [MyBriefing(b, acks.get(b.pk), b.period.in_force(on)) for b in mine]


def published_by_reach(actor) -> list[Briefing]:
    """The briefings a publisher follows (for their posts), newest first, withdrawn ones included."""
    if not actor.can(PUBLISH):
        return []
    rows = Briefing.objects.prefetch_related("posts").select_related("published_by")
    if not actor.all_posts:
        rows = rows.filter(Q(all_posts=True) | Q(posts__code__in=actor.assigned_post_codes)).distinct()
    return list(rows.order_by("-published_at", "-id")[:200])


def readable(user, briefing_id) -> Briefing:
    """A briefing ``user`` may read: one for them, or one they follow as its publisher. Any other id, whether it
    exists or not, is ``briefing_not_found``."""
    briefing = (
        Briefing.objects.select_related("published_by", "withdrawn_by", "superseded_by")
        .prefetch_related("posts")
        .filter(pk=pk_of(briefing_id, field="briefing"))
        .first()
    )
    if briefing is None or not (applies_to(user, briefing) or may_follow(user, briefing)):
        raise NotFound("No such briefing for you.", code="briefing_not_found")
    return briefing


@unchecked_service
def acknowledge(user, briefing_id) -> Acknowledgement:
    """The officer has read it. Only a briefing for them, and not withdrawn; the first acknowledgement counts, a
    second (a double click, two tabs at once) returns it without a second event."""
    briefing = readable(user, briefing_id)
    if not applies_to(user, briefing):
        raise NotFound("No such briefing for you.", code="briefing_not_found")
    if briefing.withdrawn_at is not None:
        raise Conflict("This briefing was withdrawn: there is nothing to acknowledge.", code="briefing_withdrawn")
    existing = Acknowledgement.objects.filter(briefing=briefing, officer=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            ack = Acknowledgement.objects.create(briefing=briefing, officer=user, post=user.current_post)
    except IntegrityError:  # the same officer at the same moment: theirs counts
        return Acknowledgement.objects.get(briefing=briefing, officer=user)
    record_change(
        user,
        AuditAction.BRIEFINGS_BRIEFING_ACKNOWLEDGE,
        ack,
        new={"briefing": briefing.pk, "title": briefing.title, "version": briefing.version},
    )
    return ack


def to_acknowledge(officer, post: Post, on: date | None = None) -> list[Briefing]:
    """Briefings in force today at ``post`` for the officer's roles that they have not acknowledged."""
    on = on or post_today(post)
    due = [
        b
        for b in _live(on).filter(effective_on__lte=on)
        if set(b.roles) & set(officer.roles) and b.audience.covers_post(post.code)
    ]
    done = set(Acknowledgement.objects.filter(officer=officer, briefing__in=due).values_list("briefing", flat=True))
    return [b for b in due if b.pk not in done]


def require_acknowledged(officer, post: Post) -> None:
    """The booth's gate: refused (``briefings_unacknowledged``, naming how many) until every briefing in force
    for the officer at the post is acknowledged."""
    waiting = len(to_acknowledge(officer, post))
    if waiting:
        which = "a new briefing" if waiting == 1 else f"{waiting} new briefings"
        raise Conflict(
            f"Read and acknowledge {which} under Briefings (/briefings/) before opening a booth at {post.code}.",
            code="briefings_unacknowledged",
        )


@service(PUBLISH)
def acknowledgement_status(actor, briefing_id) -> list[StatusRow]:
    """Who the briefing is for at the actor's posts (every post for headquarters), and when each acknowledged
    it (None: not yet), those not yet first."""
    briefing = readable(actor, briefing_id)
    if not may_follow(actor, briefing):
        raise NotFound("No such briefing among those you follow.", code="briefing_not_found")
    posts = Post.objects.filter(is_active=True)
    if not briefing.all_posts:
        posts = posts.filter(pk__in=briefing.posts.all())
    if not actor.all_posts:
        posts = posts.filter(code__in=actor.assigned_post_codes)
    acks = dict(Acknowledgement.objects.filter(briefing=briefing).values_list("officer_id", "acknowledged_at"))
    rows = []
    for post in posts.order_by("code"):
        staff = User.objects.filter(is_active=True, posts=post, role_grants__role__in=briefing.roles).distinct()
        for officer in staff.order_by("last_name", "first_name", "username"):
            rows.append(StatusRow(officer, post, acks.get(officer.pk)))
    rows.sort(key=lambda row: row.acknowledged_at is not None)
    return rows
