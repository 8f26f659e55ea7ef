"""Who opened a claim: for its assigned officers and the unit's senior officers, each opening (who, when, until
when, purpose, reason, whether an emergency) and every other read of the claim the audit trail holds. An officer who
opened the claim in an emergency does not see who else did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from borderdesk.apps.asylum.models import ClaimOpening
from borderdesk.apps.asylum.services.claims import PURPOSES, claim_service, load, standing
from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.audit.services import object_ref
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.core.access import Perm

SHOWN = 200  # the latest openings and reads shown on the page (the audit trail holds them all)
SEES_THE_LOG = {"senior", "assigned"}
OPENING_PURPOSES = {f"asylum_{purpose}" for purpose in PURPOSES}


@dataclass(frozen=True)
class Access:
    at: datetime
    who: str
    purpose: str
    reason: str
    emergency: bool = False
    until: datetime | None = None


@claim_service()
def access_log(actor, claim) -> list[Access]:
    """The claim's openings and other reads, newest first."""
    record = load(claim)
    if standing(actor, record) not in SEES_THE_LOG:
        raise PermissionDenied(
            "Only the officers assigned to the claim and the unit's senior officers see who opened it.",
            code="access_log_restricted",
            permission=Perm.ASYLUM_CLAIM_READ,
            post=record.post.code,
        )
    openings = [
        Access(o.opened_at, o.user.username, PURPOSES.get(o.purpose, o.purpose), o.reason, o.emergency, o.expires_at)
        for o in ClaimOpening.objects.filter(claim=record).select_related("user").order_by("-opened_at", "-id")[:SHOWN]
    ]
    object_type, object_id = object_ref(record)
    reads = [
        Access(event.occurred_at, event.actor_username, event.purpose, event.detail)
        for event in AccessEvent.objects.filter(object_type=object_type, object_id=object_id)
        .exclude(purpose__in=OPENING_PURPOSES)
        .order_by("-seq")[:SHOWN]
    ]
    return sorted(openings + reads, key=lambda access: access.at, reverse=True)[:SHOWN]
