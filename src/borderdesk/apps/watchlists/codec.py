"""Plain-Python translations shared by the services, the API, the web pages and `borderdesk screen`:
list entries to and from JSON, people to screen from JSON, and the fingerprints that keep false matches
suppressed. No Django here: `borderdesk screen --from` runs without a database."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date

from borderdesk.core.screening import (
    Action,
    IdentityDocument,
    ListEntry,
    PartialDate,
    Query,
    Schema,
    name_tokens,
)
from borderdesk.core.screening.sources import to_alpha3

# The list a format's file is imported as unless the user names one.
DEFAULT_LIST_NAMES = {"un-xml": "un", "ofac-csv": "ofac", "csl-csv": "csl", "ftm-json": "ftm", "csv": "national"}
ACTION_LABELS = {
    Action.ARREST: "Arrest",
    Action.REFUSE_ENTRY: "Refuse entry",
    Action.DISCREET_CHECK: "Discreet check",
    Action.INFORM: "Inform the listing authority",
}
QUERY_FIELDS = ("id", "name", "birth_date", "nationality", "sex", "document_number", "document_issuing_state")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SEXES = {"M": "M", "MALE": "M", "F": "F", "FEMALE": "F", "X": "X"}


class QueryError(ValueError):
    """A person to screen that cannot be read; ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def to_dict(self) -> dict:
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


# ---------------------------------------------------------------------------------------- list entries


def entry_to_dict(entry: ListEntry) -> dict:
    return {
        "entry_id": entry.entry_id,
        "names": list(entry.names),
        "schema": entry.schema.value,
        "weak_aliases": list(entry.weak_aliases),
        "birth_dates": [_date_dict(d) for d in entry.birth_dates],
        "nationalities": list(entry.nationalities),
        "sex": entry.sex,
        "documents": [{"number": d.number, "issuing_state": d.issuing_state, "kind": d.kind} for d in entry.documents],
        "programs": list(entry.programs),
        "reason": entry.reason,
        "action": entry.action.value,
        "remarks": entry.remarks,
    }


def entry_from_dict(data: dict) -> ListEntry:
    return ListEntry(
        entry_id=data["entry_id"],
        names=tuple(data["names"]),
        schema=Schema(data["schema"]),
        weak_aliases=tuple(data.get("weak_aliases", ())),
        birth_dates=tuple(_date_from(d) for d in data.get("birth_dates", ())),
        nationalities=tuple(data.get("nationalities", ())),
        sex=data.get("sex"),
        documents=tuple(
            IdentityDocument(d["number"], d.get("issuing_state"), d.get("kind")) for d in data.get("documents", ())
        ),
        programs=tuple(data.get("programs", ())),
        reason=data.get("reason", ""),
        action=Action(data.get("action", Action.REFUSE_ENTRY.value)),
        remarks=data.get("remarks", ""),
    )


def _date_dict(value: PartialDate) -> dict:
    data = {"year": value.year, "month": value.month, "day": value.day, "year_to": value.year_to}
    data = {key: item for key, item in data.items() if item is not None}
    if value.approximate:
        data["approximate"] = True
    return data


def _date_from(data: dict) -> PartialDate:
    return PartialDate(
        data["year"], data.get("month"), data.get("day"), data.get("year_to"), bool(data.get("approximate", False))
    )


def partial_date_text(value: PartialDate | None) -> str | None:
    if value is None:
        return None
    text = f"{value.year:04d}"
    if value.month:
        text += f"-{value.month:02d}"
        if value.day:
            text += f"-{value.day:02d}"
    if value.year_to:
        text += f"/{value.year_to:04d}"
    return ("~" if value.approximate else "") + text


def _canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_fingerprint(entry: ListEntry) -> str:
    """Changes whenever anything the list says about the entry changes."""
    return hashlib.sha256(_canonical(entry_to_dict(entry))).hexdigest()


def person_fingerprint(query: Query) -> str:
    """The facts of a screened person a false-match verdict was made on: normalised name (word order
    ignored), date of birth, nationality and document number."""
    try:
        name = " ".join(sorted(name_tokens(query.name)))
    except ValueError:
        name = (query.name or "").strip().lower()
    facts = [
        name,
        partial_date_text(query.birth_date) or "",
        (query.nationality or "").upper(),
        re.sub(r"[^A-Z0-9]", "", (query.document_number or "").upper()),
    ]
    return hashlib.sha256(_canonical(facts)).hexdigest()


# ----------------------------------------------------------------------------------- people to screen


def parse_partial_date(text: str, field: str = "birth_date") -> PartialDate:
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise QueryError("invalid_birth_date", f"{field} {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD.", field)
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise QueryError("invalid_birth_date", f"{field} {text!r} is not a real date.", field) from None
    return PartialDate(year, month, day)


def query_from_dict(data) -> Query:
    """A `Query` from a JSON object as `borderdesk screen` reads it; raises QueryError for bad fields
    (an empty or letterless name is left for the screener to report)."""
    if not isinstance(data, dict):
        raise QueryError("invalid_record", 'Each line must be a JSON object such as {"name": "..."}.')
    for key in QUERY_FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str) and not (key == "id" and isinstance(value, int)):
            raise QueryError("invalid_field", f"{key} must be text.", key)
    text = {key: (data.get(key) or "").strip() if key != "id" else data.get(key) for key in QUERY_FIELDS}
    birth = parse_partial_date(text["birth_date"]) if text["birth_date"] else None
    nationality = None
    if text["nationality"]:
        nationality = to_alpha3(text["nationality"]) or text["nationality"].upper()
    sex = None
    if text["sex"]:
        sex = _SEXES.get(text["sex"].upper())
        if sex is None:
            raise QueryError("invalid_sex", f"sex must be M, F or X, not {text['sex']!r}.", "sex")
    issuing = text["document_issuing_state"]
    return Query(
        name=data.get("name") or "",
        id=None if text["id"] is None else str(text["id"]),
        birth_date=birth,
        nationality=nationality,
        sex=sex,
        document_number=text["document_number"].upper() or None,
        document_issuing_state=(to_alpha3(issuing) or issuing.upper()) if issuing else None,
    )


def query_to_dict(query: Query) -> dict:
    data = {
        "id": query.id,
        "name": query.name,
        "birth_date": partial_date_text(query.birth_date),
        "nationality": query.nationality,
        "sex": query.sex,
        "document_number": query.document_number,
        "document_issuing_state": query.document_issuing_state,
    }
    return {key: value for key, value in data.items() if value is not None}
