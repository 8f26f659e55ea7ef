"""OpenSanctions / FollowTheMoney entities as JSON lines, flat (``entities.ftm.json``) or nested
(``targets.nested.json``).

One entity per line: ``{"id": ..., "schema": "Person", "target": true, "properties": {...}}``.
Imported schemas: Person -> person; Organization, Company, LegalEntity, PublicBody -> organization;
Vessel -> vessel; Airplane -> aircraft. Other schemas (Address, Sanction, Ownership, ...) and entities
marked ``"target": false`` (relatives, owners, addresses of the listed) are skipped and counted in the
report. Properties used: name (the first is primary), alias and previousName (good aliases), weakAlias,
birthDate, nationality and citizenship (FtM country codes), gender, passportNumber, idNumber, program,
programId, position, topics and notes. In the nested shape a property may hold entity objects instead of
strings: ``identification`` (Identification / Passport: number, country, type) become documents and
``sanctions`` (Sanction: program, reason) programs and reason. In the flat shape such entities are
separate lines and are not joined to their holders.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..model import IdentityDocument, ListEntry, PartialDate, Schema
from .common import ParseReport, countries, parse_iso_partial, split_names, text_lines, unique
from .countries import alpha3_from_code
from .errors import ErrorCode, SourceError

_SCHEMAS = {
    "Person": Schema.PERSON,
    "Organization": Schema.ORGANIZATION,
    "Company": Schema.ORGANIZATION,
    "LegalEntity": Schema.ORGANIZATION,
    "PublicBody": Schema.ORGANIZATION,
    "Vessel": Schema.VESSEL,
    "Airplane": Schema.AIRCRAFT,
}
_SEXES = {"male": "M", "female": "F", "other": "X"}
_DOCUMENT_KINDS = {"Passport": "passport", "Identification": "national_id"}


def parse_ftm_json(path: Path, report: ParseReport) -> Iterator[tuple[int, ListEntry]]:
    for line, text in enumerate(text_lines(path), start=1):
        if text.strip():
            entry = _entry(_record(text, line), line, report)
            if entry is not None:
                yield line, entry
    report.checks.append(f"{path.name}: every line is a whole JSON object")
    report.warnings.append(
        f"{path.name}: JSON lines state no record count, so a file cut at a line boundary cannot be recognised"
        " from the file itself"
    )


def _record(text: str, line: int) -> dict:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        if not text.endswith("\n"):  # the last line, without its line end: cut inside a record
            raise SourceError(
                ErrorCode.SOURCE_TRUNCATED,
                f"the last line is not whole JSON ({error.msg}): the file was cut inside a record",
                line=line,
            ) from None
        raise SourceError(ErrorCode.BAD_JSON, f"not JSON: {error.msg} (column {error.colno})", line=line) from None
    if not isinstance(record, dict):
        raise SourceError(ErrorCode.BAD_RECORD, "a line must hold one JSON object", line=line)
    if not isinstance(record.get("schema"), str):
        raise SourceError(ErrorCode.BAD_RECORD, "the entity has no schema", line=line)
    if not isinstance(record.get("properties", {}), dict):
        raise SourceError(ErrorCode.BAD_RECORD, "properties must be an object", line=line)
    return record


def _entry(record: dict, line: int, report: ParseReport) -> ListEntry | None:
    schema = _SCHEMAS.get(record["schema"])
    if schema is None:
        report.skipped[f"schema {record['schema']}"] += 1
        return None
    if record.get("target") is False:
        report.skipped["not a target"] += 1
        return None
    entry_id = record.get("id")
    if not isinstance(entry_id, str) or not entry_id.strip():
        raise SourceError(ErrorCode.MISSING_ID, "the entity has no id", line=line)
    properties = record.get("properties", {})
    names, weak = split_names(
        _strings(properties, "name") + _strings(properties, "alias") + _strings(properties, "previousName"),
        _strings(properties, "weakAlias"),
    )
    if not names:
        raise SourceError(ErrorCode.MISSING_NAME, f"entity {entry_id} has no name", line=line)
    sanctions = _nested(properties, "sanctions")
    return ListEntry(
        entry_id=entry_id.strip(),
        names=names,
        schema=schema,
        weak_aliases=weak,
        birth_dates=_birth_dates(properties, line),
        nationalities=countries(
            _strings(properties, "nationality") + _strings(properties, "citizenship"), alpha3_from_code, report
        ),
        sex=next((_SEXES[g.lower()] for g in _strings(properties, "gender") if g.lower() in _SEXES), None),
        documents=_documents(properties, report),
        programs=unique(
            _strings(properties, "programId")
            + _strings(properties, "program")
            + [program for sanction in sanctions for program in _strings(sanction, "program")]
        ),
        reason="; ".join(
            unique([reason for sanction in sanctions for reason in _strings(sanction, "reason")])
            or unique(_strings(properties, "position"))
        ),
        remarks=_remarks(properties),
    )


def _strings(properties: dict, name: str) -> list[str]:
    values = properties.get(name) or []
    return [value for value in (values if isinstance(values, list) else [values]) if isinstance(value, str)]


def _nested(properties: dict, name: str) -> list[dict]:
    values = properties.get(name) or []
    return [
        value.get("properties") or {}
        for value in (values if isinstance(values, list) else [values])
        if isinstance(value, dict) and isinstance(value.get("properties") or {}, dict)
    ]


def _birth_dates(properties: dict, line: int) -> tuple[PartialDate, ...]:
    try:
        return tuple(dict.fromkeys(parse_iso_partial(text) for text in _strings(properties, "birthDate")))
    except ValueError as error:
        raise SourceError(ErrorCode.BAD_DATE, f"birthDate: {error}", line=line) from None


def _documents(properties: dict, report: ParseReport) -> tuple[IdentityDocument, ...]:
    documents = [IdentityDocument(number, kind="passport") for number in _strings(properties, "passportNumber")]
    documents += [IdentityDocument(number, kind="national_id") for number in _strings(properties, "idNumber")]
    for value in properties.get("identification") or []:
        if isinstance(value, dict):
            documents.extend(_identification(value, report))
    return tuple(dict.fromkeys(document for document in documents if document.number.strip()))


def _identification(entity: dict, report: ParseReport) -> list[IdentityDocument]:
    properties = entity.get("properties") or {}
    if not isinstance(properties, dict):
        return []
    kind = _DOCUMENT_KINDS.get(str(entity.get("schema")), "national_id")
    state = countries(_strings(properties, "country")[:1], alpha3_from_code, report)
    return [
        IdentityDocument(number.strip(), issuing_state=state[0] if state else None, kind=kind)
        for number in _strings(properties, "number")
    ]


def _remarks(properties: dict) -> str:
    lines = _strings(properties, "notes")
    if topics := _strings(properties, "topics"):
        lines.append("Topics: " + ", ".join(topics))
    return "\n".join(lines)
