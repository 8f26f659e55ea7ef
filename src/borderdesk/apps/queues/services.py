"""Queues: their setup, the counts sensors and staff send, officers' breaks, arrival schedules, the duty
manager's dashboard and the daily queue measures.

How waits are measured: by cumulative arrival and service curves, first in first out (``core/queues/waits.py``).
The arrival curve comes from the counts of each day (the first count's people waiting, then the people who joined
since each count); the service curve from the moments the queue's travellers reached a booth (an inspection's
``created_at`` at a booth of the queue's lanes and direction, or at an e-gate for a queue with the ``egate`` lane;
superseded inspections, which are the same traveller scanned again, are not counted). The n-th person to join is
the n-th served: their wait is the difference. A day's measures are the waits of the people served that day.
Processing time (for staffing) is reached the booth -> first decision.
"""

from __future__ import annotations

import hashlib
import json
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import as_id, post_code_of, service, unchecked_service
from borderdesk.apps.inspection.models import BoothSession, Inspection, Status
from borderdesk.apps.posts.models import Booth, Lane, Post
from borderdesk.apps.queues.models import BoothBreak, ExpectedArrival, Queue, QueueCount
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.queues import (
    DEFAULT_LANES,
    DEFAULT_SERVICE_LEVELS,
    Count,
    QueueKind,
    ScheduledArrival,
    ScheduleError,
    measure,
    parse_row,
    parse_schedule,
    traveller_waits,
)

MAX_PEOPLE = 5_000  # more people than any hall holds: a count above it is a faulty sensor
FUTURE_SKEW = timedelta(minutes=2)  # sensors' clocks drift a little
OLDEST_COUNT = timedelta(hours=24)
MAX_KEY = 200
MAX_SCHEDULE_BYTES = 1_000_000
MAX_MEASURE_DAYS = 366
DEFAULT_SERVICE_SECONDS = 90
MIN_SERVICE_SAMPLES = 20


def _post_of(post, *_, **__) -> str:
    return post.code


def _tz(post: Post) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(post.time_zone)


def day_bounds(post: Post, day: date) -> tuple[datetime, datetime]:
    """The post's local day as two UTC moments (a day of 23 or 25 hours when the clocks change)."""
    start = datetime.combine(day, time(), tzinfo=_tz(post))
    return start, datetime.combine(day + timedelta(days=1), time(), tzinfo=_tz(post))


# --- Queue setup ------------------------------------------------------------------------------------------


@service(Perm.BORDER_QUEUE_MANAGE, post=_post_of)
def post_queues(actor, post: Post, *, active_only: bool = False) -> list[Queue]:
    queues = Queue.objects.filter(post=post).select_related("post")
    return list(queues.filter(is_active=True) if active_only else queues)


@dataclass(frozen=True)
class QueueSetup:
    kind: str
    terminal: str = ""
    direction: str = "entry"
    lanes: tuple[str, ...] | None = None  # None: the kind's default lanes
    target_minutes: int | None = None  # None: the kind's default service level
    target_percent: float | None = None
    is_active: bool = True


@service(Perm.BORDER_QUEUE_MANAGE, post=_post_of)
def save_queue(actor, post: Post, setup: QueueSetup, *, queue_id=None) -> Queue:
    """Set up a queue of ``post`` (or change queue ``queue_id`` of that post): its kind, terminal, direction, the
    lanes that serve it and its service level. Audited with the old and new values."""
    values = _checked_setup(setup)
    queue = None
    if queue_id not in (None, ""):
        queue = Queue.objects.select_for_update().filter(pk=as_id(queue_id, field="queue"), post=post).first()
        if queue is None:
            raise NotFound(f"Post {post.code} has no queue {queue_id}.", code="queue_not_found")
    _check_unique(post, values, queue)
    old = _setup_values(queue) if queue else None
    if queue is None:
        queue = Queue(post=post)
    for field, value in values.items():
        setattr(queue, field, value)
    queue.save()
    action = AuditAction.QUEUES_QUEUE_UPDATE if old else AuditAction.QUEUES_QUEUE_CREATE
    record_change(actor, action, queue, old=old, new=_setup_values(queue), post_code=post.code)
    return queue


def _checked_setup(setup: QueueSetup) -> dict:
    if setup.kind not in QueueKind.__members__.values():
        raise Invalid(f"{setup.kind[:20]!r} is not a kind of queue.", code="unknown_kind", field="kind")
    kind = QueueKind(setup.kind)
    terminal = setup.terminal.strip().upper()
    if len(terminal) > 20 or not all(c.isalnum() or c == "-" for c in terminal):
        raise Invalid("A terminal is up to 20 letters, digits or dashes.", code="bad_terminal", field="terminal")
    if setup.direction not in ("entry", "exit"):
        raise Invalid("A queue is for entry or exit.", code="bad_direction", field="direction")
    lanes = tuple(DEFAULT_LANES[kind] if setup.lanes is None else setup.lanes)
    unknown = [lane for lane in lanes if lane not in Lane.values]
    if unknown:
        raise Invalid(f"No booth lane {unknown[0][:20]!r}.", code="unknown_lane", field="lanes")
    level = DEFAULT_SERVICE_LEVELS[kind]
    minutes = level.target_minutes if setup.target_minutes is None else setup.target_minutes
    if not 1 <= minutes <= 600:
        raise Invalid("The target wait is 1 to 600 minutes.", code="bad_target", field="target_minutes")
    percent = level.share * 100 if setup.target_percent is None else setup.target_percent
    if not 1 <= percent <= 99.9:  # also NaN
        raise Invalid("The share within the target is 1 to 99.9%.", code="bad_share", field="target_percent")
    return {
        "kind": kind.value,
        "terminal": terminal,
        "direction": setup.direction,
        "lanes": sorted(set(lanes)),
        "target_minutes": minutes,
        "target_share": round(percent / 100, 4),
        "is_active": setup.is_active,
    }


def _check_unique(post: Post, values: dict, queue: Queue | None) -> None:
    others = Queue.objects.filter(post=post, terminal=values["terminal"], direction=values["direction"])
    if queue is not None:
        others = others.exclude(pk=queue.pk)
    if others.filter(kind=values["kind"]).exists():
        raise Conflict("That terminal already has this queue for this direction.", code="queue_exists")
    if values["is_active"]:
        for other in others.filter(is_active=True):
            shared = set(other.lanes) & set(values["lanes"])
            if shared:
                raise Conflict(
                    f"The {', '.join(sorted(shared))} lane already serves the {other.name} queue.",
                    code="lane_taken",
                    field="lanes",
                )


def _setup_values(queue: Queue) -> dict:
    return {
        "kind": queue.kind,
        "terminal": queue.terminal,
        "direction": queue.direction,
        "lanes": list(queue.lanes),
        "target_minutes": queue.target_minutes,
        "target_share": queue.target_share,
        "is_active": queue.is_active,
    }


# --- Counts -----------------------------------------------------------------------------------------------


def _queue_post(*_, queue_id, **__) -> str:
    return post_code_of(Queue, as_id(queue_id, field="queue"), what="queue")


@dataclass(frozen=True)
class CountReceived:
    count: QueueCount
    replayed: bool


@service(Perm.BORDER_QUEUE_COUNT, post=_queue_post)
def receive_count(actor, *, queue_id, at: datetime, waiting: int, joined: int, idempotency_key: str) -> CountReceived:
    """A count from a sensor or a member of staff holding BORDER_QUEUE_COUNT at the queue's post. The same sender
    sending the same key again gets the first answer (``replayed``) and nothing is stored twice; the key with
    another request is ``idempotency_key_reused``. Refused with nothing stored: ``negative_count``,
    ``absurd_count``, ``naive_time``, ``count_in_future``, ``count_too_old``, ``count_out_of_order`` (not after the
    queue's latest count), ``queue_closed``."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > MAX_KEY:
        raise Invalid(f"Send an idempotency_key of 1 to {MAX_KEY} characters.", code="idempotency_key_required")
    queue = Queue.objects.select_related("post").get(pk=as_id(queue_id, field="queue"))
    key_digest = _digest(key)
    request_digest = _digest(json.dumps([queue.pk, at.isoformat(), waiting, joined]))
    earlier = QueueCount.objects.filter(sent_by=actor, key_digest=key_digest).first()
    if earlier is not None:
        if earlier.request_digest != request_digest:
            raise Conflict("This idempotency_key was sent before with another count.", code="idempotency_key_reused")
        return CountReceived(earlier, replayed=True)
    _check_count(queue, at, waiting, joined)
    try:
        with transaction.atomic():
            count = QueueCount.objects.create(
                queue=queue,
                counted_at=at,
                waiting=waiting,
                joined=joined,
                sent_by=actor,
                key_digest=key_digest,
                request_digest=request_digest,
            )
    except IntegrityError:  # another count for that moment, or the same key, stored at the same time
        raise Conflict("Another count for this queue and moment arrived at once.", code="count_conflict") from None
    record_change(
        actor,
        AuditAction.QUEUES_COUNT_RECEIVE,
        count,
        new={"queue": queue.pk, "at": at.isoformat(), "waiting": waiting, "joined": joined},
        post_code=queue.post.code,
    )
    return CountReceived(count, replayed=False)


def _check_count(queue: Queue, at: datetime, waiting: int, joined: int) -> None:
    if not queue.is_active:
        raise Conflict(f"The {queue.name} queue is closed.", code="queue_closed")
    if waiting < 0 or joined < 0:
        raise Invalid("People waiting and joined are 0 or more.", code="negative_count")
    if waiting > MAX_PEOPLE or joined > MAX_PEOPLE:
        raise Invalid(f"More than {MAX_PEOPLE} people: check the sensor.", code="absurd_count")
    if timezone.is_naive(at):
        raise Invalid("Give the moment with its UTC offset (2026-05-04T06:40:00Z).", code="naive_time", field="at")
    now = timezone.now()
    if at > now + FUTURE_SKEW:
        raise Invalid("The count is dated in the future: check the sensor's clock.", code="count_in_future")
    if at < now - OLDEST_COUNT:
        raise Invalid("The count is more than a day old.", code="count_too_old")
    if QueueCount.objects.filter(queue=queue, counted_at__gte=at).exists():
        raise Conflict("The queue has a count at or after that moment already.", code="count_out_of_order")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# --- Breaks at a booth ------------------------------------------------------------------------------------


def _open_session(officer) -> BoothSession:
    session = BoothSession.objects.select_related("booth__post").filter(officer=officer, ended_at__isnull=True).first()
    if session is None:
        raise Invalid("Sign in to a booth first.", code="no_booth_session")
    return session


def current_break(session: BoothSession | None) -> BoothBreak | None:
    """The break the officer at ``session`` is on now (their own session only)."""
    if session is None:
        return None
    return BoothBreak.objects.filter(session=session, ended_at__isnull=True).first()


@unchecked_service
def start_break(officer) -> BoothBreak:
    """The officer at a booth goes on a break: the booth is theirs still, shown on break. Twice is once."""
    session = _open_session(officer)
    taken = current_break(session)
    if taken is not None:
        return taken
    taken = BoothBreak.objects.create(session=session)
    record_change(
        officer, AuditAction.QUEUES_BREAK_START, taken, new={"booth": str(session.booth)}, post_code=session.post.code
    )
    return taken


@unchecked_service
def end_break(officer) -> None:
    session = _open_session(officer)
    taken = current_break(session)
    if taken is None:
        return
    taken.ended_at = timezone.now()
    taken.save(update_fields=["ended_at"])
    record_change(
        officer, AuditAction.QUEUES_BREAK_END, taken, new={"booth": str(session.booth)}, post_code=session.post.code
    )


# --- Arrival schedules ------------------------------------------------------------------------------------


@service(Perm.BORDER_QUEUE_MANAGE, post=_post_of)
def enter_arrival(actor, post: Post, row: dict[str, str]) -> ExpectedArrival:
    """One expected arrival from the form (the same fields as a schedule's CSV row); a service already expected
    at that time is updated."""
    try:
        arrival = parse_row(row)
    except ScheduleError as exc:
        raise Invalid(exc.message, code=exc.code) from None
    saved = _store_arrival(actor, post, arrival)
    record_change(
        actor,
        AuditAction.QUEUES_ARRIVAL_ENTER,
        saved,
        new={"service": saved.service, "expected_at": saved.expected_at.isoformat(), "passengers": saved.passengers},
        post_code=post.code,
    )
    return saved


@dataclass(frozen=True)
class ScheduleImport:
    stored: int
    errors: list  # core RowError: line, code, message


@service(Perm.BORDER_QUEUE_MANAGE, post=_post_of)
def import_schedule(actor, post: Post, text: str) -> ScheduleImport:
    """Stores every good row of a schedule in CSV (core/queues/schedule.py) and reports each bad one with its line;
    one audit event with the counts."""
    if len(text.encode()) > MAX_SCHEDULE_BYTES:
        raise Invalid("A schedule file is at most 1 MB.", code="schedule_too_large")
    try:
        arrivals, errors = parse_schedule(text)
    except ScheduleError as exc:
        raise Invalid(exc.message, code=exc.code) from None
    for arrival in arrivals:
        _store_arrival(actor, post, arrival)
    record_change(
        actor,
        AuditAction.QUEUES_SCHEDULE_IMPORT,
        new={"stored": len(arrivals), "refused": len(errors), "lines": [error.line for error in errors][:100]},
        post_code=post.code,
        object_type="queues.schedule",
        object_id=post.code,
    )
    return ScheduleImport(len(arrivals), errors)


def _store_arrival(actor, post: Post, arrival: ScheduledArrival) -> ExpectedArrival:
    expected_at = arrival.expected_at.replace(tzinfo=_tz(post))
    saved, _ = ExpectedArrival.objects.update_or_create(
        post=post,
        service=arrival.service,
        expected_at=expected_at,
        defaults={
            "terminal": arrival.terminal,
            "passengers": arrival.passengers,
            "residents_share": arrival.residents_share,
            "entered_by": actor if getattr(actor, "pk", None) else None,  # the demo loader is no user
        },
    )
    return saved


@service(Perm.BORDER_QUEUE_MANAGE, post=_post_of)
def expected_arrivals(actor, post: Post, start: datetime, end: datetime) -> list[ExpectedArrival]:
    return list(ExpectedArrival.objects.filter(post=post, expected_at__gte=start, expected_at__lt=end))


# --- Measuring a queue ------------------------------------------------------------------------------------


def served_moments(queue: Queue, start: datetime, end: datetime) -> list[datetime]:
    """When each traveller of ``queue`` reached a booth (or an e-gate) in [start, end)."""
    where = Q(channel="booth", booth__lane__in=queue.lanes)
    if "egate" in queue.lanes:
        where |= Q(channel="egate")
    return list(
        Inspection.objects.filter(where, post=queue.post_id, direction=queue.direction)
        .filter(created_at__gte=start, created_at__lt=end)
        .exclude(status=Status.SUPERSEDED)
        .values_list("created_at", flat=True)
    )


def queue_waits(queue: Queue, start: datetime, end: datetime, now: datetime):
    """The waits of the people counted at ``queue`` in [start, end), by the curves (see the module's docstring)."""
    counts = [
        Count(c.counted_at.timestamp(), c.waiting, c.joined)
        for c in QueueCount.objects.filter(queue=queue, counted_at__gte=start, counted_at__lt=min(end, now))
    ]
    served = [moment.timestamp() for moment in served_moments(queue, start, end)]
    return traveller_waits(counts, served, min(end, now).timestamp())


@service((Perm.BORDER_QUEUE_MANAGE, Perm.BORDER_FIGURES_READ), post=_post_of)
def queue_measures(actor, post: Post, first_day: date, last_day: date) -> list[dict]:
    """The queue measures of ``post`` for each day from ``first_day`` to ``last_day`` (the post's local days), for
    the figures page. Returns, one per day in order::

        [{"day": date,
          "queues": [{"queue": int (Queue id), "kind": "residents" | "visitors" | "egates" | "crew" | "fast_track",
                      "terminal": str, "direction": "entry" | "exit", "name": str,
                      "target_minutes": int, "target_share": float (0.95),
                      "measures": int (travellers served whose wait was measured),
                      "share_within": float | None (share of them within the target; None: nothing measured),
                      "median_wait_seconds": float | None, "p95_wait_seconds": float | None,
                      "met": bool | None (share_within >= target_share; None: nothing measured)}, ...]}, ...]

    Every queue of the post is listed, active or not. ``invalid_range`` when ``last_day`` is before
    ``first_day``, ``range_too_long`` beyond 366 days."""
    if last_day < first_day:
        raise Invalid("The last day is before the first.", code="invalid_range")
    if (last_day - first_day).days >= MAX_MEASURE_DAYS:
        raise Invalid(f"At most {MAX_MEASURE_DAYS} days at once.", code="range_too_long")
    queues = list(Queue.objects.filter(post=post))
    now = timezone.now()
    days = []
    day = first_day
    while day <= last_day:
        start, end = day_bounds(post, day)
        days.append({"day": day, "queues": [_day_measure(queue, start, end, now) for queue in queues]})
        day += timedelta(days=1)
    return days


def _day_measure(queue: Queue, start: datetime, end: datetime, now: datetime) -> dict:
    waits = queue_waits(queue, start, end, now) if start < now else []
    served = [wait.seconds for wait in waits if wait.served]
    return {
        "queue": queue.pk,
        "kind": queue.kind,
        "terminal": queue.terminal,
        "direction": queue.direction,
        "name": queue.name,
        "target_minutes": queue.target_minutes,
        "target_share": queue.target_share,
        **measure(served, queue.target_minutes * 60, queue.target_share).to_dict(),
    }


def processing_seconds(post: Post, now: datetime) -> tuple[float, int]:
    """The median time from reaching a booth to the first decision over the post's booth inspections of the last
    7 days (the latest 1,000), and how many there were; the configured default when fewer than 20."""
    durations = sorted(
        (first - reached).total_seconds()
        for reached, first in Inspection.objects.filter(
            post=post, channel="booth", created_at__gte=now - timedelta(days=7), created_at__lte=now
        )
        .annotate(first_decided=Min("decisions__decided_at"))
        .filter(first_decided__isnull=False)
        .order_by("-created_at")
        .values_list("created_at", "first_decided")[:1000]
    )
    if len(durations) < MIN_SERVICE_SAMPLES:
        return float(getattr(settings, "BORDERDESK_QUEUE_SERVICE_SECONDS", DEFAULT_SERVICE_SECONDS)), len(durations)
    middle = len(durations) // 2
    median = durations[middle] if len(durations) % 2 else (durations[middle - 1] + durations[middle]) / 2
    return max(median, 1.0), len(durations)


def booth_states(post: Post, now: datetime) -> list[dict]:
    """Each active booth of the post: open, on break or closed, its officer, and the travellers it saw today
    and in the last hour."""
    day_start, _ = day_bounds(post, post.local_date(now))
    sessions = {
        s.booth_id: s
        for s in BoothSession.objects.filter(booth__post=post, ended_at__isnull=True).select_related("officer")
    }
    on_break = set(
        BoothBreak.objects.filter(session__in=sessions.values(), ended_at__isnull=True).values_list(
            "session__booth_id", flat=True
        )
    )
    seen = list(
        Inspection.objects.filter(post=post, channel="booth", created_at__gte=day_start, created_at__lte=now)
        .exclude(status=Status.SUPERSEDED)
        .values_list("booth_id", "created_at")
    )
    rows = []
    for booth in Booth.objects.filter(post=post, is_active=True).exclude(lane=Lane.EGATE):
        session = sessions.get(booth.pk)
        state = "closed" if session is None else ("break" if booth.pk in on_break else "open")
        officer = session.officer.get_full_name() or session.officer.username if session else ""
        rows.append(
            {
                "booth": booth,
                "state": state,
                "officer": officer,
                "today": sum(1 for booth_id, _ in seen if booth_id == booth.pk),
                "last_hour": sum(1 for b, at in seen if b == booth.pk and at >= now - timedelta(hours=1)),
            }
        )
    return rows
