"""A deliberately plain model of CONTRACTS.md section 5 for the tests: Erlang C from its textbook formula with
exact fractions (the sums of a^k / k!), the exponential in 60-digit decimals, and every n above the load tried in
turn. Slow and only for small loads, so that the fast recurrence has something independent to agree with."""

from __future__ import annotations

import decimal
from fractions import Fraction

PRECISION = decimal.Context(prec=60)


def erlang_c(n: int, a: Fraction) -> Fraction:
    """P(wait) = (a^n / n!) (n / (n - a)) / (sum_{k<n} a^k / k! + (a^n / n!) (n / (n - a)))."""
    terms = [Fraction(1)]
    for k in range(1, n + 1):
        terms.append(terms[-1] * a / k)
    waiting = terms[n] * n / (n - a)
    return waiting / (sum(terms[:n]) + waiting)


def share_within(n: int, a: Fraction, target_wait_seconds: Fraction, service_seconds: Fraction) -> decimal.Decimal:
    exponent = as_decimal(-(n - a) * target_wait_seconds / service_seconds)
    return PRECISION.subtract(1, PRECISION.multiply(as_decimal(erlang_c(n, a)), PRECISION.exp(exponent)))


def fewest_booths(
    arrivals: Fraction, service_seconds: Fraction, target_wait_seconds: Fraction, target_share: Fraction
) -> tuple[int, Fraction]:
    """(booths, exact load) as the contract words it: 0 for no arrivals, else the smallest n > a that meets the
    target share."""
    a = arrivals * service_seconds / 3600
    if arrivals == 0:
        return 0, a
    n = int(a) + 1
    while share_within(n, a, target_wait_seconds, service_seconds) < as_decimal(target_share):
        n += 1
    return n, a


def as_decimal(value: Fraction) -> decimal.Decimal:
    return PRECISION.divide(decimal.Decimal(value.numerator), decimal.Decimal(value.denominator))
