"""OCR repair of the `borderdesk mrz check --repair` contract.

Only a field whose own check digit fails is touched. Each candidate changes one character of that field or
of its check digit into the character OCR engines confuse it with (O/0, I/1, B/8, S/5, Z/2, G/6, both ways);
in a date and in a check digit only a change into a digit is tried. The repair is made only when exactly one
candidate makes the check digit hold: two or more candidates mean the zone does not tell which character was
misread, and guessing would forge data.

Two decisions beyond the contract's words:
- The composite check digit is never the reason for a repair. It protects fields that already have their own
  check digit (which decide) and optional data that has none; a change chosen only because the composite
  then holds would pick among characters no single check vouches for.
- Names are never changed: no check digit protects them, so no repair can be verified.

A limit of the 7-3-1 check digit worth knowing: G (16) and 6 differ by 10, so a G read for a 6 (or the other
way) in a letters-and-digits field leaves the check digit holding. Such a misread is invisible, the zone looks
valid, and no repair is attempted; only in a date or a check digit, where a letter cannot stand, is G seen.
"""

from __future__ import annotations

from .checkdigit import DIGITS, compute_check_digit
from .layout import Cell, Layout, locate_document_number, span_cells
from .parser import Repair

CONFUSABLE: dict[str, str] = {}
for _letter, _digit in (("O", "0"), ("I", "1"), ("B", "8"), ("S", "5"), ("Z", "2"), ("G", "6")):
    CONFUSABLE[_letter] = _digit
    CONFUSABLE[_digit] = _letter

_DIGITS_ONLY_FIELDS = {"birth_date", "expiry_date"}


def protected_cells(layout: Layout, lines: list[str], field: str) -> tuple[list[Cell], Cell]:
    """The cells a check digit protects, and the cell of that check digit."""
    if field == "document_number":
        located = locate_document_number(layout, lines)
        return located.cells(), located.check
    check = layout.check_cells()[field]
    return span_cells(getattr(layout, field)), check


def _check_holds(lines: list[str], data_cells: list[Cell], check: Cell) -> bool:
    data = "".join(lines[line][column] for line, column in data_cells)
    return compute_check_digit(data) == lines[check[0]][check[1]]


def _with_character(lines: list[str], cell: Cell, character: str) -> list[str]:
    line, column = cell
    changed = list(lines)
    changed[line] = lines[line][:column] + character + lines[line][column + 1 :]
    return changed


def _candidates(lines: list[str], layout: Layout, field: str) -> list[Repair]:
    data_cells, check = protected_cells(layout, lines, field)
    digits_only = field in _DIGITS_ONLY_FIELDS
    found = []
    for cell in [*data_cells, check]:
        before = lines[cell[0]][cell[1]]
        after = CONFUSABLE.get(before)
        if after is None or ((digits_only or cell == check) and after not in DIGITS):
            continue
        trial = _with_character(lines, cell, after)
        if _check_holds(trial, data_cells, check):
            found.append(Repair(field, cell[0], cell[1], before, after))
    return found


def find_repairs(lines: list[str], layout: Layout, failing_fields: list[str]) -> tuple[list[str], list[Repair]]:
    """Repair each failing field that has exactly one candidate; return the new lines and the repairs."""
    repairs = []
    for field in failing_fields:
        if field == "composite":
            continue
        candidates = _candidates(lines, layout, field)
        if len(candidates) == 1:
            repair = candidates[0]
            lines = _with_character(lines, (repair.line, repair.column), repair.after)
            repairs.append(repair)
    return lines, repairs
