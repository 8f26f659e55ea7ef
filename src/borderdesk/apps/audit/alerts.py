"""What auditors must look at at once (``AuditorAlert``: an emergency opening of a protection claim, ...): the
alerts still open, how many, and acknowledging one with a note (itself a change in the audit trail). An alert says
who, when, where and which record (type and id), never the record's content."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.models import AuditorAlert
from borderdesk.apps.audit.recording import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import service
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction

REVIEW = Perm.AUDIT_ACCESS_REVIEW
NOTE_MIN, NOTE_MAX = 5, 300
RECENTLY_ACKNOWLEDGED = 20


@dataclass(frozen=True)
class AlertList:
    open: list[AuditorAlert]
    acknowledged: list[AuditorAlert]


@service(REVIEW)
def alerts(actor) -> AlertList:
    """The alerts no auditor has acknowledged yet (the longest waiting first), and the latest that were."""
    waiting = AuditorAlert.objects.filter(acknowledged_at=None).select_related("actor").order_by("raised_at", "id")
    done = AuditorAlert.objects.exclude(acknowledged_at=None).select_related("acknowledged_by")
    return AlertList(list(waiting), list(done.order_by("-acknowledged_at", "-id")[:RECENTLY_ACKNOWLEDGED]))


@service(REVIEW)
def open_count(actor) -> int:
    return AuditorAlert.objects.filter(acknowledged_at=None).count()


@service(REVIEW)
def acknowledge(actor, alert_id, note: str) -> AuditorAlert:
    """An auditor says they have looked into an alert, and what they found or did (the note). Once only: a second
    auditor at the same moment, or the same form sent again, is told who acknowledged it."""
    note = " ".join(str(note or "").split())
    if len(note) < NOTE_MIN:
        raise Invalid(
            f"Say what you found or did, in at least {NOTE_MIN} characters: the note stays with the alert.",
            code="note_required",
            field="note",
        )
    if len(note) > NOTE_MAX:
        raise Invalid(f"The note is at most {NOTE_MAX} characters.", code="note_too_long", field="note")
    alert = _locked(alert_id)
    if alert.acknowledged_at is not None:
        by = alert.acknowledged_by.username if alert.acknowledged_by else "an auditor"
        raise Conflict(
            f"This alert was already acknowledged by {by} at {alert.acknowledged_at:%Y-%m-%d %H:%M} UTC.",
            code="alert_already_acknowledged",
        )
    alert.acknowledged_by = user_of(actor)
    alert.acknowledged_at = timezone.now()
    alert.acknowledgement = note
    alert.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledgement"])
    record_change(
        actor,
        AuditAction.AUDIT_ALERT_ACKNOWLEDGE,
        alert,
        new={"kind": alert.kind, "about": f"{alert.object_type} {alert.object_id}".strip(), "acknowledged": True},
        post_code=alert.post_code,
    )
    return alert


def _locked(alert_id) -> AuditorAlert:
    try:
        pk = int(str(alert_id))
    except ValueError:
        pk = None
    alert = AuditorAlert.objects.select_for_update().filter(pk=pk).first() if pk and pk > 0 else None
    if alert is None:
        raise NotFound(f"No auditor alert {str(alert_id)[:20]} is on record.", code="alert_not_found")
    return alert
