"""Changing the roster: shifts made and cancelled by a duty manager of the post, patterns written and applied
(all or nothing), leave requested by the officer and decided by a duty manager, swaps proposed, accepted and
approved. Every change keeps the working-time rules (``rosters.checks``) and is in the audit trail."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import pk_of, post_code_of, service, the_post, unchecked_service
from borderdesk.apps.posts.models import Post
from borderdesk.apps.rosters.checks import enforce, leave_window, shift_words, span_of, zone
from borderdesk.apps.rosters.models import (
    CalendarFeed,
    Leave,
    LeaveStatus,
    Shift,
    ShiftPattern,
    Swap,
    SwapStatus,
    Task,
)
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.rosters import PatternError, ShiftSpan, expand, format_pattern, parse_pattern

MAX_PATTERN_DAYS = 92  # one application covers at most a quarter
MAX_LEAVE_DAYS = 366
MAX_OFFICERS_PER_APPLICATION = 60


def _officer_at(post: Post, officer) -> None:
    if officer is None or not getattr(officer, "is_active", False) or not officer.posts.filter(pk=post.pk).exists():
        name = getattr(officer, "username", "that person")
        raise Invalid(
            f"{name} is not assigned to {post.code}: an administrator assigns officers to posts first.",
            code="officer_not_at_post",
            field="officer",
        )


def _shift_record(shift: Shift) -> dict:
    return {
        "officer": shift.officer.username,
        "post": shift.post.code,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "break_minutes": shift.break_minutes,
        "task": shift.task,
    }


def _new_span(shift: Shift, n: int) -> ShiftSpan:
    return span_of(shift, key=f"new:{n}")


# --- shifts -----------------------------------------------------------------------------------------------


@service(Perm.BORDER_ROSTER_MANAGE, post=the_post)
def create_shift(
    actor,
    *,
    post: Post,
    officer,
    starts_at: datetime,
    ends_at: datetime,
    break_minutes: int = 0,
    task: str = Task.BOOTH,
) -> Shift:
    _officer_at(post, officer)
    if task not in Task.values:
        raise Invalid(f"No task {task!r}.", code="invalid_task", field="task")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise Invalid("A shift's times need their time zone.", code="naive_time")
    if ends_at <= starts_at:
        raise Invalid("A shift ends after it starts.", code="shift_out_of_order", field="ends_at")
    if not 0 <= break_minutes <= 24 * 60:
        raise Invalid("A break is from 0 minutes to a day.", code="invalid_break", field="break_minutes")
    shift = Shift(
        officer=officer,
        post=post,
        starts_at=starts_at,
        ends_at=ends_at,
        break_minutes=break_minutes,
        task=task,
        created_by=actor if actor.pk else None,
    )
    enforce([(shift, _new_span(shift, 0))])
    shift.save()
    record_change(actor, AuditAction.ROSTERS_SHIFT_CREATE, shift, new=_shift_record(shift), post_code=post.code)
    return shift


def _shift_post(shift, **_) -> str:
    return post_code_of(Shift, pk_of(shift, field="shift"), what="shift")


@service(Perm.BORDER_ROSTER_MANAGE, post=_shift_post)
def cancel_shift(actor, shift) -> Shift:
    shift = Shift.objects.select_for_update().select_related("post", "officer").get(pk=pk_of(shift, field="shift"))
    if shift.cancelled_at is None:
        _cancel(actor, shift, reason="cancelled by the duty manager")
    return shift


def _cancel(actor, shift: Shift, *, reason: str) -> None:
    shift.cancelled_at = timezone.now()
    shift.save(update_fields=["cancelled_at"])
    record_change(
        actor,
        AuditAction.ROSTERS_SHIFT_CANCEL,
        shift,
        old=_shift_record(shift),
        new={"reason": reason},
        post_code=shift.post.code,
    )


# --- patterns ---------------------------------------------------------------------------------------------


@service(Perm.BORDER_ROSTER_MANAGE, post=the_post)
def create_pattern(actor, *, post: Post, name: str, days: str) -> ShiftPattern:
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise Invalid("A pattern needs a name of at most 80 characters.", code="invalid_name", field="name")
    try:
        cycle = parse_pattern(days)
    except PatternError as error:
        raise Invalid(str(error), code=error.code, field="days") from error
    if ShiftPattern.objects.filter(post=post, name=name).exists():
        raise Conflict(f"{post.code} already has a pattern named {name!r}.", code="pattern_exists", field="name")
    pattern = ShiftPattern.objects.create(
        post=post, name=name, days=format_pattern(cycle), created_by=actor if actor.pk else None
    )
    record_change(
        actor,
        AuditAction.ROSTERS_PATTERN_CREATE,
        pattern,
        new={"name": name, "days": pattern.days},
        post_code=post.code,
    )
    return pattern


def _pattern_post(pattern, **_) -> str:
    return post_code_of(ShiftPattern, pk_of(pattern, field="pattern"), what="pattern")


@service(Perm.BORDER_ROSTER_MANAGE, post=_pattern_post)
def apply_pattern(
    actor, pattern, *, officers: list[tuple[object, int]], first_day: date, last_day: date, task: str = Task.BOOTH
) -> list[Shift]:
    """The pattern's shifts for each (officer, offset into the cycle) from ``first_day`` to ``last_day``: all made,
    or none (the refusal names every rule broken)."""
    pattern = ShiftPattern.objects.select_related("post").get(pk=pk_of(pattern, field="pattern"))
    post = pattern.post
    if not officers:
        raise Invalid("Choose at least one officer.", code="no_officers", field="officers")
    if len(officers) > MAX_OFFICERS_PER_APPLICATION:
        raise Invalid("Too many officers at once.", code="too_many_officers", field="officers")
    if len({getattr(o, "pk", None) for o, _ in officers}) != len(officers):
        raise Invalid("An officer is chosen twice.", code="officer_twice", field="officers")
    if last_day < first_day:
        raise Invalid("The last day comes before the first.", code="dates_out_of_order", field="last_day")
    if (last_day - first_day).days + 1 > MAX_PATTERN_DAYS:
        raise Invalid(f"A pattern is applied to at most {MAX_PATTERN_DAYS} days at once.", code="range_too_long")
    if first_day < post.local_date():
        raise Invalid("A roster cannot be made for days gone by.", code="roster_in_past", field="first_day")
    if task not in Task.values:
        raise Invalid(f"No task {task!r}.", code="invalid_task", field="task")
    cycle = parse_pattern(pattern.days)
    planned: list[tuple[Shift, ShiftSpan]] = []
    for officer, offset in officers:
        _officer_at(post, officer)
        for times in expand(cycle, first_day, last_day, zone(post), offset):
            shift = Shift(
                officer=officer,
                post=post,
                starts_at=times.starts_at,
                ends_at=times.ends_at,
                break_minutes=times.break_minutes,
                task=task,
                created_by=actor if actor.pk else None,
            )
            planned.append((shift, _new_span(shift, len(planned))))
    enforce(planned)
    shifts = Shift.objects.bulk_create([shift for shift, _ in planned])
    record_change(
        actor,
        AuditAction.ROSTERS_PATTERN_APPLY,
        pattern,
        new={
            "pattern": pattern.name,
            "officers": [f"{o.username} (day {offset + 1} of the cycle)" for o, offset in officers],
            "first_day": first_day,
            "last_day": last_day,
            "shifts": len(shifts),
        },
        post_code=post.code,
    )
    return shifts


# --- leave ------------------------------------------------------------------------------------------------


@unchecked_service
def request_leave(actor, *, post: Post, first_day: date, last_day: date, note: str = "") -> Leave:
    """The officer's own leave, at a post they are assigned to (its duty managers decide)."""
    _officer_at(post, actor)
    if last_day < first_day:
        raise Invalid("The last day of leave comes before the first.", code="dates_out_of_order", field="last_day")
    if first_day < post.local_date():
        raise Invalid("Leave cannot be asked for days gone by.", code="leave_in_past", field="first_day")
    if (last_day - first_day).days + 1 > MAX_LEAVE_DAYS:
        raise Invalid("Leave is asked for at most a year at once.", code="leave_too_long", field="last_day")
    if (
        Leave.objects.filter(officer=actor, first_day__lte=last_day, last_day__gte=first_day)
        .exclude(status=LeaveStatus.REFUSED)
        .exists()
    ):
        raise Conflict("You have already asked for leave on some of these days.", code="leave_overlaps")
    leave = Leave.objects.create(officer=actor, post=post, first_day=first_day, last_day=last_day, note=note[:200])
    record_change(
        actor,
        AuditAction.ROSTERS_LEAVE_REQUEST,
        leave,
        new={"first_day": first_day, "last_day": last_day, "note": leave.note},
        post_code=post.code,
    )
    return leave


def _leave_post(leave, **_) -> str:
    return post_code_of(Leave, pk_of(leave, field="leave"), what="leave")


@service(Perm.BORDER_ROSTER_MANAGE, post=_leave_post)
def decide_leave(actor, leave, *, approve: bool) -> Leave:
    """Approve or refuse leave. Approving cancels the officer's shifts in it, at every post."""
    leave = Leave.objects.select_for_update().select_related("post", "officer").get(pk=pk_of(leave, field="leave"))
    if leave.status != LeaveStatus.REQUESTED:
        raise Conflict(f"This leave is already {leave.get_status_display().lower()}.", code="leave_decided")
    if leave.officer_id == actor.pk:
        raise Invalid("Another duty manager decides one's own leave.", code="own_leave")
    leave.status = LeaveStatus.APPROVED if approve else LeaveStatus.REFUSED
    leave.decided_by, leave.decided_at = (actor if actor.pk else None), timezone.now()
    leave.save(update_fields=["status", "decided_by", "decided_at"])
    cancelled = []
    if approve:
        start, end = leave_window(leave)
        for shift in (
            Shift.objects.select_for_update()
            .select_related("post", "officer")
            .filter(officer=leave.officer, cancelled_at__isnull=True, starts_at__lt=end, ends_at__gt=start)
        ):
            _cancel(actor, shift, reason=f"leave {leave.first_day} to {leave.last_day}")
            cancelled.append(shift_words(shift.post, shift.starts_at, shift.ends_at))
    record_change(
        actor,
        AuditAction.ROSTERS_LEAVE_APPROVE if approve else AuditAction.ROSTERS_LEAVE_REFUSE,
        leave,
        new={"officer": leave.officer.username, "first_day": leave.first_day, "last_day": leave.last_day}
        | ({"shifts_cancelled": cancelled} if approve else {}),
        post_code=leave.post.code,
    )
    return leave


# --- swaps ------------------------------------------------------------------------------------------------


def _future_shift(shift_id: int, what: str) -> Shift:
    shift = (
        Shift.objects.select_related("post", "officer")
        .filter(pk=shift_id, cancelled_at__isnull=True, starts_at__gt=timezone.now())
        .first()
    )
    if shift is None:
        raise NotFound(f"No coming shift {shift_id} ({what}).", code="shift_not_found", field=what)
    return shift


@unchecked_service
def propose_swap(actor, *, my_shift, their_shift) -> Swap:
    """The actor offers one of their coming shifts for a colleague's at the same post."""
    mine = _future_shift(pk_of(my_shift, field="my_shift"), "my_shift")
    if mine.officer_id != actor.pk:
        raise NotFound(f"No coming shift of yours numbered {mine.pk}.", code="shift_not_found", field="my_shift")
    theirs = _future_shift(pk_of(their_shift, field="their_shift"), "their_shift")
    if theirs.post_id != mine.post_id:
        raise Invalid("Shifts are swapped only at one post.", code="swap_other_post", field="their_shift")
    if theirs.officer_id == actor.pk:
        raise Invalid("A swap is with a colleague, not with oneself.", code="swap_with_self", field="their_shift")
    open_states = [SwapStatus.PROPOSED, SwapStatus.ACCEPTED]
    ids = [mine.pk, theirs.pk]
    if Swap.objects.filter(status__in=open_states).filter(Q(proposer_shift_id__in=ids) | Q(colleague_shift_id__in=ids)):
        raise Conflict("One of these shifts is already in a swap waiting for an answer.", code="swap_pending")
    _check_swap(mine, theirs)
    swap = Swap.objects.create(
        post=mine.post, proposer=actor, colleague=theirs.officer, proposer_shift=mine, colleague_shift=theirs
    )
    record_change(actor, AuditAction.ROSTERS_SWAP_PROPOSE, swap, new=_swap_record(swap), post_code=mine.post.code)
    return swap


def _swap_record(swap: Swap) -> dict:
    return {
        "proposer": swap.proposer.username,
        "colleague": swap.colleague.username,
        "proposer_shift": shift_words(swap.post, swap.proposer_shift.starts_at, swap.proposer_shift.ends_at),
        "colleague_shift": shift_words(swap.post, swap.colleague_shift.starts_at, swap.colleague_shift.ends_at),
    }


def _check_swap(mine: Shift, theirs: Shift) -> None:
    """The two shifts with their officers exchanged must keep every rule."""
    mine_moved = Shift(
        pk=mine.pk,
        officer=theirs.officer,
        post=mine.post,
        starts_at=mine.starts_at,
        ends_at=mine.ends_at,
        break_minutes=mine.break_minutes,
    )
    theirs_moved = Shift(
        pk=theirs.pk,
        officer=mine.officer,
        post=theirs.post,
        starts_at=theirs.starts_at,
        ends_at=theirs.ends_at,
        break_minutes=theirs.break_minutes,
    )
    enforce(
        [(mine_moved, span_of(mine_moved, key="new:0")), (theirs_moved, span_of(theirs_moved, key="new:1"))],
        moving=(mine.pk, theirs.pk),
    )


def _my_swap(actor, swap_id: int, role: str) -> Swap:
    swap = (
        Swap.objects.select_for_update()
        .select_related("post", "proposer", "colleague", "proposer_shift", "colleague_shift")
        .filter(pk=swap_id, **{role: actor.pk})
        .first()
    )
    if swap is None:
        raise NotFound(f"No swap {swap_id} asked of you.", code="swap_not_found")
    return swap


@unchecked_service
def answer_swap(actor, swap, *, accept: bool) -> Swap:
    """The colleague accepts (it then waits for a duty manager) or declines."""
    swap = _my_swap(actor, pk_of(swap, field="swap"), "colleague_id")
    if swap.status != SwapStatus.PROPOSED:
        raise Conflict(f"This swap is already {swap.get_status_display().lower()}.", code="swap_decided")
    swap.status = SwapStatus.ACCEPTED if accept else SwapStatus.DECLINED
    swap.save(update_fields=["status"])
    action = AuditAction.ROSTERS_SWAP_ACCEPT if accept else AuditAction.ROSTERS_SWAP_DECLINE
    record_change(actor, action, swap, new=_swap_record(swap), post_code=swap.post.code)
    return swap


def _swap_post(swap, **_) -> str:
    return post_code_of(Swap, pk_of(swap, field="swap"), what="swap")


@service(Perm.BORDER_ROSTER_MANAGE, post=_swap_post)
def decide_swap(actor, swap, *, approve: bool) -> Swap:
    """A duty manager of the post approves an accepted swap (both shifts change officers, at once, if they are
    still as proposed and the result keeps every rule) or refuses it."""
    swap = (
        Swap.objects.select_for_update()
        .select_related("post", "proposer", "colleague")
        .get(pk=pk_of(swap, field="swap"))
    )
    if swap.status != SwapStatus.ACCEPTED:
        raise Conflict(
            f"Only a swap the colleague accepted is decided; this one is {swap.get_status_display().lower()}.",
            code="swap_not_accepted",
        )
    if actor.pk in (swap.proposer_id, swap.colleague_id):
        raise Invalid("Another duty manager decides a swap of one's own shifts.", code="own_swap")
    shifts = {
        s.pk: s
        for s in Shift.objects.select_for_update()
        .select_related("post", "officer")
        .filter(pk__in=[swap.proposer_shift_id, swap.colleague_shift_id])
    }
    mine, theirs = shifts[swap.proposer_shift_id], shifts[swap.colleague_shift_id]
    swap.proposer_shift, swap.colleague_shift = mine, theirs
    if approve:
        stale = (
            mine.officer_id != swap.proposer_id
            or theirs.officer_id != swap.colleague_id
            or mine.cancelled_at
            or theirs.cancelled_at
            or min(mine.starts_at, theirs.starts_at) <= timezone.now()
        )
        if stale:
            raise Conflict(
                "The shifts have changed or started since the swap was proposed; it can only be refused.",
                code="swap_stale",
            )
        _check_swap(mine, theirs)
        for shift, new_officer in ((mine, swap.colleague), (theirs, swap.proposer)):
            old = _shift_record(shift)
            shift.officer = new_officer
            shift.save(update_fields=["officer"])
            record_change(
                actor,
                AuditAction.ROSTERS_SHIFT_CHANGE,
                shift,
                old=old,
                new=_shift_record(shift) | {"swap": swap.pk},
                post_code=swap.post.code,
            )
    swap.status = SwapStatus.APPROVED if approve else SwapStatus.REFUSED
    swap.decided_by, swap.decided_at = (actor if actor.pk else None), timezone.now()
    swap.save(update_fields=["status", "decided_by", "decided_at"])
    action = AuditAction.ROSTERS_SWAP_APPROVE if approve else AuditAction.ROSTERS_SWAP_REFUSE
    record_change(actor, action, swap, new=_swap_record(swap), post_code=swap.post.code)
    return swap


# --- the calendar feed ------------------------------------------------------------------------------------


def feed_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@unchecked_service
def reset_feed(actor) -> str:
    """A new secret for the actor's calendar feed (the old address stops working); shown once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(officer=actor, defaults={"digest": feed_digest(token)})
    record_change(
        actor, AuditAction.ROSTERS_FEED_RESET, object_type="rosters.calendarfeed", object_id=str(actor.pk), new={}
    )
    return token


def shifts_between(officer, start: datetime, days: int):
    return (
        Shift.objects.select_related("post")
        .filter(
            officer=officer, cancelled_at__isnull=True, ends_at__gt=start, starts_at__lt=start + timedelta(days=days)
        )
        .order_by("starts_at")
    )
