"""The duty manager's live dashboard of a post: each queue against its service level, the booths open, on break
or closed with their throughput, the arrivals expected, the booths each coming hour needs (the Erlang C plan of
``core/staffing``, the same calculation as ``borderdesk staffing calc``) against the roster, and the day's charts."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from borderdesk.apps.common.services import service
from borderdesk.apps.inspection.models import Inspection, Status
from borderdesk.apps.posts.models import Post
from borderdesk.apps.queues.models import ExpectedArrival, Queue, QueueCount
from borderdesk.apps.queues.services import (
    _post_of,
    _tz,
    booth_states,
    day_bounds,
    processing_seconds,
    queue_waits,
)
from borderdesk.apps.rosters.services import rostered_booth_officers
from borderdesk.core.access import Perm
from borderdesk.core.queues import DEFAULT_SERVICE_LEVELS, QueueKind, ScheduledArrival, ServiceLevel, measure
from borderdesk.core.queues.schedule import hourly_arrivals
from borderdesk.core.staffing import HourDemand, StaffingError, StaffingRequest, plan

STAFFING_HOURS = 12


@service(Perm.BORDER_QUEUE_MANAGE, post=_post_of)
def dashboard(actor, post: Post, *, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    day_start, day_end = day_bounds(post, post.local_date(now))
    queues = list(Queue.objects.filter(post=post, is_active=True).select_related("post"))
    hour_start = now.astimezone(_tz(post)).replace(minute=0, second=0, microsecond=0)
    return {
        "now": now,
        "queues": [queue_status(queue, day_start, day_end, now) for queue in queues],
        "booths": booth_states(post, now),
        "staffing": staffing_table(post, queues, hour_start, now),
        "arrivals": list(
            ExpectedArrival.objects.filter(
                post=post, expected_at__gte=hour_start, expected_at__lt=hour_start + timedelta(hours=STAFFING_HOURS)
            )
        ),
        "charts": day_charts(post, queues, day_start, now),
    }


def queue_status(queue: Queue, day_start: datetime, day_end: datetime, now: datetime) -> dict:
    waits = queue_waits(queue, day_start, day_end, now)
    served = [wait.seconds for wait in waits if wait.served]
    waiting = [wait.seconds for wait in waits if not wait.served]
    latest = QueueCount.objects.filter(queue=queue, counted_at__gte=day_start).order_by("-counted_at").first()
    target = queue.target_minutes * 60
    longest = max(waiting, default=None)
    return {
        "queue": queue,
        "latest": latest,
        "today": measure(served, target, queue.target_share),
        "longest_wait": longest,
        "last_served_wait": served[-1] if served else None,
        "over_target": longest is not None and longest > target,
    }


def _level(queues: list[Queue], kind: QueueKind) -> ServiceLevel:
    for queue in queues:
        if queue.kind == kind and queue.direction == "entry":
            return ServiceLevel(queue.target_minutes, queue.target_share)
    return DEFAULT_SERVICE_LEVELS[kind]


def staffing_table(post: Post, queues: list[Queue], start: datetime, now: datetime) -> dict:
    """Booths needed in each coming hour for the residents' and visitors' queues on entry (e-gates need no
    officer), by Erlang C from the expected arrivals and the measured processing time, against the roster."""
    hours = STAFFING_HOURS
    scheduled = [
        ScheduledArrival(a.service, a.expected_at, a.terminal, a.passengers, a.residents_share)
        for a in ExpectedArrival.objects.filter(
            post=post, expected_at__gte=start, expected_at__lt=start + timedelta(hours=hours)
        )
    ]
    residents, visitors = hourly_arrivals(scheduled, start, hours)
    seconds, samples = processing_seconds(post, now)
    labels = [f"{start + timedelta(hours=h):%H:00}" for h in range(hours)]
    try:
        needed = {
            kind: plan(
                StaffingRequest(
                    service_seconds=seconds,
                    target_wait_seconds=_level(queues, kind).target_seconds,
                    target_share=_level(queues, kind).share,
                    hours=tuple(HourDemand(label, n) for label, n in zip(labels, demand, strict=True)),
                )
            ).hours
            for kind, demand in ((QueueKind.RESIDENTS, residents), (QueueKind.VISITORS, visitors))
        }
    except StaffingError as exc:
        return {"error": exc.message, "rows": [], "service_seconds": seconds, "samples": samples, "short": False}
    roster = rostered_booth_officers(post, start, hours)
    rows = []
    for h, label in enumerate(labels):
        booths = needed[QueueKind.RESIDENTS][h].booths + needed[QueueKind.VISITORS][h].booths
        rows.append(
            {
                "hour": label,
                "residents": round(residents[h]),
                "visitors": round(visitors[h]),
                "residents_booths": needed[QueueKind.RESIDENTS][h].booths,
                "visitors_booths": needed[QueueKind.VISITORS][h].booths,
                "needed": booths,
                "rostered": roster[h],
                "short": max(booths - roster[h], 0),
            }
        )
    return {
        "rows": rows,
        "service_seconds": seconds,
        "samples": samples,
        "short": any(row["short"] for row in rows),
        "error": "",
    }


def day_charts(post: Post, queues: list[Queue], day_start: datetime, now: datetime) -> list[dict]:
    """Two charts of the day so far, by local hour: travellers who reached a booth or e-gate, and people waiting
    (the latest count of each hour, all queues together)."""
    hours = max(min(int((now - day_start) // timedelta(hours=1)) + 1, 24), 1)
    tz = _tz(post)
    served = [0] * hours
    for moment in (
        Inspection.objects.filter(post=post, created_at__gte=day_start, created_at__lte=now)
        .exclude(status=Status.SUPERSEDED)
        .values_list("created_at", flat=True)
    ):
        index = int((moment - day_start) // timedelta(hours=1))
        if 0 <= index < hours:
            served[index] += 1
    latest: dict[tuple[int, int], int] = {}
    for queue_id, at, waiting in QueueCount.objects.filter(
        queue__in=queues, counted_at__gte=day_start, counted_at__lte=now
    ).values_list("queue_id", "counted_at", "waiting"):
        latest[(queue_id, int((at - day_start) // timedelta(hours=1)))] = waiting  # ordered by moment
    waiting = [sum(v for (_, h), v in latest.items() if h == index) for index in range(hours)]
    labels = [f"{(day_start + timedelta(hours=h)).astimezone(tz):%H:00}" for h in range(hours)]
    return [
        bar_chart("served", "Travellers who reached a booth or e-gate, by hour", labels, served),
        bar_chart("waiting", "People waiting at the hour's last count, all queues", labels, waiting),
    ]


def bar_chart(slug: str, title: str, labels: list[str], values: list[int], height: int = 120) -> dict:
    """A bar chart drawn on the server (inline SVG): each bar's place and height, and the figures for the table
    beside it, which carries them for people who cannot see the chart."""
    top = max(values, default=0) or 1
    width = 24
    bars = [
        {
            "x": i * width + 4,
            "y": height - round(value / top * (height - 10)),
            "height": round(value / top * (height - 10)),
            "label": label,
            "value": value,
        }
        for i, (label, value) in enumerate(zip(labels, values, strict=True))
    ]
    return {"slug": slug, "title": title, "bars": bars, "width": len(bars) * width + 8, "height": height, "top": top}
