from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.figures import FiguresError, nearest_rank, parse_period, safe_cell


def test_a_day_a_month_and_a_range():
    assert parse_period(day="2026-03-29").days == [date(2026, 3, 29)]
    february = parse_period(month="2028-02")
    assert (february.first, february.last, len(february.days)) == (date(2028, 2, 1), date(2028, 2, 29), 29)
    assert parse_period(month="2028-02").label == "2028-02"
    span = parse_period(start="2026-01-01", end="2027-01-31")
    assert span.kind == "range" and len(span.days) == 396 and span.label == "2026-01-01/2027-01-31"
    assert parse_period(today=date(2026, 5, 1)).days == [date(2026, 5, 1)]


@pytest.mark.parametrize(
    ("given_", "code"),
    [
        ({"day": "2026-02-30"}, "invalid_date"),
        ({"day": "29/03/2026"}, "invalid_date"),
        ({"day": "2026-3-1"}, "invalid_date"),
        ({"month": "2026-13"}, "invalid_month"),
        ({"month": "March"}, "invalid_month"),
        ({"month": "2026-03", "day": "2026-03-01"}, "period_conflict"),
        ({"start": "2026-03-10", "end": "2026-03-01"}, "period_reversed"),
        ({"start": "2026-01-01", "end": "2027-02-01"}, "period_too_long"),
        ({"start": "2026-01-01"}, "invalid_date"),
        ({}, "period_required"),
        ({"day": "9999-12-31"}, "date_out_of_range"),
        ({"month": "9999-12"}, "date_out_of_range"),
        ({"start": "0001-01-01", "end": "0001-01-02"}, "date_out_of_range"),
        ({"day": "2026-03-29" + "9" * 5000}, "invalid_date"),
    ],
)
def test_bad_periods_have_stable_codes(given_, code):
    with pytest.raises(FiguresError) as exc:
        parse_period(**given_)
    assert exc.value.code == code


def test_nearest_rank_percentiles():
    assert nearest_rank([], 50) is None
    assert nearest_rank([7], 95) == 7
    assert nearest_rank([4, 1, 3, 2], 50) == 2
    assert nearest_rank(list(range(1, 101)), 90) == 90
    assert nearest_rank(list(range(1, 101)), 95) == 95
    with pytest.raises(ValueError):
        nearest_rank([1], 0)


@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=50), st.sampled_from([50, 90, 95]))
def test_a_percentile_is_an_observed_value_with_enough_below_it(values, percent):
    p = nearest_rank(values, percent)
    assert p in values
    assert sum(v <= p for v in values) >= percent / 100 * len(values)


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\r=1"])
def test_formulas_are_made_text(text):
    assert safe_cell(text) == "'" + text


def test_plain_cells_are_kept():
    assert safe_cell("<5") == "<5" and safe_cell(12) == "12" and safe_cell(None) == "" and safe_cell("x") == "x"
