"""Helpers shared by the source parsers: the parse report, dates, CSV reading with line numbers, names."""

from __future__ import annotations

import csv
import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import ListEntry, PartialDate
from .errors import ErrorCode, SourceError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

# Identity-document labels as OFAC remarks and CSL ``ids`` write them -> IdentityDocument.kind.
# Company registers, tax numbers and the like are left out: a traveller never presents them.
DOCUMENT_KINDS = {
    "passport": "passport",
    "diplomatic passport": "diplomatic_passport",
    "official passport": "passport",
    "service passport": "passport",
    "travel document number": "travel_document",
    "national id no.": "national_id",
    "cedula no.": "national_id",
    "d.n.i.": "national_id",
    "personal id card": "national_id",
    "identification number": "national_id",
    "turkish identification number": "national_id",
    "citizen's card number": "national_id",
    "numero de identidad": "national_id",
    "national foreign id number": "national_id",
    "c.u.r.p.": "national_id",
    "c.u.r.p. #": "national_id",
    "electoral registry no.": "national_id",
    "credencial electoral": "national_id",
    "i.f.e.": "national_id",
    "le number": "national_id",
    "residency number": "residence_permit",
    "ssn": "social_security",
    "driver's license no.": "driving_licence",
}


@dataclass
class ParseReport:
    """What a parse found, for the importer to show; filled in while the entries stream."""

    format: str = ""
    entries: int = 0
    by_schema: Counter = field(default_factory=Counter)
    names: int = 0
    weak_aliases: int = 0
    birth_dates: int = 0
    documents: int = 0
    unknown_countries: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # reason -> records deliberately not imported
    checks: list[str] = field(default_factory=list)  # completeness checks the file passed
    warnings: list[str] = field(default_factory=list)  # what could not be checked, said plainly
    stated: dict[str, str] = field(default_factory=dict)  # what the source states about itself (e.g. its date)

    def count(self, entry: ListEntry) -> None:
        self.entries += 1
        self.by_schema[entry.schema.value] += 1
        self.names += len(entry.names)
        self.weak_aliases += len(entry.weak_aliases)
        self.birth_dates += len(entry.birth_dates)
        self.documents += len(entry.documents)

    def as_dict(self) -> dict:
        return {
            "format": self.format,
            "entries": self.entries,
            "by_schema": dict(self.by_schema),
            "names": self.names,
            "weak_aliases": self.weak_aliases,
            "birth_dates": self.birth_dates,
            "documents": self.documents,
            "unknown_countries": dict(self.unknown_countries),
            "skipped": dict(self.skipped),
            "checks": list(self.checks),
            "warnings": list(self.warnings),
            "stated": dict(self.stated),
        }


def countries(values: Iterable[str], lookup: Callable[[str], str | None], report: ParseReport) -> tuple[str, ...]:
    """Alpha-3 codes for ``values`` via ``lookup``; values it does not know are counted, not fatal."""
    codes = []
    for value in values:
        if not value or not value.strip():
            continue
        code = lookup(value)
        if code:
            codes.append(code)
        else:
            report.unknown_countries[value.strip()] += 1
    return unique(codes)


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values, whitespace collapsed, first occurrence kept, in order."""
    seen: dict[str, None] = {}
    for value in values:
        text = " ".join(value.split()) if value else ""
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


def split_names(names: Iterable[str], weak: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Deduplicated good names and weak aliases; a name listed as both stays a good name."""
    good = unique(names)
    known = {name.casefold() for name in good}
    return good, tuple(alias for alias in unique(weak) if alias.casefold() not in known)


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def natural_order(name: str) -> str:
    """ "SURNAME, Given Names" -> "Given Names SURNAME" ("SURNAME, Given, Jr." -> "Given SURNAME Jr.").

    Names with other commas are kept as written.
    """
    parts = [part.strip() for part in name.split(",")]
    suffix = parts.pop() if len(parts) == 3 and parts[2].rstrip(".").lower() in _NAME_SUFFIXES else ""
    if len(parts) != 2 or not all(parts):
        return " ".join(name.split())
    return " ".join(" ".join([parts[1], parts[0], suffix]).split())


def person_names(names: Iterable[str]) -> list[str]:
    """Natural-order names for a listed person, keeping the first name also as the source spelt it.

    The source spelling stays as an alias so that an officer's search for the list's own form still
    finds it exactly; the other aliases are only reordered.
    """
    names = [name for name in names if name and name.strip()]
    if not names:
        return []
    return [natural_order(names[0]), names[0].strip(), *(natural_order(name) for name in names[1:])]


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_iso_partial(text: str) -> PartialDate:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time part is ignored); ValueError otherwise."""
    match = _ISO_PARTIAL.fullmatch(text.strip().split("T")[0])
    if not match:
        raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD date: {text!r}")
    year, month, day = match.groups()
    return checked_date(int(year), int(month) if month else None, int(day) if day else None)


def checked_date(year: int, month: int | None = None, day: int | None = None, **extra: Any) -> PartialDate:
    """A PartialDate whose parts exist in the calendar; ValueError otherwise."""
    if day is not None:
        datetime.date(year, month or 0, day)  # a day without a month fails here
    elif month is not None and not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    if not 1000 <= year <= 2999:
        raise ValueError(f"year {year} out of range")
    return PartialDate(year=year, month=month, day=day, **extra)


def date_error(error: ValueError, line: int | None) -> SourceError:
    return SourceError(ErrorCode.BAD_DATE, str(error), line=line)


def text_lines(path: Path) -> Iterator[str]:
    """The lines of a UTF-8 file, line ends kept and a BOM dropped; an undecodable line is BAD_ENCODING.

    Decoding line by line (rather than through a text stream's buffer) lets the error name its line.
    """
    if not path.is_file():
        raise SourceError(ErrorCode.FILE_NOT_FOUND, f"no such file: {path}", path=str(path))
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise SourceError(ErrorCode.BAD_ENCODING, f"not UTF-8: {error.reason}", line=number) from None
            yield text.removeprefix("\ufeff") if number == 1 else text


def csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, fields) for each record of a CSV file, blank lines skipped."""
    reader = csv.reader(text_lines(path))
    next_line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SourceError(ErrorCode.BAD_CSV, str(error), line=next_line) from None
        start, next_line = next_line, reader.line_num + 1
        if any(cell.strip() for cell in row):
            yield start, row


def check_column_count(row: list[str], expected: int, line: int, what: str) -> None:
    if len(row) != expected:
        raise SourceError(
            ErrorCode.BAD_COLUMN_COUNT, f"{what}: expected {expected} columns, found {len(row)}", line=line
        )


def check_final_line_end(path: Path, report: ParseReport) -> None:
    """A text file whose last byte is not a line end may have been cut inside its last record."""
    with path.open("rb") as stream:
        stream.seek(0, 2)
        if stream.tell() == 0:
            return
        stream.seek(-1, 2)
        if stream.read(1) != b"\n":
            raise SourceError(
                ErrorCode.SOURCE_TRUNCATED,
                f"{path.name}: the last line has no line end: the file may have been cut inside its last record",
            )
    report.checks.append(f"{path.name}: ends with a line end")


def split_list(text: str, separator: str = ";") -> list[str]:
    return [part.strip() for part in text.split(separator) if part.strip()]
