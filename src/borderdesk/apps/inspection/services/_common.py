"""What the inspection use cases share: the states an inspection can be decided in or be under way in,
locking an inspection for a change and saving its next version, alerting the post's senior officers, and the user
behind an actor (a gate's service account is one, a process is not)."""

from __future__ import annotations

from django.db.models import F

from borderdesk.apps.accounts.authz import require
from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.inspection.models import Alert, Inspection, Status
from borderdesk.core.access import Perm

DECIDABLE = {Status.OPEN, Status.IN_SECONDARY}
# Another inspection of the traveller in one of these states is a decision under way: a rescan may only refer.
UNDER_WAY_ELSEWHERE = {Status.REFERRED, Status.IN_SECONDARY, Status.PENDING_APPROVAL}
UNSETTLED = {Status.OPEN, *UNDER_WAY_ELSEWHERE}


def _lock_for_change(actor, inspection: Inspection, version: int, perm: Perm = Perm.BORDER_INSPECTION_DECIDE):
    # Lock the inspection and its traveller (never the post: every booth of the port would wait on it), so two
    # officers deciding about one traveller at once take turns, and the second sees what the first did.
    locked = (
        Inspection.objects.select_for_update(of=("self", "traveller"))
        .select_related("post", "traveller", "document")
        .get(pk=inspection.pk)
    )
    require(actor, perm, locked.post.code)
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


def _save_new_version(inspection: Inspection) -> None:
    inspection.version = F("version") + 1
    inspection.save()
    inspection.refresh_from_db(fields=["version"])


def _alert(inspection: Inspection, kind: str, message: str) -> None:
    Alert.objects.create(post=inspection.post, kind=kind, inspection=inspection, message=message[:300])


def _user(actor):
    return actor if getattr(actor, "pk", None) else None
