"""What the inspection use cases share: the states an inspection can be decided in or be under way in,
the post an inspection belongs to, locking an inspection for a change and saving its next version, and alerting the
post's senior officers."""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from borderdesk.apps.common import hot_reads, hot_writes
from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.common.services import pk_of, post_code_of
from borderdesk.apps.inspection.models import Alert, Decision, Inspection, Status
from borderdesk.apps.travellers.models import Traveller

DECIDABLE = {Status.OPEN, Status.IN_SECONDARY}
# Another inspection of the traveller in one of these states is a decision under way: a rescan may only refer.
UNDER_WAY_ELSEWHERE = {Status.REFERRED, Status.IN_SECONDARY, Status.PENDING_APPROVAL}
UNSETTLED = {Status.OPEN, *UNDER_WAY_ELSEWHERE}


def inspection_post(inspection, *_, **__) -> str:
    """The post of an inspection (a record or its id), read alone: where a service's permission is checked. An
    inspection never moves to another post, so a record that a service already loaded with its post is not read
    again (the e-gate's decision on the inspection it has just made)."""
    if isinstance(inspection, Inspection) and inspection.pk and Inspection.post.is_cached(inspection):
        return inspection.post.code
    return post_code_of(Inspection, pk_of(inspection, field="inspection"), what="inspection")


def decision_post(decision, *_, **__) -> str:
    """The post of a decision (a record or its id), read alone."""
    return post_code_of(Decision, pk_of(decision, field="decision"), what="decision", path="inspection__post__code")


def _lock_for_change(inspection: Inspection, version: int) -> Inspection:
    # Lock the inspection and its traveller (never the post: every booth of the port would wait on it), so two
    # officers deciding about one traveller at once take turns, and the second sees what the first did.
    locked = _locked_as_loaded(inspection) or (
        Inspection.objects.select_for_update(of=("self", "traveller"))
        .select_related("post", "traveller", "document")
        .get(pk=inspection.pk)
    )
    if locked.version != version:
        raise Conflict(
            "Someone else changed this inspection since you opened it: it has been reloaded, "
            "check it and decide again.",
            code="inspection_changed",
        )
    if locked.status == Status.SUPERSEDED:
        raise Conflict(
            f"The traveller was scanned again since: work on the latest inspection ({locked.superseded_by_id}).",
            code="inspection_superseded",
        )
    return locked


def _locked_as_loaded(inspection: Inspection) -> Inspection | None:
    """The inspection in hand, locked with its traveller, when it is still the version stored: every change to an
    inspection counts its version, so an equal version means equal values and the ORM need not load it again (the
    e-gate decides on the inspection it has just made). The traveller is read again under its lock. None: load it."""
    if not isinstance(inspection, Inspection) or not all(
        field.is_cached(inspection) for field in (Inspection.post, Inspection.document, Inspection.traveller)
    ):
        return None
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    stored = hot_reads.rows(f"SELECT version FROM {Inspection._meta.db_table} WHERE id = %s{lock}", [inspection.pk])
    if not stored or stored[0][0] != inspection.version:
        return None
    traveller = hot_reads.select(Traveller, ("id",), [inspection.traveller_id], for_update=True)
    if not traveller:
        return None
    inspection.traveller = traveller[0]
    return inspection


def _save_new_version(inspection: Inspection, *, changed: list[str] | None = None) -> None:
    """Store the inspection as its next version. ``changed``: the only fields the caller changed, on an inspection
    it holds locked (``_lock_for_change``): only they are written (not the long JSON of the scan again), and the
    version is counted here, since the lock keeps anyone else from counting meanwhile."""
    if changed is not None:
        inspection.version += 1
        hot_writes.update(inspection, [*changed, "version", "updated_at"])
        return
    inspection.version = F("version") + 1
    inspection.save()
    inspection.refresh_from_db(fields=["version"])


def _alert(inspection: Inspection, kind: str, message: str) -> None:
    Alert.objects.create(post=inspection.post, kind=kind, inspection=inspection, message=message[:300])
