"""Printed forms: the refusal form of an approved refusal (a logged, scoped read) and the traveller's signature on
it (a visa's sticker is printed by the visas app)."""

from __future__ import annotations

from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.inspection.models import FOUR_EYES_KINDS, Approval, Decision
from borderdesk.apps.inspection.services._common import decision_post
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction


@service(Perm.BORDER_TRAVELLER_READ, post=decision_post)
def refusal_form(actor, decision: Decision | int) -> bytes:
    """The printed refusal form of an approved refusal (a decision or its id): a logged, scoped read."""
    decision = Decision.objects.select_related(
        "inspection__post", "inspection__traveller", "inspection__document", "decided_by"
    ).get(pk=pk_of(decision, field="decision"))
    inspection = decision.inspection
    if decision.kind not in FOUR_EYES_KINDS or decision.approval != Approval.APPROVED:
        raise Conflict(
            "The refusal form exists once a senior officer has approved the refusal.", code="refusal_not_final"
        )
    record_access(
        actor,
        inspection.traveller,
        purpose="refusal form",
        post_code=inspection.post.code,
        detail=f"decision {decision.pk}",
    )
    if decision.refusal_form_pdf:
        return bytes(decision.refusal_form_pdf)
    return render_refusal_form(decision)


def render_refusal_form(decision: Decision) -> bytes:
    from borderdesk.apps.inspection.printed import refusal_form_pdf_for

    return refusal_form_pdf_for(decision)


@service(Perm.BORDER_INSPECTION_DECIDE, post=decision_post)
def mark_refusal_signed(officer, decision: Decision) -> Decision:
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("inspection__post")
        .get(pk=pk_of(decision, field="decision"))
    )
    if decision.approval != Approval.APPROVED:
        raise Conflict("The form can be signed once the refusal is approved.", code="refusal_not_final")
    if not decision.traveller_signed:
        decision.traveller_signed = True
        decision.save(update_fields=["traveller_signed"])
        record_change(
            officer,
            AuditAction.INSPECTION_REFUSAL_FORM_SIGNED,
            decision,
            old={"traveller_signed": False},
            new={"traveller_signed": True},
            post_code=decision.inspection.post.code,
        )
    return decision
