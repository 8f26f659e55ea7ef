"""UN Security Council Consolidated List, official XML (``CONSOLIDATED_LIST``), streamed record by record.

``INDIVIDUALS/INDIVIDUAL`` -> a person: DATAID (entry_id), FIRST_NAME..FOURTH_NAME joined as the name,
NAME_ORIGINAL_SCRIPT as an alias, INDIVIDUAL_ALIAS with QUALITY ``Low`` as weak aliases (others good; an
alias's own DATE_OF_BIRTH joins the birth dates), INDIVIDUAL_DATE_OF_BIRTH (TYPE_OF_DATE EXACT /
APPROXIMATELY / BETWEEN with DATE, YEAR, FROM_YEAR/TO_YEAR, or only a NOTE such as "Nov. 1973"),
NATIONALITY/VALUE, GENDER, INDIVIDUAL_DOCUMENT, UN_LIST_TYPE and REFERENCE_NUMBER as programs,
DESIGNATION as the reason and COMMENTS1 as remarks.
``ENTITIES/ENTITY`` -> an organization: FIRST_NAME is its name, ENTITY_ALIAS its aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from ..model import IdentityDocument, ListEntry, PartialDate, Schema
from .common import MONTHS, ParseReport, checked_date, countries, parse_iso_partial, split_names, unique
from .countries import alpha3_from_name
from .errors import ErrorCode, SourceError
from .xml_records import XmlRecord, iter_xml_records

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_SEXES = {"male": "M", "female": "F"}
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{4})")


def parse_un_xml(path: Path, report: ParseReport) -> Iterator[tuple[int, ListEntry]]:
    records = iter_xml_records(
        path,
        "CONSOLIDATED_LIST",
        frozenset({"INDIVIDUAL", "ENTITY"}),
        on_root=lambda attributes: _note_date_generated(attributes, report),
    )
    for record in records:
        try:
            yield record.line, _entry(record, report)
        except ValueError as error:
            if isinstance(error, SourceError):
                raise
            raise SourceError(ErrorCode.BAD_DATE, f"{record.path}: {error}", line=record.line) from None
    report.checks.append(f"{path.name}: the root element <CONSOLIDATED_LIST> closes")


def _note_date_generated(attributes: dict, report: ParseReport) -> None:
    """The UN states when it generated the list, not how many records it holds."""
    if date_generated := (attributes.get("dateGenerated") or "").strip():
        report.stated["date_generated"] = date_generated
    else:
        report.warnings.append("the list states no dateGenerated: its date cannot be shown")


def _text(element: Element, path: str) -> str:
    return " ".join((element.findtext(path) or "").split())


def _texts(element: Element, path: str) -> list[str]:
    return [" ".join((found.text or "").split()) for found in element.findall(path) if (found.text or "").strip()]


def _entry(record: XmlRecord, report: ParseReport) -> ListEntry:
    element = record.element
    entry_id = _text(element, "DATAID")
    if not entry_id:
        raise SourceError(ErrorCode.MISSING_ID, f"{record.path} has no DATAID", line=record.line)
    name = " ".join(part for part in (_text(element, tag) for tag in _NAME_PARTS) if part)
    if not name:
        raise SourceError(ErrorCode.MISSING_NAME, f"{record.path} {entry_id} has no name", line=record.line)
    is_person = element.tag == "INDIVIDUAL"
    alias_tag = "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS"
    good, weak = _aliases(element, alias_tag)
    names, weak_aliases = split_names([name, _text(element, "NAME_ORIGINAL_SCRIPT"), *good], weak)
    return ListEntry(
        entry_id=entry_id,
        names=names,
        schema=Schema.PERSON if is_person else Schema.ORGANIZATION,
        weak_aliases=weak_aliases,
        birth_dates=_birth_dates(element) if is_person else (),
        nationalities=countries(_texts(element, "NATIONALITY/VALUE"), alpha3_from_name, report),
        sex=_SEXES.get(_text(element, "GENDER").lower()),
        documents=_documents(element, report),
        programs=unique([_text(element, "UN_LIST_TYPE"), _text(element, "REFERENCE_NUMBER")]),
        reason="; ".join(_texts(element, "DESIGNATION/VALUE")),
        remarks=(element.findtext("COMMENTS1") or "").strip(),
    )


def _aliases(element: Element, alias_tag: str) -> tuple[list[str], list[str]]:
    good: list[str] = []
    weak: list[str] = []
    for alias in element.findall(alias_tag):
        name = _text(alias, "ALIAS_NAME")
        if name:
            (weak if _text(alias, "QUALITY").lower() == "low" else good).append(name)
    return good, weak


def _birth_dates(element: Element) -> tuple[PartialDate, ...]:
    dates = [_birth_date(birth) for birth in element.findall("INDIVIDUAL_DATE_OF_BIRTH")]
    dates += [parse_iso_partial(text) for text in _texts(element, "INDIVIDUAL_ALIAS/DATE_OF_BIRTH")]
    return tuple(dict.fromkeys(date for date in dates if date))


def _birth_date(birth: Element) -> PartialDate | None:
    kind, note = _text(birth, "TYPE_OF_DATE").upper(), _text(birth, "NOTE")
    approximate = kind == "APPROXIMATELY" or "approximately" in note.lower()
    if date := _text(birth, "DATE"):
        return _approximate(parse_iso_partial(date), approximate)
    if year := _text(birth, "YEAR"):
        return checked_date(int(year), _note_month(note), approximate=approximate)
    if from_year := _text(birth, "FROM_YEAR"):
        to_year = _text(birth, "TO_YEAR")
        return checked_date(int(from_year), year_to=int(to_year) if to_year else None, approximate=approximate)
    if match := _MONTH_YEAR.fullmatch(note):  # "Nov. 1973", "August 1961"
        month = MONTHS.get(match.group(1).lower())
        return checked_date(int(match.group(2)), month, approximate=approximate) if month else None
    return None


def _note_month(note: str) -> int | None:
    """A YEAR with NOTE "Sep." means September of that year."""
    return MONTHS.get(note.strip(". ").lower())


def _approximate(date: PartialDate, approximate: bool) -> PartialDate:
    return PartialDate(date.year, date.month, date.day, date.year_to, approximate) if approximate else date


def _documents(element: Element, report: ParseReport) -> tuple[IdentityDocument, ...]:
    documents = []
    for document in element.findall("INDIVIDUAL_DOCUMENT"):
        number = _text(document, "NUMBER")
        if not number:
            continue
        country = _text(document, "ISSUING_COUNTRY") or _text(document, "COUNTRY_OF_ISSUE")
        state = countries([country], alpha3_from_name, report) if country else ()
        kind = _document_kind(_text(document, "TYPE_OF_DOCUMENT") or _text(document, "TYPE_OF_DOCUMENT2"))
        documents.append(IdentityDocument(number=number, issuing_state=state[0] if state else None, kind=kind))
    return tuple(dict.fromkeys(documents))


def _document_kind(type_text: str) -> str | None:
    text = type_text.lower()
    if "pass" in text or "pasaporte" in text:
        return "passport"
    if "ident" in text:
        return "national_id"
    return "_".join(text.split()) or None
