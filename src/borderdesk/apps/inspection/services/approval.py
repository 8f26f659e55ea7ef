"""Four eyes: a senior officer other than the one who decided approves or rejects a refusal, a detention, or an
admission past a grave alert."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from borderdesk.apps.asylum.services.protection import audits_protection_blocks, refuse_unless_protected
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.inspection.models import Alert, AlertKind, Approval, Decision, DecisionKind, Status
from borderdesk.apps.inspection.services._common import _save_new_version, decision_post
from borderdesk.apps.inspection.services.decisions import _record_admission
from borderdesk.apps.inspection.services.printing import render_refusal_form
from borderdesk.apps.travellers.services import record_refusal
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction


@audits_protection_blocks
@service(Perm.BORDER_DECISION_APPROVE, post=decision_post)
def approve(senior, decision: Decision, *, approved: bool, note: str = "", today: date | None = None) -> Decision:
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("inspection__post", "inspection__traveller", "inspection__document")
        .get(pk=pk_of(decision, field="decision"))
    )
    inspection = decision.inspection
    if decision.approval != Approval.PENDING:
        raise Conflict(
            f"This decision is already {decision.get_approval_display().lower()}.", code="approval_already_given"
        )
    if decision.decided_by_id == getattr(senior, "pk", None):
        raise PermissionDenied(
            "Four eyes: another senior officer must approve your own decision.", code="four_eyes_required"
        )
    if not approved and not note.strip():
        raise Invalid("Say why you do not approve.", code="approval_note_required", field="note")
    if approved and decision.kind == DecisionKind.REFUSE:  # a claim made since the refusal was decided
        refuse_unless_protected(
            inspection.traveller_id, what="refusal", post_code=inspection.post.code, record=decision, on=today
        )
    decision.approval = Approval.APPROVED if approved else Approval.REJECTED
    decision.approved_by, decision.approved_at, decision.approval_note = senior, timezone.now(), note
    if approved and decision.kind == DecisionKind.ADMIT:
        decision.crossing = _record_admission(senior, decision, today or timezone.localdate())
        inspection.status = Status.CLOSED
    elif approved:
        decision.crossing = record_refusal(
            senior,
            traveller=inspection.traveller,
            document=inspection.document,
            post=inspection.post,
            detained=decision.kind == DecisionKind.DETAIN,
        )
        decision.refusal_form_pdf = render_refusal_form(decision)
        inspection.status = Status.CLOSED
    else:
        inspection.status = Status.IN_SECONDARY if inspection.secondary_officer_id else Status.OPEN
    decision.save()
    _save_new_version(inspection)
    Alert.objects.filter(inspection=inspection, kind=AlertKind.APPROVAL_NEEDED, acknowledged_at__isnull=True).update(
        acknowledged_by=senior, acknowledged_at=timezone.now()
    )
    record_change(
        senior,
        AuditAction.INSPECTION_DECISION_APPROVE if approved else AuditAction.INSPECTION_DECISION_REJECT,
        decision,
        old={"approval": Approval.PENDING},
        new={"approval": decision.approval, "note": note},
        post_code=inspection.post.code,
    )
    return decision
