"""The heart of the asylum app: where a claim is worked (its post, the asylum unit), who may open it, opening it
(always with a reason: an access event; an emergency opening by someone not assigned alerts the auditors),
moving it through its states (only as ``core/casework/asylum`` allows, only from the version the officer saw), and
its timeline.

Who may open a claim: the asylum case officers assigned to it and the senior officers of its post. Another asylum
case officer of the post may open it in an emergency, with a reason. Everyone else, the booth included, learns only
that a protection claim is pending (services/protection.py).

Every service that reads or changes what a claim holds is a ``claim_service``: the permission at the claim's post
first (``service``), then a live opening by this user (``opening_required`` otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of, username_of
from borderdesk.apps.accounts.authz import allowed
from borderdesk.apps.asylum.models import Claim, ClaimAssignment, ClaimEvent, ClaimOpening
from borderdesk.apps.asylum.services import sealing
from borderdesk.apps.audit.services import raise_auditor_alert, record_access, record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import service
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import ClaimState, ClaimTransitionRefused, allowed_actions, next_state

READ = Perm.ASYLUM_CLAIM_READ
WORK = Perm.ASYLUM_CLAIM_DECIDE
SENIOR = Perm.ASYLUM_DECISION_APPROVE
MAKE = Perm.ASYLUM_CLAIM_MAKE
OPEN = (READ, SENIOR)  # who may ask to open a claim at its post (the assignment is checked after)
REFERENCE_PREFIX = "PC"

PURPOSES = {
    "casework": "Work on the claim (registration, interview, assessment)",
    "review": "Senior review of a decision",
    "appeal": "Appeal or court proceedings",
    "supervision": "Supervision or assignment",
    "emergency": "Emergency (not assigned to the claim)",
}
REASON_MIN, REASON_MAX = 10, 300


# --- Where a claim is worked -----------------------------------------------------------------------------------


def _lookup(claim):
    if isinstance(claim, Claim):
        return Claim.objects.filter(pk=claim.pk)
    text = str(claim).strip().upper()
    if text.isdigit():
        return Claim.objects.filter(pk=int(text))
    return Claim.objects.filter(reference=text[:40])


def claim_post(claim, *_, **__) -> str:
    """For ``service(post=...)``: the code of the asylum unit working a claim (a record, its id or reference),
    read alone; ``claim_not_found`` when there is none."""
    code = _lookup(claim).values_list("post__code", flat=True).first()
    if code is None:
        raise _not_found(claim)
    return code


def load(claim, *, for_update: bool = False) -> Claim:
    """The claim again from the database (a record, its id or its reference): only its id is trusted."""
    rows = _lookup(claim).select_related("post", "made_at_post", "claimant", "principal")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    found = rows.first()
    if found is None:
        raise _not_found(claim)
    return found


def _not_found(claim) -> NotFound:
    return NotFound(f"No protection claim {str(claim)[:40]} is on record.", code="claim_not_found")


def unit_service(perms):
    """``service(perms, post=claim_post)`` that answers the same whether a claim does not exist or is worked by a
    unit the actor is not part of (``claim_not_open_to_you``, a refusal the audit trail records): guessing references
    or ids tells an outsider nothing, not even which unit works a claim. Use it for every service on one claim."""

    def decorator(function):
        guarded = service(perms, post=claim_post)(function)

        @wraps(function)
        def wrapper(actor, claim, *args, **kwargs):
            try:
                return guarded(actor, claim, *args, **kwargs)
            except (NotFound, PermissionDenied) as exc:
                if exc.code not in _OUTSIDE:
                    raise
                raise PermissionDenied(
                    f"No protection claim {str(claim)[:40]} is open to you: there is none of that reference, or it "
                    "is worked by an asylum unit you are not part of.",
                    code="claim_not_open_to_you",
                    permission=perms if isinstance(perms, Perm) else perms[0],
                    post=getattr(exc, "post", None),
                ) from None

        wrapper.permission = perms  # type: ignore[attr-defined]
        return wrapper

    return decorator


# What the service boundary answers an outsider (no such claim; not the actor's unit; not the actor's role there).
_OUTSIDE = {"claim_not_found", "not_your_post", "permission_denied"}


# --- Who may open it -------------------------------------------------------------------------------------------


def is_assigned(actor, claim: Claim) -> bool:
    user = user_of(actor)
    return user is not None and ClaimAssignment.objects.filter(claim=claim, officer=user, ended_at=None).exists()


def standing(actor, claim: Claim) -> str | None:
    """Why ``actor`` may open ``claim``: ``senior`` (a senior officer of its post), ``assigned``, ``emergency``
    (an asylum case officer of its post not assigned: only in an emergency, with a reason), or None."""
    post = claim.post.code
    if allowed(actor, SENIOR, post):
        return "senior"
    if allowed(actor, READ, post):
        return "assigned" if is_assigned(actor, claim) else "emergency"
    return None


@dataclass(frozen=True)
class Gate:
    """What the claim's page shows before it is opened: nothing personal."""

    reference: str
    post_name: str
    standing: str
    opening: ClaimOpening | None


@unit_service(OPEN)
def gate(actor, claim) -> Gate:
    """Whether ``actor`` has the claim open now (and may ask to open it): reads nothing of the claim but where it
    is worked."""
    record = load(claim)
    return Gate(record.reference, record.post.name, standing(actor, record) or "", live_opening(actor, record))


def live_opening(actor, claim: Claim) -> ClaimOpening | None:
    user = user_of(actor)
    if user is None:
        return None
    return (
        ClaimOpening.objects.filter(claim=claim, user=user, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )


@unit_service(OPEN)
def open_claim(actor, claim, *, purpose: str, reason: str, emergency: bool = False) -> ClaimOpening:
    """Open a claim for ``BORDERDESK_ASYLUM_OPENING_MINUTES``: the reason is an access event. Someone not
    assigned opens it only as an emergency, which the audit trail records as a change and an auditor is alerted to
    at once."""
    record = load(claim)
    reason = " ".join(str(reason or "").split())
    if purpose not in PURPOSES:
        raise Invalid(
            f"Say why you open the claim: one of {', '.join(PURPOSES)}.", code="purpose_required", field="purpose"
        )
    if len(reason) < REASON_MIN:
        raise Invalid(
            f"Give the reason you open this claim, in at least {REASON_MIN} characters: it is kept in the audit trail.",
            code="reason_required",
            field="reason",
        )
    if len(reason) > REASON_MAX:
        raise Invalid(f"The reason is at most {REASON_MAX} characters.", code="reason_too_long", field="reason")
    why = standing(actor, record)
    emergency = emergency or purpose == "emergency"
    if why == "emergency" and not emergency:
        raise PermissionDenied(
            "You are not assigned to this claim. Ask the senior officer of the asylum unit to assign you, or open it "
            "as an emergency: an auditor is told at once.",
            code="not_assigned",
            permission=READ,
            post=record.post.code,
        )
    purpose = "emergency" if why == "emergency" else purpose
    live = live_opening(actor, record)
    if live is not None and (live.purpose, live.reason) == (purpose, reason):
        return live  # the same form sent again (a double click, a reload): one opening, one alert
    now = timezone.now()
    opening = ClaimOpening.objects.create(
        claim=record,
        user=user_of(actor),
        purpose=purpose,
        reason=reason,
        emergency=why == "emergency",
        opened_at=now,
        expires_at=now + timedelta(minutes=settings.BORDERDESK_ASYLUM_OPENING_MINUTES),
    )
    record_access(actor, record, purpose=f"asylum_{opening.purpose}", detail=reason, post_code=record.post.code)
    if opening.emergency:
        # The reason is the access event's; the change and the alert say what happened, never free text.
        record_change(
            actor,
            AuditAction.ASYLUM_CLAIM_EMERGENCY_OPEN,
            record,
            new={"emergency": True, "opening": opening.pk},
            post_code=record.post.code,
        )
        raise_auditor_alert(
            "asylum_emergency_opening",
            f"{username_of(actor)} opened protection claim {record.reference} in an emergency, not assigned to it "
            "(the reason is in the reads of personal records)",
            actor=actor,
            instance=record,
            post_code=record.post.code,
        )
    return opening


def require_opening(actor, claim: Claim) -> ClaimOpening:
    """The user's live opening of ``claim``, or ``opening_required``: the page then asks the reason again."""
    opening = live_opening(actor, claim)
    if opening is None or standing(actor, claim) is None:
        raise PermissionDenied(
            f"Open claim {claim.reference} first, saying why: every opening is kept in the audit trail.",
            code="opening_required",
            permission=READ,
            post=claim.post.code,
        )
    if not opening.emergency and standing(actor, claim) == "emergency":  # assignment ended since it was opened
        raise PermissionDenied(
            "You are no longer assigned to this claim.", code="not_assigned", permission=READ, post=claim.post.code
        )
    return opening


def claim_service(perms=OPEN):
    """``unit_service(perms)`` that also needs the actor's live opening of the claim (its second
    argument: a record, id or reference). The wrapped function gets the claim as it was passed."""

    def decorator(function):
        @unit_service(perms)
        @wraps(function)
        def wrapper(actor, claim, *args, **kwargs):
            require_opening(actor, load(claim))
            return function(actor, claim, *args, **kwargs)

        return wrapper

    return decorator


# --- The timeline, versions and moves -----------------------------------------------------------------------------


def add_event(
    claim: Claim, actor, kind: str, *, action: str = "", text: str = "", sealed_note: str = "", **details
) -> ClaimEvent:
    """A line of the timeline: ``text`` and ``details`` say what happened (nothing of the claimant's account);
    ``sealed_note``, free text an officer wrote about the claim, is sealed (opened as the event's ``note``)."""
    event = ClaimEvent.objects.create(
        claim=claim,
        at=timezone.now(),
        actor=user_of(actor),
        actor_name=username_of(actor),
        kind=kind,
        action=action,
        from_state=details.pop("from_state", ""),
        to_state=details.pop("to_state", ""),
        text=text,
        details=details,
    )
    if sealed_note:
        event.note_key, event.note_sealed = sealing.seal_text(event, "note", sealed_note)
        event.save(update_fields=["note_key", "note_sealed"])
    return event


def check_version(claim: Claim, version) -> None:
    """Two officers, one claim: a change made from an older view is refused, not merged."""
    if version is None:
        return
    try:
        seen = int(version)
    except (TypeError, ValueError):
        raise Invalid("The claim's version is a number.", code="invalid_version", field="version") from None
    if seen != claim.version:
        raise Conflict(
            f"Claim {claim.reference} was changed by someone else since you opened it (version {seen}, now "
            f"{claim.version}). Reload it to see what changed; nothing of yours was saved.",
            code="claim_changed",
            field="version",
        )


def bump(claim: Claim) -> None:
    """Save ``claim`` with its version raised (every change does)."""
    claim.version = F("version") + 1
    claim.save()
    claim.refresh_from_db(fields=["version"])


def move(
    claim: Claim,
    actor,
    action: str,
    *,
    text: str = "",
    sealed_note: str = "",
    audit: AuditAction | None = None,
    **details,
) -> Claim:
    """Apply ``action`` to a locked claim: the next state or ``transition_not_allowed`` with the allowed actions;
    the version raised, the timeline and audit written."""
    before = ClaimState(claim.state)
    try:
        after = next_state(before, action)
    except ClaimTransitionRefused as refused:
        raise Invalid(str(refused), code=refused.code, field="action") from None
    claim.state = after.value
    bump(claim)
    add_event(
        claim,
        actor,
        "transition",
        action=str(action),
        text=text,
        sealed_note=sealed_note,
        from_state=before.value,
        to_state=after.value,
        **details,
    )
    record_change(
        actor,
        audit or AuditAction.ASYLUM_CLAIM_TRANSITION,
        claim,
        old={"state": before.value},
        new={"state": after.value, "action": str(action)},
        post_code=claim.post.code,
    )
    return claim


def actions_now(claim: Claim) -> list[str]:
    return [action.value for action in allowed_actions(claim.state)]


# --- Assignment ---------------------------------------------------------------------------------------------------


def _assign(claim: Claim, actor, officer) -> ClaimAssignment:
    if not allowed(officer, WORK, claim.post.code):
        raise Invalid(
            f"{username_of(officer)} is not an asylum case officer of {claim.post.code}.",
            code="not_an_asylum_officer",
            field="officer",
        )
    existing = ClaimAssignment.objects.filter(claim=claim, officer=user_of(officer), ended_at=None).first()
    if existing is not None:
        return existing
    assignment = ClaimAssignment.objects.create(
        claim=claim, officer=user_of(officer), assigned_by=user_of(actor), assigned_at=timezone.now()
    )
    add_event(claim, actor, "assigned", text=username_of(officer))
    record_change(
        actor, AuditAction.ASYLUM_CLAIM_ASSIGN, claim, new={"officer": username_of(officer)}, post_code=claim.post.code
    )
    return assignment


@unit_service(SENIOR)
def assign(actor, claim, officer) -> ClaimAssignment:
    """A senior officer of the unit assigns an asylum case officer of the unit to a claim."""
    return _assign(load(claim, for_update=True), actor, officer)


@unit_service(SENIOR)
def unassign(actor, claim, officer) -> None:
    record = load(claim, for_update=True)
    ended = ClaimAssignment.objects.filter(claim=record, officer=user_of(officer), ended_at=None).update(
        ended_at=timezone.now()
    )
    if ended:
        add_event(record, actor, "unassigned", text=username_of(officer))
        record_change(
            actor,
            AuditAction.ASYLUM_CLAIM_ASSIGN,
            record,
            old={"officer": username_of(officer)},
            new={"officer": None},
            post_code=record.post.code,
        )


@unit_service(WORK)
def take(actor, claim) -> ClaimAssignment:
    """An asylum case officer of the unit takes a claim nobody is assigned to yet (to register it)."""
    record = load(claim, for_update=True)
    if ClaimAssignment.objects.filter(claim=record, ended_at=None).exists():
        raise Conflict(
            f"Claim {record.reference} already has an officer: ask the senior officer to assign you.",
            code="claim_already_assigned",
        )
    return _assign(record, actor, actor)


# --- Reading a claim ----------------------------------------------------------------------------------------------


@dataclass
class ClaimRecord:
    """What a claim's page shows in common; each part's panel adds its own (views/claim.py PANELS)."""

    claim: Claim
    opening: ClaimOpening
    standing: str
    household: list[Claim]
    officers: list[str]
    events: list[ClaimEvent]
    actions: list[str]

    @property
    def may_work(self) -> bool:
        return self.standing in {"assigned", "emergency"}

    @property
    def is_senior(self) -> bool:
        return self.standing == "senior"


@claim_service()
def view_claim(actor, claim) -> ClaimRecord:
    """The opened claim: its facts, household, officers and timeline (the opening itself was the access event)."""
    record = load(claim)
    head = record.principal or record
    household = [head, *head.household.select_related("claimant").order_by("id")]
    officers = list(
        ClaimAssignment.objects.filter(claim=record, ended_at=None)
        .order_by("assigned_at")
        .values_list("officer__username", flat=True)
    )
    return ClaimRecord(
        claim=record,
        opening=require_opening(actor, record),
        standing=standing(actor, record) or "",
        household=[member for member in household if member.pk != record.pk],
        officers=officers,
        events=_with_notes(record.events.order_by("at", "id")),
        actions=actions_now(record),
    )


def _with_notes(events) -> list[ClaimEvent]:
    """The timeline with each sealed note opened (as ``note``) for the claim's page."""
    opened = list(events)
    for event in opened:
        event.note = sealing.unseal_text(event, "note", event.note_sealed, event.note_key)
    return opened
