"""The heart of casework: where an application is worked (its post), lodging one, moving it through its states
(only as ``core/casework/states`` allows, and only from the version the officer saw), its decision deadline, its
timeline, notes, assignment, and reading a case (an access event each time).

Who may do what: reading an application takes a casework or consular read permission at its post; working on it,
a decide permission there (and, to decide, one of the kind's deciding roles); assigning cases and approving
decisions (four eyes), a senior officer's casework permissions there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of, username_of
from borderdesk.apps.accounts.authz import allowed
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import Application, CaseEvent, EventKind, EvidenceRequest
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import service
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import (
    ApplicationKind,
    Pause,
    State,
    TransitionRefused,
    WorkingCalendar,
    allowed_actions,
    bundled_kind,
    bundled_kinds,
    decision_due,
    next_state,
)

READ = (Perm.CASE_APPLICATION_READ, Perm.CONSULAR_VISA_READ)
WORK = (Perm.CASE_APPLICATION_DECIDE, Perm.CONSULAR_VISA_DECIDE)
APPROVE = Perm.CASE_DECISION_APPROVE
MANAGE = Perm.CASE_QUEUE_MANAGE
REFERENCE_PREFIX = "A"


# --- Where an application is worked --------------------------------------------------------------------------


def application_post(application, *_, **__) -> str:
    """For ``service(post=...)``: the code of the post an application (a record, its id or its reference) is
    worked at, read alone; ``application_not_found`` when there is none."""
    code = _lookup(application).values_list("post__code", flat=True).first()
    if code is None:
        raise NotFound(f"No application {str(application)[:40]} is on record.", code="application_not_found")
    return code


def _lookup(application):
    if isinstance(application, Application):
        return Application.objects.filter(pk=application.pk)
    text = str(application).strip().upper()
    if text.isdigit():
        return Application.objects.filter(pk=int(text))
    return Application.objects.filter(reference=text)


def load(application, *, for_update: bool = False) -> Application:
    """The application again from the database (a record, its id or its reference): only its id is trusted."""
    rows = _lookup(application).select_related("post", "applicant", "document", "assigned_to", "principal")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    found = rows.first()
    if found is None:
        raise NotFound(f"No application {str(application)[:40]} is on record.", code="application_not_found")
    return found


def kind_of(application: Application) -> ApplicationKind:
    return bundled_kind(application.kind)


def kind_or_invalid(kind_id: str) -> ApplicationKind:
    kinds = bundled_kinds()
    if kind_id not in kinds:
        raise Invalid(
            f"No kind of application {str(kind_id)[:40]!r}; kinds: {', '.join(sorted(kinds))}.",
            code="unknown_application_kind",
            field="kind",
        )
    return kinds[kind_id]


def calendar_of(post: Post) -> WorkingCalendar:
    """The working days of a post: its country's public holidays (Utopia's own list for UTO)."""
    return WorkingCalendar(post.country)


# --- The deadline -------------------------------------------------------------------------------------------


def refresh_deadline(application: Application) -> date | None:
    """Count the decision deadline again (the kind's period from lodging, evidence pauses left out), and note the
    day the evidence the applicant still owes is due (the waiting queue's order)."""
    requests = list(EvidenceRequest.objects.filter(application=application)) if application.pk else []
    owed = [request for request in requests if request.answered_on is None]
    application.evidence_due = max(owed, key=lambda r: (r.requested_on, r.pk)).due_on if owed else None
    period = kind_of(application).decision_deadline.period
    pauses = [Pause(request.requested_on, request.answered_on) for request in requests]
    application.decision_due = decision_due(application.lodged_on, period, calendar_of(application.post), pauses)
    return application.decision_due


# --- The timeline -------------------------------------------------------------------------------------------


def add_event(application: Application, actor, kind: str, *, action: str = "", text: str = "", **details) -> CaseEvent:
    """One line on the case's timeline (the audit trail records the same change, chained, separately)."""
    return CaseEvent.objects.create(
        application=application,
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


# --- Moving an application --------------------------------------------------------------------------------------


def check_version(application: Application, version) -> None:
    """Two officers, one case: a change made from an older view of the case is refused, not merged."""
    if version is None:
        return
    try:
        seen = int(version)
    except (TypeError, ValueError):
        raise Invalid("The case's version is a number.", code="invalid_version", field="version") from None
    if seen != application.version:
        raise Conflict(
            f"Application {application.reference} was changed by someone else since you opened it "
            f"(version {seen}, now {application.version}). Reload it to see what changed; nothing of yours was lost "
            "or saved.",
            code="case_changed",
            field="version",
        )


def move(application: Application, actor, action: str, *, text: str = "", audit: AuditAction | None = None, **details):
    """Apply ``action`` to a locked application (from ``load(..., for_update=True)``): the next state or
    ``transition_not_allowed`` with the allowed actions; the version raised, the timeline and audit written."""
    before = State(application.state)
    try:
        after = next_state(before, action)
    except TransitionRefused as refused:
        raise Invalid(str(refused), code=refused.code, field="action") from None
    application.state = after.value
    application.version = F("version") + 1
    refresh_deadline(application)
    application.save()
    application.refresh_from_db(fields=["version"])
    add_event(
        application,
        actor,
        EventKind.TRANSITION,
        action=str(action),
        text=text,
        from_state=before.value,
        to_state=after.value,
        **details,
    )
    record_change(
        actor,
        audit or AuditAction.CASEWORK_APPLICATION_TRANSITION,
        application,
        old={"state": before.value},
        new={"state": after.value, "action": str(action), **({"text": text[:200]} if text else {})},
        post_code=application.post.code,
    )
    return application


# Finding an application inadmissible (its grounds) and telling the applicant of a decision (how and when: the
# appeal period runs from then) have their own services in services/decisions.py.
SIMPLE_ACTIONS = {"find_admissible", "start_checks", "checks_done", "close", "withdraw"}


@service(WORK, post=application_post)
def act(actor, application, action: str, *, version=None, text: str = "") -> Application:
    """An action without more to it than a state change and an optional note (admissible, checks done, closed,
    withdrawn). Evidence, interviews, decisions and appeals have their own
    services, which ask for what they need."""
    case = load(application, for_update=True)
    check_version(case, version)
    if action not in SIMPLE_ACTIONS:
        allowed = [a.value for a in allowed_actions(State(case.state))]
        raise Invalid(
            f"{str(action)[:40]!r} is not done here; allowed now: {', '.join(allowed) or 'nothing'}.",
            code="transition_not_allowed",
            field="action",
        )
    if action == "start_checks":  # the checks run with it, in this transaction (services/checks.py)
        from borderdesk.apps.casework.services.checks import begin_checks

        begin_checks(actor, case, text=text.strip()[:2000])
        return case
    return move(case, actor, action, text=text.strip()[:2000])


# --- Notes and assignment -------------------------------------------------------------------------------------


@service((*WORK, MANAGE), post=application_post)
def add_note(actor, application, text: str) -> CaseEvent:
    text = (text or "").strip()
    if not text:
        raise Invalid("Write the note first.", code="note_empty", field="text")
    if len(text) > 5000:
        raise Invalid("A note is at most 5,000 characters.", code="note_too_long", field="text")
    case = load(application)
    event = add_event(case, actor, EventKind.NOTE, text=text)
    record_change(
        actor, AuditAction.CASEWORK_APPLICATION_NOTE, case, new={"note": text[:200]}, post_code=case.post.code
    )
    return event


def _post_of_all(*_, post, **__) -> str:
    return post.code


@service(MANAGE, post=_post_of_all)
def assign(actor, applications: list, *, post: Post, to=None) -> int:
    """Assign (``to`` a user) or release (``to`` None) one application or many at ``post``. The user must work
    cases there; cases of other posts are refused whole (nothing is assigned)."""
    from borderdesk.apps.accounts.models import User

    refs = [str(a).strip().upper() for a in applications if str(a).strip()]
    if not refs:
        raise Invalid("Choose at least one application.", code="nothing_chosen", field="applications")
    if len(refs) > 500:
        raise Invalid("At most 500 applications at once.", code="too_many", field="applications")
    officer = None
    if to is not None:
        officer = User.objects.filter(pk=getattr(to, "pk", to), is_active=True).first()
        if officer is None or not any(officer.can(perm, post.code) for perm in WORK):
            raise Invalid(
                "Cases can only be assigned to an officer who works cases at this post.",
                code="assignee_not_at_post",
                field="to",
            )
    cases = list(
        Application.objects.select_for_update().filter(reference__in=refs).select_related("post").order_by("pk")
    )
    found = {case.reference for case in cases}
    missing = [ref for ref in refs if ref not in found]
    elsewhere = [case.reference for case in cases if case.post_id != post.pk]
    if missing or elsewhere:
        raise NotFound(
            f"Not an application of {post.code}: {', '.join((missing + elsewhere)[:5])}. Nothing was assigned.",
            code="application_not_found",
            field="applications",
        )
    now = timezone.now()
    for case in cases:
        before = case.assigned_to.username if case.assigned_to_id else None
        case.assigned_to, case.assigned_at = officer, now if officer else None
        case.version = F("version") + 1
        case.save(update_fields=["assigned_to", "assigned_at", "version", "updated_at"])
        add_event(
            case,
            actor,
            EventKind.ASSIGNMENT,
            text=f"Assigned to {officer.username}" if officer else "Released to the team",
            previous=before,
            assignee=officer.username if officer else None,
        )
        record_change(
            actor,
            AuditAction.CASEWORK_APPLICATION_ASSIGN,
            case,
            old={"assigned_to": before},
            new={"assigned_to": officer.username if officer else None},
            post_code=post.code,
        )
    return len(cases)


@service(WORK, post=application_post)
def take(actor, application, *, version=None) -> Application:
    """An officer takes an unassigned case of their post for themselves."""
    case = load(application, for_update=True)
    check_version(case, version)
    if case.assigned_to_id and case.assigned_to_id != getattr(user_of(actor), "pk", None):
        raise Conflict(
            f"Application {case.reference} is already assigned to {case.assigned_to.username}.",
            code="already_assigned",
        )
    case.assigned_to, case.assigned_at = user_of(actor), timezone.now()
    case.version = F("version") + 1
    case.save(update_fields=["assigned_to", "assigned_at", "version", "updated_at"])
    case.refresh_from_db(fields=["version"])
    add_event(case, actor, EventKind.ASSIGNMENT, text=f"Taken by {username_of(actor)}", assignee=username_of(actor))
    record_change(
        actor,
        AuditAction.CASEWORK_APPLICATION_ASSIGN,
        case,
        new={"assigned_to": username_of(actor)},
        post_code=case.post.code,
    )
    return case


# --- Reading a case ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRecord:
    """One application as its page shows it, with what the reader may do to it now."""

    application: Application
    kind: ApplicationKind
    events: list[CaseEvent]
    family: list[Application]
    allowed_actions: list[str]
    may_work: bool
    may_approve: bool
    may_assign: bool

    @property
    def reference(self) -> str:
        return self.application.reference


@service(READ, post=application_post)
def view_case(actor, application, *, purpose: str = "case record") -> CaseRecord:
    """A case with its timeline: a logged read at its post."""
    case = load(application)
    post = case.post.code
    record_access(actor, case.applicant, purpose=purpose, detail=case.reference, post_code=post)
    return CaseRecord(
        application=case,
        kind=kind_of(case),
        events=list(case.events.select_related("actor").order_by("at", "pk")),
        family=list(
            Application.objects.filter(principal=case).select_related("applicant").order_by("pk")
            if case.principal_id is None
            else Application.objects.filter(pk=case.principal_id).select_related("applicant")
        ),
        allowed_actions=[a.value for a in allowed_actions(State(case.state))],
        may_work=allowed(actor, WORK, post),
        may_approve=allowed(actor, APPROVE, post),
        may_assign=allowed(actor, MANAGE, post),
    )
