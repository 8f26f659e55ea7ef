"""Decisions: ``decide`` records what the officer decided (admit, refer, refuse, detain, exit) through its
``APPLY`` step, with the rules on departing from the recommendation, the admission date and the refusal grounds.
Refusals and detentions wait for a senior officer (``approval.approve``), and so does an admission past a grave alert
(a refuse-entry or arrest hit, a lost or stolen or specimen document). While another inspection of the traveller is
referred or waiting for approval, this one may only refer. Every decision writes an audit event carrying the
recommendation as the inspection keeps it: its outcome, reasons and conditions, and the id of the rules' evaluation,
which keeps the full trace (stored once, and vouched for by the evaluation's own audit event)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.asylum.services.protection import (
    audits_protection_blocks,
    protection_status,
    refuse_unless_protected,
)
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common import hot_reads, hot_writes
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import atomic_block, pk_of, service
from borderdesk.apps.inspection.models import (
    FOUR_EYES_KINDS,
    AlertKind,
    Approval,
    CustodyRecord,
    Decision,
    DecisionKind,
    Inspection,
    Status,
)
from borderdesk.apps.inspection.services._common import (
    DECIDABLE,
    _alert,
    _lock_for_change,
    _save_new_version,
    inspection_post,
)
from borderdesk.apps.inspection.services.chip import chip_not_genuine
from borderdesk.apps.inspection.services.scan import _under_way_elsewhere, is_specimen
from borderdesk.apps.policy.services import refusal_grounds
from borderdesk.apps.travellers.services import record_entry, record_exit
from borderdesk.apps.visas.services import valid_visa
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.rules import Outcome

# Admission of a person whose protection claim is pending (or granted): no admit-until, the asylum unit decides.
ASYLUM_PROCEDURE = "asylum_procedure"
# Admitting past these needs a senior officer's approval (four eyes), like a refusal.
GRAVE_WATCHLIST_ACTIONS = {"refuse_entry", "arrest"}


@audits_protection_blocks
@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post)
def decide(
    officer,
    inspection: Inspection,
    *,
    kind: str,
    idempotency_key: str,
    version: int,
    class_of_admission: str = "",
    admit_until: date | None = None,
    conditions: list[str] | None = None,
    grounds: list[str] | None = None,
    remarks: str = "",
    departure_reason: str = "",
    custody: dict | None = None,
    today: date | None = None,
) -> Decision:
    """Record the officer's decision. Submitting the same form twice returns the first decision; a form
    older than the inspection's last change is refused, so two officers never both decide one traveller."""
    if _key_used(inspection, idempotency_key):
        return Decision.objects.get(inspection=inspection, idempotency_key=idempotency_key)
    try:
        with atomic_block():  # a savepoint: a key sent twice at once ends in the except below
            return _decide(
                officer,
                inspection,
                kind=DecisionKind(kind),
                idempotency_key=idempotency_key,
                version=version,
                class_of_admission=class_of_admission,
                admit_until=admit_until,
                conditions=conditions or [],
                grounds=grounds or [],
                remarks=remarks,
                departure_reason=departure_reason,
                custody=custody,
                today=today or timezone.localdate(),
            )
    except IntegrityError:
        existing = Decision.objects.filter(inspection=inspection, idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing
    except ValueError:
        raise Invalid(f"Unknown decision {kind!r}.", code="unknown_decision", field="kind") from None


def _key_used(inspection, idempotency_key: str) -> bool:
    # Asked at every decision, and a form sent twice is rare: a plain statement asks before the ORM loads it.
    return bool(
        hot_reads.rows(
            f"SELECT 1 FROM {Decision._meta.db_table} WHERE inspection_id = %s AND idempotency_key = %s LIMIT 1",
            [pk_of(inspection, field="inspection"), idempotency_key],
        )
    )


def _decide(
    officer,
    inspection,
    *,
    kind,
    idempotency_key,
    version,
    class_of_admission,
    admit_until,
    conditions,
    grounds,
    remarks,
    departure_reason,
    custody,
    today,
) -> Decision:
    inspection = _lock_for_change(inspection, version)
    if inspection.status not in DECIDABLE:
        raise Conflict(
            f"This traveller is {inspection.get_status_display().lower()}: no decision can be taken here now.",
            code="not_decidable",
        )
    if kind == DecisionKind.EXIT and inspection.direction != "exit":
        raise Invalid("Exits are recorded at exit booths.", code="wrong_direction")
    if kind in (DecisionKind.ADMIT, DecisionKind.REFUSE, DecisionKind.DETAIN) and inspection.direction == "exit":
        raise Invalid("At an exit booth the decision is to record the exit or refer.", code="wrong_direction")
    recommended = inspection.recommendation.get("outcome", "")
    if kind != DecisionKind.REFER:
        _check_not_under_way_elsewhere(inspection)
    if kind == DecisionKind.REFUSE:  # non-refoulement (a detention may go on; its removal may not)
        refuse_unless_protected(
            inspection.traveller_id, what="refusal", post_code=inspection.post.code, record=inspection
        )
    if kind in (DecisionKind.REFUSE, DecisionKind.DETAIN):
        grounds = _checked_grounds(grounds, today)
    if kind == DecisionKind.ADMIT and class_of_admission != ASYLUM_PROCEDURE and chip_not_genuine(inspection):
        raise Conflict(  # #19: a hard stop; an asylum claimant is admitted to the procedure whatever the documents
            "The passport's chip is not genuine: the document was altered or forged. It cannot be admitted on; "
            "refer the traveller to secondary or refuse entry.",
            code="chip_not_genuine",
        )
    if kind == DecisionKind.ADMIT and class_of_admission == ASYLUM_PROCEDURE:
        _check_protection_claim(inspection, today)
        admit_until = None
    elif kind == DecisionKind.ADMIT:
        admit_until = _checked_admit_until(inspection, admit_until, today)
    if class_of_admission != ASYLUM_PROCEDURE:  # the law admits a claimant whatever the rules recommend
        _check_departure(kind, inspection.recommendation, departure_reason, admit_until=admit_until)
    decision = hot_writes.new(
        Decision,
        inspection=inspection,
        kind=kind,
        idempotency_key=idempotency_key,
        decided_by=user_of(officer),
        class_of_admission=class_of_admission,
        admit_until=admit_until,
        conditions=conditions,
        refusal_grounds=grounds,
        remarks=remarks,
        recommended_outcome=recommended,
        departure_reason=departure_reason,
        approval=Approval.PENDING if kind in FOUR_EYES_KINDS else Approval.NOT_REQUIRED,
    )
    APPLY[kind](officer, inspection, decision, custody=custody, today=today)
    _save_new_version(inspection, changed=["status", "referral_reason", "recommendation"])
    record_change(
        officer,
        AuditAction.of_decision(kind),
        decision,
        post_code=inspection.post.code,
        new=_decision_record(decision, inspection),
    )
    return decision


def departure_to_explain(kind: str, recommendation: dict, *, admit_until: date | None = None) -> str | None:
    """What the officer must explain when this decision departs from the rules' recommendation (None: it does
    not). The one place this rule lives: the decision service enforces it and the booth's forms ask for it."""
    outcome = recommendation.get("outcome", "")
    if kind == DecisionKind.ADMIT:
        if outcome == Outcome.REFUSE_RECOMMENDED:
            return "The rules recommend refusal: write why you admit."
        recommended_until = recommendation.get("admit_until")
        if admit_until and recommended_until and admit_until > date.fromisoformat(recommended_until):
            return (
                f"The rules recommend admission until {recommended_until}: write why you admit until "
                f"{admit_until.isoformat()}."
            )
    if kind in (DecisionKind.REFUSE, DecisionKind.DETAIN) and outcome in (Outcome.ADMIT, Outcome.ADMIT_WITH_CONDITIONS):
        return "The rules recommend admission: write why you depart from the recommendation."
    return None


def _check_departure(kind: str, recommendation: dict, reason: str, *, admit_until: date | None) -> None:
    explain = departure_to_explain(kind, recommendation, admit_until=admit_until)
    if explain and not reason.strip():
        raise Invalid(explain, code="departure_reason_required", field="departure_reason")


def _checked_admit_until(inspection: Inspection, admit_until: date | None, today: date) -> date | None:
    """The day the officer admits the traveller until (the recommended one unless typed), never in the past, past
    the document's expiry, or beyond what any rule could grant (``BORDERDESK_MAX_ADMISSION_DAYS``)."""
    recommendation = inspection.recommendation
    if admit_until is None and recommendation.get("admit_until"):
        return date.fromisoformat(recommendation["admit_until"])
    if admit_until is None and "own_national" in recommendation.get("reasons", []):
        return None  # a national stays as long as they like
    if admit_until is None:
        raise Invalid(
            "The rules recommend no date to admit this traveller until: give one.",
            code="admit_until_required",
            field="admit_until",
        )
    expiry = inspection.document.expiry_date
    longest = today + timedelta(days=settings.BORDERDESK_MAX_ADMISSION_DAYS)
    if admit_until < today:
        problem = f"{admit_until.isoformat()} is in the past"
    elif expiry is not None and admit_until > expiry:
        problem = f"{admit_until.isoformat()} is after the document expires ({expiry.isoformat()})"
    elif admit_until > longest:
        problem = (
            f"{admit_until.isoformat()} is more than {settings.BORDERDESK_MAX_ADMISSION_DAYS} days away "
            f"(latest {longest.isoformat()})"
        )
    else:
        return admit_until
    raise Invalid(
        f"Admitted until {problem}: no rule grants that. Choose another date.",
        code="admit_until_out_of_range",
        field="admit_until",
    )


def _check_protection_claim(inspection: Inspection, today: date) -> None:
    if protection_status(inspection.traveller_id, today) is None:
        raise Invalid(
            "Admission to the asylum procedure is for a traveller who has asked for protection: record the claim "
            "first (The traveller asks for protection).",
            code="no_protection_claim",
            field="class_of_admission",
        )


def _check_not_under_way_elsewhere(inspection: Inspection) -> None:
    """While another inspection of the traveller is referred or waits for approval, this one may only refer."""
    other = next(iter(_under_way_elsewhere(inspection)), None)
    if other is None:
        return
    where = f"{other.post.code} {other.booth.code if other.booth_id else other.get_channel_display()}"
    by = f" by {other.officer.get_username()}" if other.officer_id else ""
    raise Conflict(
        f"{inspection.traveller.full_name} is {other.get_status_display().lower()} at {where}{by} since "
        f"{timezone.localtime(other.created_at):%Y-%m-%d %H:%M} (inspection {other.pk}): that decision "
        "comes first. Refer the traveller, or wait.",
        code="traveller_pending_elsewhere",
    )


def _checked_grounds(grounds: list[str], today: date) -> list[str]:
    if not grounds:
        raise Invalid(
            "Choose at least one legal ground for the refusal.", code="refusal_ground_required", field="grounds"
        )
    known = {g["code"] for g in refusal_grounds(today)}
    unknown = [g for g in grounds if g not in known]
    if unknown:
        raise Invalid(
            f"Not a refusal ground in force: {', '.join(unknown)}.", code="unknown_refusal_ground", field="grounds"
        )
    return grounds


def _apply_admit(officer, inspection, decision, *, custody, today):
    decision.class_of_admission = decision.class_of_admission or inspection.purpose or "visitor"
    alerts = grave_alerts(inspection)
    if alerts:  # four eyes: nothing is recorded as a crossing until another senior officer approves
        decision.approval = Approval.PENDING
        hot_writes.insert([decision])
        inspection.status = Status.PENDING_APPROVAL
        _alert(
            inspection,
            AlertKind.APPROVAL_NEEDED,
            f"Admission of {inspection.traveller.full_name} despite {', '.join(alerts)} needs your approval",
        )
        return
    decision.crossing = _record_admission(officer, decision, today)
    hot_writes.insert([decision])
    inspection.status = Status.CLOSED


def grave_alerts(inspection: Inspection) -> list[str]:
    """Why admitting this traveller needs a senior officer's approval (empty: it does not)."""
    check, action = inspection.document_check, inspection.screening.get("required_action")
    alerts = []
    if action in GRAVE_WATCHLIST_ACTIONS:
        alerts.append(f"a watchlist hit ({action.replace('_', ' ')})")
    if check.get("lost_stolen"):
        alerts.append("a document reported lost or stolen")
    if is_specimen(check):
        alerts.append("a specimen document")
    return alerts


def _record_admission(actor, decision: Decision, today: date):
    inspection = decision.inspection
    return record_entry(
        actor,
        traveller=inspection.traveller,
        document=inspection.document,
        post=inspection.post,
        admitted_until=decision.admit_until,
        class_of_admission=decision.class_of_admission,
        visa=valid_visa(inspection.traveller, today),
    )


def _apply_refer(officer, inspection, decision, *, custody, today):
    if not decision.remarks.strip():
        raise Invalid(
            "Say why you refer the traveller to secondary inspection.", code="referral_reason_required", field="remarks"
        )
    hot_writes.insert([decision])
    inspection.status = Status.REFERRED
    inspection.referral_reason = decision.remarks
    _alert(inspection, AlertKind.REFERRAL, f"{inspection.traveller.full_name} referred: {decision.remarks[:200]}")


def _apply_refuse(officer, inspection, decision, *, custody, today):
    hot_writes.insert([decision])
    inspection.status = Status.PENDING_APPROVAL
    _alert(
        inspection,
        AlertKind.APPROVAL_NEEDED,
        f"{decision.get_kind_display()} of {inspection.traveller.full_name} needs your approval",
    )


def _apply_detain(officer, inspection, decision, *, custody, today):
    custody = custody or {}
    if not custody.get("reason", "").strip() or not custody.get("place", "").strip():
        raise Invalid(
            "A detention needs its reason and the place of custody.", code="custody_details_required", field="custody"
        )
    _apply_refuse(officer, inspection, decision, custody=custody, today=today)
    CustodyRecord.objects.create(
        decision=decision, reason=custody["reason"], place=custody["place"], started_at=timezone.now()
    )


def _apply_exit(officer, inspection, decision, *, custody, today):
    recorded = record_exit(officer, traveller=inspection.traveller, document=inspection.document, post=inspection.post)
    decision.crossing = recorded.crossing
    hot_writes.insert([decision])  # once, with its crossing
    inspection.status = Status.CLOSED
    if recorded.overstay_days:
        inspection.recommendation = {**inspection.recommendation, "overstay_days": recorded.overstay_days}
        _alert(
            inspection,
            AlertKind.OVERSTAY,
            f"{inspection.traveller.full_name} overstayed by {recorded.overstay_days} days",
        )


APPLY = {
    DecisionKind.ADMIT: _apply_admit,
    DecisionKind.REFER: _apply_refer,
    DecisionKind.REFUSE: _apply_refuse,
    DecisionKind.DETAIN: _apply_detain,
    DecisionKind.EXIT: _apply_exit,
}


def _decision_record(decision: Decision, inspection: Inspection) -> dict:
    return {
        "inspection": inspection.pk,
        "traveller": inspection.traveller_id,
        "kind": decision.kind,
        "class_of_admission": decision.class_of_admission,
        "admit_until": decision.admit_until.isoformat() if decision.admit_until else None,
        "conditions": decision.conditions,
        "refusal_grounds": decision.refusal_grounds,
        "remarks": decision.remarks,
        "departure_reason": decision.departure_reason,
        "approval": decision.approval,
        "screening": inspection.screening.get("summary"),
        "recommendation": inspection.recommendation,
    }
