"""Referrals and hand-overs: made by our officers (exactly what is shared, fixed when made), read and signed on the
referral's page at its post; read, acknowledged and taken into custody by the partner they were made to."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import pk_of, service, the_post, the_post_code
from borderdesk.apps.partners.models import Alert, Partner, Referral, ReferralCounter, ReferralKind
from borderdesk.apps.partners.services.outbox import queue_alert
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.models import Traveller
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.partners import (
    SHAREABLE,
    PartnerProblem,
    check_partner_reference,
    check_referral,
    check_signature_name,
)

SOURCE_MAX = 60
LIST_MAX = 200
REFERRAL_NOT_FOUND = "No referral {reference} was made to you."


def _invalid(problem: PartnerProblem) -> Invalid:
    return Invalid(problem.message, code=problem.code, field=problem.field or None)


# --- Making a referral (our officers) ------------------------------------------------------------------------------


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
        raise _invalid(problem) from None
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
    key = f"referral.made:{referral.reference}"
    queue_alert(actor, to, "referral.made", referral_view(referral), key=key, referral=referral)
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


# --- The referral's page at its post (our officers) ----------------------------------------------------------------


def referral_post(reference, *_, **__) -> str:
    """For ``service(post=...)``: the post the referral was made at, read alone."""
    code = Referral.objects.filter(reference=str(reference)[:40]).values_list("post__code", flat=True).first()
    if code is None:
        raise NotFound(f"No referral {str(reference)[:40]}.", code="referral_not_found")
    return code


@dataclass(frozen=True)
class ReferralPage:
    referral: Referral
    shared: list[tuple[str, str, str]]  # field name, its label, the value shared
    alerts: list[Alert]


@service(Perm.PATROL_REFERRAL_MAKE, post=referral_post)
def referral_for_officer(actor, reference: str) -> ReferralPage:
    """The referral as made (what was shared, exactly), its state and its alerts' delivery log."""
    referral = Referral.objects.select_related("partner", "post", "made_by").get(reference=reference)
    record_access(
        actor, referral, purpose="referral to a partner agency", post_code=referral.post.code, detail=reference
    )
    shared = [(name, SHAREABLE.get(name, name), value) for name, value in referral.shared.items()]
    alerts = list(referral.alerts.prefetch_related("deliveries"))
    return ReferralPage(referral, shared, alerts)


@service(Perm.PATROL_REFERRAL_MAKE, post=the_post_code)
def referrals_at_post(actor, *, post_code: str) -> list[Referral]:
    """The post's latest referrals: reference, partner, kind and state (no personal data)."""
    rows = Referral.objects.filter(post__code=post_code).select_related("partner", "made_by")
    return list(rows.order_by("-made_at")[:LIST_MAX])


@service(Perm.PATROL_REFERRAL_MAKE, post=referral_post)
def sign_handover(actor, reference: str, *, signature: str) -> Referral:
    """The officer handing the person over signs; custody passes when the partner's officer signs too."""
    try:
        name = check_signature_name(signature, field="signature")
    except PartnerProblem as problem:
        raise _invalid(problem) from None
    referral = Referral.objects.select_for_update().get(reference=reference)
    if referral.kind != ReferralKind.HANDOVER:
        raise Conflict("This is a referral, not a hand-over: nobody is handed over.", code="not_a_handover")
    if referral.handed_over_by_signature:
        if referral.handed_over_by_signature == name:
            return referral
        raise Conflict(
            f"The hand-over is already signed by {referral.handed_over_by_signature}.", code="already_signed"
        )
    referral.handed_over_by_signature = name
    referral.save(update_fields=["handed_over_by_signature"])
    record_change(
        actor,
        AuditAction.PARTNERS_HANDOVER_SIGN,
        referral,
        new={"reference": reference, "signature": name},
        post_code=referral.post.code,
    )
    return referral


# --- The partner's side (its account's API tokens, or its signed callbacks) ----------------------------------------


class NotYours(PermissionDenied):
    """Another partner's referral: answered as if there were none (404), and recorded as a refusal."""

    status = 404


def partner_of(actor, as_partner: Partner | None = None) -> Partner:
    """The partner the actor acts for: a partner account's own partner; the system (a verified signed callback)
    names it in ``as_partner``."""
    user = user_of(actor)
    if user is None:
        if as_partner is None:
            raise TypeError("The system acts for a partner only when it names it.")
        return as_partner
    partner = Partner.objects.filter(account=user, is_active=True).first()
    if partner is None or (as_partner is not None and as_partner.pk != partner.pk):
        raise PermissionDenied(
            "This account acts for no active partner agency: ask the border agency's administrator.",
            code="no_partner",
            permission=Perm.PARTNER_REFERRAL_READ,
        )
    return partner


def _partners_referral(actor, partner: Partner, reference: str, *, lock: bool = False) -> Referral:
    rows = Referral.objects.select_related("post")
    referral = (rows.select_for_update(of=("self",)) if lock else rows).filter(reference=str(reference)[:40]).first()
    if referral is None:
        raise NotFound(REFERRAL_NOT_FOUND.format(reference=str(reference)[:40]), code="referral_not_found")
    if referral.partner_id != partner.pk:
        raise NotYours(
            REFERRAL_NOT_FOUND.format(reference=referral.reference),
            code="referral_not_found",
            permission=Perm.PARTNER_REFERRAL_READ,
        )
    return referral


def _partner_read(actor, referral: Referral, partner: Partner) -> None:
    record_access(
        actor,
        referral,
        purpose=f"read by partner agency {partner.code}",
        post_code=referral.post.code,
        detail=referral.reference,
    )


@service(Perm.PARTNER_REFERRAL_READ)
def referrals_for_partner(actor, *, limit: int = 50, offset: int = 0) -> list[dict]:
    """The referrals made to the actor's partner, latest first; each one shown is an access event."""
    partner = partner_of(actor)
    rows = Referral.objects.filter(partner=partner).select_related("post").order_by("-made_at", "-pk")
    found = list(rows[max(offset, 0) : max(offset, 0) + min(max(limit, 1), LIST_MAX)])
    for referral in found:
        _partner_read(actor, referral, partner)
    return [referral_view(referral) for referral in found]


@service(Perm.PARTNER_REFERRAL_READ)
def referral_for_partner(actor, reference: str) -> dict:
    partner = partner_of(actor)
    referral = _partners_referral(actor, partner, reference)
    _partner_read(actor, referral, partner)
    return referral_view(referral)


@service(Perm.PARTNER_REFERRAL_ACKNOWLEDGE)
def acknowledge(
    actor, reference: str, *, officer: str, partner_reference: str = "", as_partner: Partner | None = None
) -> dict:
    """The partner's officer acknowledges the referral, with the partner's own reference. The same again is
    answered as before; other data is ``already_acknowledged``."""
    try:
        name = check_signature_name(officer, field="officer")
        theirs = check_partner_reference(partner_reference)
    except PartnerProblem as problem:
        raise _invalid(problem) from None
    partner = partner_of(actor, as_partner)
    referral = _partners_referral(actor, partner, reference, lock=True)
    if referral.acknowledged_at:
        if (referral.acknowledged_by, referral.partner_reference) != (name, theirs):
            raise Conflict(
                f"{referral.reference} was acknowledged by {referral.acknowledged_by} already.",
                code="already_acknowledged",
            )
        return referral_view(referral)
    referral.acknowledged_at, referral.acknowledged_by, referral.partner_reference = timezone.now(), name, theirs
    referral.save(update_fields=["acknowledged_at", "acknowledged_by", "partner_reference"])
    record_change(
        actor,
        AuditAction.PARTNERS_REFERRAL_ACKNOWLEDGE,
        referral,
        new={"reference": referral.reference, "officer": name, "partner_reference": theirs, "partner": partner.code},
        post_code=referral.post.code,
    )
    return referral_view(referral)


@service(Perm.PARTNER_REFERRAL_ACKNOWLEDGE)
def take_custody(actor, reference: str, *, signature: str) -> dict:
    """The partner's officer signs for the person handed over: custody passes (once our officer has signed)."""
    try:
        name = check_signature_name(signature, field="signature")
    except PartnerProblem as problem:
        raise _invalid(problem) from None
    partner = partner_of(actor)
    referral = _partners_referral(actor, partner, reference, lock=True)
    if referral.kind != ReferralKind.HANDOVER:
        raise Conflict("This is a referral, not a hand-over: nobody is handed over.", code="not_a_handover")
    if referral.custody_passed_at:
        if referral.taken_by_signature != name:
            raise Conflict(f"Custody passed already, to {referral.taken_by_signature}.", code="custody_already_passed")
        return referral_view(referral)
    if not referral.handed_over_by_signature:
        raise Conflict(
            "The officer handing the person over has not signed yet: custody passes after they sign.",
            code="handover_not_signed",
        )
    referral.custody_passed_at, referral.taken_by_signature = timezone.now(), name
    referral.save(update_fields=["custody_passed_at", "taken_by_signature"])
    record_change(
        actor,
        AuditAction.PARTNERS_CUSTODY_TAKE,
        referral,
        new={
            "reference": referral.reference,
            "taken_by": name,
            "handed_over_by": referral.handed_over_by_signature,
            "partner": partner.code,
        },
        post_code=referral.post.code,
    )
    return referral_view(referral)
