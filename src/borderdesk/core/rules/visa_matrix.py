"""Visa requirement for every nationality: what a holder of passport X needs to enter destination Y.

Reads the passport-index "tidy" CSV layout (``Passport,Destination,Requirement`` with ISO 3166-1 alpha-3 codes).
Codes are kept as the reference core's nationality codes: the matrix's ``XKX`` is Kosovo's ``RKS`` of passports.
The core does no I/O: callers pass the text (or its lines) and a source name used in error messages.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from borderdesk.core.reference import NATIONALITY_ALIASES
from borderdesk.core.rules.errors import VisaMatrixError

_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
HEADER = ("Passport", "Destination", "Requirement")


class Requirement(str, Enum):
    VISA_FREE = "visa_free"
    VISA_ON_ARRIVAL = "visa_on_arrival"
    ETA = "eta"
    E_VISA = "e_visa"
    VISA_REQUIRED = "visa_required"
    NO_ADMISSION = "no_admission"
    OWN_COUNTRY = "own_country"


_REQUIREMENT_WORDS = {
    "visa free": Requirement.VISA_FREE,
    "visa on arrival": Requirement.VISA_ON_ARRIVAL,
    "eta": Requirement.ETA,
    "e-visa": Requirement.E_VISA,
    "visa required": Requirement.VISA_REQUIRED,
    "no admission": Requirement.NO_ADMISSION,
    "-1": Requirement.OWN_COUNTRY,
}


@dataclass(frozen=True, slots=True)
class VisaRequirement:
    """What a nationality needs; ``days`` is the visa-free stay when the source gives one."""

    requirement: Requirement
    days: int | None = None

    def to_dict(self) -> dict:
        return {"requirement": self.requirement.value, "days": self.days}


def parse_requirement(text: str) -> VisaRequirement:
    """One Requirement cell: a number of visa-free days or one of the words; ValueError otherwise."""
    word = text.strip().lower()
    if word in _REQUIREMENT_WORDS:
        return VisaRequirement(_REQUIREMENT_WORDS[word])
    if word.isdigit() and int(word) > 0:
        return VisaRequirement(Requirement.VISA_FREE, int(word))
    raise ValueError(f"unknown requirement {text!r}")


class VisaMatrix:
    """Requirement per (passport, destination). Build it with :meth:`from_csv`."""

    def __init__(self, cells: dict[tuple[str, str], VisaRequirement], source: str = "matrix") -> None:
        self._cells = cells
        self.source = source
        self.passports = frozenset(passport for passport, _ in cells)
        self.destinations = frozenset(destination for _, destination in cells)

    def __len__(self) -> int:
        return len(self._cells)

    @classmethod
    def from_csv(cls, text_or_lines: str | Iterable[str], source: str = "matrix") -> VisaMatrix:
        """Parse the CSV; a malformed row raises :class:`VisaMatrixError` with its 1-based ``line``."""
        lines = text_or_lines.splitlines() if isinstance(text_or_lines, str) else text_or_lines
        rows = csv.reader(lines)
        try:
            return cls._from_rows(rows, source)
        except csv.Error as error:  # e.g. a field over the csv module's size limit
            raise _row_error("malformed_csv", source, max(rows.line_num, 1), f"not valid CSV: {error}") from error

    @classmethod
    def _from_rows(cls, rows: Iterator[list[str]], source: str) -> VisaMatrix:
        header = next(rows, None)
        if header is None or tuple(cell.strip() for cell in header) != HEADER:
            raise VisaMatrixError(
                "bad_header", f"{source}: line 1: expected header {','.join(HEADER)}", source=source, line=1
            )
        cells: dict[tuple[str, str], VisaRequirement] = {}
        for line_number, row in enumerate(rows, start=2):
            if not row or all(not cell.strip() for cell in row):
                continue
            key, requirement = _parse_row(row, source, line_number)
            if key in cells:
                raise _row_error("duplicate_row", source, line_number, f"second row for {key[0]} -> {key[1]}")
            cells[key] = requirement
        return cls(cells, source)

    def requirement(self, passport: str, destination: str) -> VisaRequirement:
        """Raises ``unknown_nationality`` / ``unknown_destination`` for codes the matrix does not hold."""
        passport, destination = _one_code(passport), _one_code(destination)
        if destination not in self.destinations:
            raise VisaMatrixError(
                "unknown_destination", f"{self.source} has no destination {destination!r}", destination=destination
            )
        if passport not in self.passports:
            raise VisaMatrixError(
                "unknown_nationality", f"{self.source} has no nationality {passport!r}", nationality=passport
            )
        try:
            return self._cells[(passport, destination)]
        except KeyError:
            raise VisaMatrixError(
                "missing_cell",
                f"{self.source} has no row for {passport} -> {destination}",
                nationality=passport,
                destination=destination,
            ) from None

    def for_destination(self, destination: str) -> dict[str, VisaRequirement]:
        """Every nationality's requirement for one destination (what a destination's visa policy looks like)."""
        destination = _one_code(destination)
        return {passport: req for (passport, dest), req in self._cells.items() if dest == destination}


def _one_code(code: str) -> str:
    return NATIONALITY_ALIASES.get(code, code)


def _parse_row(row: list[str], source: str, line_number: int) -> tuple[tuple[str, str], VisaRequirement]:
    if len(row) != 3:
        raise _row_error("wrong_column_count", source, line_number, f"expected 3 columns, found {len(row)}")
    passport, destination, text = (cell.strip() for cell in row)
    for name, code in (("Passport", passport), ("Destination", destination)):
        if not _COUNTRY_CODE.match(code):
            raise _row_error("bad_code", source, line_number, f"{name} {code!r} is not a 3-letter country code")
    passport, destination = _one_code(passport), _one_code(destination)
    try:
        requirement = parse_requirement(text)
    except ValueError as exc:
        raise _row_error("bad_requirement", source, line_number, str(exc)) from None
    if (requirement.requirement is Requirement.OWN_COUNTRY) != (passport == destination):
        raise _row_error("bad_requirement", source, line_number, "-1 is only for passport = destination")
    return (passport, destination), requirement


def _row_error(code: str, source: str, line_number: int, message: str) -> VisaMatrixError:
    return VisaMatrixError(code, f"{source}: line {line_number}: {message}", source=source, line=line_number)
