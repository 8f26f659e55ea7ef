"""The register of lost and stolen travel documents: an in-memory set of keys for O(1) look-ups at the
counter, loaded from a CSV file.

CSV format (UTF-8, comma-separated, one header row naming these five columns in any order):

    document_number,issuing_state,document_type,reported_on,reason
    L898902C3,UTO,P,2024-03-01,stolen

- ``document_number``: letters and digits as in the MRZ (spaces, hyphens and fillers are dropped, case is
  ignored); up to 35 characters, so that long TD1 numbers fit.
- ``issuing_state``: the Doc 9303 code as the MRZ writes it (``D`` for Germany; ``DEU`` is read as ``D``).
- ``document_type``: the document code (``P``, ``PO``, ``I``, ``ID``, ``V``, ...). Only its first letter, the
  document category, is part of the key: states vary the second letter between editions of one document.
- ``reported_on``: ISO 8601 date of the report. ``reason``: free text (``lost``, ``stolen``, ...), not empty.

A file with any bad row is rejected as a whole (``RegisterImportError`` lists every bad row with its line
number and a stable code from ``REGISTER_ERROR_CODES``), so a register is never half loaded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TextIO

from borderdesk.core.reference import MRZ_CODES

from .parser import MrzResult

if TYPE_CHECKING:
    from _csv import Reader as _CsvReader

COLUMNS = ("document_number", "issuing_state", "document_type", "reported_on", "reason")
MAX_DOCUMENT_NUMBER_LENGTH = 35
DOCUMENT_CATEGORIES = "ACIPV"
_STATE_ALIASES = {"DEU": "D"}

REGISTER_ERROR_CODES: dict[str, str] = {
    "missing_header": "the file is empty or has no header row",
    "malformed_csv": "the file is not valid CSV (a stray line break or a field too large)",
    "invalid_header": "the header row does not name exactly the five register columns",
    "wrong_column_count": "the row does not have five values",
    "invalid_document_number": "the document number is empty, too long or not letters and digits",
    "invalid_issuing_state": "the issuing state is not a Doc 9303 code",
    "invalid_document_type": "the document type is not a document code starting with A, C, I, P or V",
    "invalid_reported_on": "reported_on is not an ISO 8601 date",
    "missing_reason": "the reason is empty",
    "duplicate_entry": "the same document is listed twice",
}

RegisterKey = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class LostStolenEntry:
    document_number: str
    issuing_state: str
    document_type: str
    reported_on: date
    reason: str

    @property
    def key(self) -> RegisterKey:
        return (self.document_number, self.issuing_state, self.document_type)


@dataclass(frozen=True, slots=True)
class RegisterRowError:
    line: int
    code: str
    message: str

    def to_dict(self) -> dict:
        return {"line": self.line, "code": self.code, "message": self.message}


class RegisterImportError(ValueError):
    def __init__(self, errors: list[RegisterRowError]):
        self.errors = errors
        summary = "; ".join(f"line {error.line}: {error.message}" for error in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"register file rejected: {summary}{more}")


class _RowProblem(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def normalise_document_number(value: str) -> str:
    return "".join(character for character in value.upper() if character not in " -<")


def normalise_issuing_state(value: str) -> str:
    code = value.strip().upper().replace("<", "")
    return _STATE_ALIASES.get(code, code)


def normalise_document_type(value: str) -> str:
    return value.strip().upper()[:1]


def register_key(document_number: str, issuing_state: str, document_type: str) -> RegisterKey:
    return (
        normalise_document_number(document_number),
        normalise_issuing_state(issuing_state),
        normalise_document_type(document_type),
    )


def _entry_from_row(row: dict[str, str]) -> LostStolenEntry:
    number = normalise_document_number(row["document_number"])
    if not number or len(number) > MAX_DOCUMENT_NUMBER_LENGTH or not (number.isascii() and number.isalnum()):
        raise _RowProblem("invalid_document_number", f"document number {row['document_number']!r} is not valid")
    state = normalise_issuing_state(row["issuing_state"])
    if state not in MRZ_CODES:
        raise _RowProblem("invalid_issuing_state", f"issuing state {row['issuing_state']!r} is not a Doc 9303 code")
    code = row["document_type"].strip().upper()
    if not 1 <= len(code) <= 2 or code[0] not in DOCUMENT_CATEGORIES or not code.isalpha():
        raise _RowProblem("invalid_document_type", f"document type {row['document_type']!r} is not valid")
    try:
        reported_on = date.fromisoformat(row["reported_on"].strip())
    except ValueError:
        raise _RowProblem("invalid_reported_on", f"reported_on {row['reported_on']!r} is not a date") from None
    reason = row["reason"].strip()
    if not reason:
        raise _RowProblem("missing_reason", "the reason is empty")
    return LostStolenEntry(number, state, code[0], reported_on, reason)


def parse_register_csv(source: str | TextIO) -> list[LostStolenEntry]:
    """Every entry of a register CSV, or ``RegisterImportError`` naming every bad row."""
    reader = csv.reader(io.StringIO(source, newline="") if isinstance(source, str) else source)
    try:
        return _parse(reader)
    except csv.Error as error:
        raise RegisterImportError(
            [RegisterRowError(max(reader.line_num, 1), "malformed_csv", f"not valid CSV: {error}")]
        ) from error


def _parse(reader: _CsvReader) -> list[LostStolenEntry]:
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise RegisterImportError([RegisterRowError(1, "missing_header", REGISTER_ERROR_CODES["missing_header"])])
    names = [cell.strip().lower().lstrip("\ufeff") for cell in header]
    if sorted(names) != sorted(COLUMNS):
        raise RegisterImportError(
            [RegisterRowError(1, "invalid_header", f"header {header!r} must name exactly {', '.join(COLUMNS)}")]
        )
    return _read_rows(reader, names)


def _read_rows(reader: _CsvReader, names: list[str]) -> list[LostStolenEntry]:
    entries: list[LostStolenEntry] = []
    errors: list[RegisterRowError] = []
    first_line_of: dict[RegisterKey, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        try:
            if len(cells) != len(names):
                raise _RowProblem("wrong_column_count", f"{len(cells)} values, expected {len(names)}")
            entry = _entry_from_row(dict(zip(names, cells, strict=True)))
            if entry.key in first_line_of:
                raise _RowProblem("duplicate_entry", f"the same document as line {first_line_of[entry.key]}")
        except _RowProblem as problem:
            errors.append(RegisterRowError(line, problem.code, problem.message))
            continue
        first_line_of[entry.key] = line
        entries.append(entry)
    if errors:
        raise RegisterImportError(errors)
    return entries


class LostStolenRegister:
    """Lost and stolen documents keyed by (document number, issuing state, document category)."""

    def __init__(self, entries: Iterable[LostStolenEntry] = ()):
        self._entries: dict[RegisterKey, LostStolenEntry] = {entry.key: entry for entry in entries}

    @classmethod
    def from_csv(cls, source: str | TextIO) -> LostStolenRegister:
        return cls(parse_register_csv(source))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: RegisterKey) -> bool:
        return register_key(*key) in self._entries

    def lookup(self, document_number: str, issuing_state: str, document_type: str) -> LostStolenEntry | None:
        return self._entries.get(register_key(document_number, issuing_state, document_type))

    def check(self, document: MrzResult) -> LostStolenEntry | None:
        """The register entry for a parsed document, or None when it is not reported lost or stolen."""
        fields = document.fields
        if not fields:
            return None
        return self.lookup(fields["document_number"], fields["issuing_state"], fields["document_code"])
