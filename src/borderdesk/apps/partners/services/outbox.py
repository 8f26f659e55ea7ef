"""The alerts' outbox: an alert is queued in the transaction of the work that causes it, and the worker
(``deliver_due``, run by ``borderdesk partners deliver``) posts it to the partner's webhook, signed, until the partner
accepts it. Every attempt is a ``Delivery`` row; an alert is never deleted, and one that fails is tried again after
a back-off (``core.partners.next_delay``).

Two workers never send one alert at the same time: each claims its next alert in a short transaction (the row
locked, ``skip_locked`` on PostgreSQL, so a second worker passes over it) by moving its next attempt past the time
a send can take, then sends with no transaction open, then records the outcome. A worker stopped while sending
leaves the alert to be claimed again when that time is over: the partner may receive it twice, and tells by the
``X-Borderdesk-Delivery`` header that it is the same."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.common.services import service
from borderdesk.apps.partners.models import Alert, AlertState, Delivery, Partner, Referral
from borderdesk.apps.partners.sealing import webhook_secret
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.partners import next_delay, sign

TIMEOUT_SECONDS = 5.0
ERROR_MAX = 300


def queue_alert(
    actor, partner: Partner, event: str, payload: dict, *, key: str, referral: Referral | None = None
) -> Alert:
    """An alert in the outbox, due now, in the caller's transaction (the work and its alert are stored together or
    not at all). The same ``key`` queues it once: a second call returns the first."""
    alert, made = Alert.objects.get_or_create(
        idempotency_key=key,
        defaults=dict(
            partner=partner,
            event=event,
            payload=payload,
            referral=referral,
            state=AlertState.PENDING,
            next_attempt_at=timezone.now(),
        ),
    )
    if made:
        record_change(
            actor,
            AuditAction.PARTNERS_ALERT_QUEUE,
            alert,
            new={"partner": partner.code, "event": event, "key": key},
            post_code=payload.get("post") or None,
        )
    return alert


def alert_body(alert: Alert) -> bytes:
    """What is posted: the event, the delivery's key, when it was queued, and the alert's data."""
    envelope = {
        "event": alert.event,
        "delivery": alert.idempotency_key,
        "created_at": alert.created_at.isoformat(),
        "data": alert.payload,
    }
    return json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Attempt:
    alert: int
    partner: str
    event: str
    delivered: bool
    status_code: int | None
    error: str
    next_attempt_at: str | None


@dataclass
class DeliveryReport:
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def delivered(self) -> int:
        return sum(1 for attempt in self.attempts if attempt.delivered)

    @property
    def failed(self) -> int:
        return len(self.attempts) - self.delivered

    def as_dict(self) -> dict:
        return {
            "attempted": len(self.attempts),
            "delivered": self.delivered,
            "failed": self.failed,
            "attempts": [asdict(attempt) for attempt in self.attempts],
        }


def _sendable() -> Q:
    """Alerts the worker can send: waiting, to an active partner with a webhook address and a secret. The others
    wait, kept, until the partner has them (or reads the referral through its API)."""
    return (
        Q(state__in=(AlertState.PENDING, AlertState.FAILING))
        & Q(partner__is_active=True)
        & ~Q(partner__webhook_url="")
        & ~Q(partner__webhook_key_id="")
    )


def due_count(now: datetime) -> int:
    return Alert.objects.filter(_sendable(), next_attempt_at__lte=now).count()


@service(Perm.ADMIN_PARTNER_MANAGE, atomic=False)
def deliver_due(
    actor,
    *,
    now: datetime | None = None,
    limit: int = 100,
    timeout: float = TIMEOUT_SECONDS,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> DeliveryReport:
    """Send up to ``limit`` alerts due at ``now``, one at a time, each in its own claim and record."""
    now = now or timezone.now()
    report = DeliveryReport()
    total = min(due_count(now), limit)
    while len(report.attempts) < limit:
        alert = _claim_next(now, lease=timedelta(seconds=timeout * 2 + 30))
        if alert is None:
            break
        report.attempts.append(_deliver(alert, now, timeout))
        if progress:
            progress("sending", len(report.attempts), max(total, len(report.attempts)))
    return report


def _claim_next(now: datetime, *, lease: timedelta) -> Alert | None:
    with transaction.atomic():
        due = Alert.objects.select_for_update(skip_locked=True, of=("self",)).filter(
            _sendable(), next_attempt_at__lte=now
        )
        alert = due.select_related("partner").order_by("next_attempt_at", "pk").first()
        if alert is not None:
            Alert.objects.filter(pk=alert.pk).update(next_attempt_at=now + lease)
    return alert


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer other than 2xx: a failed attempt, tried again later


_opener = urllib.request.build_opener(_NoRedirects)


def _deliver(alert: Alert, now: datetime, timeout: float) -> Attempt:
    started = time.monotonic()
    try:
        status, error = _post(alert, timeout)
    except Conflict as exc:  # the secret does not open: nothing can be sent until an administrator sets one
        status, error = None, exc.code
    duration = int((time.monotonic() - started) * 1000)
    return _record(alert.pk, now, status, error, duration)


def _post(alert: Alert, timeout: float) -> tuple[int | None, str]:
    body = alert_body(alert)
    timestamp = int(time.time())
    request = urllib.request.Request(
        alert.partner.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Borderdesk-Webhook/1",
            "X-Borderdesk-Event": alert.event,
            "X-Borderdesk-Delivery": alert.idempotency_key,
            "X-Borderdesk-Timestamp": str(timestamp),
            "X-Borderdesk-Signature": sign(webhook_secret(alert.partner), timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, "" if 200 <= response.status < 300 else f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, f"HTTP {exc.code} {exc.reason}"[:ERROR_MAX]
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return None, f"timed out after {timeout:g} s"
        return None, f"not reached: {reason}"[:ERROR_MAX]
    except TimeoutError:
        return None, f"timed out after {timeout:g} s"
    except (OSError, ValueError) as exc:  # a connection dropped mid-answer, an address that is not a URL
        return None, f"failed: {type(exc).__name__}: {exc}"[:ERROR_MAX]


def _record(alert_id: int, now: datetime, status: int | None, error: str, duration_ms: int) -> Attempt:
    with transaction.atomic():
        alert = Alert.objects.select_for_update().select_related("partner").get(pk=alert_id)
        Delivery.objects.create(
            alert=alert, attempted_at=timezone.now(), status_code=status, error=error, duration_ms=duration_ms
        )
        alert.attempts += 1
        delivered = status is not None and 200 <= status < 300
        if delivered:
            alert.state, alert.delivered_at, alert.last_error = AlertState.DELIVERED, timezone.now(), ""
        else:
            alert.state, alert.last_error = AlertState.FAILING, error
            alert.next_attempt_at = now + next_delay(alert.attempts)
        alert.save(update_fields=["attempts", "state", "delivered_at", "last_error", "next_attempt_at"])
    return Attempt(
        alert=alert.pk,
        partner=alert.partner.code,
        event=alert.event,
        delivered=delivered,
        status_code=status,
        error=error,
        next_attempt_at=None if delivered else alert.next_attempt_at.isoformat(),
    )
