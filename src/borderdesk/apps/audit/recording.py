"""Recording the audit trail: ``record_change`` for every change, ``record_access`` for every read of a person's
record, and ``audit_batch``, which chains the events of one operation together at its end (services get it from
``common.services.service``)."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from borderdesk.apps.accounts.actors import checked_actor, current_post_code, user_of, username_of
from borderdesk.apps.audit import checkpoints
from borderdesk.apps.audit.checkpoints import CHAINS
from borderdesk.apps.audit.models import AccessEvent, AuditEvent, AuditorAlert, ChainedEvent
from borderdesk.apps.common import hot_writes
from borderdesk.core.audit import GENESIS_HASH, link_hash
from borderdesk.core.audit.actions import AuditAction

# Any fixed numbers will do: they name the advisory lock that serialises each chain on PostgreSQL.
_CHAIN_LOCK_KEYS = {AuditEvent: 7_301_001, AccessEvent: 7_301_002}
_CHAIN_NAMES = {model: name for name, model in CHAINS.items()}
_CHAIN_TABLES = {"audit_events": "audit_auditevent", "access_events": "audit_accessevent"}


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


def record_change(
    actor,
    action: str,
    instance: models.Model | None = None,
    *,
    old=None,
    new=None,
    post_code: str | None = None,
    object_type: str = "",
    object_id: str = "",
) -> AuditEvent:
    if instance is not None:
        object_type, object_id = object_ref(instance)
    return _append(
        AuditEvent,
        actor,
        post_code,
        action=AuditAction(action),  # a ValueError for an action not named in AuditAction
        object_type=object_type,
        object_id=str(object_id),
        old_values=None if old is None else as_json_values(old),
        new_values=None if new is None else as_json_values(new),
    )


def record_access(
    actor,
    instance: models.Model | None = None,
    *,
    purpose: str,
    detail: str = "",
    post_code: str | None = None,
    object_type: str = "",
    object_id: str = "",
) -> AccessEvent:
    if instance is not None:
        object_type, object_id = object_ref(instance)
    return _append(
        AccessEvent,
        actor,
        post_code,
        purpose=purpose,
        detail=detail[:300],
        object_type=object_type,
        object_id=str(object_id),
    )


def _append(model: type[ChainedEvent], actor, post_code: str | None, **fields) -> ChainedEvent:
    event = hot_writes.new(
        model,
        occurred_at=timezone.now(),
        actor=None if isinstance(actor, str) else user_of(checked_actor(actor)),
        actor_username=actor if isinstance(actor, str) else username_of(actor),
        post_code=post_code if post_code is not None else current_post_code(actor),
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


def _chain(events: list[ChainedEvent]) -> None:
    """Give each event its place in its chain (sequence number, previous hash, own hash) and store it."""
    groups = [(model, [e for e in events if type(e) is model]) for model in (AuditEvent, AccessEvent)]
    groups = [(model, mine) for model, mine in groups if mine]
    if not groups:
        return
    # No savepoint: the events belong to the caller's transaction, or get one of their own.
    with transaction.atomic(savepoint=False):
        heads = _lock_and_read_heads([model for model, _ in groups])
        for model, mine in groups:
            seq, prev = heads[model]
            first_seq = seq + 1
            for event in mine:
                seq += 1
                event.seq, event.prev_hash = seq, prev
                event.hash = prev = link_hash(prev, event.chain_payload())
            hot_writes.insert(mine, signals=False)  # as bulk_create: the field checks, no signals
            every = settings.BORDERDESK_AUDIT_CHECKPOINT_EVERY
            if every and seq // every != (first_seq - 1) // every:  # the chain passed a multiple of N events
                checkpoints.automatic_checkpoint(_CHAIN_NAMES[model], seq, prev)


def _lock_and_read_heads(models_: list[type[ChainedEvent]]) -> dict:
    """Lock the chains (always in the same order, so two writers never deadlock), then read each chain's last
    link: two statements for both chains. The read must come after the lock, in a statement of its own: a
    statement sees what was committed when it began, and a writer ahead of us may commit while we wait."""
    # On SQLite every transaction begins IMMEDIATE (see settings), which already serialises writers.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            locks = ", ".join(f"pg_advisory_xact_lock({_CHAIN_LOCK_KEYS[m]})" for m in models_)
            cursor.execute(f"SELECT {locks}")
        last = " UNION ALL ".join(
            f"SELECT * FROM (SELECT {i}, seq, hash FROM {m._meta.db_table} ORDER BY seq DESC LIMIT 1) AS head{i}"
            for i, m in enumerate(models_)
        )
        cursor.execute(last)
        found = {models_[i]: (seq, hash_) for i, seq, hash_ in cursor.fetchall()}
    return {m: found.get(m, (0, GENESIS_HASH)) for m in models_}


def raise_auditor_alert(
    kind: str, message: str, *, actor=None, instance: models.Model | None = None, post_code: str = ""
) -> AuditorAlert:
    """An alert every auditor sees at once until one acknowledges it (in the caller's transaction)."""
    object_type, object_id = object_ref(instance)
    return AuditorAlert.objects.create(
        kind=kind,
        message=message[:500],
        raised_at=timezone.now(),
        actor=user_of(actor) if actor is not None else None,
        actor_username=username_of(actor) if actor is not None else "",
        post_code=post_code or "",
        object_type=object_type,
        object_id=object_id,
    )
