"""Small-count suppression: no hidden count can be worked out from what is published. Checked by brute force,
independently of the code's own leak detection: every assignment of values to the hidden cells that fits the
published row (and, for tables, the published column totals) is enumerated, and each hidden cell must have at
least two values that fit."""

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.figures import GUARD, SMALL, suppress_row, suppress_table


def _range_of(mark: str, threshold: int, cap: int) -> list[int]:
    """What a reader who knows the rules knows of a hidden count from its marker alone."""
    if mark == SMALL:
        return list(range(1, threshold))
    return list(range(cap + 1))  # "x" says nothing of the count


def _fits(mark: str, value: int, published: int | None, threshold: int) -> bool:
    if not mark:
        return value == published
    return value in _range_of(mark, threshold, value)


def _feasible_rows(row, threshold: int, cap: int):
    """Every assignment of the row's cells that fits what the row publishes."""
    ranges = [[c.value] if not c.hidden else _range_of(c.hidden, threshold, cap) for c in row.cells]
    for values in product(*ranges):
        if _fits(row.total.hidden, sum(values), row.total.value, threshold):
            yield values


counts = st.integers(min_value=0, max_value=7)


@settings(max_examples=300)
@given(st.lists(counts, min_size=1, max_size=3), st.integers(min_value=3, max_value=5))
def test_no_hidden_count_of_a_row_can_be_recovered_from_the_row_and_its_total(row_counts, threshold):
    row = suppress_row(row_counts, threshold)
    cap = sum(row_counts) + threshold  # a reader may think of larger values: a cap only makes the check harder
    feasible = list(_feasible_rows(row, threshold, cap))
    assert tuple(row_counts) in feasible, "the true counts fit what is published"
    for i, cell in enumerate(row.cells):
        if cell.hidden:
            assert len({values[i] for values in feasible}) >= 2, f"cell {i} of {row_counts} is recoverable: {row}"
    if row.total.hidden:
        assert len({sum(values) for values in feasible}) >= 2, f"the total of {row_counts} is recoverable"


@settings(max_examples=300)
@given(st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=12), st.integers(3, 10))
def test_every_small_count_is_hidden_and_every_shown_count_is_true(row_counts, threshold):
    row = suppress_row(row_counts, threshold)
    for count, cell in zip([*row_counts, sum(row_counts)], [*row.cells, row.total], strict=True):
        if 1 <= count < threshold:
            assert cell.hidden in (SMALL, GUARD) and cell.value is None
        assert cell.hidden or cell.value == count
        assert cell.hidden != SMALL or 1 <= count < threshold  # "<T" never lies
    assert sum(1 for c in [*row.cells, row.total] if c.hidden) != 1, "a single hidden cell is its total's difference"


@settings(max_examples=40)
@given(
    st.lists(st.lists(st.integers(0, 3), min_size=2, max_size=2), min_size=2, max_size=2),
    st.sampled_from([3, 4]),
)
def test_no_hidden_count_of_a_table_can_be_recovered_from_its_rows_and_column_totals(grid, threshold):
    table = suppress_table(grid, threshold)
    cap = sum(map(sum, grid)) + threshold
    per_row = [list(_feasible_rows(row, threshold, cap)) for row in table.rows]
    feasible = []
    for rows in product(*per_row):
        columns_fit = all(
            total.hidden or sum(r[c] for r in rows) == total.value for c, total in enumerate(table.totals.cells)
        )
        grand_fits = table.totals.total.hidden or sum(map(sum, rows)) == table.totals.total.value
        if columns_fit and grand_fits:
            feasible.append(rows)
    assert tuple(map(tuple, grid)) in feasible
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell.hidden:
                assert len({rows[r][c] for rows in feasible}) >= 2, f"cell {r},{c} of {grid} is recoverable"


@settings(max_examples=200)
@given(st.lists(st.lists(st.integers(0, 60), min_size=3, max_size=3), min_size=1, max_size=8), st.integers(3, 6))
def test_a_column_total_is_hidden_exactly_when_a_cell_under_it_is(grid, threshold):
    table = suppress_table(grid, threshold)
    for c, total in enumerate(table.totals.cells):
        assert bool(total.hidden) == any(row.cells[c].hidden for row in table.rows)
        assert total.hidden in ("", GUARD)
        assert total.hidden or total.value == sum(r[c] for r in grid)
    assert bool(table.totals.total.hidden) == any(row.total.hidden for row in table.rows)


def test_known_rows():
    assert [c.text(5) for c in suppress_row([3, 10, 0, 7], 5).cells] == ["<5", "10", "0", "x"]
    assert suppress_row([3, 10, 0, 7], 5).total.value == 20
    assert [c.text(5) for c in suppress_row([0, 0, 0], 5).cells] == ["0", "0", "0"]
    # Two ones in a row whose other cells are shown: 1 + 1 = 2 would pin both, so a third is hidden.
    row = suppress_row([1, 1, 20], 5)
    assert [c.text(5) for c in row.cells] == ["<5", "<5", "x"] and row.total.value == 22


def test_bad_counts_and_thresholds_are_refused():
    with pytest.raises(ValueError):
        suppress_row([-1, 3])
    with pytest.raises(ValueError):
        suppress_row([1.5, 3])
    with pytest.raises(ValueError):
        suppress_row([1, 3], 2)
    with pytest.raises(ValueError):
        suppress_table([[1, 2], [3]])


def test_a_row_of_thousands_is_protected_quickly_enough_to_run_in_a_page():
    row = suppress_row([4000, 3, 2500, 1, 0, 1200, 2, 900], 5)
    assert [c.hidden for c in row.cells].count("") >= 4
