"""Erlang C without factorials: Erlang B by its recurrence B(0) = 1, B(n) = a B(n-1) / (n + a B(n-1)), which
shrinks rounding errors at every step (so it stays exact for thousands of Erlangs), and C from B."""

from __future__ import annotations

import math
from collections.abc import Iterator


def erlang_b_from(a: float) -> Iterator[tuple[int, float]]:
    """``(n, B(n, a))`` for n = 0, 1, 2, ... without end."""
    n, b = 0, 1.0
    while True:
        yield n, b
        n += 1
        b = a * b / (n + a * b)


def erlang_c_of_b(n: int, a: float, b: float) -> float:
    """The probability of waiting with n servers, from Erlang B; needs n > a."""
    return n * b / (n - a * (1.0 - b))


def erlang_c(n: int, a: float) -> float:
    """The probability that an arrival waits, with n servers and an offered load of a Erlangs (n > a)."""
    if not n > a >= 0:
        raise ValueError(f"Erlang C needs 0 <= a < n (a={a}, n={n})")
    for k, b in erlang_b_from(a):
        if k == n:
            return erlang_c_of_b(n, a, b)
    raise AssertionError("unreachable")  # pragma: no cover


def share_within(n: int, a: float, c: float, target_wait_seconds: float, service_seconds: float) -> float:
    """The share of arrivals that wait at most the target, given C(n, a)."""
    return 1.0 - c * math.exp(-(n - a) * target_wait_seconds / service_seconds)


def fewest_servers(
    a: float, service_seconds: float, target_wait_seconds: float, target_share: float
) -> tuple[int, float, float]:
    """``(n, C(n, a), share)`` for the smallest n > a whose share within the target wait is at least the target
    share. The share grows with n, so the first n that meets it is the answer; B is carried from one n to the
    next, never computed again from 0."""
    for n, b in erlang_b_from(a):
        if n <= a:
            continue
        c = erlang_c_of_b(n, a, b)
        share = share_within(n, a, c, target_wait_seconds, service_seconds)
        if share >= target_share:
            return n, c, share
    raise AssertionError("unreachable")  # pragma: no cover
