"""An appeal against a negative decision (Article 46 of the Directive): lodged within ``appeal_until`` it suspends
removal until decided; lodged later it is recorded only when a court orders that it suspends removal (its
reference kept), else refused with ``appeal_out_of_time``. The court's judgment is recorded: dismissed (the decision
stands, the appeal period is over, the claim is closed), allowed (protection granted, a residence permit issued) or
remitted (back to assessment for a new decision).

A decided claim is closed (``close``) once nothing more comes of it: a negative decision when its appeal period has
passed without an appeal (protection then ends, ``core.casework.asylum.protects``), a grant once its residence permit
is issued."""

from __future__ import annotations

from datetime import date

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.asylum.models import Appeal, Claim
from borderdesk.apps.asylum.services import claims, decisions
from borderdesk.apps.asylum.services.claims import SENIOR, WORK, check_version, claim_service, load
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import ClaimAction, ClaimState, Outcome

RECORDS = (WORK, SENIOR)  # the unit's case officers and seniors record the appeal and the court's judgment
RESULTS = {
    "dismissed": "Dismissed: the decision stands",
    "allowed": "Allowed: protection granted",
    "remitted": "Remitted: the claim is assessed again",
}
COURT_REFERENCE_MAX = 60


def _day(value, *, field: str, what: str, today: date) -> date:
    try:
        day = date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        raise Invalid(f"Give {what} (YYYY-MM-DD).", code=f"{field}_required", field=field) from None
    if day > today:
        raise Invalid(f"{what.capitalize()} is not in the future.", code=f"{field}_in_future", field=field)
    return day


def _court_reference(value) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > COURT_REFERENCE_MAX:
        raise Invalid(
            f"The court's reference: at most {COURT_REFERENCE_MAX} characters.",
            code="court_reference_too_long",
            field="court_reference",
        )
    return text


def pending(claim: Claim) -> Appeal | None:
    return claim.appeals.filter(decided_on__isnull=True).order_by("-lodged_on", "-id").first()


@claim_service(RECORDS)
def lodge(actor, claim, *, lodged_on, court_reference="", court_ordered_suspension=False, version=None) -> Appeal:
    record = load(claim, for_update=True)
    check_version(record, version)
    if record.state != ClaimState.DECIDED or not record.outcome or Outcome(record.outcome).grants_protection:
        raise Invalid(
            "An appeal is lodged against a negative decision that took effect.",
            code="transition_not_allowed",
            field="action",
        )
    today = record.post.local_date()
    lodged = _day(lodged_on, field="lodged_on", what="the day the appeal was lodged", today=today)
    reference = _court_reference(court_reference)
    in_time = record.appeal_until is not None and lodged <= record.appeal_until
    if not in_time and not (court_ordered_suspension and reference):
        last = record.appeal_until.isoformat() if record.appeal_until else "over"
        raise Invalid(
            f"The appeal period ended ({last}): a late appeal does not suspend removal. Record it only when the court "
            "orders that it does, with the court's reference.",
            code="appeal_out_of_time",
            field="lodged_on",
        )
    appeal = Appeal.objects.create(
        claim=record, lodged_on=lodged, lodged_by=user_of(actor), suspensive=True, court_reference=reference
    )
    why = "in time" if in_time else f"out of time, suspensive by court order {reference}"
    claims.move(
        record,
        actor,
        ClaimAction.LODGE_APPEAL,
        text=f"Appeal lodged {lodged.isoformat()} ({why})",
        appeal=appeal.pk,
        in_time=in_time,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_APPEAL_LODGE,
        appeal,
        new={"claim": record.reference, "lodged_on": lodged.isoformat(), "in_time": in_time, "court": reference},
        post_code=record.post.code,
    )
    return appeal


@claim_service(RECORDS)
def decide(actor, claim, *, result, decided_on, granted_outcome="", version=None) -> Appeal:
    """Record the court's judgment on the pending appeal."""
    from borderdesk.apps.asylum.services import permits

    record = load(claim, for_update=True)
    check_version(record, version)
    appeal = pending(record)
    if record.state != ClaimState.APPEAL_LODGED or appeal is None:
        raise Invalid("No appeal of this claim is pending.", code="transition_not_allowed", field="action")
    if result not in RESULTS:
        raise Invalid(f"Choose the result: {', '.join(RESULTS)}.", code="result_required", field="result")
    decided = _day(decided_on, field="decided_on", what="the day of the judgment", today=record.post.local_date())
    if decided < appeal.lodged_on:
        raise Invalid("The judgment comes after the appeal.", code="decided_before_lodged", field="decided_on")
    granted: Outcome | None = None
    if result == "allowed":
        granted = _granted(granted_outcome)
        if granted is None or not granted.grants_protection:
            raise Invalid(
                "Say what the court granted: refugee status or subsidiary protection.",
                code="granted_outcome_required",
                field="granted_outcome",
            )
    appeal.decided_on, appeal.result, appeal.granted_outcome = decided, result, granted.value if granted else ""
    appeal.save()
    old_outcome = record.outcome
    decisions.settle(record, "appeal")
    record.appeal_until = None  # dismissed: nothing more to appeal here; allowed or remitted: no negative decision
    if result == "remitted":
        record.outcome, record.decided_at, record.proposed_outcome = "", None, ""
        action = ClaimAction.REMIT_APPEAL
    else:
        if granted:
            record.outcome = granted.value
        action = ClaimAction.DECIDE_APPEAL
    claims.move(
        record,
        actor,
        action,
        text=f"Appeal {RESULTS[result].lower()}",
        appeal=appeal.pk,
        result=result,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_APPEAL_DECIDE,
        appeal,
        old={"outcome": old_outcome},
        new={"claim": record.reference, "result": result, "outcome": record.outcome, "decided_on": decided.isoformat()},
        post_code=record.post.code,
    )
    if result == "dismissed":
        claims.move(record, actor, ClaimAction.CLOSE, text="Closed: the appeal was dismissed")
    elif granted:
        permits.issue(record, actor)
    return appeal


def _granted(value) -> Outcome | None:
    try:
        return Outcome(str(value or ""))
    except ValueError:
        return None


@claim_service()
def of_claim(actor, claim) -> list[Appeal]:
    return list(load(claim).appeals.order_by("lodged_on", "id"))


@claim_service(RECORDS)
def close(actor, claim, *, version=None) -> Claim:
    """Close a decided claim: a negative decision the day after its appeal period ended with no appeal lodged
    (``appeal_period_running`` before), a grant once the residence permit is issued (``permit_not_issued`` before)."""
    record = load(claim, for_update=True)
    check_version(record, version)
    if record.state != ClaimState.DECIDED or not record.outcome:
        raise Invalid(
            f"Only a decided claim is closed; claim {record.reference} is {record.get_state_display().lower()}.",
            code="transition_not_allowed",
            field="action",
        )
    today = record.post.local_date()
    if Outcome(record.outcome).grants_protection:
        if record.permit_id is None:
            raise Conflict(
                "Protection was granted but no residence permit is issued yet: issue it before closing the claim.",
                code="permit_not_issued",
            )
        why = "protection granted, residence permit issued"
    else:
        if record.appeal_until is not None and today <= record.appeal_until:
            raise Conflict(
                f"The claimant may still appeal until {record.appeal_until.isoformat()}: the claim is closed after "
                "that day if no appeal is lodged.",
                code="appeal_period_running",
            )
        why = "the appeal period ended without an appeal"
    return claims.move(record, actor, ClaimAction.CLOSE, text=f"Closed: {why}", outcome=record.outcome)
