"""The facts the entry rules are asked about, gathered from the document, the records and the interview, as the
rules core's own ``Situation`` (made JSON only where it is stored)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from django.conf import settings

from borderdesk.apps.policy.services import RulesRefused
from borderdesk.apps.travellers.services import TravelHistory
from borderdesk.apps.visas.models import Visa, VisaKind
from borderdesk.core.rules import (
    Authorisation,
    AuthorisationType,
    IssuingStateStatus,
    Situation,
    SituationError,
    Stay,
    TravelDocument,
    WatchlistAlert,
    nationality_code,
)

AUTHORISATION_TYPES = {
    VisaKind.VISA_ON_ARRIVAL: AuthorisationType.VISA_ON_ARRIVAL,
    VisaKind.E_VISA: AuthorisationType.E_VISA,
    VisaKind.VISA: AuthorisationType.VISA,
    VisaKind.ETA: AuthorisationType.ETA,
    VisaKind.LONG_STAY_VISA: AuthorisationType.LONG_STAY_VISA,
    VisaKind.RESIDENCE_PERMIT: AuthorisationType.RESIDENCE_PERMIT,
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
    document_expiry: date | None,
    birth_date: date | None,
    today: date,
    history: TravelHistory,
    visa: Visa | None,
    watchlist_alert: WatchlistAlert | None,
    purpose: str = "",
    answers: dict | None = None,
    document_findings: list[str] = (),
) -> Situation:
    """The rules core's ``Situation`` for this traveller now. Only what was asked goes to the rules: an
    unanswered question is "not examined", never a "no"."""
    answers = answers or {}
    if document_expiry is None:
        raise RulesRefused(SituationError("missing_field", "document.expiry is required", path="document.expiry"))
    return Situation(
        nationality=_nationality(nationality),
        document=TravelDocument(expiry=document_expiry, **_document_facts(document_findings)),
        planned_departure=planned_departure(answers, today),
        authorisation=_authorisation(visa) if visa is not None else None,
        purpose=RULES_PURPOSE.get(purpose, purpose) if purpose else None,
        purpose_documents=tuple(answers.get("purpose_documents", ())) if purpose else (),
        means_amount=_means(answers["means_of_subsistence"]) if "means_of_subsistence" in answers else None,
        return_ticket=bool(answers["return_ticket"]) if "return_ticket" in answers else None,
        accommodation=bool(answers["accommodation_booked"]) if "accommodation_booked" in answers else None,
        watchlist_alert=watchlist_alert,
        previous_overstays=len(history.overstays),
        previous_refusals=len(history.refusals),
        stay_history=tuple(
            Stay(s.entry_date, s.exit_date)
            for s in sorted(history.stays, key=lambda s: s.entry_date)
            if s.counts_toward_limit
        ),
        minor=_is_minor(birth_date, today),
        travelling_alone=bool(answers.get("travelling_alone", False)),
        consent_letter=bool(answers.get("consent_letter", False)),
    )


def _nationality(value: str) -> str:
    try:
        return nationality_code(value)
    except SituationError as exc:
        raise RulesRefused(exc) from exc


def _means(amount) -> float:
    value = float(amount)
    if not math.isfinite(value) or value < 0:
        raise RulesRefused(
            SituationError("malformed_input", "means.amount must be a finite number, 0 or more", path="means.amount")
        )
    return value


def _document_facts(findings) -> dict:
    """The document check's gravest findings, as the facts the rules know them by."""
    facts: dict = {"specimen": "specimen_document" in findings}
    if "issuing_state_not_recognised" in findings:
        facts["issuing_state_status"] = IssuingStateStatus.NOT_RECOGNISED
    elif "issuing_state_unknown" in findings:
        facts["issuing_state_status"] = IssuingStateStatus.UNKNOWN
    return facts


def _authorisation(visa: Visa) -> Authorisation:
    used = visa.crossings.filter(direction="entry", outcome="admitted").count() if visa.pk else 0
    return Authorisation(
        type=AUTHORISATION_TYPES[visa.kind],
        valid_from=visa.valid_from,
        valid_to=visa.valid_until,
        entries_allowed=visa.entries_allowed,
        entries_used=used,
        duration_days=visa.duration_days,
    )


def _is_minor(born: date | None, today: date) -> bool:
    if born is None:
        return False
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < ADULT_AGE
