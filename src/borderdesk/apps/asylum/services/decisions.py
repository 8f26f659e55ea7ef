"""Deciding a claim: the case officer's assessment ends in a proposal (an outcome and its reasons, sealed), and
nothing takes effect until a senior officer of the unit, not the proposer, reviews it: approving it (the outcome
set, the appeal period opened for a negative one, a residence permit issued on recognition) or returning it for
more assessment with a note.

The review is the only way an outcome is set (the appeal's result apart, recorded from the court's judgment):
``guard_outcome`` refuses, with ``decision_needs_review``, any other save of a claim that changes its outcome or
makes it decided.
"""

from __future__ import annotations

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.asylum.models import Claim, Interview
from borderdesk.apps.asylum.services import claims, sealing
from borderdesk.apps.asylum.services.claims import SENIOR, WORK, check_version, claim_service, load
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import ClaimAction, ClaimState, Outcome, appeal_until

REASONS_MAX = 20_000
NOTE_MAX = 1_000
DECIDED_BY = "_decided_by"  # set on a claim by the review or the appeal's result just before they save it


# --- The one way an outcome is set --------------------------------------------------------------------------------


@receiver(pre_save, sender=Claim, dispatch_uid="asylum_decision_needs_review")
def guard_outcome(sender, instance: Claim, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        if not raw and (instance.outcome or instance.state == ClaimState.DECIDED):
            raise _needs_review()
        return
    stored = Claim.objects.filter(pk=instance.pk).values("outcome", "state").first()
    if stored is None:
        return
    becomes_decided = instance.state == ClaimState.DECIDED and stored["state"] != ClaimState.DECIDED
    if (instance.outcome != stored["outcome"] or becomes_decided) and not getattr(instance, DECIDED_BY, ""):
        raise _needs_review()


def _needs_review() -> Conflict:
    return Conflict(
        "A decision takes effect only when a senior officer of the asylum unit approves the proposal: propose it "
        "for review. Nothing was changed.",
        code="decision_needs_review",
    )


def settle(claim: Claim, by: str) -> None:
    """Let the next save of ``claim`` set its outcome: ``by`` the review or the appeal."""
    setattr(claim, DECIDED_BY, by)


# --- Proposing ------------------------------------------------------------------------------------------------------


def _outcome(value) -> Outcome:
    try:
        return Outcome(str(value or "").strip())
    except ValueError:
        raise Invalid(
            f"Choose the outcome: one of {', '.join(o.value.replace('_', ' ') for o in Outcome)}.",
            code="outcome_required",
            field="outcome",
        ) from None


def _text(value, *, field: str, most: int, what: str, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise Invalid(f"Give {what}.", code=f"{field}_required", field=field)
    if len(text) > most:
        raise Invalid(f"{what.capitalize()}: at most {most:,} characters.", code=f"{field}_too_long", field=field)
    return text


def confirmed_interview(claim: Claim) -> bool:
    return Interview.objects.filter(claim=claim, held_at__isnull=False, confirmed_at__isnull=False).exists()


def put_forward(claim: Claim, actor, outcome: Outcome, reasons: str, *, text: str = "", **details) -> Claim:
    """Record ``outcome`` with its sealed ``reasons`` as the claim's proposal and send it to review (a locked
    claim, version checked by the caller). Admissibility proposes through here too."""
    if outcome.needs_interview and not confirmed_interview(claim):
        raise Conflict(
            "No interview of this claim was confirmed by the claimant after it was read back: hold the interview and "
            "record the confirmation before proposing this outcome.",
            code="interview_not_confirmed",
        )
    claim.proposed_outcome = outcome.value
    claim.proposed_by = user_of(actor)
    claim.proposed_at = timezone.now()
    claim.reasons_key, claim.reasons_sealed = sealing.seal_text(claim, "reasons", reasons)
    claims.move(
        claim,
        actor,
        ClaimAction.PROPOSE_DECISION,
        text=text or f"Proposed: {outcome.value.replace('_', ' ')}",
        outcome=outcome.value,
        **details,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_DECISION_PROPOSE,
        claim,
        new={"proposed_outcome": outcome.value, "reasons": "sealed", **details},
        post_code=claim.post.code,
    )
    return claim


@claim_service((WORK,))
def propose(actor, claim, *, outcome, reasons, version=None) -> Claim:
    """The case officer's proposal after the assessment (or, from an earlier stage, an implicit withdrawal)."""
    record = load(claim, for_update=True)
    check_version(record, version)
    chosen = _outcome(outcome)
    if chosen is Outcome.INADMISSIBLE:
        raise Invalid(
            "A claim is found inadmissible on a ground, at the admissibility stage: use the admissibility panel.",
            code="inadmissible_by_admissibility",
            field="outcome",
        )
    if record.state != ClaimState.ASSESSMENT and chosen is not Outcome.IMPLICITLY_WITHDRAWN:
        raise Invalid(
            f"A claim that is {record.get_state_display().lower()} is not ready for a decision: only an implicit "
            "withdrawal may be proposed before the assessment.",
            code="transition_not_allowed",
            field="outcome",
        )
    return put_forward(record, actor, chosen, reasons_text(reasons))


def reasons_text(value) -> str:
    return _text(value, field="reasons", most=REASONS_MAX, what="the reasons for the decision")


@claim_service()
def proposed_reasons(actor, claim) -> str:
    """The reasons of the current (or last) proposal, opened."""
    record = load(claim)
    return sealing.unseal_text(record, "reasons", record.reasons_sealed, record.reasons_key)


# --- The senior officer's review ----------------------------------------------------------------------------------


def _reviewable(actor, claim, version) -> Claim:
    record = load(claim, for_update=True)
    check_version(record, version)
    if record.state != ClaimState.DECISION_PROPOSED:
        raise Invalid(
            f"Claim {record.reference} has no decision waiting for review.",
            code="transition_not_allowed",
            field="action",
        )
    if record.proposed_by_id is not None and record.proposed_by_id == getattr(user_of(actor), "pk", None):
        raise PermissionDenied(
            "You proposed this decision: another senior officer of the unit reviews it.",
            code="own_decision",
            permission=SENIOR,
            post=record.post.code,
        )
    return record


@claim_service((SENIOR,))
def approve(actor, claim, *, version=None, note: str = "") -> Claim:
    """The decision takes effect: its outcome, the day it was decided and notified (today at the unit), the last
    day to appeal a negative one, and the residence permit on recognition."""
    from borderdesk.apps.asylum.services import permits

    record = _reviewable(actor, claim, version)
    note = _text(note, field="note", most=NOTE_MAX, what="the review note", required=False)
    outcome = Outcome(record.proposed_outcome)
    record.outcome = outcome.value
    record.decided_at = timezone.now()
    record.reviewed_by = user_of(actor)
    record.notified_on = record.post.local_date()
    record.appeal_until = appeal_until(outcome, record.notified_on)
    settle(record, "review")
    claims.move(
        record,
        actor,
        ClaimAction.APPROVE_DECISION,
        text=f"Decision approved: {outcome.value.replace('_', ' ')}",
        sealed_note=note,
        outcome=outcome.value,
        appeal_until=record.appeal_until.isoformat() if record.appeal_until else None,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_DECISION_REVIEW,
        record,
        new={
            "review": "approved",
            "outcome": outcome.value,
            "proposed_by": record.proposed_by_id,
            "note": "sealed" if note else "",
        },
        post_code=record.post.code,
    )
    if outcome.grants_protection:
        permits.issue(record, actor)
    return record


@claim_service((SENIOR,))
def send_back(actor, claim, *, note, version=None) -> Claim:
    """The reviewer disagrees: the claim goes back to assessment with a note saying why (the proposal stays on the
    timeline; the officer proposes again)."""
    record = _reviewable(actor, claim, version)
    note = _text(note, field="note", most=NOTE_MAX, what="the note saying what the assessment lacks")
    returned = record.proposed_outcome
    record.proposed_outcome = ""
    claims.move(
        record,
        actor,
        ClaimAction.RETURN_FOR_ASSESSMENT,
        text="Returned for assessment",
        sealed_note=note,
        outcome=returned,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_DECISION_REVIEW,
        record,
        old={"proposed_outcome": returned},
        new={"review": "returned", "note": "sealed"},
        post_code=record.post.code,
    )
    return record
