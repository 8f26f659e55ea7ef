"""US Consolidated Screening List (trade.gov) CSV, with its header row.

Columns used: ``_id``/``id`` or else ``entity_number`` (entry_id), ``name``, ``alt_names`` (``;``),
``type`` (Individual / Entity / Vessel / Aircraft; empty on lists such as the Denied Persons List, which
mix people and firms -> Schema.OTHER), ``source`` (its abbreviation, e.g. ``DPL``, becomes the first
program), ``programs`` (``;``), ``title`` (reason), ``dates_of_birth`` (``;``; ISO or OFAC's ``12 Jan
1960``), ``nationalities`` and ``citizenships`` (ISO alpha-2, ``;``), ``ids`` (``;``-separated ``COUNTRY,
NUMBER, TYPE`` or ``NUMBER, TYPE``; identity documents only), ``remarks`` and ``addresses`` (remarks).

Rows of lists that carry no number at all get a stable id made from their content: ``csl-`` and a hash
of source, name, addresses, start date and notice (``-2``, ``-3``... for exact repeats).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..model import IdentityDocument, ListEntry, PartialDate, Schema
from .common import (
    DOCUMENT_KINDS,
    ParseReport,
    countries,
    parse_iso_partial,
    person_names,
    split_list,
    split_names,
    unique,
)
from .countries import alpha3_from_code, to_alpha3
from .errors import ErrorCode, SourceError
from .ofac_remarks import parse_remarks
from .tabular import header_rows

_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "": Schema.OTHER,
}
_SOURCE_ABBREVIATION = re.compile(r"\(([A-Z]{2,})\)")
_CONTENT_ID_COLUMNS = ("source", "name", "addresses", "start_date", "federal_register_notice")


def parse_csl_csv(path: Path, report: ParseReport) -> Iterator[tuple[int, ListEntry]]:
    content_ids: Counter = Counter()
    for line, row in header_rows(path, report, frozenset({"name", "source"})):
        yield line, _entry(row, line, content_ids, report)


def _entry_id(row: dict[str, str], line: int, content_ids: Counter) -> str:
    if "_id" in row or "id" in row:
        entry_id = row.get("_id") or row.get("id")
        if not entry_id:
            raise SourceError(ErrorCode.MISSING_ID, "empty id", line=line)
        return entry_id
    if row.get("entity_number"):
        return row["entity_number"]
    content = "\x1f".join(row.get(column, "") for column in _CONTENT_ID_COLUMNS)
    entry_id = "csl-" + hashlib.sha1(content.encode()).hexdigest()[:16]
    content_ids[entry_id] += 1
    return entry_id if content_ids[entry_id] == 1 else f"{entry_id}-{content_ids[entry_id]}"


def _entry(row: dict[str, str], line: int, content_ids: Counter, report: ParseReport) -> ListEntry:
    entry_id = _entry_id(row, line, content_ids)
    if not row["name"]:
        raise SourceError(ErrorCode.MISSING_NAME, f"entry {entry_id} has no name", line=line)
    schema = _SCHEMAS.get(row.get("type", "").lower())
    if schema is None:
        raise SourceError(ErrorCode.BAD_TYPE, f"unknown type {row['type']!r}", line=line)
    aliases = split_list(row.get("alt_names", ""))
    raw_names = [row["name"], *aliases]
    names, _ = split_names(person_names(raw_names) if schema is Schema.PERSON else raw_names, [])
    return ListEntry(
        entry_id=entry_id,
        names=names,
        schema=schema,
        birth_dates=_birth_dates(row.get("dates_of_birth", ""), line),
        nationalities=countries(
            split_list(row.get("nationalities", "")) + split_list(row.get("citizenships", "")), to_alpha3, report
        ),
        documents=_documents(row.get("ids", ""), report),
        programs=unique([_source_code(row["source"]), *split_list(row.get("programs", ""))]),
        reason=row.get("title", ""),
        remarks="\n".join(
            [row.get("remarks", ""), *(f"Address: {address}" for address in split_list(row.get("addresses", "")))]
        ).strip(),
    )


def _source_code(source: str) -> str:
    match = _SOURCE_ABBREVIATION.search(source)
    return match.group(1) if match else source


def _birth_dates(text: str, line: int) -> tuple[PartialDate, ...]:
    dates = []
    for value in split_list(text):
        try:
            dates.append(parse_iso_partial(value))
        except ValueError:
            ofac_style = parse_remarks(f"DOB {value}").birth_dates
            if not ofac_style:
                raise SourceError(ErrorCode.BAD_DATE, f"unreadable date of birth {value!r}", line=line) from None
            dates.extend(ofac_style)
    return tuple(dict.fromkeys(dates))


def _documents(ids: str, report: ParseReport) -> tuple[IdentityDocument, ...]:
    """Identity documents among the ``ids``: "CO, 1978075, Cedula No." or "21795618, Passport"."""
    documents = []
    for item in split_list(ids):
        parts = [part.strip() for part in item.split(",")]
        kind = DOCUMENT_KINDS.get(parts[-1].lower())
        if kind is None or len(parts) not in (2, 3) or not parts[-2]:
            continue
        state = countries([parts[0]], alpha3_from_code, report) if len(parts) == 3 else ()
        documents.append(IdentityDocument(number=parts[-2], issuing_state=state[0] if state else None, kind=kind))
    return tuple(dict.fromkeys(documents))
