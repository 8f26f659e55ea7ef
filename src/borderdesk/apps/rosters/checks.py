"""The working-time rules of ``core.rosters`` applied to the database: the shifts a change would make (or move)
against the officers' other shifts at every post and their approved leave; a change that breaks a rule is refused
whole, naming the officer and the shifts."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.rosters.models import Leave, LeaveStatus, Shift
from borderdesk.core.rosters import Leave as LeaveSpan
from borderdesk.core.rosters import Limits, ShiftSpan, Violation, check
from borderdesk.core.rosters.patterns import local_moment

REACH = timedelta(days=8)  # the 7-day cap looks this far either side of a change
SHOWN = 5  # violations named in one refusal; the rest are counted


class RosterRefused(Invalid):
    def __init__(self, violations: list[Violation]):
        shown = [v.message for v in violations[:SHOWN]]
        more = len(violations) - len(shown)
        message = " ".join(shown) + (f" ({more} more.)" if more > 0 else "")
        super().__init__(message, code=violations[0].code)
        self.violations = violations


def limits() -> Limits:
    return Limits(
        min_rest=timedelta(hours=settings.BORDERDESK_ROSTER_MIN_REST_HOURS),
        max_hours_per_7_days=settings.BORDERDESK_ROSTER_MAX_HOURS_7_DAYS,
        max_shift=timedelta(hours=settings.BORDERDESK_ROSTER_MAX_SHIFT_HOURS),
    )


def zone(post) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(post.time_zone)


def shift_words(post, starts_at: datetime, ends_at: datetime) -> str:
    tz = zone(post)
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    return f"the shift at {post.code} {start:%a %d %b %Y %H:%M}-{end:%H:%M}"


def span_of(shift: Shift, *, officer=None, key: str | None = None) -> ShiftSpan:
    officer = officer or shift.officer
    return ShiftSpan(
        key=key or f"shift:{shift.pk}",
        officer=officer.username,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        break_minutes=shift.break_minutes,
        label=shift_words(shift.post, shift.starts_at, shift.ends_at),
    )


def leave_window(leave: Leave) -> tuple[datetime, datetime]:
    tz = zone(leave.post)
    return (
        local_moment(leave.first_day, datetime.min.time(), tz),
        local_moment(leave.last_day + timedelta(days=1), datetime.min.time(), tz),
    )


def lock_officers(officer_ids) -> None:
    """Hold the officers' rows for the rest of the transaction: two managers rostering one officer at once are
    checked one after the other, not both against the roster without the other's shifts."""
    list(get_user_model().objects.select_for_update().filter(pk__in=sorted(set(officer_ids))).values_list("pk"))


def enforce(proposed: list[tuple[Shift, ShiftSpan]], *, moving: tuple[int, ...] = ()) -> None:
    """Refuse the proposed shifts (unsaved, or saved ones ``moving`` to another officer) if, with the officers'
    other live shifts and approved leave, they break a rule."""
    if not proposed:
        return
    officers = {shift.officer_id: shift.officer for shift, _ in proposed}
    lock_officers(officers)
    lo = min(span.starts_at for _, span in proposed) - REACH
    hi = max(span.ends_at for _, span in proposed) + REACH
    existing = [
        span_of(s)
        for s in Shift.objects.select_related("post", "officer")
        .filter(officer_id__in=officers, cancelled_at__isnull=True, starts_at__lt=hi, ends_at__gt=lo)
        .exclude(pk__in=moving)
    ]
    leave = []
    for period in Leave.objects.select_related("post", "officer").filter(
        officer_id__in=officers, status=LeaveStatus.APPROVED
    ):
        start, end = leave_window(period)
        if start < hi and end > lo:
            leave.append(
                LeaveSpan(period.officer.username, start, end, label=f"{period.first_day} to {period.last_day}")
            )
    violations = check(existing, [span for _, span in proposed], limits(), leave)
    if violations:
        raise RosterRefused(violations)
