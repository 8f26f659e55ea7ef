"""The printed documents of passport control, from the records: the refusal form (the visa sticker is in
``apps/visas/printed.py``)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from borderdesk.apps.common.labels import document_type
from borderdesk.apps.policy.services import pack_in_force, refusal_grounds
from borderdesk.core.printing import (
    GROUND_TEXTS,
    INTERVIEW_LANGUAGES,
    RefusalForm,
    available_languages,
    language_for_nationality,
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
        document_type=document_type(document.document_code),
        document_number=document.document_number,
        grounds=[(g["code"], g["text"] or g["title"]) for g in refusal_grounds(day)],
        ticked_grounds=decision.refusal_grounds,
        officer_name=officer.get_full_name() or officer.get_username() if officer else "",
        officer_id=officer.get_username() if officer else "",
        remarks=decision.remarks,
        legal_basis=_refusal_basis(pack),
        ground_translations=GROUND_TEXTS.get(pack.id, {}),
    )
    return refusal_form_pdf(form, *refusal_form_languages(inspection))


def traveller_language(inspection) -> str:
    """The language the traveller is interviewed and given the form in: the officer's choice, else the one of
    their nationality."""
    return inspection.traveller_language or language_for_nationality(inspection.traveller.nationality)


def refusal_form_languages(inspection) -> tuple[str, str]:
    """The refusal form's languages: the officer's, then the traveller's."""
    return _language(settings.LANGUAGE_CODE), _language(traveller_language(inspection))


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
