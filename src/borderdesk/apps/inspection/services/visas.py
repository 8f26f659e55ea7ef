"""Visas at the booth: issuing a visa on arrival to the traveller being inspected, and attaching the visa or e-visa
a traveller gives; the traveller is then re-assessed. The visas themselves (numbering, the sticker, annulment and
revocation) are the visas app's (``apps/visas/services.py``)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import service
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.inspection.services._common import DECIDABLE, _lock_for_change, _save_new_version, inspection_post
from borderdesk.apps.inspection.services.decisions import _check_not_under_way_elsewhere
from borderdesk.apps.inspection.services.scan import _evaluate, is_specimen
from borderdesk.apps.visas import services as visas
from borderdesk.core.access import Perm


@service(Perm.BORDER_VISA_ISSUE, post=inspection_post)
def issue_visa_on_arrival(
    officer,
    inspection: Inspection,
    *,
    version: int,
    fee_paid: bool,
    receipt_number: str,
    document_reason: str = "",
    today: date | None = None,
):
    """Issue the visa the rules say this traveller may get on arrival; the traveller is then re-assessed. Never on
    a specimen document; on any other document whose check is not clear, only with the officer's reason."""
    inspection = _lock_for_change(inspection, version)
    today = today or timezone.localdate()
    terms = inspection.visa_on_arrival or {}
    if inspection.status not in DECIDABLE or inspection.direction != "entry":
        raise Conflict(
            "A visa on arrival is issued only while the traveller is being inspected on entry.", code="not_decidable"
        )
    _check_not_under_way_elsewhere(inspection)
    if is_specimen(inspection.document_check):
        raise Conflict(
            "This is a specimen document, not a real passport: no visa is issued on it.", code="specimen_document"
        )
    if not terms.get("eligible"):
        raise Invalid("The rules in force do not allow this traveller a visa on arrival.", code="voa_not_eligible")
    if not inspection.document_check.get("clear") and not document_reason.strip():
        raise Invalid(
            "The document check is not clear: confirm you examined the passport and say why the visa may "
            "be issued on it.",
            code="document_not_clear_confirmation_required",
            field="document_reason",
        )
    visa = visas.issue_visa_on_arrival(
        officer,
        traveller=inspection.traveller,
        document=inspection.document,
        post=inspection.post,
        terms=terms,
        fee_paid=fee_paid,
        receipt_number=receipt_number,
        today=today,
        inspection=inspection.pk,
        document_reason=document_reason,
    )
    _evaluate(officer, inspection, today=today)
    _save_new_version(inspection)
    return visa


@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post)
def attach_visa(officer, inspection: Inspection, *, version: int, number: str, today: date | None = None):
    """The officer types the visa or e-visa number the traveller gives; the rules are asked again with it. An
    annulled or revoked visa is refused by name, and the rules never see it."""
    inspection = _lock_for_change(inspection, version)
    visa = visas.find_visa(officer, number, post_code=inspection.post.code)
    if visa.traveller_id != inspection.traveller_id:
        # Named no further: the refusal rolls back the access event, so it must not show the holder's record.
        raise Conflict(
            f"Visa {visa.number} is on record for another person, not this traveller: check the number, "
            "or refer the traveller to secondary inspection.",
            code="visa_of_someone_else",
        )
    if not visa.is_valid:
        raise Conflict(
            f"Visa {visa.number} was {visa.status} on {visa.ended_on.isoformat() if visa.ended_on else '?'}: it is "
            "not valid for entry.",
            code="visa_not_valid",
        )
    _evaluate(officer, inspection, today=today or timezone.localdate())
    _save_new_version(inspection)
    return visa
