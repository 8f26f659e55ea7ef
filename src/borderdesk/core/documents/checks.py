"""Checks on a parsed travel document beyond the MRZ itself: expiry, validity left after departure, the
holder's age, the issuing state, and specimen documents.

Each check is a plain function of a parsed ``MrzResult`` and explicit parameters (no clock, no settings):
the caller says what "today" is and what its country's policy requires. ``document_checks`` runs them all
and returns the findings, each with a stable code (``FINDING_CODES``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from borderdesk.core.reference import MRZ_CODES

from .errors import Issue
from .parser import MrzResult

FINDING_CODES: dict[str, str] = {
    "document_expired": "the document expired before the check date",
    "document_expiring_soon": "the document expires within the configured number of days",
    "insufficient_validity_after_departure": "less validity is left after the planned departure than required",
    "holder_minor": "the holder is under the age of majority on the check date",
    "issuing_state_unknown": "Doc 9303 does not know the issuing state",
    "issuing_state_not_recognised": "this country does not recognise the issuing state",
    "specimen_document": "the document is a known specimen, not a real document",
    "date_unavailable": "a date this check needs could not be read from the zone",
}

ADULT_AGE = 18
DEFAULT_EXPIRY_WARNING_DAYS = 90

# Document numbers and names of the specimens that ICAO and issuing states publish, which turn up at
# counters and in test data: Utopia's Anna Maria Eriksson (Doc 9303), Germany's Erika Mustermann.
SPECIMEN_DOCUMENT_NUMBERS = frozenset(
    {
        "L898902C3",
        "D23145890",
        "D23145890734",
        "L8988901C",
        "C01X00T47",
        "T22000129",
        "SPECI2014",
    }
)
SPECIMEN_NAMES = frozenset({("ERIKSSON", "ANNA MARIA"), ("MUSTERMANN", "ERIKA")})
SPECIMEN_STATES = frozenset({"UTO"})
SPECIMEN_WORD = "SPECIMEN"


def _finding(code: str, field_name: str | None, message: str) -> Issue:
    return Issue(code, field_name, message)


def is_expired(document: MrzResult, on: date) -> bool | None:
    expiry = document.expiry_date
    return None if expiry is None else expiry < on


def expires_within(document: MrzResult, on: date, days: int) -> bool | None:
    """True when the document is still valid on ``on`` but expires within ``days`` days of it."""
    expiry = document.expiry_date
    return None if expiry is None else 0 <= (expiry - on).days <= days


@dataclass(frozen=True, slots=True)
class ValidityAfterDeparture:
    days: int  # negative when the document expires before the departure date
    required_days: int

    @property
    def meets_minimum(self) -> bool:
        return self.days >= self.required_days


def validity_after_departure(
    document: MrzResult, departure: date, required_days: int = 0
) -> ValidityAfterDeparture | None:
    """Days of validity left after the planned departure date (the expiry day itself still counts as
    valid, so a document expiring on the departure day has 0 days left)."""
    expiry = document.expiry_date
    if expiry is None:
        return None
    return ValidityAfterDeparture((expiry - departure).days, required_days)


def age_on(birth_date: date, on: date) -> int:
    """Age in whole years; someone born on 29 February turns a year older on 1 March in common years."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


def is_minor(document: MrzResult, on: date, adult_age: int = ADULT_AGE) -> bool | None:
    birth = document.birth_date
    return None if birth is None else age_on(birth, on) < adult_age


def issuing_state_status(document: MrzResult, unrecognised_states: Collection[str] = frozenset()) -> str:
    """``known``, ``unknown`` (not a Doc 9303 code) or ``not_recognised`` (in ``unrecognised_states``)."""
    state = document.fields.get("issuing_state", "")
    if state in unrecognised_states:
        return "not_recognised"
    return "known" if state in MRZ_CODES else "unknown"


def specimen_reasons(document: MrzResult, specimen_states: frozenset[str] = SPECIMEN_STATES) -> list[str]:
    """Why the document looks like a published specimen; empty when nothing does.

    ``specimen_states`` is empty where Utopia is the agency's own demo country, whose documents are real there.
    """
    fields = document.fields
    reasons = []
    if fields.get("document_number") in SPECIMEN_DOCUMENT_NUMBERS:
        reasons.append(f"document number {fields['document_number']} is a published specimen number")
    if (fields.get("surname"), fields.get("given_names")) in SPECIMEN_NAMES:
        reasons.append(f"{fields['given_names']} {fields['surname']} is a published specimen holder")
    if fields.get("issuing_state") in specimen_states:
        reasons.append(f"issuing state {fields['issuing_state']} is the ICAO specimen state")
    if any(SPECIMEN_WORD in line.replace("<", "") for line in document.lines):
        reasons.append("the zone contains the word SPECIMEN")
    return reasons


@dataclass(frozen=True, slots=True)
class CheckPolicy:
    """What this country requires; every value a parameter, none hidden."""

    expiry_warning_days: int = DEFAULT_EXPIRY_WARNING_DAYS
    required_validity_after_departure_days: int = 0
    adult_age: int = ADULT_AGE
    unrecognised_states: frozenset[str] = field(default_factory=frozenset)
    specimen_states: frozenset[str] = SPECIMEN_STATES


@dataclass(frozen=True, slots=True)
class DocumentCheckReport:
    findings: list[Issue]
    age: int | None
    validity_after_departure: ValidityAfterDeparture | None

    def codes(self) -> list[str]:
        return [finding.code for finding in self.findings]


def document_checks(
    document: MrzResult, on: date, departure: date | None = None, policy: CheckPolicy = CheckPolicy()
) -> DocumentCheckReport:
    """Run every document check on ``document`` as of ``on``; ``departure`` is the planned departure."""
    findings = _expiry_findings(document, on, policy)
    after_departure = None
    if departure is not None:
        after_departure = validity_after_departure(document, departure, policy.required_validity_after_departure_days)
        if after_departure is not None and not after_departure.meets_minimum:
            findings.append(
                _finding(
                    "insufficient_validity_after_departure",
                    "expiry_date",
                    f"{after_departure.days} days of validity after departure, "
                    f"{after_departure.required_days} required",
                )
            )
    age = age_on(document.birth_date, on) if document.birth_date else None
    if age is None:
        findings.append(_finding("date_unavailable", "birth_date", "the birth date could not be read"))
    elif age < policy.adult_age:
        findings.append(_finding("holder_minor", "birth_date", f"the holder is {age}, under {policy.adult_age}"))
    findings.extend(_issuing_state_findings(document, policy))
    findings.extend(
        _finding("specimen_document", None, reason) for reason in specimen_reasons(document, policy.specimen_states)
    )
    return DocumentCheckReport(findings, age, after_departure)


def _expiry_findings(document: MrzResult, on: date, policy: CheckPolicy) -> list[Issue]:
    expiry = document.expiry_date
    if expiry is None:
        return [_finding("date_unavailable", "expiry_date", "the expiry date could not be read")]
    if is_expired(document, on):
        return [_finding("document_expired", "expiry_date", f"the document expired on {expiry.isoformat()}")]
    if expires_within(document, on, policy.expiry_warning_days):
        return [
            _finding(
                "document_expiring_soon",
                "expiry_date",
                f"the document expires on {expiry.isoformat()}, within {policy.expiry_warning_days} days",
            )
        ]
    return []


def _issuing_state_findings(document: MrzResult, policy: CheckPolicy) -> list[Issue]:
    status = issuing_state_status(document, policy.unrecognised_states)
    state = document.fields.get("issuing_state")
    if status == "unknown":
        return [_finding("issuing_state_unknown", "issuing_state", f"{state!r} is not a Doc 9303 code")]
    if status == "not_recognised":
        return [
            _finding("issuing_state_not_recognised", "issuing_state", f"documents issued by {state} are not recognised")
        ]
    return []
