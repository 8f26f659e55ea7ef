"""What a referral or hand-over may carry: its kind, a reason in words, and exactly the fields shared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

KINDS = ("referral", "handover")
REASON_MAX = 2_000
VALUE_MAX = 2_000
SIGNATURE_MAX = 200
PARTNER_REFERENCE_MAX = 100

# What may be shared with a partner, field name to its label: the partner sees these and nothing else.
SHAREABLE: dict[str, str] = {
    "surname": "Surname",
    "given_names": "Given names",
    "birth_date": "Date of birth",
    "nationality": "Nationality",
    "sex": "Sex",
    "document_number": "Document number",
    "health_needs": "Health needs",
    "place": "Place",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "occurred_at": "When it happened",
    "circumstances": "Circumstances",
    "incident_reference": "Incident reference",
    "seized_items": "Items seized",
    "remarks": "Remarks",
}


class PartnerProblem(ValueError):
    def __init__(self, message: str, *, code: str, field: str = "") -> None:
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


@dataclass(frozen=True)
class ReferralDraft:
    kind: str
    reason: str
    shared: dict[str, str]


def check_referral(kind: str, reason: str, shared: dict) -> ReferralDraft:
    """The referral as it will be stored, or a ``PartnerProblem``: ``kind_invalid``, ``reason_required``,
    ``reason_too_long``, ``nothing_shared``, ``shared_invalid``, ``field_not_shareable``, ``value_invalid``,
    ``value_too_long``."""
    if kind not in KINDS:
        raise PartnerProblem(f"A referral is one of {', '.join(KINDS)}.", code="kind_invalid", field="kind")
    reason = str(reason or "").strip()
    if not reason:
        raise PartnerProblem("Say why it is referred: the partner reads it.", code="reason_required", field="reason")
    if len(reason) > REASON_MAX:
        raise PartnerProblem(f"The reason is at most {REASON_MAX} characters.", code="reason_too_long", field="reason")
    if not isinstance(shared, dict):
        raise PartnerProblem("What is shared is a set of named fields.", code="shared_invalid", field="shared")
    if not shared:
        raise PartnerProblem("Choose what is shared with the partner.", code="nothing_shared", field="shared")
    return ReferralDraft(kind, reason, {name: _shared_value(name, value) for name, value in shared.items()})


def _shared_value(name: str, value: object) -> str:
    if name not in SHAREABLE:
        raise PartnerProblem(
            f"{str(name)[:40]!r} may not be shared with a partner.", code="field_not_shareable", field="shared"
        )
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        value = value.isoformat()
    elif isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PartnerProblem(f"{SHAREABLE[name]} is not a value in words.", code="value_invalid", field=name)
    value = value.strip()
    if len(value) > VALUE_MAX:
        raise PartnerProblem(f"{SHAREABLE[name]} is at most {VALUE_MAX} characters.", code="value_too_long", field=name)
    return value


def check_signature_name(value: str, *, field: str) -> str:
    """A name signed by hand on the form (an officer's): ``signature_required``, ``signature_too_long``."""
    name = " ".join(str(value or "").split())
    if not name:
        raise PartnerProblem("Sign with your name.", code="signature_required", field=field)
    if len(name) > SIGNATURE_MAX:
        raise PartnerProblem(
            f"A signature is at most {SIGNATURE_MAX} characters.", code="signature_too_long", field=field
        )
    return name


def check_partner_reference(value: str) -> str:
    reference = str(value or "").strip()
    if len(reference) > PARTNER_REFERENCE_MAX:
        raise PartnerProblem(
            f"Your reference is at most {PARTNER_REFERENCE_MAX} characters.",
            code="partner_reference_too_long",
            field="partner_reference",
        )
    return reference
