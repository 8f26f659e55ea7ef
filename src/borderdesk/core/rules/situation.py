"""The facts about a traveller at the border that the entry rules look at.

:func:`situation_from_dict` reads them from JSON-like data (the API, golden cases) and raises
:class:`SituationError` with the ``path`` of the first bad field; :func:`situation_to_dict` writes them back, for
storage, so that ``situation_from_dict(situation_to_dict(s)) == s``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from borderdesk.core.reference import NATIONALITY_ALIASES, AlertAction
from borderdesk.core.rules.dates import parse_optional_date
from borderdesk.core.rules.errors import SituationError, StayInputError
from borderdesk.core.rules.stay import Stay, StayBasis, StayHistory, stays_from_records

# Dates a border situation can sensibly hold; outside them date arithmetic (expiry + months) could overflow.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


class AuthorisationType(str, Enum):
    VISA = "visa"  # a short-stay (uniform or national) visa
    ETA = "eta"
    E_VISA = "e_visa"
    VISA_ON_ARRIVAL = "visa_on_arrival"
    LONG_STAY_VISA = "long_stay_visa"
    RESIDENCE_PERMIT = "residence_permit"


class IssuingStateStatus(str, Enum):
    """What the document check found about the issuing state (the documents core's ``issuing_state_status``)."""

    KNOWN = "known"
    UNKNOWN = "unknown"  # not a Doc 9303 code
    NOT_RECOGNISED = "not_recognised"  # a state this country does not recognise


@dataclass(frozen=True, slots=True)
class TravelDocument:
    expiry: date
    issued: date | None = None
    false: bool = False  # found false, counterfeit or forged by the examining officer
    specimen: bool = False  # a published specimen (ICAO, issuing states): never a real traveller's document
    issuing_state_status: IssuingStateStatus = IssuingStateStatus.KNOWN


@dataclass(frozen=True, slots=True)
class Authorisation:
    type: AuthorisationType
    valid_from: date
    valid_to: date
    entries_allowed: int | None = None  # None: multiple entries
    entries_used: int = 0
    duration_days: int | None = None  # days of stay the visa grants, when it says so
    false: bool = False


@dataclass(frozen=True, slots=True)
class WatchlistAlert:
    action: AlertAction
    list: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Situation:
    nationality: str
    document: TravelDocument
    planned_departure: date
    authorisation: Authorisation | None = None
    # None: not examined yet (the officer has not asked); "" / False / 0: asked, and the answer is no.
    purpose: str | None = None
    purpose_documents: tuple[str, ...] = ()
    means_amount: float | None = None
    means_currency: str = ""
    return_ticket: bool | None = None
    accommodation: bool | None = None
    watchlist_alert: WatchlistAlert | None = None
    threat_assessed: bool = False  # an officer's finding, never inferred
    previous_overstays: int = 0
    previous_refusals: int = 0
    stay_history: tuple[Stay, ...] = field(default_factory=tuple)
    minor: bool = False
    travelling_alone: bool = False
    consent_letter: bool = False


def situation_from_dict(data: object) -> Situation:
    if not isinstance(data, Mapping):
        raise SituationError("malformed_input", "the situation must be an object", path="")
    means = _mapping(data, "means") if "means" in data else None
    try:
        history = tuple(stays_from_records(data.get("stay_history", [])))
        StayHistory(history, on=date.max)  # end before start, overlaps: reported now, not at evaluation
    except StayInputError as exc:
        raise SituationError(exc.code, f"stay_history: {exc.message}", path="stay_history") from exc
    return Situation(
        nationality=_nationality(data),
        document=_document(_mapping(data, "document", required=True)),
        planned_departure=_date(data, "planned_departure", "planned_departure"),
        authorisation=_authorisation(data.get("authorisation")),
        purpose=_stated_text(data, "purpose"),
        purpose_documents=tuple(_texts(data, "purpose_documents")),
        means_amount=None if means is None else _number(means, "amount", "means.amount"),
        means_currency=(_optional_text(means, "currency") or "") if means is not None else "",
        return_ticket=_flag(data, "return_ticket") if "return_ticket" in data else None,
        accommodation=_flag(data, "accommodation") if "accommodation" in data else None,
        watchlist_alert=_alert(data.get("watchlist_alert")),
        threat_assessed=_flag(data, "threat_assessed"),
        previous_overstays=_count(data, "previous_overstays"),
        previous_refusals=_count(data, "previous_refusals"),
        stay_history=history,
        minor=_flag(data, "minor"),
        travelling_alone=_flag(data, "travelling_alone"),
        consent_letter=_flag(data, "consent_letter"),
    )


def situation_to_dict(situation: Situation) -> dict:
    """The situation as JSON-like data, in the shape ``situation_from_dict`` reads. Facts at their default (not
    examined, no, none) are left out, as ``situation_from_dict`` reads an absent fact: what is stored is what is
    known."""
    s = situation
    document: dict = {"expiry": s.document.expiry.isoformat()}
    if s.document.issued is not None:
        document["issued"] = s.document.issued.isoformat()
    if s.document.false:
        document["false"] = True
    if s.document.specimen:
        document["specimen"] = True
    if s.document.issuing_state_status is not IssuingStateStatus.KNOWN:
        document["issuing_state_status"] = s.document.issuing_state_status.value
    data: dict = {
        "nationality": s.nationality,
        "document": document,
        "planned_departure": s.planned_departure.isoformat(),
    }
    if s.stay_history:
        data["stay_history"] = [
            {"entry": stay.entry.isoformat(), "exit": stay.exit.isoformat() if stay.exit else None}
            | ({} if stay.basis is StayBasis.SHORT_STAY else {"basis": stay.basis.value})
            for stay in s.stay_history
        ]
    if s.authorisation is not None:
        a = s.authorisation
        data["authorisation"] = {
            "type": a.type.value,
            "valid_from": a.valid_from.isoformat(),
            "valid_to": a.valid_to.isoformat(),
            "entries_allowed": a.entries_allowed,
            "entries_used": a.entries_used,
            "duration_days": a.duration_days,
        } | ({"false": True} if a.false else {})
    if s.purpose is not None:
        data["purpose"] = s.purpose
    if s.purpose_documents:
        data["purpose_documents"] = list(s.purpose_documents)
    if s.means_amount is not None:
        data["means"] = {"amount": s.means_amount} | ({"currency": s.means_currency} if s.means_currency else {})
    if s.return_ticket is not None:
        data["return_ticket"] = s.return_ticket
    if s.accommodation is not None:
        data["accommodation"] = s.accommodation
    if s.watchlist_alert is not None:
        alert = s.watchlist_alert
        data["watchlist_alert"] = {"action": alert.action.value, "list": alert.list, "reference": alert.reference}
    for flag in ("threat_assessed", "minor", "travelling_alone", "consent_letter"):
        if getattr(s, flag):
            data[flag] = True
    for count in ("previous_overstays", "previous_refusals"):
        if getattr(s, count):
            data[count] = getattr(s, count)
    return data


def _nationality(data: Mapping) -> str:
    return nationality_code(data.get("nationality"))


def nationality_code(value: object) -> str:
    """The 3-letter code the rules compare (``D`` and ``XKX`` read as ``DEU`` and ``RKS``), or ``SituationError``."""
    code = value.strip().upper().replace("<", "") if isinstance(value, str) else ""
    code = NATIONALITY_ALIASES.get(code, code)  # D (Doc 9303) -> DEU, XKX -> RKS: the codes the rules compare
    if len(code) != 3 or not code.isalpha():
        raise SituationError("malformed_input", "nationality must be a 3-letter code", path="nationality")
    return code


def _document(data: Mapping) -> TravelDocument:
    return TravelDocument(
        expiry=_date(data, "expiry", "document.expiry"),
        issued=_optional_date(data, "issued", "document.issued"),
        false=_flag(data, "false", "document.false"),
        specimen=_flag(data, "specimen", "document.specimen"),
        issuing_state_status=_issuing_state_status(data),
    )


def _issuing_state_status(data: Mapping) -> IssuingStateStatus:
    try:
        return IssuingStateStatus(data.get("issuing_state_status", IssuingStateStatus.KNOWN.value))
    except ValueError:
        allowed = ", ".join(item.value for item in IssuingStateStatus)
        raise SituationError(
            "malformed_input",
            f"document.issuing_state_status must be one of {allowed}",
            path="document.issuing_state_status",
        ) from None


def _authorisation(data: object) -> Authorisation | None:
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise SituationError("malformed_input", "authorisation must be an object", path="authorisation")
    try:
        kind = AuthorisationType(data.get("type"))
    except ValueError:
        allowed = ", ".join(item.value for item in AuthorisationType)
        raise SituationError(
            "malformed_input", f"authorisation.type must be one of {allowed}", path="authorisation.type"
        ) from None
    entries_allowed = data.get("entries_allowed")
    if entries_allowed is not None:
        entries_allowed = _count(data, "entries_allowed", "authorisation.entries_allowed")
    duration = data.get("duration_days")
    return Authorisation(
        type=kind,
        valid_from=_date(data, "valid_from", "authorisation.valid_from"),
        valid_to=_date(data, "valid_to", "authorisation.valid_to"),
        entries_allowed=entries_allowed,
        entries_used=_count(data, "entries_used", "authorisation.entries_used"),
        duration_days=None if duration is None else _count(data, "duration_days", "authorisation.duration_days"),
        false=_flag(data, "false", "authorisation.false"),
    )


def _alert(data: object) -> WatchlistAlert | None:
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise SituationError("malformed_input", "watchlist_alert must be an object", path="watchlist_alert")
    try:
        action = AlertAction(data.get("action"))
    except ValueError:
        allowed = ", ".join(item.value for item in AlertAction)
        raise SituationError(
            "malformed_input", f"watchlist_alert.action must be one of {allowed}", path="watchlist_alert.action"
        ) from None
    return WatchlistAlert(action, str(data.get("list", "")), str(data.get("reference", "")))


def _mapping(data: Mapping, key: str, required: bool = False) -> Mapping:
    value = data.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, Mapping):
        raise SituationError(
            "missing_field" if value is None else "malformed_input", f"{key} must be an object", path=key
        )
    return value


def _date(data: Mapping, key: str, path: str) -> date:
    if data.get(key) is None:
        raise SituationError("missing_field", f"{path} is required", path=path)
    parsed = _optional_date(data, key, path)
    assert parsed is not None  # checked just above
    return parsed


def _optional_date(data: Mapping, key: str, path: str) -> date | None:
    try:
        value = parse_optional_date(data.get(key), path, SituationError)
    except SituationError as exc:
        raise SituationError(exc.code, exc.message, path=path) from None
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise SituationError(
            "date_out_of_range",
            f"{path}: {value.isoformat()} is not between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}",
            path=path,
        )
    return value


def _flag(data: Mapping, key: str, path: str | None = None) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise SituationError("malformed_input", f"{path or key} must be true or false", path=path or key)
    return value


def _count(data: Mapping, key: str, path: str | None = None) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SituationError("malformed_input", f"{path or key} must be a whole number, 0 or more", path=path or key)
    return value


def _number(data: Mapping, key: str, path: str) -> float:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise SituationError("malformed_input", f"{path} must be a finite number, 0 or more", path=path)
    return float(value)


def _optional_text(data: Mapping, key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise SituationError("malformed_input", f"{key} must be text", path=key)
    return value or None


def _stated_text(data: Mapping, key: str) -> str | None:
    """None when the key is absent (not asked yet); "" when it was asked and nothing was stated."""
    if key not in data:
        return None
    return _optional_text(data, key) or ""


def _texts(data: Mapping, key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SituationError("malformed_input", f"{key} must be a list of texts", path=key)
    return value
