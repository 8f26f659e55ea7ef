"""Facts hidden in the free-text Remarks of OFAC's legacy SDN CSV.

Remarks are ``;``-separated statements such as ``DOB 12 Jan 1960``, ``alt. DOB circa 1962``,
``nationality Iran``, ``citizen Mexico``, ``Gender Male``, ``Passport A1234567 (Iran) expires 2020``,
``a.k.a. 'ABU UMAR'``. Statements we do not understand are simply left in the remarks text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import PartialDate
from .common import DOCUMENT_KINDS, MONTHS, checked_date

_DATE = r"(?:(\d{1,2}) )?(?:([A-Za-z]{3,9})\.? )?(\d{4})"
_DOB = re.compile(rf"DOB (circa |approximately )?{_DATE}(?:(?: to |\s*-\s*){_DATE})?", re.IGNORECASE)
_NATIONALITY = re.compile(r"(?:nationality|citizen)(?: of registration)? (?:possibly )?([^.]+).*", re.IGNORECASE)
_NO_NATIONALITY = "none identified"
_GENDER = re.compile(r"Gender (Male|Female)", re.IGNORECASE)
_WEAK_ALIAS = re.compile(r"[afn]\.k\.a\.,? '(.+)'")
_DOCUMENT_LABEL = re.compile(
    "(" + "|".join(re.escape(label) for label in sorted(DOCUMENT_KINDS, key=len, reverse=True)) + r") (.+)",
    re.IGNORECASE,
)
_DOCUMENT_VALIDITY = re.compile(r"\s+(?:issued|expires|expired|valid)\b.*$", re.IGNORECASE)


@dataclass(frozen=True)
class RemarkDocument:
    number: str
    country: str | None  # as written, e.g. "Iran"
    kind: str


@dataclass
class RemarkFacts:
    birth_dates: list[PartialDate] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)  # country names as written
    sex: str | None = None
    documents: list[RemarkDocument] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)


def parse_remarks(remarks: str) -> RemarkFacts:
    facts = RemarkFacts()
    for statement in _statements(remarks):
        _read_statement(statement, facts)
    return facts


def _statements(remarks: str) -> list[str]:
    statements = []
    for part in remarks.split(";"):
        text = part.strip()
        text = text.removesuffix(".")
        text = re.sub(r"^alt\.\s+", "", text, flags=re.IGNORECASE)
        if text:
            statements.append(text)
    return statements


def _read_statement(statement: str, facts: RemarkFacts) -> None:
    if match := _DOB.fullmatch(statement):
        birth_date = _birth_date(match)
        if birth_date:
            facts.birth_dates.append(birth_date)
    elif match := _NATIONALITY.fullmatch(statement):
        if match.group(1).strip().lower() != _NO_NATIONALITY:
            facts.nationalities.append(match.group(1).strip())
    elif match := _GENDER.fullmatch(statement):
        facts.sex = match.group(1)[0].upper()
    elif match := _WEAK_ALIAS.fullmatch(statement):
        facts.weak_aliases.append(match.group(1).strip())
    elif match := _DOCUMENT_LABEL.fullmatch(statement):
        document = _document(match.group(1), match.group(2))
        if document:
            facts.documents.append(document)


def _birth_date(match: re.Match) -> PartialDate | None:
    approximate = bool(match.group(1))
    start = _date_parts(*match.group(2, 3, 4))
    end = _date_parts(*match.group(5, 6, 7)) if match.group(7) else None
    if start is None:
        return None
    try:
        if end is None:
            return checked_date(*start, approximate=approximate)
        return _date_range(start, end, approximate)
    except ValueError:
        return None


def _date_range(start: tuple, end: tuple, approximate: bool) -> PartialDate:
    """OFAC writes "01 Jan 1960 to 31 Dec 1962"; a PartialDate can hold a month or a range of years."""
    (start_year, start_month, _), (end_year, end_month, _) = start, end
    if start_year == end_year and start_month == end_month and start_month is not None:
        return checked_date(start_year, start_month, approximate=approximate)
    if start_year == end_year:
        return checked_date(start_year, approximate=approximate)
    return checked_date(start_year, year_to=end_year, approximate=approximate)


def _date_parts(day: str | None, month_name: str | None, year: str) -> tuple | None:
    month = MONTHS.get(month_name.lower()) if month_name else None
    if month_name and month is None:
        return None
    return int(year), month, int(day) if day and month else None


def _document(label: str, text: str) -> RemarkDocument | None:
    text = _DOCUMENT_VALIDITY.sub("", text).strip()
    number, country = _split_trailing_parentheses(text)
    if not number:
        return None
    return RemarkDocument(number=number, country=country, kind=DOCUMENT_KINDS[label.lower()])


def _split_trailing_parentheses(text: str) -> tuple[str, str | None]:
    """ "A123 (Iran (Islamic Republic of))" -> ("A123", "Iran (Islamic Republic of)"), nesting allowed."""
    if not text.endswith(")"):
        return text, None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return text[:index].strip(), text[index + 1 : -1].strip() or None
    return text, None
