"""Deciding an application: the officer's proposal (an approval with its terms, or a refusal with its grounds),
the senior officer's approval where the kind asks four eyes (or its return for more assessment), what an approval
issues (a visa with its MRV-A sticker zone, or a residence permit with its TD1 card), a finding of
inadmissibility, telling the applicant, and an appeal within 30 days of that (decided by a senior officer: upheld,
the refusal stands; allowed, the application is granted as if approved).

Who may do what: proposing takes a casework or consular decide permission at the application's post and one of
the kind's deciding roles; approving, returning and deciding appeals a senior officer's casework approval there,
never by the officer who proposed. Before a decision is proposed the checks must have run at the stage
``before_decision`` after the last evidence received and the last change of the answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of, username_of
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import (
    Application,
    CaseEvent,
    CheckRun,
    CheckStage,
    EventKind,
    EvidenceRequest,
    Outcome,
)
from borderdesk.apps.casework.services import cases, kind_rules
from borderdesk.apps.casework.services.cases import APPROVE, READ, WORK, application_post, load
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.common.services import service
from borderdesk.apps.visas import services as visas
from borderdesk.apps.visas.models import Visa, VisaKind
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import Action, ApplicationKind, State, TransitionRefused, next_state
from borderdesk.core.casework.grounds import Ground, grounds_for
from borderdesk.core.casework.terms import (
    CITIZENSHIP,
    EXTENSION,
    LONG_STAY_VISA,
    RESIDENCE_PERMIT,
    Terms,
    TermsError,
    grant_of,
    proposed_terms,
    settle_terms,
)

APPEAL_DAYS = 30  # UIA s. 29(1): an appeal is lodged within 30 days of the day the decision was notified
NOTIFIED_HOW = {"handed_over": "Letter handed over", "posted": "Letter posted", "emailed": "Sent by e-mail"}
APPEAL_RESULTS = {"upheld": "Upheld: the refusal stands", "allowed": "Allowed: the application is granted"}
MAX_TEXT = 5000
VISA_KINDS = {
    "visa": VisaKind.VISA,
    LONG_STAY_VISA: VisaKind.LONG_STAY_VISA,
    EXTENSION: VisaKind.VISA,
    RESIDENCE_PERMIT: VisaKind.RESIDENCE_PERMIT,
}


# --- What the officer may choose ---------------------------------------------------------------------------------


def refusal_grounds(kind_id: str) -> list[Ground]:
    return grounds_for(kind_id, "refuse")


def inadmissibility_grounds(kind_id: str) -> list[Ground]:
    return grounds_for(kind_id, "inadmissible")


def current_stay_ends(case: Application) -> date | None:
    """For an extension of stay: the last day of the stay it extends, as the applicant gave it."""
    try:
        return date.fromisoformat(str(case.answers.get("current_stay_ends") or ""))
    except ValueError:
        return None


def prefilled_terms(case: Application) -> dict:
    """The approval form's terms from the applicant's answers (the officer may change them)."""
    return proposed_terms(case.kind, case.answers, today=case.post.local_date(), follows=current_stay_ends(case))


def notified_on(case: Application) -> date | None:
    """The day the applicant was told of the decision (from the timeline's notification)."""
    event = case.events.filter(action=Action.NOTIFY).order_by("-at", "-pk").first()
    try:
        return date.fromisoformat(event.details.get("notified_on", "")) if event else None
    except ValueError:
        return None


def appeal_deadline(case: Application) -> date | None:
    notified = notified_on(case)
    return notified + timedelta(days=APPEAL_DAYS) if notified else None


# --- Checks before a decision ----------------------------------------------------------------------------------


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def last_change(case: Application) -> datetime | None:
    """When the case last learnt something the checks must see: evidence received, the answers changed."""
    moments = []
    answered = EvidenceRequest.objects.filter(application=case).aggregate(last=Max("answered_on"))["last"]
    if answered:
        moments.append(_start_of(answered))
    evidence_event = CaseEvent.objects.filter(application=case, kind=EventKind.EVIDENCE).aggregate(last=Max("at"))
    if evidence_event["last"]:
        moments.append(evidence_event["last"])
    updated = AuditEvent.objects.filter(
        object_type=Application._meta.label_lower,
        object_id=str(case.pk),
        action=AuditAction.CASEWORK_APPLICATION_UPDATE,
    ).aggregate(last=Max("occurred_at"))["last"]
    if updated:
        moments.append(updated)
    return max(moments) if moments else None


def _require_checks(case: Application) -> None:
    run = CheckRun.objects.filter(application=case, stage=CheckStage.BEFORE_DECISION).order_by("-run_at", "-pk").first()
    if run is None:
        raise Conflict(
            "Run the checks before the decision first (screening, history, earlier applications, the register).",
            code="checks_not_run",
        )
    changed = last_change(case)
    if changed is not None and run.run_at <= changed:
        raise Conflict(
            f"The checks before the decision ran on {timezone.localtime(run.run_at):%Y-%m-%d %H:%M}, before the case "
            "last changed (evidence received or answers changed): run them again first.",
            code="checks_not_run",
        )


# --- Small helpers ------------------------------------------------------------------------------------------------


def _text(value, *, field: str, required: bool, what: str) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise Invalid(f"Give {what}.", code=f"{field}_required", field=field)
    if len(text) > MAX_TEXT:
        raise Invalid(f"{what.capitalize()}: at most 5,000 characters.", code=f"{field}_too_long", field=field)
    return text


def _may(case: Application, action: str) -> None:
    """Refuse an action the case's state does not allow, before anything else is looked at."""
    try:
        next_state(State(case.state), action)
    except TransitionRefused as refused:
        raise Invalid(str(refused), code=refused.code, field="action") from None


def _chosen_grounds(kind_id: str, outcome: str, grounds) -> list[str]:
    codes = [grounds] if isinstance(grounds, str) else list(grounds or [])
    chosen = list(dict.fromkeys(str(code).strip() for code in codes if str(code).strip()))
    if not chosen:
        raise Invalid(
            "Tick at least one ground: the applicant is told why."
            if outcome == "refuse"
            else "Tick at least one ground.",
            code="grounds_required",
            field="grounds",
        )
    if len(chosen) > 30:
        raise Invalid("At most 30 grounds.", code="too_many_grounds", field="grounds")
    allowed = {ground.code for ground in grounds_for(kind_id, outcome)}
    wrong = [code for code in chosen if code not in allowed]
    if wrong:
        raise Invalid(
            f"Not a ground for {'refusing' if outcome == 'refuse' else 'finding inadmissible'} this kind of "
            f"application: {', '.join(code[:40] for code in wrong[:3])}.",
            code="ground_not_for_kind",
            field="grounds",
        )
    return chosen


def _terms(case: Application, terms) -> Terms:
    try:
        return settle_terms(
            case.kind, case.answers, terms or {}, today=case.post.local_date(), follows=current_stay_ends(case)
        )
    except TermsError as error:
        raise Invalid(error.message, code=error.code, field=error.field) from None


def _check_decider(actor, kind: ApplicationKind) -> None:
    roles = getattr(actor, "roles", None)
    if roles is None:  # the system itself (a SystemActor) holds every role
        return
    if not {str(role) for role in roles} & kind.deciders:
        names = ", ".join(sorted(role.replace("_", " ") for role in kind.deciders))
        raise PermissionDenied(
            f"A {kind.title} is decided by a {names}; you hold none of these roles.", code="not_a_decider"
        )


def _issue(case: Application, actor, terms: Terms) -> Visa:
    return visas.issue_granted(
        actor,
        traveller=case.applicant,
        document=case.document,
        post=case.post,
        kind=VISA_KINDS[terms.what],
        valid_from=terms.valid_from,
        valid_until=terms.valid_until,
        entries_allowed=terms.entries,
        duration_days=terms.days,
        fee_amount=case.fee_amount,
        fee_currency=case.fee_currency,
        receipt_number=case.fee_receipt,
        application=case.reference,
    )


def _take_effect(case: Application, actor, *, approver=None, text: str = "") -> Application:
    """The proposed decision takes effect: approved (issuing the visa or permit) or refused."""
    approve = case.proposed_outcome == Outcome.APPROVE
    case.outcome = case.proposed_outcome
    case.decided_by_id = case.proposed_by_id
    case.approved_by = user_of(approver) if approver is not None else None
    case.decided_at = timezone.now()
    issued = None
    if approve and not _grants_citizenship(case):
        issued = _issue(case, actor, _terms_from_store(case))
        case.visa = issued
    cases.move(
        case,
        actor,
        Action.APPROVE if approve else Action.REFUSE,
        text=text or ("Approved" if approve else "Refused"),
        outcome=case.outcome,
        grounds=list(case.proposed_grounds),
        visa=issued.number if issued else None,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_DECISION_TAKE,
        case,
        new={
            "outcome": case.outcome,
            "grounds": list(case.proposed_grounds),
            "terms": dict(case.proposed_terms),
            "visa": issued.number if issued else None,
            "approved_by": username_of(approver) if approver is not None else None,
        },
        post_code=case.post.code,
    )
    return case


def _grants_citizenship(case: Application) -> bool:
    """A naturalisation issues nothing when approved: its certificate follows the oath (apps/citizenship)."""
    return grant_of(case.kind).what == CITIZENSHIP


def _terms_from_store(case: Application) -> Terms:
    stored = case.proposed_terms or {}
    return Terms(
        what=stored["what"],
        valid_from=date.fromisoformat(stored["valid_from"]),
        valid_until=date.fromisoformat(stored["valid_until"]),
        entries=None if stored.get("entries") == "multiple" else int(stored.get("entries") or 1),
        days=int(stored["days"]),
    )


# --- Proposing, approving, returning ------------------------------------------------------------------------------


@service(WORK, post=application_post)
def propose(actor, application, *, version, outcome: str, grounds=(), terms=None, reason: str = "") -> Application:
    """The officer's proposed decision on a case in assessment. Where the kind needs no senior officer's approval
    for this outcome it takes effect at once (proposed, then approved or refused, in this one change)."""
    case = load(application, for_update=True)
    cases.check_version(case, version)
    _may(case, Action.PROPOSE_DECISION)
    kind = cases.kind_of(case)
    _check_decider(actor, kind)
    if outcome not in (Outcome.APPROVE, Outcome.REFUSE):
        raise Invalid("Choose approve or refuse.", code="unknown_outcome", field="outcome")
    if outcome == Outcome.REFUSE:
        chosen, settled = _chosen_grounds(case.kind, "refuse", grounds), None
        reason = _text(reason, field="reason", required=True, what="the reasons for the refusal")
    else:
        if [code for code in ([grounds] if isinstance(grounds, str) else grounds or []) if str(code).strip()]:
            raise Invalid("Grounds are given for a refusal only.", code="grounds_for_refusal_only", field="grounds")
        try:
            grant_of(case.kind)
        except TermsError as error:
            raise Invalid(error.message, code=error.code, field=error.field) from None
        chosen, settled = [], None if _grants_citizenship(case) else _terms(case, terms)
        reason = _text(reason, field="reason", required=False, what="the reasons")
    _require_checks(case)
    if outcome == Outcome.APPROVE:
        kind_rules.check_approval(actor, case)

    case.proposed_outcome, case.proposed_grounds = outcome, chosen
    case.proposed_terms = settled.to_dict() if settled else {}
    case.proposed_by, case.proposed_at = user_of(actor), timezone.now()
    words = "approve" if outcome == Outcome.APPROVE else "refuse"
    cases.move(
        case,
        actor,
        Action.PROPOSE_DECISION,
        text=f"Proposed to {words}" + (f": {reason}" if reason else ""),
        outcome=outcome,
        grounds=chosen,
        terms=case.proposed_terms,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_DECISION_PROPOSE,
        case,
        new={"outcome": outcome, "grounds": chosen, "terms": case.proposed_terms, "reason": reason[:500]},
        post_code=case.post.code,
    )
    if not kind.needs_approval(outcome):
        _take_effect(case, actor, text=f"{words.capitalize()}d: no senior officer's approval needed")
    return case


@service(APPROVE, post=application_post)
def approve_decision(actor, application, *, version, note: str = "") -> Application:
    """A senior officer, not the proposer, approves the proposed decision: it takes effect."""
    case = load(application, for_update=True)
    cases.check_version(case, version)
    _may(case, Action.APPROVE)
    _not_the_proposer(case, actor)
    note = _text(note, field="note", required=False, what="the note")
    if case.proposed_outcome == Outcome.APPROVE:
        kind_rules.check_approval(actor, case)
    record_change(
        actor,
        AuditAction.CASEWORK_DECISION_APPROVE,
        case,
        new={"outcome": case.proposed_outcome, "proposed_by": case.proposed_by.username if case.proposed_by else None}
        | ({"note": note[:500]} if note else {}),
        post_code=case.post.code,
    )
    words = "Approval" if case.proposed_outcome == Outcome.APPROVE else "Refusal"
    return _take_effect(
        case, actor, approver=actor, text=f"{words} approved by a senior officer" + (f": {note}" if note else "")
    )


@service(APPROVE, post=application_post)
def return_decision(actor, application, *, version, reason: str) -> Application:
    """A senior officer sends the proposal back for more assessment, saying why."""
    case = load(application, for_update=True)
    cases.check_version(case, version)
    _may(case, Action.RETURN_FOR_ASSESSMENT)
    reason = _text(reason, field="reason", required=True, what="the reason for returning it")
    before = {"outcome": case.proposed_outcome, "grounds": list(case.proposed_grounds)}
    case.proposed_outcome, case.proposed_grounds, case.proposed_terms = "", [], {}
    case.proposed_by, case.proposed_at = None, None
    cases.move(case, actor, Action.RETURN_FOR_ASSESSMENT, text=f"Returned for assessment: {reason}", **before)
    record_change(
        actor,
        AuditAction.CASEWORK_DECISION_RETURN,
        case,
        old=before,
        new={"reason": reason[:500]},
        post_code=case.post.code,
    )
    return case


def _not_the_proposer(case: Application, actor) -> None:
    user = user_of(actor)
    if user is not None and case.proposed_by_id == user.pk:
        raise PermissionDenied(
            "You proposed this decision: another senior officer approves it (four eyes).",
            code="four_eyes_same_person",
        )


# --- Inadmissible ----------------------------------------------------------------------------------------------


@service(WORK, post=application_post)
def find_inadmissible(actor, application, *, version, grounds, reason: str = "") -> Application:
    """A lodged application that cannot be examined (incomplete, fee unpaid, wrong post), on grounds of the
    catalogue's ``inadmissible`` outcome."""
    case = load(application, for_update=True)
    cases.check_version(case, version)
    _may(case, Action.FIND_INADMISSIBLE)
    chosen = _chosen_grounds(case.kind, "inadmissible", grounds)
    reason = _text(reason, field="reason", required=False, what="the reasons")
    case.proposed_grounds, case.decided_by, case.decided_at = chosen, user_of(actor), timezone.now()
    cases.move(
        case,
        actor,
        Action.FIND_INADMISSIBLE,
        text="Found inadmissible" + (f": {reason}" if reason else ""),
        grounds=chosen,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_DECISION_TAKE,
        case,
        new={"outcome": "inadmissible", "grounds": chosen, "reason": reason[:500]},
        post_code=case.post.code,
    )
    return case


# --- Telling the applicant, appeals ------------------------------------------------------------------------------


@service(WORK, post=application_post)
def notify(actor, application, *, version, how: str, on: date | None = None) -> Application:
    """The applicant was told of the decision (``how``: handed_over, posted, emailed) on ``on`` (today unless
    given): the appeal period runs from that day."""
    case = load(application, for_update=True)
    cases.check_version(case, version)
    _may(case, Action.NOTIFY)
    if how not in NOTIFIED_HOW:
        raise Invalid(
            "Say how the applicant was told: handed over, posted or e-mailed.", code="notify_how", field="how"
        )
    if how == "emailed" and not case.contact_email:
        raise Invalid("The applicant gave no e-mail address.", code="notify_no_email", field="how")
    today = case.post.local_date()
    on = on or today
    decided = case.post.local_date(case.decided_at) if case.decided_at else case.lodged_on
    if not decided <= on <= today:
        raise Invalid(
            f"The day the applicant was told is between the decision ({decided.isoformat()}) and today.",
            code="notify_date_out_of_range",
            field="on",
        )
    cases.move(
        case, actor, Action.NOTIFY, text=f"{NOTIFIED_HOW[how]} on {on.isoformat()}", how=how, notified_on=on.isoformat()
    )
    return case


@service(WORK, post=application_post)
def lodge_appeal(actor, application, *, version, lodged_on: date | None = None, reason: str = "") -> Application:
    """The applicant appeals a refusal, within 30 days of being told of it (``appeal_out_of_time`` after)."""
    case = load(application, for_update=True)
    cases.check_version(case, version)
    _may(case, Action.LODGE_APPEAL)
    if case.outcome != Outcome.REFUSE:
        raise Conflict("Only a refusal is appealed here.", code="nothing_to_appeal")
    today = case.post.local_date()
    lodged_on = lodged_on or today
    notified = notified_on(case) or today
    if not notified <= lodged_on <= today:
        raise Invalid(
            f"An appeal is lodged between the notification ({notified.isoformat()}) and today.",
            code="appeal_date_out_of_range",
            field="lodged_on",
        )
    deadline = notified + timedelta(days=APPEAL_DAYS)
    if lodged_on > deadline:
        raise Conflict(
            f"The appeal period ended on {deadline.isoformat()} ({APPEAL_DAYS} days from the notification on "
            f"{notified.isoformat()}).",
            code="appeal_out_of_time",
            field="lodged_on",
        )
    reason = _text(reason, field="reason", required=False, what="the appellant's grounds")
    cases.move(
        case,
        actor,
        Action.LODGE_APPEAL,
        text=f"Appeal lodged on {lodged_on.isoformat()}" + (f": {reason}" if reason else ""),
        lodged_on=lodged_on.isoformat(),
    )
    return case


@service(APPROVE, post=application_post)
def decide_appeal(actor, application, *, version, result: str, reason: str, terms=None) -> Application:
    """A senior officer decides the appeal: ``upheld`` (the refusal stands) or ``allowed`` (the application is
    granted as if approved, on ``terms``: the visa or permit is issued)."""
    case = load(application, for_update=True)
    cases.check_version(case, version)
    _may(case, Action.DECIDE_APPEAL)
    if result not in APPEAL_RESULTS:
        raise Invalid("Choose upheld or allowed.", code="appeal_result", field="result")
    reason = _text(reason, field="reason", required=True, what="the reasons for the decision on the appeal")
    issued = None
    if result == "allowed":
        kind_rules.check_approval(actor, case)
        if not _grants_citizenship(case):
            settled = _terms(case, terms)
            issued = _issue(case, actor, settled)
            case.visa, case.proposed_terms = issued, settled.to_dict()
        case.outcome, case.approved_by, case.decided_at = Outcome.APPROVE, user_of(actor), timezone.now()
    cases.move(
        case,
        actor,
        Action.DECIDE_APPEAL,
        text=f"Appeal {result}: {reason}",
        result=result,
        visa=issued.number if issued else None,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_DECISION_TAKE,
        case,
        new={"appeal": result, "outcome": case.outcome, "visa": issued.number if issued else None},
        post_code=case.post.code,
    )
    return case


# --- The sticker and the card -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    filename: str


def _printed_visa(actor, application, kinds: tuple[str, ...], what: str) -> tuple[Application, Visa]:
    case = load(application)
    visa = case.visa
    if visa is None or visa.kind not in kinds:
        raise Conflict(f"Application {case.reference} has no {what}.", code=f"no_{what.replace(' ', '_')}")
    if not visa.is_valid:
        raise Conflict(f"{visa.number} was {visa.status}: it is not printed.", code="visa_not_valid")
    record_access(
        actor, case.applicant, purpose=what, detail=f"{case.reference} {visa.number}", post_code=case.post.code
    )
    return case, visa


@service(READ, post=application_post)
def sticker(actor, application) -> Printed:
    """The visa sticker (MRV-A) of the visa an application was granted: an access event."""
    from borderdesk.apps.visas.printed import visa_sticker_pdf_for

    _, visa = _printed_visa(actor, application, (VisaKind.VISA, VisaKind.LONG_STAY_VISA), "visa sticker")
    return Printed(visa_sticker_pdf_for(visa), f"visa-{visa.number}.pdf")


@service(READ, post=application_post)
def card(actor, application) -> Printed:
    """The residence permit card (ID-1, TD1 zone) an application was granted: an access event."""
    from borderdesk.apps.visas.printed import residence_card_pdf_for

    _, visa = _printed_visa(actor, application, (VisaKind.RESIDENCE_PERMIT,), "residence card")
    return Printed(residence_card_pdf_for(visa), f"residence-permit-{visa.number}.pdf")
