"""The facts the entry rules are asked about, gathered from the document, the records and the interview."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings

from borderdesk.apps.travellers.services import TravelHistory
from borderdesk.apps.visas.models import Visa, VisaKind

AUTHORISATION_TYPES = {
    VisaKind.VISA_ON_ARRIVAL: "visa_on_arrival",
    VisaKind.E_VISA: "e_visa",
    VisaKind.VISA: "visa",
    VisaKind.ETA: "eta",
    VisaKind.LONG_STAY_VISA: "long_stay_visa",
    VisaKind.RESIDENCE_PERMIT: "residence_permit",
}
ADULT_AGE = 18


# The rules pack's names for purposes where the booth's differ.
RULES_PURPOSE = {"family": "family_visit"}


def planned_departure(answers: dict, today: date) -> date:
    """The traveller's stated departure; until they are asked, the agency's assumed length of a visit."""
    if answers.get("onward_departure_date"):
        return max(today, date.fromisoformat(answers["onward_departure_date"]))
    if answers.get("length_of_stay"):
        return today + timedelta(days=max(1, int(answers["length_of_stay"])) - 1)
    return today + timedelta(days=settings.BORDERDESK_ASSUMED_STAY_DAYS - 1)


def build_situation(
    *,
    nationality: str,
    document_expiry: str | None,
    birth_date: str | None,
    today: date,
    history: TravelHistory,
    visa: Visa | None,
    watchlist_alert: dict | None,
    purpose: str = "",
    answers: dict | None = None,
    document_false: bool = False,
    document_findings: list[str] = (),
) -> dict:
    answers = answers or {}
    situation = {
        "nationality": nationality,
        "document": {"expiry": document_expiry, "false": document_false, **_document_facts(document_findings)},
        "planned_departure": planned_departure(answers, today).isoformat(),
        "previous_overstays": len(history.overstays),
        "previous_refusals": len(history.refusals),
        "stay_history": [
            {"entry": s.entry_date.isoformat(), "exit": s.exit_date.isoformat() if s.exit_date else None}
            for s in sorted(history.stays, key=lambda s: s.entry_date)
            if s.counts_toward_limit
        ],
        "minor": _is_minor(birth_date, today),
        "travelling_alone": bool(answers.get("travelling_alone", False)),
        "consent_letter": bool(answers.get("consent_letter", False)),
    }
    if visa is not None:
        situation["authorisation"] = _authorisation(visa)
    if watchlist_alert:
        situation["watchlist_alert"] = watchlist_alert
    if purpose:
        situation["purpose"] = RULES_PURPOSE.get(purpose, purpose)
        situation["purpose_documents"] = list(answers.get("purpose_documents", []))
    # Only what was asked goes to the rules: an unanswered question is "not examined", never a "no".
    if "means_of_subsistence" in answers:
        situation["means"] = {"amount": float(answers["means_of_subsistence"])}
    if "return_ticket" in answers:
        situation["return_ticket"] = bool(answers["return_ticket"])
    if "accommodation_booked" in answers:
        situation["accommodation"] = bool(answers["accommodation_booked"])
    return situation


def _document_facts(findings) -> dict:
    """The document check's gravest findings, as the facts the rules know them by."""
    facts = {}
    if "specimen_document" in findings:
        facts["specimen"] = True
    if "issuing_state_not_recognised" in findings:
        facts["issuing_state_status"] = "not_recognised"
    elif "issuing_state_unknown" in findings:
        facts["issuing_state_status"] = "unknown"
    return facts


def _authorisation(visa: Visa) -> dict:
    used = visa.crossings.filter(direction="entry", outcome="admitted").count() if visa.pk else 0
    return {
        "type": AUTHORISATION_TYPES[visa.kind],
        "valid_from": visa.valid_from.isoformat(),
        "valid_to": visa.valid_until.isoformat(),
        "entries_allowed": visa.entries_allowed,
        "entries_used": used,
        "duration_days": visa.duration_days,
    }


def _is_minor(birth_date: str | None, today: date) -> bool:
    if not birth_date:
        return False
    born = date.fromisoformat(birth_date)
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < ADULT_AGE
