"""Writing and checking the audit trail. Every service that changes data calls ``record_change``;
every service that shows a person's record calls ``record_access``."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import wraps

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from borderdesk.apps.accounts.authz import require
from borderdesk.apps.audit.models import AccessEvent, AuditEvent, ChainedEvent
from borderdesk.core.access import Perm
from borderdesk.core.audit import GENESIS_HASH, BrokenLink, StoredLink, link_hash, verify_chain

# Any fixed numbers will do: they name the advisory lock that serialises each chain on PostgreSQL.
_CHAIN_LOCK_KEYS = {AuditEvent: 7_301_001, AccessEvent: 7_301_002}
SYSTEM_ACTOR = "system"


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """The instance's field values as plain JSON types, as stored in old/new values."""
    values = model_to_dict(instance, fields=fields)
    return as_json_values(values)


def as_json_values(values):
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def object_ref(instance: models.Model | None) -> tuple[str, str]:
    if instance is None:
        return "", ""
    return instance._meta.label_lower, str(instance.pk)


def record_change(actor, action: str, instance: models.Model | None = None, *, old=None, new=None,
                  post_code: str | None = None, object_type: str = "", object_id: str = "") -> AuditEvent:
    if instance is not None:
        object_type, object_id = object_ref(instance)
    return _append(
        AuditEvent,
        actor,
        post_code,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        old_values=None if old is None else as_json_values(old),
        new_values=None if new is None else as_json_values(new),
    )


def record_access(actor, instance: models.Model | None = None, *, purpose: str, detail: str = "",
                  post_code: str | None = None, object_type: str = "", object_id: str = "") -> AccessEvent:
    if instance is not None:
        object_type, object_id = object_ref(instance)
    return _append(
        AccessEvent, actor, post_code, purpose=purpose, detail=detail[:300],
        object_type=object_type, object_id=str(object_id),
    )


def _append(model: type[ChainedEvent], actor, post_code: str | None, **fields) -> ChainedEvent:
    event = model(
        occurred_at=timezone.now(),
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_username=_actor_name(actor),
        post_code=post_code if post_code is not None else _current_post_code(actor),
        **fields,
    )
    pending = getattr(_batch, "events", None)
    if pending is not None:
        pending.append(event)
    else:
        _chain([event])
    return event


_batch = threading.local()


@contextmanager
def audit_batch():
    """Inside one transaction, gather the events of a whole operation (a booth scan writes several) and chain
    them at its end, taking each chain's lock once. Nested batches belong to the outermost one."""
    if getattr(_batch, "events", None) is not None:
        start = len(_batch.events)
        try:
            yield
        except BaseException:
            del _batch.events[start:]  # what a failed inner block recorded was rolled back with it
            raise
        return
    _batch.events = []
    try:
        yield
        events, _batch.events = _batch.events, None
        _chain(events)
    finally:
        _batch.events = None


def atomic_audited(func):
    """A service in one transaction whose audit events are chained together at its end."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        with transaction.atomic(), audit_batch():
            return func(*args, **kwargs)

    return wrapper


def _chain(events: list[ChainedEvent]) -> None:
    """Give each event its place in its chain (sequence number, previous hash, own hash) and store it."""
    for model in (AuditEvent, AccessEvent):
        mine = [event for event in events if type(event) is model]
        if not mine:
            continue
        # No savepoint: the events belong to the caller's transaction, or get one of their own.
        with transaction.atomic(savepoint=False):
            _lock_chain(model)
            last = model.objects.order_by("-seq").only("seq", "hash").first()
            seq, prev = (last.seq, last.hash) if last else (0, GENESIS_HASH)
            for event in mine:
                seq += 1
                event.seq, event.prev_hash = seq, prev
                event.hash = prev = link_hash(prev, event.chain_payload())
            model.objects.bulk_create(mine)


def _lock_chain(model: type[ChainedEvent]) -> None:
    # On SQLite every transaction begins IMMEDIATE (see settings), which already serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEYS[model]])


def _actor_name(actor) -> str:
    if actor is None:
        return SYSTEM_ACTOR
    if isinstance(actor, str):
        return actor
    return actor.get_username()


def _current_post_code(actor) -> str:
    post = getattr(actor, "current_post", None)
    return post.code if post is not None else ""


@dataclass(frozen=True)
class ChainReport:
    name: str
    checked: int
    broken: BrokenLink | None

    def as_dict(self) -> dict:
        return {"chain": self.name, "checked": self.checked, "broken": asdict(self.broken) if self.broken else None}


def verify_trail() -> list[ChainReport]:
    """Walk both chains from the first event; report the first broken link of each."""
    reports = []
    for name, model in (("audit_events", AuditEvent), ("access_events", AccessEvent)):
        links = (
            StoredLink(event.seq, event.chain_payload(), event.prev_hash, event.hash)
            for event in model.objects.order_by("seq").iterator(chunk_size=2000)
        )
        checked, broken = verify_chain(links)
        reports.append(ChainReport(name, checked, broken))
    return reports


def verify_trail_as(actor) -> list[ChainReport]:
    require(actor, Perm.AUDIT_TRAIL_VERIFY)
    reports = verify_trail()
    record_change(actor, "audit.trail.verify", new={"reports": [r.as_dict() for r in reports]})
    return reports


def recent_events(actor, *, limit: int = 50, mine_only: bool = False) -> list[AuditEvent]:
    """The latest changes: an auditor sees everyone's, any other user only their own."""
    events = AuditEvent.objects.order_by("-seq")
    if mine_only or not actor.can(Perm.AUDIT_TRAIL_READ):
        events = events.filter(actor=actor)
    return list(events[:limit])


def recent_accesses(actor, *, limit: int = 50) -> list[AccessEvent]:
    require(actor, Perm.AUDIT_ACCESS_REVIEW)
    return list(AccessEvent.objects.order_by("-seq")[:limit])
