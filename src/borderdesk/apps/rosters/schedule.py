"""Reading schedules: an officer's own (their coming shifts, leave and swaps, and its calendar feed), and a duty
manager's week of a post (officers by days, and the hours no one is on a booth)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from borderdesk.apps.audit.services import record_access
from borderdesk.apps.common.services import service, the_post, unchecked_service
from borderdesk.apps.posts.models import Post
from borderdesk.apps.rosters.changes import feed_digest, shifts_between
from borderdesk.apps.rosters.checks import zone
from borderdesk.apps.rosters.models import CalendarFeed, Leave, LeaveStatus, Shift, ShiftPattern, Swap, SwapStatus
from borderdesk.apps.rosters.services import live_shifts
from borderdesk.core.access import Perm, Role
from borderdesk.core.rosters.patterns import local_moment

SCHEDULE_DAYS = 42
FEED_DAYS_BACK = 14
FEED_DAYS_AHEAD = 120


@dataclass
class MySchedule:
    shifts: list[Shift]
    leave: list[Leave]
    swaps_asked: list[Swap]
    swaps_mine: list[Swap]
    colleagues_shifts: list[Shift]
    posts: list[Post]
    has_feed: bool


@unchecked_service
def my_schedule(actor) -> MySchedule:
    now = timezone.now()
    shifts = list(shifts_between(actor, now, SCHEDULE_DAYS))
    posts = list(actor.posts.order_by("code"))
    swaps = Swap.objects.select_related("post", "proposer", "colleague", "proposer_shift", "colleague_shift")
    return MySchedule(
        shifts=shifts,
        leave=list(Leave.objects.select_related("post").filter(officer=actor, last_day__gte=now.date() - timedelta(1))),
        swaps_asked=list(swaps.filter(colleague=actor, status=SwapStatus.PROPOSED)),
        swaps_mine=list(swaps.filter(Q(proposer=actor) | Q(colleague=actor)).exclude(status=SwapStatus.PROPOSED)[:20])
        + list(swaps.filter(proposer=actor, status=SwapStatus.PROPOSED)),
        colleagues_shifts=list(
            live_shifts()
            .select_related("officer", "post")
            .filter(
                post__in={s.post_id for s in shifts}, starts_at__gt=now, starts_at__lt=now + timedelta(SCHEDULE_DAYS)
            )
            .exclude(officer=actor)
            .order_by("starts_at")[:200]
        ),
        posts=posts,
        has_feed=CalendarFeed.objects.filter(officer=actor).exists(),
    )


def feed_owner(token: str):
    """The officer whose calendar feed ``token`` opens, or None (an unknown or replaced address)."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("officer").filter(digest=feed_digest(token)).first()
    return feed.officer if feed and feed.officer.is_active else None


def feed_shifts(officer) -> list[Shift]:
    return list(shifts_between(officer, timezone.now() - timedelta(FEED_DAYS_BACK), FEED_DAYS_BACK + FEED_DAYS_AHEAD))


@dataclass
class DayCell:
    day: date
    shifts: list[Shift] = field(default_factory=list)
    on_leave: bool = False


@dataclass
class PostWeek:
    post: Post
    days: list[date]
    rows: list[tuple[object, list[DayCell]]]
    gaps: list[tuple[datetime, datetime]]
    leave_waiting: list[Leave]
    swaps_waiting: list[Swap]
    patterns: list[ShiftPattern]
    officers: list


def rosterable_officers(post: Post):
    roles = [Role.BORDER_OFFICER, Role.SENIOR_OFFICER]
    return list(
        get_user_model()
        .objects.filter(posts=post, is_active=True, role_grants__role__in=roles)
        .distinct()
        .order_by("username")
    )


@service(Perm.BORDER_ROSTER_MANAGE, post=the_post)
def post_week(actor, *, post: Post, first_day: date) -> PostWeek:
    tz = zone(post)
    days = [first_day + timedelta(n) for n in range(7)]
    start = local_moment(first_day, datetime.min.time(), tz)
    end = local_moment(first_day + timedelta(7), datetime.min.time(), tz)
    shifts = list(live_shifts().select_related("officer").filter(post=post, starts_at__lt=end, ends_at__gt=start))
    officers = rosterable_officers(post)
    rostered = {s.officer for s in shifts}
    leave = list(
        Leave.objects.filter(post=post, status=LeaveStatus.APPROVED, first_day__lte=days[-1], last_day__gte=first_day)
    )
    rows = []
    for officer in sorted(set(officers) | rostered, key=lambda o: o.username):
        cells = [DayCell(day) for day in days]
        for shift in shifts:
            if shift.officer_id == officer.pk:
                index = (shift.starts_at.astimezone(tz).date() - first_day).days
                if 0 <= index < 7:
                    cells[index].shifts.append(shift)
        for period in leave:
            if period.officer_id == officer.pk:
                for cell in cells:
                    cell.on_leave = cell.on_leave or period.first_day <= cell.day <= period.last_day
        rows.append((officer, cells))
    record_access(
        actor, purpose="rosters: the week's roster", detail=f"{post.code} from {first_day}", post_code=post.code
    )
    return PostWeek(
        post=post,
        days=days,
        rows=rows,
        gaps=booth_gaps(shifts, start, end),
        leave_waiting=list(Leave.objects.select_related("officer").filter(post=post, status=LeaveStatus.REQUESTED)),
        swaps_waiting=list(
            Swap.objects.select_related("proposer", "colleague", "proposer_shift", "colleague_shift").filter(
                post=post, status=SwapStatus.ACCEPTED
            )
        ),
        patterns=list(ShiftPattern.objects.filter(post=post)),
        officers=officers,
    )


def booth_gaps(shifts: list[Shift], start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The stretches from ``start`` to ``end`` when no officer is on a booth shift."""
    covered = sorted((s.starts_at, s.ends_at) for s in shifts if s.task == "booth")
    gaps, cursor = [], start
    for lo, hi in covered:
        if lo > cursor:
            gaps.append((cursor, min(lo, end)))
        cursor = max(cursor, hi)
        if cursor >= end:
            break
    if cursor < end:
        gaps.append((cursor, end))
    return [(lo, hi) for lo, hi in gaps if hi > lo]
