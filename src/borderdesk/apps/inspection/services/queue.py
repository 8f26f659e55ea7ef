"""The post's queue: what its senior officers must see (referrals, decisions waiting for approval, alerts), and
acknowledging an alert."""

from __future__ import annotations

from django.utils import timezone

from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.services import pk_of, post_code_of, service
from borderdesk.apps.inspection.models import Alert, Approval, Decision, Inspection, Status
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction


@service(Perm.BORDER_DECISION_APPROVE, post=lambda post: post.code)
def post_queue(senior, post) -> dict:
    """What the senior officers of a post must see: referrals, decisions waiting for approval, alerts."""
    inspections = Inspection.objects.filter(post=post).select_related("traveller", "officer")
    queue = {
        "referred": list(inspections.filter(status=Status.REFERRED).order_by("updated_at")),
        "in_secondary": list(inspections.filter(status=Status.IN_SECONDARY).order_by("updated_at")),
        "pending": list(
            Decision.objects.filter(inspection__post=post, approval=Approval.PENDING)
            .select_related("inspection__traveller", "decided_by")
            .order_by("decided_at")
        ),
        "alerts": list(
            Alert.objects.filter(post=post, acknowledged_at__isnull=True)
            .select_related("inspection__traveller")
            .order_by("-created_at")[:50]
        ),
    }
    shown = sorted(
        {i.pk for i in queue["referred"] + queue["in_secondary"]} | {d.inspection_id for d in queue["pending"]}
    )
    record_access(
        senior, post, purpose="post queue", post_code=post.code, detail="inspections " + ",".join(map(str, shown))
    )
    return queue


@service(
    Perm.BORDER_DECISION_APPROVE,
    post=lambda alert: post_code_of(Alert, pk_of(alert, field="alert"), what="alert"),
)
def acknowledge_alert(senior, alert: Alert) -> None:
    alert = Alert.objects.select_for_update(of=("self",)).select_related("post").get(pk=pk_of(alert, field="alert"))
    if alert.acknowledged_at is None:
        alert.acknowledged_by, alert.acknowledged_at = senior, timezone.now()
        alert.save(update_fields=["acknowledged_by", "acknowledged_at"])
        record_change(
            senior, AuditAction.INSPECTION_ALERT_ACKNOWLEDGE, alert, new={"kind": alert.kind}, post_code=alert.post.code
        )
