"""Evidence asked of the applicant: the officer names supporting documents of the kind (or writes what is missing)
and a day by which they are due; the case waits for the applicant and its decision deadline stands still until the
evidence is received. An answer after the due day is still taken, and flagged late.

The request's row is written before the case moves: ``cases.move`` counts the deadline again from the stored
requests, so an unanswered one stops the clock, and an answered one leaves out the days it stood still.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import Application, EventKind, EvidenceRequest
from borderdesk.apps.casework.services.cases import (
    READ,
    WORK,
    add_event,
    application_post,
    check_version,
    kind_of,
    load,
    move,
)
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import service
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import Action, State, SupportingDocument, TransitionRefused, next_state

MAX_DUE_DAYS = 90
MAX_MESSAGE = 5000
MAX_DOCUMENTS = 50


def today_at(application: Application) -> date:
    """Today where the case is worked (the post's own day, whatever the server's time zone)."""
    return application.post.local_date()


def open_request(application: Application) -> EvidenceRequest | None:
    return EvidenceRequest.objects.filter(application=application, answered_on__isnull=True).order_by("-pk").first()


def _may_move(case: Application, action: Action) -> None:
    """Refuse an action the case's state does not allow before anything is written."""
    try:
        next_state(State(case.state), action)
    except TransitionRefused as refused:
        raise Invalid(str(refused), code=refused.code, field="action") from None


def _documents(case: Application, documents) -> list[str]:
    if isinstance(documents, str):
        documents = [documents]
    codes: list[str] = []
    known = {document.code for document in kind_of(case).documents}
    for code in documents or ():
        code = str(code).strip()
        if not code or code in codes:
            continue
        if code not in known:
            raise Invalid(
                f"{code[:40]!r} is not a supporting document of this kind of application.",
                code="unknown_document",
                field="documents",
            )
        codes.append(code)
    if len(codes) > MAX_DOCUMENTS:
        raise Invalid("Too many documents at once.", code="too_many", field="documents")
    return codes


@service(WORK, post=application_post)
def request_evidence(
    actor,
    application,
    *,
    version,
    documents,
    due_on: date | None,
    message: str = "",
    today: date | None = None,
) -> EvidenceRequest:
    """Ask the applicant for ``documents`` (codes of the kind's supporting documents) and/or what ``message``
    says, due by ``due_on`` (after today, at most 90 days ahead). The case waits for the applicant
    (``request_evidence``, from checks running or assessment) and its decision deadline stops."""
    case = load(application, for_update=True)
    check_version(case, version)
    _may_move(case, Action.REQUEST_EVIDENCE)
    codes = _documents(case, documents)
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise Invalid("A message is at most 5,000 characters.", code="message_too_long", field="message")
    if not codes and not message:
        raise Invalid(
            "Choose at least one document, or write what the applicant must send.",
            code="evidence_empty",
            field="documents",
        )
    today = today or today_at(case)
    if not isinstance(due_on, date) or isinstance(due_on, datetime):
        raise Invalid("Give the day the evidence is due (YYYY-MM-DD).", code="invalid_date", field="due_on")
    if not today < due_on <= today + timedelta(days=MAX_DUE_DAYS):
        raise Invalid(
            f"The evidence is due after today and at most {MAX_DUE_DAYS} days ahead "
            f"(by {today + timedelta(days=MAX_DUE_DAYS):%Y-%m-%d}).",
            code="due_date_invalid",
            field="due_on",
        )
    if open_request(case) is not None:  # the states forbid it too: this says it in words
        raise Conflict("Evidence is already requested and not yet received.", code="evidence_already_requested")
    request = EvidenceRequest.objects.create(
        application=case,
        requested_on=today,
        due_on=due_on,
        documents=codes,
        message=message,
        requested_by=user_of(actor),
    )
    titles = {document.code: document.title for document in kind_of(case).documents}
    asked = "; ".join(titles[code] for code in codes)
    move(case, actor, Action.REQUEST_EVIDENCE, text=f"Evidence due by {due_on:%Y-%m-%d}")
    add_event(
        case,
        actor,
        EventKind.EVIDENCE,
        action=Action.REQUEST_EVIDENCE.value,
        text=f"Evidence requested, due by {due_on:%Y-%m-%d}: " + (asked or message[:200]),
        request=request.pk,
        documents=codes,
        due_on=due_on.isoformat(),
    )
    record_change(
        actor,
        AuditAction.CASEWORK_EVIDENCE_REQUEST,
        request,
        new={
            "application": case.reference,
            "documents": codes,
            "due_on": due_on.isoformat(),
            "requested_on": today.isoformat(),
            **({"message": message[:200]} if message else {}),
        },
        post_code=case.post.code,
    )
    return request


@service(WORK, post=application_post)
def receive_evidence(
    actor, application, *, version, received_on: date | None = None, today: date | None = None
) -> EvidenceRequest:
    """The evidence came on ``received_on`` (today by default; not before it was asked, not in the future): the
    open request is answered (``answered_late`` when after its due day: still accepted), the case goes back to
    assessment and its deadline counts again, the days it stood still left out."""
    case = load(application, for_update=True)
    check_version(case, version)
    _may_move(case, Action.RECEIVE_EVIDENCE)
    request = open_request(case)
    if request is None:
        raise Conflict("No evidence is waited for on this application.", code="no_open_request")
    today = today or today_at(case)
    received_on = received_on or today
    if not isinstance(received_on, date) or isinstance(received_on, datetime):
        raise Invalid("Give the day the evidence came (YYYY-MM-DD).", code="invalid_date", field="received_on")
    if not request.requested_on <= received_on <= today:
        raise Invalid(
            f"Evidence is received between the day it was asked ({request.requested_on:%Y-%m-%d}) and today.",
            code="received_on_invalid",
            field="received_on",
        )
    request.answered_on = received_on
    request.answered_late = received_on > request.due_on
    request.save(update_fields=["answered_on", "answered_late"])
    paused = (received_on - request.requested_on).days
    late = f", {(received_on - request.due_on).days} days late" if request.answered_late else ""
    move(case, actor, Action.RECEIVE_EVIDENCE, text=f"Evidence received on {received_on:%Y-%m-%d}{late}")
    add_event(
        case,
        actor,
        EventKind.EVIDENCE,
        action=Action.RECEIVE_EVIDENCE.value,
        text=f"Evidence received on {received_on:%Y-%m-%d}{late}; the deadline stood still {paused} days"
        + (f", decision now due by {case.decision_due:%Y-%m-%d}" if case.decision_due else ""),
        request=request.pk,
        late=request.answered_late,
        paused_days=paused,
        decision_due=case.decision_due.isoformat() if case.decision_due else None,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_EVIDENCE_RECEIVE,
        request,
        old={"answered_on": None},
        new={
            "application": case.reference,
            "answered_on": received_on.isoformat(),
            "answered_late": request.answered_late,
            "decision_due": str(case.decision_due),
        },
        post_code=case.post.code,
    )
    return request


# --- Reading ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRecord:
    """A case's evidence requests, the open one first, and the documents its kind may ask for."""

    requests: list[EvidenceRequest]
    open: EvidenceRequest | None
    documents: tuple[SupportingDocument, ...]
    today: date

    @property
    def overdue(self) -> bool:
        return self.open is not None and self.open.due_on < self.today

    def title_of(self, code: str) -> str:
        return next((d.title for d in self.documents if d.code == code), code)


@service(READ, post=application_post)
def evidence_of(actor, application) -> EvidenceRecord:
    """The evidence asked of an application's applicant, and when: a logged read at its post."""
    case = load(application)
    record_access(actor, case.applicant, purpose="case evidence", detail=case.reference, post_code=case.post.code)
    requests = list(EvidenceRequest.objects.filter(application=case).select_related("requested_by").order_by("-pk"))
    return EvidenceRecord(
        requests=requests,
        open=next((r for r in requests if r.answered_on is None), None),
        documents=kind_of(case).documents,
        today=today_at(case),
    )
