"""Where each field sits in the five MRZ formats of ICAO Doc 9303 (Parts 4 to 7).

A span is ``(line, start, stop)``, 0-based and stop-exclusive, like a slice of that line. A cell is
``(line, column)``. Formats are told apart by their shape (3x30, 2x36, 2x44) and, for 2x36 and 2x44, by the
first character: `V` makes a machine-readable visa.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .checkdigit import FILLER

Span = tuple[int, int, int]
Cell = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Layout:
    format: str
    line_count: int
    line_length: int
    first_letters: str  # document-code first letters this format is meant for
    document_code: Span
    issuing_state: Span
    name: Span
    document_number: Span
    document_number_check: Cell
    nationality: Span
    birth_date: Span
    birth_date_check: Cell
    sex: Span
    expiry_date: Span
    expiry_date_check: Cell
    optional_data: Span
    optional_data_check: Cell | None = None  # TD3's personal number only
    optional_data_2: Span | None = None  # TD1's second line only
    composite_check: Cell | None = None
    composite_spans: tuple[Span, ...] = ()
    long_document_numbers: bool = False  # optional-data overflow of Parts 5 and 6

    def spans(self) -> dict[str, Span]:
        named = {
            "document_code": self.document_code,
            "issuing_state": self.issuing_state,
            "name": self.name,
            "document_number": self.document_number,
            "nationality": self.nationality,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "expiry_date": self.expiry_date,
            "optional_data": self.optional_data,
            "optional_data_2": self.optional_data_2,
        }
        for field, cell in self.check_cells().items():
            named[f"{field}_check"] = (cell[0], cell[1], cell[1] + 1)
        return {field: span for field, span in named.items() if span is not None}

    def check_cells(self) -> dict[str, Cell]:
        cells = {
            "document_number": self.document_number_check,
            "birth_date": self.birth_date_check,
            "expiry_date": self.expiry_date_check,
            "optional_data": self.optional_data_check,
            "composite": self.composite_check,
        }
        return {field: cell for field, cell in cells.items() if cell is not None}

    def field_at(self, line: int, column: int) -> str | None:
        for field, (span_line, start, stop) in self.spans().items():
            if span_line == line and start <= column < stop:
                return field
        return None


def _two_line_layout(format: str, length: int, first_letters: str, **details: Any) -> Layout:
    """TD2, TD3, MRV-A and MRV-B share the first 28 characters of each line."""
    return Layout(
        format=format,
        line_count=2,
        line_length=length,
        first_letters=first_letters,
        document_code=(0, 0, 2),
        issuing_state=(0, 2, 5),
        name=(0, 5, length),
        document_number=(1, 0, 9),
        document_number_check=(1, 9),
        nationality=(1, 10, 13),
        birth_date=(1, 13, 19),
        birth_date_check=(1, 19),
        sex=(1, 20, 21),
        expiry_date=(1, 21, 27),
        expiry_date_check=(1, 27),
        **details,
    )


TD1 = Layout(
    format="TD1",
    line_count=3,
    line_length=30,
    first_letters="ACI",
    document_code=(0, 0, 2),
    issuing_state=(0, 2, 5),
    document_number=(0, 5, 14),
    document_number_check=(0, 14),
    optional_data=(0, 15, 30),
    birth_date=(1, 0, 6),
    birth_date_check=(1, 6),
    sex=(1, 7, 8),
    expiry_date=(1, 8, 14),
    expiry_date_check=(1, 14),
    nationality=(1, 15, 18),
    optional_data_2=(1, 18, 29),
    composite_check=(1, 29),
    composite_spans=((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)),
    name=(2, 0, 30),
    long_document_numbers=True,
)
TD2 = _two_line_layout(
    "TD2",
    36,
    "ACI",
    optional_data=(1, 28, 35),
    composite_check=(1, 35),
    composite_spans=((1, 0, 10), (1, 13, 20), (1, 21, 35)),
    long_document_numbers=True,
)
TD3 = _two_line_layout(
    "TD3",
    44,
    "P",
    optional_data=(1, 28, 42),
    optional_data_check=(1, 42),
    composite_check=(1, 43),
    composite_spans=((1, 0, 10), (1, 13, 20), (1, 21, 43)),
)
MRVA = _two_line_layout("MRVA", 44, "V", optional_data=(1, 28, 44))
MRVB = _two_line_layout("MRVB", 36, "V", optional_data=(1, 28, 36))

LAYOUTS: dict[str, Layout] = {layout.format: layout for layout in (TD1, TD2, TD3, MRVA, MRVB)}

_BY_SHAPE: dict[tuple[int, int], tuple[Layout, Layout | None]] = {
    (3, 30): (TD1, None),
    (2, 36): (TD2, MRVB),
    (2, 44): (TD3, MRVA),
}


def detect_layout(lines: list[str]) -> Layout | None:
    """The layout whose shape the lines have, or None. All lines must have the same length."""
    length = len(lines[0])
    if any(len(line) != length for line in lines):
        return None
    candidates = _BY_SHAPE.get((len(lines), length))
    if candidates is None:
        return None
    document, visa = candidates
    return visa if visa is not None and lines[0][:1] == "V" else document


def text_of(lines: list[str], span: Span) -> str:
    line, start, stop = span
    return lines[line][start:stop]


def span_cells(span: Span) -> list[Cell]:
    line, start, stop = span
    return [(line, column) for column in range(start, stop)]


@dataclass(frozen=True, slots=True)
class DocumentNumberCells:
    """Where the document number and its check digit really are, following a long-number overflow
    (Doc 9303 Part 5 4.2.2 and Part 6 4.2.2): the check-digit position holds `<`, the number continues at
    the start of the optional data up to the character before the first filler, and that character is the
    check digit of the whole number. ``problem`` says why an overflow could not be followed."""

    principal: Span
    overflow: Span | None
    check: Cell
    optional_data: Span  # what remains of the optional data after any overflow
    problem: str | None = None

    def text(self, lines: list[str]) -> str:
        if self.overflow is None:
            return text_of(lines, self.principal)
        return text_of(lines, self.principal) + text_of(lines, self.overflow)

    def cells(self) -> list[Cell]:
        cells = span_cells(self.principal)
        return cells if self.overflow is None else cells + span_cells(self.overflow)


_PLAIN_DOCUMENT_NUMBERS = {
    layout.format: DocumentNumberCells(layout.document_number, None, layout.document_number_check, layout.optional_data)
    for layout in LAYOUTS.values()
}


def locate_document_number(layout: Layout, lines: list[str]) -> DocumentNumberCells:
    check_line, check_column = layout.document_number_check
    principal = layout.document_number
    if not layout.long_document_numbers or lines[check_line][check_column] != FILLER:
        return _PLAIN_DOCUMENT_NUMBERS[layout.format]  # built once: the common case costs no allocation
    line, start, stop = layout.optional_data
    filler_at = lines[line].find(FILLER, start, stop)
    end = stop if filler_at < 0 else filler_at  # the overflow and its check digit end here
    if end - start < 2:
        problem = "the document-number check digit is < but the optional data holds no overflow"
        return DocumentNumberCells(principal, None, layout.document_number_check, layout.optional_data, problem)
    return DocumentNumberCells(principal, (line, start, end - 1), (line, end - 1), (line, end, stop))
