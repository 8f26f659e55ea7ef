"""Partner agencies: referrals and hand-overs made to them (exactly what is shared, fixed when made) and the
alerts queued for them, which the outbox delivers by signed webhook and never loses."""

from __future__ import annotations

from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Invalid, NotFound
from borderdesk.apps.common.services import pk_of, service, the_post
from borderdesk.apps.partners.models import Alert, AlertState, Partner, Referral, ReferralCounter
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.models import Traveller
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.partners import SHAREABLE, PartnerProblem, check_referral

__all__ = ["SHAREABLE", "partners_for_referral", "refer"]

SOURCE_MAX = 60


def partners_for_referral() -> list[Partner]:
    """The active partners an officer may refer to (for the officer's form)."""
    return list(Partner.objects.filter(is_active=True))


@service(Perm.PATROL_REFERRAL_MAKE, post=the_post)
def refer(
    actor, *, post: Post, partner, kind: str, reason: str, shared: dict, traveller=None, source: str = ""
) -> Referral:
    """Refer a person or a matter to ``partner``, or hand a person over: ``shared`` is exactly what the partner
    will see (field names from ``SHAREABLE``). The partner is alerted by signed webhook."""
    try:
        draft = check_referral(kind, reason, shared)
    except PartnerProblem as problem:
        raise Invalid(problem.message, code=problem.code, field=problem.field or None) from None
    source = str(source or "").strip()
    if len(source) > SOURCE_MAX:
        raise Invalid(f"The source is at most {SOURCE_MAX} characters.", code="source_too_long", field="source")
    to = _active_partner(partner)
    person = None
    if traveller is not None:
        person = Traveller.objects.filter(pk=pk_of(traveller, field="traveller")).first()
        if person is None:
            raise NotFound("No such person record.", code="traveller_not_found")
    referral = Referral.objects.create(
        reference=_next_reference(post),
        kind=draft.kind,
        partner=to,
        post=post,
        traveller=person,
        source=source,
        reason=draft.reason,
        shared=draft.shared,
        made_by=actor,
    )
    record_change(
        actor,
        AuditAction.PARTNERS_REFERRAL_MAKE,
        referral,
        new={
            "reference": referral.reference,
            "kind": referral.kind,
            "partner": to.code,
            "fields_shared": sorted(draft.shared),
            "traveller": person.pk if person else None,
            "source": source,
        },
        post_code=post.code,
    )
    queue_alert(
        to, "referral.made", referral_view(referral), key=f"referral.made:{referral.reference}", referral=referral
    )
    return referral


def referral_view(referral: Referral) -> dict:
    """What a partner sees of a referral (its alert, its API): never where it came from, nor anything else."""
    return {
        "reference": referral.reference,
        "kind": referral.kind,
        "reason": referral.reason,
        "shared": referral.shared,
        "made_at": referral.made_at.isoformat(),
        "post": referral.post.code,
        "state": referral_state(referral),
    }


def referral_state(referral: Referral) -> str:
    if referral.custody_passed_at:
        return "custody_passed"
    if referral.acknowledged_at:
        return "acknowledged"
    return "made"


def queue_alert(partner: Partner, event: str, payload: dict, *, key: str, referral: Referral | None = None) -> Alert:
    """An alert in the outbox, due now; the same ``key`` queues it once (a second call returns the first)."""
    alert, _ = Alert.objects.get_or_create(
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
    return alert


def _active_partner(partner) -> Partner:
    found = Partner.objects.filter(pk=pk_of(partner, field="partner")).first()
    if found is None:
        raise NotFound("No such partner agency.", code="partner_not_found")
    if not found.is_active:
        raise Invalid(f"{found.name} no longer takes referrals.", code="partner_inactive", field="partner")
    return found


def _next_reference(post: Post) -> str:
    """``REF-UTPSN-2026-000001``: the post, the year on its clock, the next number of that post's year."""
    year = post.local_date().year
    ReferralCounter.objects.get_or_create(post=post, year=year)
    counter = ReferralCounter.objects.select_for_update().get(post=post, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"REF-{post.code}-{year}-{counter.last:06d}"
