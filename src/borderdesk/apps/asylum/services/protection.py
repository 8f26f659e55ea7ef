"""Non-refoulement at the border: whether a traveller's protection claim forbids refusing or removing them, what the
border may be told about it (that a claim is pending, or that protection was granted, and the unit to contact:
nothing else), and the block itself.

These are plain functions for other apps' services, which have already checked their own permission: they read
only the claim's state and dates, never its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import wraps

from django.utils import timezone

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.common.services import atomic_block
from borderdesk.apps.travellers.services import one_person
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import Outcome, protects

PENDING, GRANTED = "pending", "granted"


def _protecting_claim(traveller_id: int, on: date) -> Claim | None:
    """The traveller's claim that protects them on ``on`` (a granted one first), if any."""
    claims = (
        Claim.objects.filter(one_person(traveller_id, "claimant")).select_related("post").order_by("-made_at", "-id")
    )
    protecting = [c for c in claims if protects(c.state, c.outcome or None, c.appeal_until, on)]
    granted = [c for c in protecting if c.outcome and Outcome(c.outcome).grants_protection]
    return (granted or protecting or [None])[0]


def protection_status(traveller_id: int, on: date | None = None) -> str | None:
    """``granted`` (holds international protection), ``pending`` (a claim protects them) or None."""
    claim = _protecting_claim(int(traveller_id), on or timezone.localdate())
    if claim is None:
        return None
    return GRANTED if claim.outcome and Outcome(claim.outcome).grants_protection else PENDING


@dataclass(frozen=True)
class Notice:
    """All the border learns of a claim."""

    status: str
    unit_name: str

    @property
    def text(self) -> str:
        if self.status == GRANTED:
            return f"This person holds international protection: contact the asylum unit ({self.unit_name})."
        return f"A protection claim is pending: contact the asylum unit ({self.unit_name})."


def protection_notice(traveller_id: int, on: date | None = None) -> Notice | None:
    claim = _protecting_claim(int(traveller_id), on or timezone.localdate())
    if claim is None:
        return None
    status = GRANTED if claim.outcome and Outcome(claim.outcome).grants_protection else PENDING
    return Notice(status, claim.post.name)


class ProtectionBlocked(Conflict):
    """A refusal or removal of a person whom a protection claim protects."""

    def __init__(self, notice: Notice, *, what: str, traveller_id: int, post_code: str, record=None):
        super().__init__(
            f"{what.capitalize()} is not possible: {notice.text[0].lower()}{notice.text[1:]} Non-refoulement: "
            "the person may be admitted to the asylum procedure, or referred.",
            code="protection_claim_pending",
        )
        self.what, self.traveller_id, self.post_code, self.record = what, traveller_id, post_code, record


def refuse_unless_protected(traveller_id: int, *, what: str, post_code: str, record=None, on: date | None = None):
    """Raise ``ProtectionBlocked`` (code ``protection_claim_pending``) when a claim protects the traveller."""
    notice = protection_notice(traveller_id, on)
    if notice is not None:
        raise ProtectionBlocked(notice, what=what, traveller_id=traveller_id, post_code=post_code, record=record)


def audits_protection_blocks(function):
    """Around a service: a refusal or removal it blocked is kept in the audit trail
    (``INSPECTION_PROTECTION_BLOCK``), written after the service's own transaction has been undone."""

    @wraps(function)
    def wrapper(actor, *args, **kwargs):
        try:
            return function(actor, *args, **kwargs)
        except ProtectionBlocked as blocked:
            with atomic_block():
                record_change(
                    actor,
                    AuditAction.INSPECTION_PROTECTION_BLOCK,
                    blocked.record,
                    new={"blocked": blocked.what, "traveller": blocked.traveller_id},
                    post_code=blocked.post_code,
                )
            raise

    return wrapper
