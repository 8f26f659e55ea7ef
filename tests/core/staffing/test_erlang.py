"""Erlang C by the recurrence: textbook values, the exact formula, and loads of thousands of Erlangs."""

from __future__ import annotations

import decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.staffing import HourDemand, StaffingRequest, erlang_c, plan
from tests.core.staffing import reference_model


@pytest.mark.parametrize(
    ("n", "a", "expected"),
    # the classic call-centre table for 10 Erlangs
    [(11, 10, 0.6821), (12, 10, 0.4494), (13, 10, 0.2853), (14, 10, 0.1741)],
)
def test_textbook_values_for_ten_erlangs(n, a, expected):
    assert erlang_c(n, a) == pytest.approx(expected, abs=5e-5)


def test_closed_forms_for_one_and_two_servers():
    # M/M/1 waits with probability rho; M/M/2 with a^2 / (2 + a); and C(3, 2) is 4/9 by hand
    for a in (0.0, 0.01, 0.3, 0.5, 0.99):
        assert erlang_c(1, a) == pytest.approx(a, rel=1e-15, abs=1e-300)
    for a in (0.1, 1.0, 1.9):
        assert erlang_c(2, a) == pytest.approx(a * a / (2 + a), rel=1e-14)
    assert erlang_c(3, 2) == pytest.approx(4 / 9, rel=1e-15)


@pytest.mark.parametrize(("n", "a"), [(10, 10), (5, 7.5), (0, 0)])
def test_erlang_c_needs_more_servers_than_load(n, a):
    with pytest.raises(ValueError):
        erlang_c(n, a)


@given(
    a=st.fractions(min_value=0, max_value=60, max_denominator=1000),
    above=st.integers(min_value=1, max_value=25),
)
def test_erlang_c_agrees_with_the_exact_formula(a, above):
    n = int(a) + above
    assert erlang_c(n, float(a)) == pytest.approx(float(reference_model.erlang_c(n, a)), rel=1e-11, abs=1e-300)


def test_five_thousand_erlangs_exactly():
    """Large loads stay exact (no factorials); how fast is measured by hand, not asserted here."""
    service = 60
    demand = [HourDemand(f"{hour:02d}:00", 300_000 + 1_000 * hour) for hour in range(24)]  # 5,000 to 5,383 Erlangs
    hours = plan(StaffingRequest(service, 20, 0.8, tuple(demand))).hours

    first = hours[0]
    assert first.load_erlangs == 5000
    n = first.booths
    exact = _erlang_c_by_decimal_terms(n, 5000)
    assert first.mean_wait_seconds == pytest.approx(float(exact) * service / (n - 5000), rel=1e-10)
    # n meets the target and n - 1 does not (both checked in 60-digit decimals)
    assert _share(n, 5000, 20, service) >= decimal.Decimal("0.8") > _share(n - 1, 5000, 20, service)
    assert [hour.booths for hour in hours] == sorted(hour.booths for hour in hours)


def _erlang_c_by_decimal_terms(n: int, a: int) -> decimal.Decimal:
    context = decimal.Context(prec=60)
    term, total = decimal.Decimal(1), decimal.Decimal(0)
    for k in range(1, n + 1):
        total = context.add(total, term)
        term = context.divide(context.multiply(term, a), k)
    waiting = context.multiply(term, context.divide(n, n - a))
    return context.divide(waiting, context.add(total, waiting))


def _share(n: int, a: int, target_wait: int, service: int) -> decimal.Decimal:
    context = decimal.Context(prec=60)
    exponent = context.divide(-(n - a) * target_wait, service)
    return context.subtract(1, context.multiply(_erlang_c_by_decimal_terms(n, a), context.exp(exponent)))


def test_the_reference_model_is_itself_right_on_the_textbook_value():
    assert float(reference_model.erlang_c(11, Fraction(10))) == pytest.approx(0.6821, abs=5e-5)
