"""Signed webhooks: how an alert's body is signed, how a receiver checks it, and when a failed delivery is tried
again.

The signature is ``v1=`` and the hex HMAC-SHA256, under the partner's secret, of ``f"{timestamp}.{body}"``: the
timestamp (unix seconds) is signed with the body, so a captured request cannot be sent again later with a new
time, and a receiver refuses one whose time is too far from its own clock or whose signature it has seen."""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Callable
from datetime import timedelta

SCHEME = "v1"
TOLERANCE_SECONDS = 300
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)


class SignatureProblem(ValueError):
    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def sign(secret: bytes, timestamp: int, body: bytes) -> str:
    """The ``X-Borderdesk-Signature`` header's value for ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret, str(int(timestamp)).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"{SCHEME}={digest}"


def verify(
    secret: bytes,
    timestamp: object,
    body: bytes,
    signature: str,
    now: float,
    tolerance: int = TOLERANCE_SECONDS,
    seen: Callable[[str], bool] | None = None,
) -> None:
    """Check a signed request, or raise a ``SignatureProblem``: ``signature_malformed`` (no usable timestamp or
    signature), ``signature_expired`` (the timestamp more than ``tolerance`` seconds from ``now``),
    ``signature_invalid`` (not signed with ``secret``), ``signature_replayed`` (``seen(signature)`` says it was
    used before: it records the signature and answers whether it already had it).

    The replay check comes last, so that a forged or stale request never fills the replay store."""
    try:
        sent = int(str(timestamp).strip())
    except (TypeError, ValueError):
        raise SignatureProblem("The timestamp is not a number of seconds.", code="signature_malformed") from None
    if not isinstance(signature, str) or not signature.startswith(f"{SCHEME}=") or len(signature) > 200:
        raise SignatureProblem(f"The signature is not {SCHEME}=<hex>.", code="signature_malformed")
    if abs(now - sent) > tolerance:
        raise SignatureProblem(
            f"The timestamp is more than {tolerance} seconds from now: sign the request again.",
            code="signature_expired",
        )
    if not hmac.compare_digest(sign(secret, sent, body), signature):
        raise SignatureProblem("The signature does not match the body and timestamp.", code="signature_invalid")
    if seen is not None and seen(signature):
        raise SignatureProblem("This signed request was received before.", code="signature_replayed")


def next_delay(attempts: int, *, rand: Callable[[], float] = random.random) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt: doubling from ``BACKOFF_FIRST``, capped at
    ``BACKOFF_CAP``, with up to a fifth taken off at random so that many alerts failing together do not all come
    back at the same moment."""
    exponent = min(max(attempts, 1) - 1, 20)
    delay = min(BACKOFF_FIRST * (2**exponent), BACKOFF_CAP)
    return delay * (1 - 0.2 * rand())
