"""The checks run on an application, and its assessment against the kind's rules (issue #13, items 4 and 5).

When the case is admissible, ``start_checks`` moves it to ``checks_running`` and runs the checks at stage
``lodged`` in the same transaction; before the decision the officer runs them again (``run_checks`` at stage
``before_decision``). Each run is a ``CheckRun`` of its own (never overwritten), with:

- the watchlist screening of the applicant, each family member (the linked applications) and the sponsor or
  employer, through the watchlists' screening service (each screening stored there with its matches, and an
  access event per person), with each match's score, list and explanation as the booth shows them;
- the applicant's border history: entries, exits, refusals, detentions, overstays (a stay that went beyond the
  date the traveller was admitted until, or past the rolling limit), and the visas held with their status;
- the applicant's other applications, at any post, with their outcomes;
- the lost and stolen register for the travel document on the application;
- the assessment against the kind's criteria (``core/casework/assessment``), over facts gathered here: the
  days already used in the rolling window are counted by the rules core from the border history.

``clear`` is true when nothing needs an officer's attention. The decisions part relies on ``stage`` and ``run_at``:
a decision is proposed only after a ``before_decision`` run newer than the last evidence received.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import Application, CheckRun, CheckStage, EventKind, SupportingFile
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
from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.services import service
from borderdesk.apps.travel_documents.services import current_register
from borderdesk.apps.travellers.models import CrossingOutcome, Direction, Traveller
from borderdesk.apps.travellers.services import TravelHistory, load_history, stay_periods
from borderdesk.apps.visas.models import VisaStatus
from borderdesk.apps.watchlists.codec import QueryError, query_from_dict
from borderdesk.apps.watchlists.services import screen_batch
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import State
from borderdesk.core.casework.assessment import Facts, assess, intended_stay
from borderdesk.core.rules import Stay as StayPeriod
from borderdesk.core.rules import StayInputError, calculate_stay
from borderdesk.core.screening import PartialDate, Query

# When each stage may be run: at lodging, while the checks are running (again, e.g. after a list was updated);
# before the decision, while the case is assessed (an interview may still be due).
STAGE_STATES = {
    CheckStage.LODGED: frozenset({State.CHECKS_RUNNING}),
    CheckStage.BEFORE_DECISION: frozenset({State.ASSESSMENT, State.INTERVIEW_SCHEDULED}),
}
HISTORY_LIMIT = 50
EARLIER_LIMIT = 20
# Answers that name a sponsor, employer or host when the application's sponsor record is empty.
SPONSOR_ANSWERS = (
    ("sponsor_name", "sponsor"),
    ("employer_name", "employer"),
    ("host_name", "host"),
    ("family_member_name", "sponsor"),
    ("inviting_company", "host"),
)


@service(WORK, post=application_post)
def start_checks(actor, application, *, version=None, today: date | None = None) -> CheckRun:
    """START_CHECKS: the case moves to ``checks_running`` and the checks run at stage ``lodged``, in one
    transaction (a failure leaves the case where it was)."""
    case = load(application, for_update=True)
    check_version(case, version)
    return begin_checks(actor, case, today=today)


def begin_checks(actor, case: Application, *, text: str = "", today: date | None = None) -> CheckRun:
    """Move a locked case (``load(..., for_update=True)``, its version checked) by START_CHECKS and run the checks
    at stage ``lodged``: for ``start_checks`` here and for the same action sent to ``cases.act``."""
    move(case, actor, "start_checks", text=text)
    return _run(actor, case, CheckStage.LODGED, today=today or timezone.localdate())


@service(WORK, post=application_post)
def run_checks(actor, application, *, stage: str, version=None, today: date | None = None) -> CheckRun:
    """Run the checks (again) at ``stage``: a new ``CheckRun``, the earlier ones kept."""
    try:
        stage = CheckStage(stage)
    except ValueError:
        choices = ", ".join(CheckStage.values)
        raise Invalid(f"Checks are run at a stage: {choices}.", code="unknown_check_stage", field="stage") from None
    case = load(application, for_update=True)
    check_version(case, version)
    if State(case.state) not in STAGE_STATES[stage]:
        allowed = " or ".join(s.value.replace("_", " ") for s in sorted(STAGE_STATES[stage]))
        raise Invalid(
            f"The checks {stage.label.lower()} are run while the application is {allowed}; "
            f"it is {case.get_state_display().lower()}.",
            code="checks_not_now",
            field="stage",
        )
    return _run(actor, case, stage, today=today or timezone.localdate())


@service(READ, post=application_post)
def latest_runs(actor, application) -> dict[str, CheckRun]:
    """The latest run of each stage (by stage value), for the case's page: a logged read."""
    case = load(application)
    runs: dict[str, CheckRun] = {}
    for run in case.check_runs.select_related("run_by").order_by("run_at", "pk"):
        runs[run.stage] = run
    if runs:
        record_access(
            actor, case.applicant, purpose="case record: checks", detail=case.reference, post_code=case.post.code
        )
    return runs


def latest_run(application: Application, stage: str) -> CheckRun | None:
    """The latest run at ``stage`` (for other casework services, inside their own permission check)."""
    return application.check_runs.filter(stage=stage).order_by("-run_at", "-pk").first()


# --- One run -------------------------------------------------------------------------------------------------------


def _run(actor, case: Application, stage: CheckStage, *, today: date) -> CheckRun:
    post = case.post.code
    people = _people(case)
    screened = _screen(actor, case, people)
    record_access(
        actor,
        case.applicant,
        purpose="casework checks",
        detail=f"{case.reference}: border history, visas, earlier applications",
        post_code=post,
    )
    history = load_history(case.applicant, limit=HISTORY_LIMIT)
    history_summary = _history(history, today)
    earlier = _earlier_applications(case)
    register = _register(actor, case)
    kind = kind_of(case)
    facts = Facts(
        on=today,
        lodged_on=case.lodged_on,
        answers=case.answers,
        document_expiry=case.document.expiry_date if case.document_id else None,
        document_reported=_reported(register),
        has_document=case.document_id is not None,
        documents_present=frozenset(
            SupportingFile.objects.filter(application=case).values_list("document_code", flat=True)
        ),
        days_used=_days_used(case, kind),
        refusals=history_summary["counts"]["refusals"],
        detentions=history_summary["counts"]["detentions"],
        overstays=history_summary["counts"]["overstays"],
        **_watchlist_facts(screened),
        sponsor_name=str((case.sponsor or {}).get("name", "")),
        admitted_until=history.open_stay.admitted_until if history.open_stay is not None else None,
    )
    assessment = assess(kind, facts).to_dict()
    attention = _attention(screened, history_summary, register, assessment)
    results = {
        "stage": stage.value,
        "on": today.isoformat(),
        "people": screened,
        "history": history_summary,
        "earlier_applications": earlier,
        "register": register,
        "assessment": assessment,
        "attention": attention,
    }
    run = CheckRun.objects.create(
        application=case,
        stage=stage.value,
        run_at=timezone.now(),
        run_by=user_of(actor),
        clear=not attention,
        results=results,
    )
    summary = "nothing needs attention" if not attention else f"{len(attention)} to look at: " + "; ".join(attention)
    add_event(
        case,
        actor,
        EventKind.CHECK,
        action="run_checks",
        text=f"Checks {stage.label.lower()}: {summary}"[:2000],
        stage=stage.value,
        run=run.pk,
        clear=run.clear,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_CHECKS_RUN,
        run,
        new={
            "application": case.reference,
            "stage": stage.value,
            "clear": run.clear,
            "attention": attention[:20],
            "screened": len(screened),
            "assessment": {k: assessment[k] for k in ("not_met", "flags", "unknown")},
        },
        post_code=post,
    )
    return run


# --- Who is screened -------------------------------------------------------------------------------------------------


def _people(case: Application) -> list[dict]:
    """The applicant, each family member on linked applications, and the sponsor or employer: each with the query
    to screen them by and how the page names them."""
    people = [_traveller_person("applicant", case.applicant, case.document, reference=case.reference)]
    if case.principal_id is None:
        family = Application.objects.filter(principal=case)
    else:
        family = Application.objects.filter(pk=case.principal_id) | Application.objects.filter(
            principal_id=case.principal_id
        ).exclude(pk=case.pk)
    for member in family.select_related("applicant", "document").order_by("pk")[:50]:
        role_text = member.relationship or ("principal" if member.pk == case.principal_id else "family member")
        people.append(
            _traveller_person(
                "family", member.applicant, member.document, reference=member.reference, relation=role_text
            )
        )
    sponsor = _sponsor_person(case)
    if sponsor is not None:
        people.append(sponsor)
    return people


def _traveller_person(role: str, traveller: Traveller, document, *, reference: str, relation: str = "") -> dict:
    birth = traveller.birth_date
    query = Query(
        name=traveller.full_name,
        id=f"traveller:{traveller.pk}",
        birth_date=PartialDate(birth.year, birth.month, birth.day) if birth else None,
        nationality=traveller.nationality or None,
        sex=traveller.sex or None,
        document_number=document.document_number if document is not None else None,
        document_issuing_state=document.issuing_state if document is not None else None,
    )
    return {
        "role": role,
        "name": traveller.full_name,
        "birth_date": birth.isoformat() if birth else None,
        "nationality": traveller.nationality,
        "reference": reference,
        "relation": relation,
        "query": query,
    }


def _sponsor_person(case: Application) -> dict | None:
    sponsor = case.sponsor or {}
    name = str(sponsor.get("name", "")).strip()
    role = str(sponsor.get("kind") or "sponsor")
    if not name:
        for key, answer_role in SPONSOR_ANSWERS:
            answer = case.answers.get(key)
            if isinstance(answer, str) and answer.strip():
                name, role = answer.strip(), answer_role
                break
    if not name:
        return None
    birth, nationality = sponsor.get("birth_date") or "", sponsor.get("nationality") or ""
    try:
        query = query_from_dict({"name": name[:200], "id": "sponsor", "birth_date": birth, "nationality": nationality})
    except QueryError:  # a birth date or nationality the screener cannot read: screen by the name alone
        query = Query(name=name[:200], id="sponsor")
    return {
        "role": "sponsor",
        "name": name,
        "birth_date": birth or None,
        "nationality": nationality or None,
        "reference": "",
        "relation": role,
        "query": query,
    }


def _screen(actor, case: Application, people: list[dict]) -> list[dict]:
    outcomes = screen_batch(
        actor,
        [person["query"] for person in people],
        post_code=case.post.code,
        purpose=f"casework checks {case.reference}",
    )
    screened = []
    for person, outcome in zip(people, outcomes, strict=True):
        entry = {key: value for key, value in person.items() if key != "query"}
        entry["screening"] = outcome.as_dict()
        screened.append(entry)
    return screened


def _watchlist_facts(screened: list[dict]) -> dict:
    with_lists = [p for p in screened if p["screening"].get("lists")]
    if not with_lists:
        return {"watchlist_screened": None}
    return {
        "watchlist_screened": len(with_lists),
        "watchlist_hits": sum(p["screening"].get("hits", 0) for p in with_lists),
        "watchlist_possibles": sum(p["screening"].get("possibles", 0) for p in with_lists),
        "watchlist_errors": sum(1 for p in with_lists if p["screening"].get("error")),
    }


# --- The border history --------------------------------------------------------------------------------------------


def _history(history: TravelHistory, today: date) -> dict:
    crossings = []
    counts = {"entries": 0, "exits": 0, "refusals": 0, "detentions": 0, "overstays": 0}
    for crossing in history.crossings:
        if crossing.outcome == CrossingOutcome.REFUSED:
            counts["refusals"] += 1
        elif crossing.outcome == CrossingOutcome.DETAINED:
            counts["detentions"] += 1
        elif crossing.direction == Direction.ENTRY:
            counts["entries"] += 1
        else:
            counts["exits"] += 1
        crossings.append(
            {
                "on": timezone.localdate(crossing.occurred_at).isoformat(),
                "direction": crossing.direction,
                "outcome": crossing.outcome,
                "post": crossing.post.code,
                "admitted_until": crossing.admitted_until.isoformat() if crossing.admitted_until else None,
            }
        )
    stays = []
    for stay in history.stays:
        overstay = stay.overstay_days
        if stay.exit_id is None and stay.admitted_until and today > stay.admitted_until:
            overstay = max(overstay, (today - stay.admitted_until).days)  # still here past the date admitted until
        if overstay:
            counts["overstays"] += 1
        stays.append(
            {
                "entry": stay.entry_date.isoformat(),
                "exit": stay.exit_date.isoformat() if stay.exit_date else None,
                "admitted_until": stay.admitted_until.isoformat() if stay.admitted_until else None,
                "overstay_days": overstay,
                "open": stay.exit_id is None,
            }
        )
    visas = [
        {
            "number": visa.number,
            "kind": visa.kind,
            "valid_from": visa.valid_from.isoformat(),
            "valid_until": visa.valid_until.isoformat(),
            "status": "expired" if visa.status == VisaStatus.VALID and visa.valid_until < today else visa.status,
        }
        for visa in history.visas
    ]
    return {
        "counts": counts,
        "crossings": crossings,
        "stays": stays,
        "overstays": [s for s in stays if s["overstay_days"]],
        "refusals": [c for c in crossings if c["outcome"] in (CrossingOutcome.REFUSED, CrossingOutcome.DETAINED)],
        "visas": visas,
        "limit": HISTORY_LIMIT,
    }


def _days_used(case: Application, kind) -> int | None:
    """Days counted in the rolling window on the last day of the stay applied for, that stay included (the rules
    core counts them from the border history); None when the kind has no such limit or it cannot be counted."""
    criterion = next((c for c in kind.assessment if c.check == "short_stay_limit"), None)
    stay = intended_stay(kind, case.answers)
    if criterion is None or stay is None or stay.end is None:
        return None
    periods = [*stay_periods(case.applicant), StayPeriod(stay.start, stay.end)]
    try:
        result = calculate_stay(
            periods, stay.end, limit=int(criterion.param("limit")), window=int(criterion.param("window"))
        )
    except (StayInputError, OverflowError):  # the stay applied for overlaps a recorded one: counted by hand
        return None
    return result.days_used


# --- Earlier applications and the register -------------------------------------------------------------------------


def _earlier_applications(case: Application) -> list[dict]:
    others = (
        Application.objects.filter(applicant=case.applicant)
        .exclude(pk=case.pk)
        .select_related("post")
        .order_by("-lodged_at", "-pk")[:EARLIER_LIMIT]
    )
    return [
        {
            "reference": other.reference,
            "kind": other.kind,
            "post": other.post.code,
            "same_post": other.post_id == case.post_id,
            "lodged_on": other.lodged_on.isoformat(),
            "state": other.state,
            "outcome": other.outcome or None,
            "decided_at": timezone.localdate(other.decided_at).isoformat() if other.decided_at else None,
        }
        for other in others
    ]


def _register(actor, case: Application) -> dict:
    document = case.document
    if document is None:
        return {"checked": False, "document": None, "entry": None}
    hit = current_register().lookup(document.document_number, document.issuing_state, document.category)
    described = f"{document.document_code} {document.issuing_state} {document.document_number}"
    record_access(
        actor,
        purpose=f"casework checks {case.reference}",
        object_type="travel_document",
        object_id=f"{document.issuing_state}:{document.document_number}",
        detail="lost/stolen HIT" if hit else "",
        post_code=case.post.code,
    )
    entry = None
    if hit is not None:
        entry = {
            "document_number": hit.document_number,
            "issuing_state": hit.issuing_state,
            "document_type": hit.document_type,
            "reported_on": hit.reported_on.isoformat(),
            "reason": hit.reason,
        }
    return {"checked": True, "document": described, "entry": entry}


def _reported(register: dict) -> str:
    entry = register.get("entry")
    return f"{entry['reason']}, reported {entry['reported_on']}" if entry else ""


def _attention(screened: list[dict], history: dict, register: dict, assessment: dict) -> list[str]:
    """What the officer must look at, in words; empty when the run is clear."""
    found = []
    for person in screened:
        screening = person["screening"]
        if screening.get("matches") or screening.get("error"):
            found.append(f"{person['name']} ({person['role']}): {screening.get('summary')}")
    if not any(p["screening"].get("lists") for p in screened):
        found.append("no watchlist is in force: nobody was screened against a list")
    if register.get("entry"):
        entry = register["entry"]
        found.append(f"travel document reported {entry['reason']} on {entry['reported_on']}")
    counts = history["counts"]
    for key, words in (("refusals", "refusals of entry"), ("detentions", "detentions"), ("overstays", "overstays")):
        if counts[key]:
            found.append(f"{counts[key]} {words} on record")
    for criterion in assessment["criteria"]:
        if criterion["outcome"] != "met" and criterion["check"] not in ("clean_history", "watchlist_clear"):
            found.append(f"{criterion['title']}: {criterion['outcome'].replace('_', ' ')}")
    return found
