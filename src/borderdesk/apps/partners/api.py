"""The partner agencies' API: a partner's account (its API token, ``Authorization: Bearer <token>``) reads the
referrals made to it, acknowledges them and takes custody of people handed over; a partner may instead acknowledge
by a signed callback. Narrow on purpose: a partner sees what was shared with it and nothing else."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from borderdesk.apps.partners.services import callbacks
from borderdesk.apps.partners.services.referrals import (
    acknowledge,
    referral_for_partner,
    referrals_for_partner,
    take_custody,
)

router = Router()


class ReferralOut(Schema):
    reference: str
    kind: str = Field(..., description="`referral` (for the partner to act on) or `handover` (of custody)")
    reason: str
    shared: dict[str, str] = Field(..., description="Exactly the data shared, field name to value")
    made_at: str
    post: str = Field(..., description="The code of the post that made it")
    state: str = Field(..., description="`made`, `acknowledged` or `custody_passed`")


class Page(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class AcknowledgementIn(Schema):
    officer: str = Field(..., max_length=200, description="The partner's officer, as they sign")
    partner_reference: str = Field("", max_length=100, description="The partner's own reference")


class CustodyIn(Schema):
    signature: str = Field(..., max_length=200, description="The name of the partner's officer taking custody")


@router.get("/referrals", response=list[ReferralOut], summary="The referrals made to your agency")
def list_referrals(request, page: Query[Page]):
    """Latest first, `limit` at a time. Each one returned is recorded as read by your agency."""
    return referrals_for_partner(request.user, limit=page.limit, offset=page.offset)


@router.get("/referrals/{reference}", response=ReferralOut, summary="One referral made to your agency")
def get_referral(request, reference: str):
    """`referral_not_found` (404) when no referral with this reference was made to your agency."""
    return referral_for_partner(request.user, reference)


@router.post("/referrals/{reference}/acknowledge", response=ReferralOut, summary="Acknowledge a referral")
def acknowledge_referral(request, reference: str, body: AcknowledgementIn):
    """Your officer acknowledges the referral, with your reference. Sending the same again answers as before;
    different data is `already_acknowledged` (409)."""
    return acknowledge(request.user, reference, officer=body.officer, partner_reference=body.partner_reference)


@router.post("/referrals/{reference}/custody", response=ReferralOut, summary="Take custody of a person handed over")
def take_referral_custody(request, reference: str, body: CustodyIn):
    """Your officer signs for the person: custody passes. Needs our officer's signature first
    (`handover_not_signed`, 409); `not_a_handover` (409) for a referral; the same signature again answers as
    before, another is `custody_already_passed` (409)."""
    return take_custody(request.user, reference, signature=body.signature)


@router.post("/callbacks", auth=None, response=ReferralOut, summary="A signed callback from a partner")
def callback(request):
    """Instead of a token: `X-Borderdesk-Partner` (your code), `X-Borderdesk-Timestamp` (unix seconds) and
    `X-Borderdesk-Signature: v1=<hex HMAC-SHA256 of "{timestamp}.{body}" with your webhook secret>`. The body:
    `{"event": "referral.acknowledge", "reference": ..., "officer": ..., "partner_reference": ...}`.
    Refused: `signature_missing` / `signature_malformed` (400), `signature_invalid` / `signature_expired` (401,
    more than 5 minutes from our clock), `signature_replayed` (409: the same signed request again)."""
    headers = request.headers
    return callbacks.receive(
        callbacks.Callback(
            partner=headers.get("X-Borderdesk-Partner", "").strip(),
            timestamp=headers.get("X-Borderdesk-Timestamp", "").strip(),
            signature=headers.get("X-Borderdesk-Signature", "").strip(),
            body=request.body,
        )
    )
