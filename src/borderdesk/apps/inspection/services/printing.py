"""Printed forms: the refusal form of an approved refusal (a logged, scoped read), the traveller's signature on
it, and the sticker of a visa issued on arrival."""

from __future__ import annotations

from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.inspection.models import FOUR_EYES_KINDS, Approval, Decision
from borderdesk.apps.inspection.services._common import decision_post
from borderdesk.apps.travellers.models import VisaKind
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


def _sticker_post(number: str) -> str:
    """The post that issued a visa on arrival (the sticker is printed there), or a clear refusal for other visas."""
    from borderdesk.apps.travellers.services import visa_issue

    kind, post_code = visa_issue(number)
    if kind == VisaKind.E_VISA:
        raise Conflict(
            f"{number} is an e-visa: it is electronic and has no sticker to print.", code="no_sticker_for_evisa"
        )
    if kind != VisaKind.VISA_ON_ARRIVAL or not post_code:
        raise Conflict(
            f"{number} was not issued at a border post: its sticker was printed where it was issued.",
            code="no_sticker_here",
        )
    return post_code


@service(Perm.BORDER_TRAVELLER_READ, post=_sticker_post)
def visa_sticker(actor, number: str) -> bytes:
    """The sticker of a visa issued on arrival, printed at the post that issued it. Other visas have no sticker
    here: an e-visa is electronic, and a consulate's visa was printed by the consulate."""
    from borderdesk.apps.inspection.printed import visa_sticker_pdf_for
    from borderdesk.apps.travellers.services import find_visa

    return visa_sticker_pdf_for(find_visa(actor, number, post_code=_sticker_post(number)))
