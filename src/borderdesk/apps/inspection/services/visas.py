"""Visas at the booth: issuing a visa on arrival (its number and its sticker's machine-readable zone), and
attaching the visa or e-visa a traveller gives; the traveller is then re-assessed."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import service
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.inspection.services._common import DECIDABLE, _lock_for_change, _save_new_version, inspection_post
from borderdesk.apps.inspection.services.decisions import _check_not_under_way_elsewhere
from borderdesk.apps.inspection.services.scan import _evaluate, is_specimen
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction


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
    from borderdesk.apps.travellers.models import Visa, VisaKind

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
    if not fee_paid or not receipt_number.strip():
        raise Invalid(
            "Record the fee as paid and its receipt number first.", code="voa_fee_unpaid", field="receipt_number"
        )
    days, entries = int(terms["days"]), terms.get("entries") or 1
    visa = Visa.objects.create(
        number=_next_visa_number(),
        kind=VisaKind.VISA_ON_ARRIVAL,
        traveller=inspection.traveller,
        document=inspection.document,
        valid_from=today,
        valid_until=today + timedelta(days=days - 1),
        entries_allowed=entries,
        duration_days=days,
        issued_at_post=inspection.post,
        issued_by=user_of(officer),
        fee_amount=terms.get("fee"),
        fee_currency=terms.get("currency", ""),
        receipt_number=receipt_number.strip(),
    )
    visa.mrz = "\n".join(visa_mrz(visa))
    visa.save(update_fields=["mrz"])
    _evaluate(officer, inspection, today=today)
    _save_new_version(inspection)
    record_change(
        officer,
        AuditAction.INSPECTION_VISA_ON_ARRIVAL_ISSUE,
        visa,
        post_code=inspection.post.code,
        new={
            "number": visa.number,
            "inspection": inspection.pk,
            "days": days,
            "entries": entries,
            "fee": str(visa.fee_amount),
            "currency": visa.fee_currency,
            "receipt": visa.receipt_number,
            "document_not_clear_reason": document_reason.strip(),
        },
    )
    return visa


def _next_visa_number() -> str:
    """Visa numbers are the agency's letter V, the year's last two digits and a running number: V26000123."""
    from borderdesk.apps.travellers.models import Visa

    prefix = f"V{timezone.localdate():%y}"
    last = (
        Visa.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{prefix}{int(last[3:]) + 1 if last else 1:06d}"


def visa_mrz(visa) -> tuple[str, str]:
    """The sticker's MRV-B zone (its 8-character optional field cannot hold a 9-character passport number)."""
    from django.conf import settings

    from borderdesk.core.printing import visa_sticker_mrz

    traveller = visa.traveller
    return visa_sticker_mrz(
        issuing_state_code=settings.BORDERDESK_COUNTRY,
        visa_number=visa.number,
        surname=traveller.surname,
        given_names=traveller.given_names,
        nationality=traveller.nationality,
        birth_date=traveller.birth_date,
        sex=traveller.sex or "X",
        valid_until=visa.valid_until,
    )


@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post)
def attach_visa(officer, inspection: Inspection, *, version: int, number: str, today: date | None = None):
    """The officer types the visa or e-visa number the traveller gives; the rules are asked again with it."""
    from borderdesk.apps.travellers.services import find_visa

    inspection = _lock_for_change(inspection, version)
    visa = find_visa(officer, number, post_code=inspection.post.code)
    holder = visa.traveller
    if holder.pk != inspection.traveller_id:
        # Named no further: the refusal rolls back the access event, so it must not show the holder's record.
        raise Conflict(
            f"Visa {visa.number} is on record for another person, not this traveller: check the number, "
            "or refer the traveller to secondary inspection.",
            code="visa_of_someone_else",
        )
    _evaluate(officer, inspection, today=today or timezone.localdate())
    _save_new_version(inspection)
    return visa
