"""The printed documents of passport control, from the records: the refusal form (the visa sticker is in
``apps/visas/printed.py``)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from borderdesk.apps.policy.services import pack_in_force, refusal_grounds
from borderdesk.core.printing import (
    INTERVIEW_LANGUAGES,
    SCHENGEN_GROUND_TEXTS,
    RefusalForm,
    available_languages,
    refusal_form_pdf,
)


def refusal_form_pdf_for(decision) -> bytes:
    inspection = decision.inspection
    traveller, document, post = inspection.traveller, inspection.document, inspection.post
    day = timezone.localdate(decision.decided_at)
    pack = pack_in_force(day).pack
    officer = decision.decided_by
    form = RefusalForm(
        reference=f"{post.code}-{day:%Y%m%d}-{decision.pk}",
        issuing_state=settings.BORDERDESK_COUNTRY_NAME,
        authority=settings.BORDERDESK_BORDER_AUTHORITY,
        border_crossing_point=f"{post.name} ({post.code})",
        refused_at=timezone.localtime(decision.decided_at),
        surname=traveller.surname,
        given_names=traveller.given_names,
        birth_date=traveller.birth_date,
        sex=traveller.sex,
        nationality=traveller.nationality,
        document_type=document.document_code,
        document_number=document.document_number,
        grounds=[(g["code"], g["title"] or g["text"]) for g in refusal_grounds(day)],
        ticked_grounds=decision.refusal_grounds,
        officer_name=officer.get_full_name() or officer.get_username() if officer else "",
        officer_id=officer.get_username() if officer else "",
        remarks=decision.remarks,
        legal_basis=_refusal_basis(pack),
        ground_translations=SCHENGEN_GROUND_TEXTS if pack.id == "schengen" else {},
    )
    return refusal_form_pdf(form, _language(settings.LANGUAGE_CODE), _language(inspection.traveller_language))


def _refusal_basis(pack) -> str:
    if pack.id == "schengen":
        return "Article 14 of Regulation (EU) 2016/399 (Schengen Borders Code)"
    grounds = list(pack.refusal_grounds.values())
    return grounds[0].legal_basis.instrument if grounds else ""


def _language(code: str) -> str:
    """The form's languages; a traveller whose language the form lacks gets the English text beside theirs."""
    code = (code or "en").split("-")[0]
    return code if code in available_languages() else "en"


LANGUAGE_NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "de": "Deutsch",
    "pt": "Português",
    "ar": "العربية",
    "ru": "Русский",
    "zh": "中文",
}


def interview_languages() -> dict[str, str]:
    return {code: LANGUAGE_NAMES.get(code, code) for code in INTERVIEW_LANGUAGES}
