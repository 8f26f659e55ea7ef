"""The visa sticker, printed from the record of a visa issued on arrival."""

from __future__ import annotations

from django.conf import settings

from borderdesk.apps.common.labels import label
from borderdesk.core.printing import VisaSticker, visa_sticker_pdf


def visa_sticker_pdf_for(visa) -> bytes:
    traveller = visa.traveller
    post = visa.issued_at_post
    sticker = VisaSticker(
        issuing_state=settings.BORDERDESK_COUNTRY_NAME,
        place_of_issue=f"{post.name} ({post.code})" if post else "",
        valid_from=visa.valid_from,
        valid_until=visa.valid_until,
        duration_of_stay_days=visa.duration_days or 0,
        number_of_entries=str(visa.entries_allowed) if visa.entries_allowed else "MULT",
        visa_type=label(visa.kind, "visa_kind"),
        visa_number=visa.number,
        surname=traveller.surname,
        given_names=traveller.given_names,
        passport_number=visa.document.document_number if visa.document else "",
        nationality=traveller.nationality,
        birth_date=traveller.birth_date,
        sex=traveller.sex or "X",
        fee_amount=visa.fee_amount,
        fee_currency=visa.fee_currency,
        receipt_number=visa.receipt_number,
        mrz_lines=tuple(visa.mrz.splitlines()),
    )
    return visa_sticker_pdf(sticker)


def residence_card_pdf_for(visa) -> bytes:
    """The card of a residence permit issued on a decision (its TD1 zone was stored when it was issued)."""
    from borderdesk.core.printing import ResidenceCard, residence_card_pdf

    traveller = visa.traveller
    post = visa.issued_at_post
    card = ResidenceCard(
        issuing_state=settings.BORDERDESK_COUNTRY_NAME,
        card_number=visa.number,
        permit_type=label(visa.kind, "visa_kind"),
        surname=traveller.surname,
        given_names=traveller.given_names,
        nationality=traveller.nationality,
        birth_date=traveller.birth_date,
        sex=traveller.sex or "X",
        valid_from=visa.valid_from,
        valid_until=visa.valid_until,
        place_of_issue=f"{post.name} ({post.code})" if post else "",
        mrz_lines=tuple(visa.mrz.splitlines()),
    )
    return residence_card_pdf(card)
