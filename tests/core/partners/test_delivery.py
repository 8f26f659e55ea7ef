"""Signing, verifying and backing off: plain Python, no database."""

import itertools
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.partners import BACKOFF_CAP, BACKOFF_FIRST, SignatureProblem, next_delay, sign, verify

SECRET = b"whsec_test"
NOW = 1_800_000_000


def code_of(call) -> str:
    with pytest.raises(SignatureProblem) as refused:
        call()
    return refused.value.code


def test_a_signature_is_v1_hex_hmac_of_timestamp_dot_body():
    import hashlib
    import hmac

    expected = hmac.new(SECRET, b"1800000000.{}", hashlib.sha256).hexdigest()
    assert sign(SECRET, NOW, b"{}") == f"v1={expected}"


@given(st.binary(max_size=2000), st.integers(min_value=0, max_value=2**40))
def test_what_is_signed_verifies(body, timestamp):
    verify(SECRET, str(timestamp), body, sign(SECRET, timestamp, body), now=timestamp)


@given(st.binary(min_size=1, max_size=200), st.binary(min_size=1, max_size=200))
def test_another_body_or_secret_does_not_verify(body, other):
    signature = sign(SECRET, NOW, body)
    if other != body:
        assert code_of(lambda: verify(SECRET, NOW, other, signature, NOW)) == "signature_invalid"
    assert code_of(lambda: verify(SECRET + b"x", NOW, body, signature, NOW)) == "signature_invalid"


def test_the_timestamp_is_signed_too():
    signature = sign(SECRET, NOW, b"{}")
    assert code_of(lambda: verify(SECRET, NOW + 1, b"{}", signature, NOW)) == "signature_invalid"


def test_a_stale_or_future_timestamp_has_expired():
    old = sign(SECRET, NOW - 301, b"{}")
    assert code_of(lambda: verify(SECRET, NOW - 301, b"{}", old, NOW)) == "signature_expired"
    ahead = sign(SECRET, NOW + 301, b"{}")
    assert code_of(lambda: verify(SECRET, NOW + 301, b"{}", ahead, NOW)) == "signature_expired"
    verify(SECRET, NOW - 300, b"{}", sign(SECRET, NOW - 300, b"{}"), NOW)  # the edge is accepted
    late = sign(SECRET, NOW - 30, b"{}")
    assert code_of(lambda: verify(SECRET, NOW - 30, b"{}", late, NOW, tolerance=10)) == "signature_expired"


@pytest.mark.parametrize(
    ("timestamp", "signature"),
    [("", "v1=ab"), ("soon", "v1=ab"), (str(NOW), ""), (str(NOW), "sha256=ab"), (str(NOW), "v1=" + "a" * 300)],
)
def test_a_malformed_signature_or_timestamp_is_said_so(timestamp, signature):
    assert code_of(lambda: verify(SECRET, timestamp, b"{}", signature, NOW)) == "signature_malformed"


def test_a_replay_is_refused_after_the_signature_is_checked():
    kept: set[str] = set()

    def seen(signature: str) -> bool:
        before = signature in kept
        kept.add(signature)
        return before

    signature = sign(SECRET, NOW, b"{}")
    verify(SECRET, NOW, b"{}", signature, NOW, seen=seen)
    assert code_of(lambda: verify(SECRET, NOW, b"{}", signature, NOW, seen=seen)) == "signature_replayed"
    forged = "v1=" + "0" * 64
    assert code_of(lambda: verify(SECRET, NOW, b"{}", forged, NOW, seen=seen)) == "signature_invalid"
    assert forged not in kept  # a forgery never fills the replay store


def test_back_off_doubles_from_the_first_delay_up_to_the_cap():
    exact = [next_delay(n, rand=lambda: 0.0) for n in range(1, 10)]
    assert exact[:3] == [BACKOFF_FIRST, BACKOFF_FIRST * 2, BACKOFF_FIRST * 4]
    assert exact[-1] == BACKOFF_CAP and all(a <= b for a, b in itertools.pairwise(exact))


@given(st.integers(min_value=-5, max_value=10_000), st.floats(min_value=0, max_value=1, exclude_max=True))
def test_back_off_with_jitter_stays_within_a_fifth_below_and_never_above_the_cap(attempts, rand):
    delay = next_delay(attempts, rand=lambda: rand)
    assert timedelta(0) < delay <= BACKOFF_CAP
    assert delay >= next_delay(attempts, rand=lambda: 0.0) * 0.8 - timedelta(microseconds=1)
