"""What auditors read: both chains filtered by person, officer, post, action or purpose and time, a page at a time
(keyset on the sequence number: the fiftieth page costs what the first does), exported to CSV as a stream, and the
person record an event concerns, each opening an access event."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.db.models import Q, QuerySet

from borderdesk.apps.audit.models import AccessEvent, AuditEvent, ChainedEvent
from borderdesk.apps.audit.recording import record_access, record_change
from borderdesk.apps.common.errors import Invalid, NotFound
from borderdesk.apps.common.services import service
from borderdesk.apps.people import services as people
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.audit.trail_query import PAGE_SIZE, TrailQuery, TrailQueryError, parse_trail_query

CHAINS: dict[str, type[ChainedEvent]] = {"changes": AuditEvent, "accesses": AccessEvent}
EXPORT_CHUNK = 2000
_COLUMNS = {
    "changes": ["seq", "occurred_at", "officer", "post", "action", "action_words", "object_type", "object_id",
                "old_values", "new_values", "hash"],
    "accesses": ["seq", "occurred_at", "officer", "post", "object_type", "object_id", "purpose", "detail", "hash"],
}  # fmt: skip


@dataclass
class TrailPage:
    events: list  # newest first
    newer: int | None  # the ``after`` of the page before this one (None: this is the newest)
    older: int | None  # the ``before`` of the page after this one (None: nothing older)


def query_from(params) -> TrailQuery:
    """The page's query string as a ``TrailQuery``, or ``Invalid`` with the field and a stable code."""
    try:
        return parse_trail_query(params)
    except TrailQueryError as exc:
        raise Invalid(exc.message, code=exc.code, field=exc.field) from None


@service(Perm.AUDIT_TRAIL_READ)
def browse_changes(actor, query: TrailQuery) -> TrailPage:
    return _page(_filtered("changes", query), query)


@service(Perm.AUDIT_ACCESS_REVIEW)
def browse_accesses(actor, query: TrailQuery) -> TrailPage:
    return _page(_filtered("accesses", query), query)


def _filtered(chain: str, query: TrailQuery) -> QuerySet:
    events = CHAINS[chain].objects.all()
    if query.person is not None:
        events = events.filter(_concerning(chain, query.person))
    if query.officer:
        events = events.filter(actor_username=query.officer)
    if query.post:
        events = events.filter(post_code=query.post)
    if chain == "changes" and query.action:
        events = events.filter(action__in=[str(action) for action in query.actions])
    if chain == "accesses" and query.purpose:
        events = events.filter(purpose__icontains=query.purpose)
    if query.since:
        events = events.filter(occurred_at__gte=datetime.combine(query.since, time.min, UTC))
    if query.until and query.until.year < 9999:
        events = events.filter(occurred_at__lt=datetime.combine(query.until + timedelta(days=1), time.min, UTC))
    return events


def _concerning(chain: str, traveller_id: int) -> Q:
    refs = people.object_refs(traveller_id)
    if chain == "accesses":  # reads are written against the person's record itself
        refs = {"travellers.traveller": refs["travellers.traveller"]}
    concerning = Q(pk__in=[])
    for object_type, ids in refs.items():
        if ids:
            concerning |= Q(object_type=object_type, object_id__in=ids)
    return concerning


def _page(events: QuerySet, query: TrailQuery) -> TrailPage:
    if query.after is not None:
        rows = list(events.filter(seq__gt=query.after).order_by("seq")[:PAGE_SIZE])[::-1]
    else:
        older_than = events if query.before is None else events.filter(seq__lt=query.before)
        rows = list(older_than.order_by("-seq")[:PAGE_SIZE])
    if not rows:
        return TrailPage([], None, None)
    newest, oldest = rows[0].seq, rows[-1].seq
    newer = newest if events.filter(seq__gt=newest).exists() else None
    older = oldest if events.filter(seq__lt=oldest).exists() else None
    return TrailPage(rows, newer, older)


@service(Perm.AUDIT_TRAIL_READ)
def export_changes(actor, query: TrailQuery) -> Iterator[str]:
    return _export(actor, "changes", query)


@service(Perm.AUDIT_ACCESS_REVIEW)
def export_accesses(actor, query: TrailQuery) -> Iterator[str]:
    return _export(actor, "accesses", query)


def _export(actor, chain: str, query: TrailQuery) -> Iterator[str]:
    """CSV lines of the filtered events, oldest first, read in chunks as they are sent: a million events never sit
    in memory. The export is an audit event naming the filters and the last event it covers (events written while
    it streams are left out, so two exports with the same filters and head are the same file)."""
    head = CHAINS[chain].objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    record_change(
        actor,
        AuditAction.AUDIT_TRAIL_EXPORT,
        new={"chain": chain, "filters": query.filters(), "up_to_seq": head},
    )
    events = _filtered(chain, query).filter(seq__lte=head).order_by("seq")
    return _csv_lines(chain, events)


def _csv_lines(chain: str, events: QuerySet) -> Iterator[str]:
    line = _Line()
    writer = csv.writer(line)
    writer.writerow(_COLUMNS[chain])
    yield line.take()
    for event in events.iterator(chunk_size=EXPORT_CHUNK):
        writer.writerow(_row(chain, event))
        yield line.take()


def _row(chain: str, event) -> list:
    common = [event.seq, event.occurred_at.astimezone(UTC).isoformat(), _cell(event.actor_username), event.post_code]
    if chain == "changes":
        return [
            *common,
            _cell(event.action),
            action_words(event.action),
            event.object_type,
            event.object_id,
            _json(event.old_values),
            _json(event.new_values),
            event.hash,
        ]
    return [*common, event.object_type, event.object_id, _cell(event.purpose), _cell(event.detail), event.hash]


def _json(values) -> str:
    return "" if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)


def _cell(text: str) -> str:
    """Text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is written as text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Line:
    """csv.writer's file: holds the one line just written."""

    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def take(self) -> str:
        text, self.text = self.text, ""
        return text


def action_words(action: str) -> str:
    try:
        return AuditAction(action).label
    except ValueError:  # an action that was renamed since (the stored event keeps its old name)
        return action


@dataclass
class AuditedRecord:
    record: people.PersonRecord
    event: ChainedEvent  # the event it was opened from


def record_link(event) -> str | None:
    """Where on the person's record the event's object is shown (an anchor), or None: no record to open."""
    if event.object_type not in people.PERSON_OBJECT_TYPES:
        return None
    anchor = people.ANCHORS.get(event.object_type)
    return f"{anchor}-{event.object_id}" if anchor else "person"


@service(Perm.AUDIT_TRAIL_READ)
def open_record(actor, chain: str, seq: int) -> AuditedRecord:
    """The person record an event concerns, opened by an auditor from that event: an access event as any read."""
    if chain not in CHAINS:
        raise NotFound(f"No chain {chain[:40]!r}: changes or accesses.", code="unknown_chain")
    event = CHAINS[chain].objects.filter(seq=seq).first()
    if event is None:
        raise NotFound(f"No event #{seq} in the {chain}.", code="event_not_found")
    traveller = people.traveller_of(event.object_type, event.object_id)
    if traveller is None:
        raise NotFound(f"Event #{seq} concerns no person's record.", code="record_not_found")
    record = people.load_person_record(traveller)
    record_access(
        actor,
        record.traveller,
        purpose="audit review",
        detail=f"from {chain} event #{seq}: {event.object_type} {event.object_id}",
    )
    return AuditedRecord(record, event)
