"""Signed callbacks: a partner may acknowledge a referral by posting to ``/api/v1/partners/callbacks``, signed as
our webhooks are (HMAC-SHA256 with its secret over the timestamp and the body). A request not signed with the
partner's secret, or signed too long ago, or received before, is refused and changes nothing."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from borderdesk.apps.accounts.actors import SystemActor
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound
from borderdesk.apps.partners.models import CallbackSignature, Partner
from borderdesk.apps.partners.sealing import has_secret, webhook_secret
from borderdesk.apps.partners.services.referrals import NotYours, acknowledge
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.partners import TOLERANCE_SECONDS, SignatureProblem, verify

BODY_MAX = 16_384
EVENTS = ("referral.acknowledge",)


class SignatureRefused(BorderdeskError):
    """Not signed as it must be: 401 (400 when it is not signed at all, 409 when it is a replay)."""

    status = 401


@dataclass(frozen=True)
class Callback:
    partner: str
    timestamp: str
    signature: str
    body: bytes


def receive(callback: Callback) -> dict:
    """Check the signature, then act on the callback as the partner (the audit trail names the partner)."""
    partner = _verified(callback)
    data = _parsed(callback.body)
    actor = SystemActor(f"signed callback of partner {partner.code}")
    try:
        return acknowledge(
            actor,
            data["reference"],
            officer=data["officer"],
            partner_reference=data["partner_reference"],
            as_partner=partner,
        )
    except NotYours as refused:  # another partner's referral: recorded as a refusal of this partner, then 404
        record_change(
            actor,
            AuditAction.ACCESS_DENIED,
            post_code="",
            new={
                "method": "POST",
                "path": "signed callback",
                "permission": str(refused.permission),
                "post": "",
                "code": refused.code,
                "message": refused.message,
            },
        )
        raise NotFound(refused.message, code=refused.code) from None


def _verified(callback: Callback) -> Partner:
    if not (callback.partner and callback.timestamp and callback.signature):
        raise _refused(
            "Sign the callback: send X-Borderdesk-Partner, X-Borderdesk-Timestamp and X-Borderdesk-Signature.",
            "signature_missing",
            400,
        )
    if len(callback.body) > BODY_MAX:
        raise Invalid(f"A callback's body is at most {BODY_MAX} bytes.", code="body_too_large")
    partner = Partner.objects.filter(code=callback.partner[:40], is_active=True).first()
    if partner is None or not has_secret(partner):
        # Said as for a wrong signature: nobody learns which partner codes exist.
        raise _refused("The signature does not match the body and timestamp.", "signature_invalid")
    secret = webhook_secret(partner)
    try:
        verify(secret, callback.timestamp, callback.body, callback.signature, time.time(), seen=_replay_store(partner))
    except SignatureProblem as problem:
        status = {"signature_malformed": 400, "signature_replayed": 409}.get(problem.code, 401)
        raise _refused(problem.message, problem.code, status) from None
    return partner


def _replay_store(partner: Partner):
    """``seen(signature)`` for ``verify``: keeps the signature and says whether it was kept before. It is kept in a
    transaction of its own, so a signature used once is refused again even when the work it asked for failed.
    Signatures older than twice the tolerance are forgotten: their timestamps are refused as expired anyway."""

    def seen(signature: str) -> bool:
        now = timezone.now()
        with transaction.atomic():
            CallbackSignature.objects.filter(received_at__lt=now - timedelta(seconds=2 * TOLERANCE_SECONDS)).delete()
            try:
                with transaction.atomic():
                    CallbackSignature.objects.create(partner=partner, signature=signature, received_at=now)
            except IntegrityError:
                return True
        return False

    return seen


def _refused(message: str, code: str, status: int = 401) -> SignatureRefused:
    refused = SignatureRefused(message, code=code)
    refused.status = status
    return refused


def _parsed(body: bytes) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Invalid("The callback's body is not JSON.", code="invalid_json") from None
    if not isinstance(data, dict) or data.get("event") not in EVENTS:
        raise Invalid(f"The callback's event is one of: {', '.join(EVENTS)}.", code="event_invalid", field="event")
    values = {key: data.get(key, "") for key in ("reference", "officer", "partner_reference")}
    for key, value in values.items():
        if not isinstance(value, str):
            raise Invalid(f"{key} is text.", code="invalid_field", field=key)
    if not values["reference"]:
        raise Invalid("Name the referral: reference.", code="reference_required", field="reference")
    return values
