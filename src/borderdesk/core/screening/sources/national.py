"""The agency's own national watchlist: a simple UTF-8 CSV with a header row.

    id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action
    UTO-0001,Anna Maria Eriksson,Anna Eriksson;A. M. Eriksson,1974-08-12,UTO,F,L898902C3:UTO,Wanted,arrest

* ``id`` and ``name`` are required in the header and in every row; the other columns may be left out of
  the header, and columns not listed here are refused (a misspelt column must not drop data silently).
* ``aliases``: good-quality aliases, ``;``-separated.
* ``birth_date``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; several may be given, ``;``-separated.
* ``nationality``: ISO 3166-1 alpha-3 or ICAO code (``UTO`` is kept as it is), alpha-2, or an English
  name; ``;``-separated. An unknown value is left out and counted in the report.
* ``sex``: ``M``, ``F``, ``X`` (or ``male`` / ``female``) or empty.
* ``document_numbers``: ``;``-separated ``NUMBER`` or ``NUMBER:STATE`` (STATE as for nationality).
* ``reason``: free text shown to the officer.
* ``action``: ``refuse_entry`` (the default when empty), ``arrest``, ``discreet_check`` or ``inform``.

Every entry is a person.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Action, IdentityDocument, ListEntry, PartialDate, Schema
from .common import ParseReport, countries, parse_iso_partial, split_list, split_names
from .countries import to_alpha3
from .errors import ErrorCode, SourceError
from .tabular import header_rows

COLUMNS = ("id", "name", "aliases", "birth_date", "nationality", "sex", "document_numbers", "reason", "action")
_SEXES = {"m": "M", "male": "M", "f": "F", "female": "F", "x": "X"}
_ACTIONS = {action.value: action for action in Action}


def parse_national_csv(path: Path, report: ParseReport) -> Iterator[tuple[int, ListEntry]]:
    for line, row in header_rows(path, report, frozenset({"id", "name"}), frozenset(COLUMNS)):
        yield line, _entry(row, line, report)


def _entry(row: dict[str, str], line: int, report: ParseReport) -> ListEntry:
    if not row["id"]:
        raise SourceError(ErrorCode.MISSING_ID, "empty id", line=line)
    if not row["name"]:
        raise SourceError(ErrorCode.MISSING_NAME, f"entry {row['id']} has no name", line=line)
    names, _ = split_names([row["name"], *split_list(row.get("aliases", ""))], [])
    return ListEntry(
        entry_id=row["id"],
        names=names,
        schema=Schema.PERSON,
        birth_dates=_birth_dates(row.get("birth_date", ""), line),
        nationalities=countries(split_list(row.get("nationality", "")), to_alpha3, report),
        sex=_sex(row.get("sex", ""), line),
        documents=_documents(row.get("document_numbers", ""), report),
        reason=row.get("reason", ""),
        action=_action(row.get("action", ""), line),
    )


def _birth_dates(text: str, line: int) -> tuple[PartialDate, ...]:
    try:
        return tuple(dict.fromkeys(parse_iso_partial(value) for value in split_list(text)))
    except ValueError as error:
        raise SourceError(ErrorCode.BAD_DATE, f"birth_date: {error}", line=line) from None


def _sex(text: str, line: int) -> str | None:
    if not text:
        return None
    if text.lower() not in _SEXES:
        raise SourceError(ErrorCode.BAD_SEX, f"sex must be M, F, X or empty, not {text!r}", line=line)
    return _SEXES[text.lower()]


def _action(text: str, line: int) -> Action:
    if not text:
        return Action.REFUSE_ENTRY
    if text.lower() not in _ACTIONS:
        allowed = ", ".join(_ACTIONS)
        raise SourceError(ErrorCode.BAD_ACTION, f"action must be one of {allowed}, not {text!r}", line=line)
    return _ACTIONS[text.lower()]


def _documents(text: str, report: ParseReport) -> tuple[IdentityDocument, ...]:
    documents = []
    for item in split_list(text):
        number, _, state = (part.strip() for part in item.partition(":"))
        codes = countries([state], to_alpha3, report) if state else ()
        documents.append(IdentityDocument(number=number, issuing_state=codes[0] if codes else None))
    return tuple(dict.fromkeys(document for document in documents if document.number))
