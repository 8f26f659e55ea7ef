"""OCR repair of the `borderdesk mrz check --repair` contract.

Only a field whose own check digit fails, or a date holding a letter, is touched. Each candidate changes one
character of that field or of its check digit into the character OCR engines confuse it with (O/0, I/1, B/8,
S/5, Z/2, G/6, both ways); in a date and in a check digit only a change into a digit is tried, and a date must
come out without a letter. The repair is made only when exactly one candidate makes the check digit hold: two
or more candidates mean the zone does not tell which character was misread, and guessing would forge data.

Two decisions beyond the contract's words:
- The composite check digit is never the reason for a repair. It protects fields that already have their own
  check digit (which decide) and optional data that has none; a change chosen only because the composite
  then holds would pick among characters no single check vouches for.
- Names are never changed: no check digit protects them, so no repair can be verified.

A limit of the 7-3-1 check digit worth knowing: G (16) and 6 differ by 10, so a G read for a 6 (or the other
way) leaves the check digit holding. In a letters-and-digits field such a misread is invisible, the zone looks
valid, and no repair is attempted. In a date, where a letter cannot stand, the G is seen although its check
digit holds: that is why a date holding a letter is repaired too, and its G becomes the 6 that keeps the check
digit holding. (A letter in a check digit never matches the digit computed, so that case needs nothing more.)
"""

from __future__ import annotations

from .checkdigit import DIGITS, compute_check_digit
from .layout import Cell, Layout, locate_document_number, span_cells, text_of
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


def _date_holds_a_letter(lines: list[str], layout: Layout, field: str) -> bool:
    return field in _DIGITS_ONLY_FIELDS and any(
        character.isalpha() for character in text_of(lines, getattr(layout, field))
    )


def repair_targets(lines: list[str], layout: Layout, checks: dict[str, bool]) -> list[str]:
    """The fields to try repairing, in the zone's order: those whose check digit fails, and a date holding a
    letter even when its check digit holds (a G read for a 6 weighs the same)."""
    return [
        field
        for field, holds in checks.items()
        if field != "composite" and (not holds or _date_holds_a_letter(lines, layout, field))
    ]


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
        if _check_holds(trial, data_cells, check) and not _date_holds_a_letter(trial, layout, field):
            found.append(Repair(field, cell[0], cell[1], before, after))
    return found


def find_repairs(lines: list[str], layout: Layout, fields: list[str]) -> tuple[list[str], list[Repair]]:
    """Repair each of ``fields`` (see ``repair_targets``) that has exactly one candidate; return the new lines and
    the repairs."""
    repairs = []
    for field in fields:
        if field == "composite":
            continue
        candidates = _candidates(lines, layout, field)
        if len(candidates) == 1:
            repair = candidates[0]
            lines = _with_character(lines, (repair.line, repair.column), repair.after)
            repairs.append(repair)
    return lines, repairs
