"""Reading inspections: one inspection with the traveller's record (a logged, scoped read), and what every booth
shows about the traveller's other inspections."""

from __future__ import annotations

from borderdesk.apps.audit.services import record_access
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.inspection.models import Approval, Decision, Inspection
from borderdesk.apps.inspection.services._common import UNSETTLED, inspection_post
from borderdesk.core.access import Perm


@service(Perm.BORDER_TRAVELLER_READ, post=inspection_post)
def view_inspection(actor, inspection_id: int, *, purpose: str) -> Inspection:
    """One inspection with the traveller's record, for the page or the booth panel: a logged, scoped read."""
    inspection = Inspection.objects.select_related("post", "booth", "traveller", "document", "officer").get(
        pk=pk_of(inspection_id, field="inspection")
    )
    record_access(
        actor,
        inspection.traveller,
        purpose=purpose,
        post_code=inspection.post.code,
        detail=f"inspection {inspection.pk}",
    )
    return inspection


def traveller_inspections(inspection: Inspection, *, recent: int = 10) -> dict:
    """What every booth shows about the traveller's other inspections, at any post: those not settled yet (with
    any decision waiting for approval) and the most recent ones. Part of the panel of an inspection its viewer
    was already allowed to open (the access event is written there)."""
    others = (
        Inspection.objects.filter(traveller_id=inspection.traveller_id)
        .exclude(pk=inspection.pk)
        .select_related("post", "booth", "officer")
        .order_by("-created_at")
    )
    unsettled = list(others.filter(status__in=UNSETTLED))
    waiting = Decision.objects.filter(inspection__in=[o.pk for o in unsettled], approval=Approval.PENDING)
    pending = {decision.inspection_id: decision for decision in waiting.select_related("decided_by")}
    for other in unsettled:
        other.pending_decision = pending.get(other.pk)
    return {"elsewhere": unsettled, "earlier_inspections": list(others[:recent])}
