"""Small-count suppression for published tables, so that no person can be singled out.

A table has rows (the days of a period), each row a list of counts that add up to the row's total, and a total row
(each column's sum over the rows, and the grand total). What is published is, for each cell, its count or a marker:

- ``SMALL`` (shown as ``<T``, T the threshold): a count from 1 to T - 1 (primary suppression). Zero is shown: that
  nobody was refused on a day singles out nobody.
- ``GUARD`` (shown as ``x``): a count hidden so that a small one cannot be worked out from the totals
  (secondary suppression). It says nothing of the count: 0, small or large. A small count is shown as ``x``
  rather than ``<T`` only when the row's markers alone would pin it (a row of two ones: 1 + 1 with a total
  of "<3" can only be 1 + 1).

The rules, and why nothing hidden can be recovered:

1. Each row on its own (its cells and its total: one equation) is protected *exactly*: while some hidden value of
   the row has fewer than two values consistent with everything published in the row (the visible cells, the
   total or its marker, the markers' ranges), one more cell is hidden (the smallest visible positive count, a
   zero only when nothing else is left, the total last). ``row_leaks`` decides that by computing, for each hidden
   value, which values the row's equation and the markers' ranges leave possible.
2. In the total row, a column's total is hidden (``GUARD``) exactly when some cell of that column is hidden, and
   the grand total exactly when some row total is hidden. A hidden column total is then a fresh unknown in its
   column's equation, and the total row's equation only repeats the sum of the rows' equations: the published
   table says nothing about a hidden cell beyond what its own row says (rule 1). A visible column total has no
   hidden cell under it, so it reveals nothing either.

``tests/core/figures/test_suppression.py`` checks both by brute force with Hypothesis: for every hidden cell, at
least two values fit everything published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SMALL = "small"
GUARD = "guard"
DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3


@dataclass(frozen=True)
class Cell:
    """One published cell: ``value`` when shown, else ``None`` with why it is hidden (``SMALL`` or ``GUARD``)."""

    value: int | None
    hidden: str = ""

    def text(self, threshold: int) -> str:
        if self.hidden == SMALL:
            return f"<{threshold}"
        if self.hidden == GUARD:
            return "x"
        return str(self.value)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    total: Cell


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    totals: Row  # each column's total over the rows, and the grand total
    threshold: int


def check_threshold(threshold: int) -> int:
    # At 2, "<2" would say "1": a marker must leave at least two values open.
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < MIN_THRESHOLD:
        raise ValueError(f"the suppression threshold is a whole number of at least {MIN_THRESHOLD}, not {threshold!r}")
    return threshold


def is_small(count: int, threshold: int) -> bool:
    return 1 <= count < threshold


def suppress_row(counts: Sequence[int], threshold: int = DEFAULT_THRESHOLD) -> Row:
    """Publish one row of counts with its total (their sum): rule 1 above."""
    check_threshold(threshold)
    values = [_count(c) for c in counts]
    values.append(sum(values))
    hidden = [SMALL if is_small(v, threshold) else "" for v in values]
    while row_leaks(values, hidden, threshold):
        if all(hidden):  # small counts that pin each other (1 + 1 = "<3"): their markers say too much
            hidden[max(i for i, h in enumerate(hidden) if h == SMALL)] = GUARD
        else:
            hidden[_next_to_hide(values, hidden)] = GUARD
    cells = tuple(Cell(None if h else v, h) for v, h in zip(values, hidden, strict=True))
    return Row(cells[:-1], cells[-1])


def suppress_table(rows: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> Table:
    """Publish rows of counts, each with its total, and the total row: rules 1 and 2 above."""
    check_threshold(threshold)
    published = tuple(suppress_row(r, threshold) for r in rows)
    width = len(rows[0]) if rows else 0
    if any(len(r) != width for r in rows):
        raise ValueError("every row of a table has the same number of cells")
    column_totals = [sum(_count(r[c]) for r in rows) for c in range(width)]
    totals = []
    for c, total in enumerate(column_totals):
        hide = any(row.cells[c].hidden for row in published)
        totals.append(Cell(None, GUARD) if hide else Cell(total))
    grand = sum(column_totals)
    hide_grand = any(row.total.hidden for row in published)
    return Table(published, Row(tuple(totals), Cell(None, GUARD) if hide_grand else Cell(grand)), threshold)


def _count(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"a count is a whole number of 0 or more, not {value!r}")
    return value


def _next_to_hide(values: list[int], hidden: list[str]) -> int:
    """The cell to hide next: the smallest visible positive count, then a visible zero; the total last."""
    cells = [i for i in range(len(values) - 1) if not hidden[i]]
    positive = [i for i in cells if values[i] > 0]
    if positive:
        return min(positive, key=lambda i: (values[i], i))
    if cells:
        return cells[0]
    return len(values) - 1


# ----------------------------------------------------------------------------------------------- leak detection


def row_leaks(values: Sequence[int], hidden: Sequence[str], threshold: int) -> bool:
    """Whether some hidden value of the row (cells, then the total last) can be worked out from what is shown:
    fewer than two of its values fit the row's equation and the hidden values' ranges. A hidden cell's range is
    capped at the row's true total plus the threshold: a cap only removes possibilities, so a row found safe under
    it is safe without it."""
    cap = values[-1] + threshold
    return any(len(possible) < 2 for possible in possible_values(values, hidden, threshold, cap))


def possible_values(values: Sequence[int], hidden: Sequence[str], threshold: int, cap: int) -> list[set[int]]:
    """For each hidden value of the row in order: the values (up to ``cap``) that fit what is published. Sets of
    whole numbers are bit masks (bit n set: n is possible), so a row of thousands costs a few big-integer shifts."""
    *cells, total = values
    *cell_marks, total_mark = hidden
    visible_sum = sum(v for v, h in zip(cells, cell_marks, strict=True) if not h)
    hidden_cells = [i for i, h in enumerate(cell_marks) if h]
    totals = _domain(total_mark, threshold, cap) if total_mark else 1 << total
    sums = totals >> visible_sum  # the hidden cells' sum: any total that fits, less the visible cells
    answers = []
    for i in hidden_cells:
        others = _reachable([cell_marks[j] for j in hidden_cells if j != i], threshold, cap)
        domain = _domain(cell_marks[i], threshold, cap)
        answers.append({v for v in _members(domain) if (others << v) & sums})
    if total_mark:
        every = _reachable([cell_marks[j] for j in hidden_cells], threshold, cap) << visible_sum
        answers.append(set(_members(totals & every)))
    return answers


def _domain(mark: str, threshold: int, cap: int) -> int:
    """The values a hidden cell may have, as a bit mask: 1 to T - 1 when small, else any from 0 up to ``cap``."""
    if mark == SMALL:
        return ((1 << threshold) - 1) & ~1
    return (1 << (cap + 1)) - 1


def _reachable(marks: list[str], threshold: int, cap: int) -> int:
    """The sums (up to ``cap``) that hidden cells of these marks can add up to, as a bit mask."""
    limit = (1 << (cap + 1)) - 1
    reachable = 1
    for mark in marks:
        if mark == SMALL:
            grown = 0
            for step in range(1, threshold):
                grown |= reachable << step
            reachable = grown & limit
        else:  # any value: every sum from the smallest reachable one up to the cap
            lowest = (reachable & -reachable).bit_length() - 1
            reachable = limit & ~((1 << lowest) - 1)
    return reachable


def _members(mask: int) -> list[int]:
    found, n = [], 0
    while mask:
        if mask & 1:
            found.append(n)
        mask >>= 1
        n += 1
    return found
