"""Custody: ending the custody of a detained person (handed over to the police, removed, or released)."""

from __future__ import annotations

from django.utils import timezone

from borderdesk.apps.asylum.services.protection import audits_protection_blocks, refuse_unless_protected
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import pk_of, post_code_of, service
from borderdesk.apps.inspection.models import CustodyRecord
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction

CUSTODY_OUTCOMES = {"police": "handed_over_to", "removal": "removal_reference", "released": None}


def _custody_post(custody, *_, **__) -> str:
    return post_code_of(
        CustodyRecord, pk_of(custody, field="custody"), what="custody", path="decision__inspection__post__code"
    )


@audits_protection_blocks
@service(Perm.BORDER_INSPECTION_DECIDE, post=_custody_post)
def end_custody(
    officer, custody: CustodyRecord, *, outcome: str, handed_over_to: str = "", removal_reference: str = ""
) -> CustodyRecord:
    custody = (
        CustodyRecord.objects.select_for_update(of=("self",))
        .select_related("decision__inspection__post", "decision__inspection")
        .get(pk=pk_of(custody, field="custody"))
    )
    post_code = custody.decision.inspection.post.code
    if custody.ended_at is not None:
        raise Conflict("This custody has already ended.", code="custody_already_ended")
    if outcome not in CUSTODY_OUTCOMES:
        raise Invalid(
            "Choose how the custody ended: police, removal or released.",
            code="unknown_custody_outcome",
            field="outcome",
        )
    if outcome == "removal":  # non-refoulement
        refuse_unless_protected(
            custody.decision.inspection.traveller_id, what="removal", post_code=post_code, record=custody
        )
    required = CUSTODY_OUTCOMES[outcome]
    values = {"handed_over_to": handed_over_to.strip(), "removal_reference": removal_reference.strip()}
    if required and not values[required]:
        label = "who took the person over" if required == "handed_over_to" else "the removal reference"
        raise Invalid(f"Record {label}.", code="custody_details_required", field=required)
    custody.outcome, custody.ended_at = outcome, timezone.now()
    custody.handed_over_to, custody.removal_reference = values["handed_over_to"], values["removal_reference"]
    custody.save()
    record_change(
        officer,
        AuditAction.INSPECTION_CUSTODY_END,
        custody,
        post_code=post_code,
        old={"ended_at": None},
        new={"outcome": outcome, **values, "ended_at": custody.ended_at},
    )
    return custody
