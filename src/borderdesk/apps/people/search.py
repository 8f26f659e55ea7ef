"""What a person search asks (checked, as typed into the form) and how names are ranked: no database here."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from borderdesk.apps.common.errors import Invalid

NAME_MAX_CHARS = 100
# token_set_ratio: a surname alone finds everyone of that name; order and small typos do not matter.
NAME_THRESHOLD = 70
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOCUMENT = re.compile(r"[A-Z0-9]{1,35}")
_STATE = re.compile(r"[A-Z]{1,3}")


@dataclass(frozen=True)
class SearchCriteria:
    name: str = ""  # as comparable: upper-case ASCII words
    birth_date: date | None = None
    document_number: str = ""
    issuing_state: str = ""
    nationality: str = ""

    def summary(self) -> str:
        """The criteria in a few words, for the access events a search writes."""
        parts = [
            f"name {self.name}" if self.name else "",
            f"born {self.birth_date}" if self.birth_date else "",
            f"document {self.issuing_state} {self.document_number}".replace("  ", " ") if self.document_number else "",
            f"nationality {self.nationality}" if self.nationality else "",
        ]
        return "; ".join(part for part in parts if part)


def criteria_from(form) -> SearchCriteria:
    """The search form's fields, checked: at least a name, a birth date or a document number."""
    typed = {name: str(form.get(name) or "").strip() for name in SearchCriteria.__dataclass_fields__}
    criteria = SearchCriteria(
        name=_name(typed["name"]),
        birth_date=_birth_date(typed["birth_date"]),
        document_number=_document_number(typed["document_number"]),
        issuing_state=_state(typed["issuing_state"], "issuing_state"),
        nationality=_state(typed["nationality"], "nationality"),
    )
    if not (criteria.name or criteria.birth_date or criteria.document_number):
        raise Invalid(
            "Give a name, a date of birth or a document number (a state or nationality alone finds too many).",
            code="search_needs_more",
            field="name",
        )
    return criteria


def comparable(name: str) -> str:
    """A name as machine-readable zones write it: upper-case ASCII letters and digits, one space between words."""
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", ascii_only.upper()).split())


def name_score(wanted: str, surname: str, given_names: str) -> float:
    """How alike (0-100) the name searched for and a record's name are."""
    return fuzz.token_set_ratio(wanted, comparable(f"{given_names} {surname}"))


def _name(value: str) -> str:
    if len(value) > NAME_MAX_CHARS:
        raise Invalid(f"A name has at most {NAME_MAX_CHARS} characters.", code="value_too_long", field="name")
    name = comparable(value)
    if value and not any(char.isalpha() for char in name):
        raise Invalid(f"The name {value[:40]!r} contains no letters.", code="invalid_name", field="name")
    return name


def _birth_date(value: str) -> date | None:
    if not value:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(
            f"A date of birth is written YYYY-MM-DD, not {value[:40]!r}.", code="invalid_date", field="birth_date"
        ) from None


def _document_number(value: str) -> str:
    number = re.sub(r"[\s<]+", "", value.upper())
    if number and not _DOCUMENT.fullmatch(number):
        raise Invalid(
            "A document number is up to 35 letters and digits.", code="invalid_document_number", field="document_number"
        )
    return number


def _state(value: str, field: str) -> str:
    code = value.upper().rstrip("<")
    if code and not _STATE.fullmatch(code):
        raise Invalid(f"{code[:40]!r} is not a three-letter state code.", code="invalid_state", field=field)
    return code
