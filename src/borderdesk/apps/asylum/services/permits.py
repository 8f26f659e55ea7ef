"""The residence permit of a recognised refugee or a beneficiary of subsidiary protection: a residence permit card
(ID-1, TD1 zone) issued by visas' ``issue_granted`` like casework's, valid 3 years for refugee status and 1 year for
subsidiary protection (core ``PERMIT_MONTHS``), stored on ``claim.permit`` and printed from the claim's page."""

from __future__ import annotations

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services.claims import OPEN, add_event, claim_service, load
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.services.decisions import Printed
from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.travellers.models import HeldDocument
from borderdesk.apps.visas import services as visas
from borderdesk.apps.visas.models import Visa, VisaKind
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import Outcome, permit_valid_until


def issue(claim: Claim, actor) -> Visa:
    """Issue the permit a grant of protection gives (called by the review or the appeal's result, in their
    transaction, on a locked claim)."""
    outcome = Outcome(claim.outcome)
    valid_from = claim.post.local_date()
    permit = visas.issue_granted(
        actor,
        traveller=claim.claimant,
        document=HeldDocument.objects.filter(traveller=claim.claimant).order_by("-pk").first(),
        post=claim.post,
        kind=VisaKind.RESIDENCE_PERMIT,
        valid_from=valid_from,
        valid_until=permit_valid_until(outcome, valid_from),
        entries_allowed=None,
        duration_days=None,
        application=claim.reference,
    )
    claim.permit = permit
    claim.save(update_fields=["permit", "updated_at"])
    add_event(claim, actor, "permit", text=f"Residence permit {permit.number} until {permit.valid_until:%Y-%m-%d}")
    record_change(
        actor,
        AuditAction.ASYLUM_PERMIT_ISSUE,
        claim,
        new={"permit": permit.number, "outcome": outcome.value, "valid_until": permit.valid_until.isoformat()},
        post_code=claim.post.code,
    )
    return permit


@claim_service(OPEN)
def card(actor, claim) -> Printed:
    """The permit's card as a PDF: an access event."""
    from borderdesk.apps.visas.printed import residence_card_pdf_for

    record = load(claim)
    permit = record.permit
    if permit is None:
        raise Conflict(f"Claim {record.reference} has no residence permit.", code="no_residence_permit")
    if not permit.is_valid:
        raise Conflict(f"{permit.number} was {permit.status}: it is not printed.", code="visa_not_valid")
    record_access(
        actor, record, purpose="asylum_permit", detail=f"{record.reference} {permit.number}", post_code=record.post.code
    )
    return Printed(residence_card_pdf_for(permit), f"residence-permit-{permit.number}.pdf")
