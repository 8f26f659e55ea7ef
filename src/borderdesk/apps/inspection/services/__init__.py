"""Passport control: from the scan to the decision.

``start_inspection`` gathers everything the officer needs on one screen (document verdict, the traveller and
their history, screening, the rules' recommendation, days of stay, visa on record); ``decide`` records what the
officer decided. Refusals and detentions wait for a senior officer (``approve``), and so does an admission past a
grave alert (a refuse-entry or arrest hit, a lost or stolen or specimen document). A traveller has one inspection
being decided at a time: a rescan closes the earlier undecided one as superseded, and while another is referred
or waiting for approval the rescan may only refer. Every view writes an access event and every decision an audit
event carrying the recommendation's full trace.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
import zoneinfo
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from borderdesk.apps.accounts.authz import require
from borderdesk.apps.audit.services import atomic_audited, audit_batch, record_access, record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import pk_of, post_code_of, scoped, scoped_read
from borderdesk.apps.inspection.models import (
    FOUR_EYES_KINDS,
    Alert,
    AlertKind,
    Approval,
    BoothSession,
    Channel,
    CustodyRecord,
    Decision,
    DecisionKind,
    GateRequest,
    Inspection,
    Purpose,
    Status,
)
from borderdesk.apps.inspection.situation import build_situation
from borderdesk.apps.policy.services import recommend_entry, refusal_grounds, visa_on_arrival_terms
from borderdesk.apps.posts.models import Booth, Direction as BoothDirection
from borderdesk.apps.travel_documents.services import check_document
from borderdesk.apps.travellers.models import HeldDocument, Traveller, VisaKind
from borderdesk.apps.travellers.services import (
    identify,
    load_history,
    record_entry,
    record_exit,
    record_refusal,
    settle_open_stay,
    valid_visa,
)
from borderdesk.apps.watchlists.services import screen_person
from borderdesk.core.access import Perm
from borderdesk.core.reference import SEVERITY_ORDER
from borderdesk.core.screening import PartialDate, Query

TYPED_NUMBER = re.compile(r"^\s*([A-Z0-9]{3,35})[\s/,;]+([A-Z]{1,3})\s*$", re.IGNORECASE)
DECIDABLE = {Status.OPEN, Status.IN_SECONDARY}
# Another inspection of the traveller in one of these states is a decision under way: a rescan may only refer.
UNDER_WAY_ELSEWHERE = {Status.REFERRED, Status.IN_SECONDARY, Status.PENDING_APPROVAL}
UNSETTLED = {Status.OPEN, *UNDER_WAY_ELSEWHERE}
# Admitting past these needs a senior officer's approval (four eyes), like a refusal.
GRAVE_WATCHLIST_ACTIONS = {"refuse_entry", "arrest"}


# --- Booth sessions -------------------------------------------------------------------------------------------

@transaction.atomic
def open_booth(officer, booth: Booth, *, direction: str | None = None) -> BoothSession:
    require(officer, Perm.BORDER_INSPECTION_DECIDE, booth.post.code)
    direction = direction or (booth.direction if booth.direction != BoothDirection.BOTH else "entry")
    if booth.direction != BoothDirection.BOTH and direction != booth.direction:
        raise Invalid(f"Booth {booth.code} is an {booth.direction} booth.", code="wrong_direction")
    current = current_session(officer)
    if current is not None:
        if current.booth_id == booth.pk and current.direction == direction:
            return current
        close_booth(officer)
    if BoothSession.objects.filter(booth=booth, ended_at__isnull=True).exists():
        raise Conflict(f"Another officer is signed in at booth {booth.code}.", code="booth_taken")
    session = BoothSession.objects.create(officer=officer, booth=booth, direction=direction)
    record_change(officer, "inspection.booth.open", session, new={"booth": str(booth), "direction": direction},
                  post_code=booth.post.code)
    return session


@transaction.atomic
def close_booth(officer) -> None:
    session = current_session(officer)
    if session is None:
        return
    session.ended_at = timezone.now()
    session.save(update_fields=["ended_at"])
    record_change(officer, "inspection.booth.close", session, new={"booth": str(session.booth)},
                  post_code=session.booth.post.code)


def current_session(officer) -> BoothSession | None:
    return (BoothSession.objects.select_related("booth__post")
            .filter(officer=officer, ended_at__isnull=True).first())


# --- The scan -------------------------------------------------------------------------------------------------

def start_inspection(officer, session: BoothSession, scan: str, *, today: date | None = None) -> Inspection:
    """A scanned or pasted MRZ, or a typed document number and state, starts a new traveller at the booth."""
    post = session.booth.post
    require(officer, Perm.BORDER_INSPECTION_DECIDE, post.code)
    today = today or timezone.localdate()
    fields, document_check = read_document(officer, scan, today=today)
    return inspect(officer, fields, document_check, post=post, booth=session.booth, session=session,
                   channel=Channel.BOOTH, direction=session.direction, today=today)


def read_document(actor, scan: str, *, today: date) -> tuple[dict, dict]:
    typed = TYPED_NUMBER.match(scan) if len(scan.strip().splitlines()) == 1 and len(scan.strip()) < 45 else None
    if typed:
        return _document_on_record(typed.group(1).upper(), typed.group(2).upper())
    result = check_document(actor, scan, today=today, repair=True, purpose="primary inspection")
    mrz = result.mrz
    if mrz["format"] is None:
        first = mrz["errors"][0]["message"] if mrz["errors"] else "unreadable"
        raise Invalid(f"That is not a machine-readable zone ({first}). Scan again, or type the document "
                      "number and issuing state, e.g. AB1234567 UTO.", code="not_an_mrz")
    if not mrz["valid"]:
        problems = "; ".join(f"{e['field'] or 'zone'}: {e['message']}" for e in mrz["errors"][:3])
        raise Invalid(f"The {mrz['format']} zone was not read reliably ({problems}). Scan the page again.",
                      code="mrz_misread")
    return mrz["fields"], result.as_dict()


def _document_on_record(number: str, state: str) -> tuple[dict, dict]:
    documents = list(HeldDocument.objects.select_related("traveller").filter(document_number=number,
                                                                             issuing_state=state))
    if not documents:
        raise NotFound(f"No document {number} issued by {state} is on record: scan the passport instead.",
                       code="document_not_on_record")
    if len(documents) > 1:
        kinds = ", ".join(sorted(d.document_code for d in documents))
        raise Conflict(f"{number} ({state}) is on record for several documents ({kinds}): scan the one shown.",
                       code="document_ambiguous")
    document, traveller = documents[0], documents[0].traveller
    fields = {"document_code": document.document_code, "issuing_state": state, "document_number": number,
              "surname": traveller.surname, "given_names": traveller.given_names,
              "nationality": traveller.nationality, "sex": traveller.sex,
              "birth_date": traveller.birth_date.isoformat() if traveller.birth_date else None,
              "expiry_date": document.expiry_date.isoformat() if document.expiry_date else None}
    return fields, {"typed": True, "valid": None, "fields": fields, "errors": [], "warnings": [], "repairs": [],
                    "document_checks": {"findings": []}, "lost_stolen": None, "viz_differences": [],
                    "clear": False}


@atomic_audited
def inspect(actor, fields: dict, document_check: dict, *, post, booth, session, channel: str, direction: str,
            today: date, purpose: str = "", answers: dict | None = None) -> Inspection:
    found = identify(actor, fields, post_code=post.code)
    traveller = found.traveller
    history = load_history(traveller)
    screening = _with_register_hit(_screen(actor, traveller, found.document, post.code), document_check)
    inspection = Inspection(
        post=post, booth=booth, session=session, channel=channel, direction=direction,
        officer=actor if getattr(actor, "pk", None) else None, traveller=traveller, document=found.document,
        document_check={**document_check, "holder_differs": found.holder_differs,
                        "possible_duplicates": [t.pk for t in found.possible_duplicates]},
        screening=screening, purpose=purpose, answers=answers or {})
    _evaluate(actor, inspection, today=today, history=history)
    inspection.save()
    supersede_earlier(actor, inspection)
    record_access(actor, traveller, purpose=f"{direction} inspection", post_code=post.code,
                  detail=f"inspection {inspection.pk}")
    if screening.get("hits"):
        _alert(inspection, AlertKind.WATCHLIST,
               f"Watchlist hit for {traveller.full_name}: {screening.get('required_action') or 'see screening'}")
    return inspection


def _screen(actor, traveller: Traveller, document: HeldDocument, post_code: str) -> dict:
    birth = traveller.birth_date
    query = Query(name=traveller.full_name, id=str(traveller.pk),
                  birth_date=PartialDate(birth.year, birth.month, birth.day) if birth else None,
                  nationality=traveller.nationality, sex=traveller.sex or None,
                  document_number=document.document_number, document_issuing_state=document.issuing_state)
    outcome = screen_person(actor, query, post_code=post_code, purpose="primary inspection")
    return outcome.as_dict()


ACTION_STRENGTH = [action.value for action in SEVERITY_ORDER]


def _with_register_hit(screening: dict, document_check: dict) -> dict:
    """A document in the lost and stolen register is a screening alert like a watchlist hit."""
    entry = document_check.get("lost_stolen")
    if not entry:
        return screening
    detail = (f"document {entry['document_number']} of {entry['issuing_state']} was reported {entry['reason']} "
              f"on {entry['reported_on']}: retain it")
    match = {"list": "lost_stolen", "entry_id": f"{entry['issuing_state']}:{entry['document_number']}",
             "name": f"{entry['document_type']} {entry['issuing_state']} {entry['document_number']}", "score": 1.0,
             "decision": "hit", "action": "refuse_entry", "reason": f"reported {entry['reason']}",
             "explanation": {"document": {"score": 1.0, "detail": detail}}}
    current = screening.get("required_action")
    strongest = max([a for a in (current, "refuse_entry") if a], key=ACTION_STRENGTH.index)
    return {**screening, "matches": [match, *screening.get("matches", [])],
            "hits": screening.get("hits", 0) + 1, "required_action": strongest}


def _watchlist_alert(screening: dict) -> dict | None:
    action = screening.get("required_action")
    if not action:
        return None
    hit = next((m for m in screening.get("matches", []) if m.get("decision") == "hit"), {})
    return {"action": action, "list": hit.get("list", ""), "reference": hit.get("entry_id", "")}


def _evaluate(actor, inspection: Inspection, *, today: date, history=None) -> None:
    """Ask the rules again with everything known now; store the facts and the recommendation."""
    traveller, document = inspection.traveller, inspection.document
    history = history or load_history(traveller)
    visa = history.valid_visa(today)
    check = inspection.document_check
    situation = build_situation(
        nationality=traveller.nationality,
        document_expiry=document.expiry_date.isoformat() if document.expiry_date else None,
        birth_date=traveller.birth_date.isoformat() if traveller.birth_date else None,
        today=today, history=history, visa=visa, watchlist_alert=_watchlist_alert(inspection.screening),
        purpose=inspection.purpose, answers=inspection.answers, document_findings=_finding_codes(check))
    inspection.situation = situation
    if inspection.direction == "exit":
        inspection.recommendation = _exit_summary(history, today)
        _note_under_way_elsewhere(inspection)
        return
    record = recommend_entry(actor, situation, on=today, post_code=inspection.post.code,
                             purpose=f"inspection {inspection.pk or 'new'}")
    inspection.recommendation = record.as_dict()
    inspection.visa_on_arrival = {}
    said = inspection.recommendation.get("reasons", []) + inspection.recommendation.get("conditions", [])
    if visa is None and any(code.startswith("visa_on_arrival") for code in said):
        inspection.visa_on_arrival = visa_on_arrival_terms(situation, on=today)
        if is_specimen(check):  # no visa on a specimen passport, ever
            inspection.visa_on_arrival = {**inspection.visa_on_arrival, "eligible": False,
                                          "reasons": ["specimen_document"]}
    if check.get("lost_stolen"):
        inspection.recommendation["document_alert"] = "lost_or_stolen"
    if history.open_stay is not None:  # entering while on record as still here: an exit was never recorded
        inspection.recommendation["reasons"] = [*inspection.recommendation.get("reasons", []), "no_exit_recorded"]
    _note_under_way_elsewhere(inspection)


def _finding_codes(document_check: dict) -> list[str]:
    return [f["code"] for f in (document_check.get("document_checks") or {}).get("findings", [])]


def is_specimen(document_check: dict) -> bool:
    return "specimen_document" in _finding_codes(document_check)


def _note_under_way_elsewhere(inspection: Inspection) -> None:
    """Keep with the recommendation (and so in the decision's audit record) what was under way elsewhere."""
    elsewhere = [_summary(other) for other in _under_way_elsewhere(inspection)]
    if elsewhere:
        inspection.recommendation["under_way_elsewhere"] = elsewhere
    else:
        inspection.recommendation.pop("under_way_elsewhere", None)


def _under_way_elsewhere(inspection: Inspection) -> list[Inspection]:
    return list(Inspection.objects.filter(traveller_id=inspection.traveller_id, status__in=UNDER_WAY_ELSEWHERE)
                .exclude(pk=inspection.pk).select_related("post", "booth", "officer").order_by("created_at"))


def _summary(other: Inspection) -> dict:
    return {"inspection": other.pk, "status": other.status, "post": other.post.code,
            "booth": other.booth.code if other.booth_id else other.channel,
            "officer": other.officer.get_username() if other.officer_id else "", "since": other.created_at.isoformat()}


def traveller_inspections(inspection: Inspection, *, recent: int = 10) -> dict:
    """What every booth shows about the traveller's other inspections, at any post: those not settled yet (with
    any decision waiting for approval) and the most recent ones. Part of the panel of an inspection its viewer
    was already allowed to open (the access event is written there)."""
    others = (Inspection.objects.filter(traveller_id=inspection.traveller_id).exclude(pk=inspection.pk)
              .select_related("post", "booth", "officer").order_by("-created_at"))
    unsettled = list(others.filter(status__in=UNSETTLED))
    waiting = Decision.objects.filter(inspection__in=[o.pk for o in unsettled], approval=Approval.PENDING)
    pending = {decision.inspection_id: decision for decision in waiting.select_related("decided_by")}
    for other in unsettled:
        other.pending_decision = pending.get(other.pk)
    return {"elsewhere": unsettled, "earlier_inspections": list(others[:recent])}


def supersede_earlier(actor, inspection: Inspection) -> None:
    """A new scan closes what nobody decided: the traveller's earlier undecided inspections, and any inspection
    at the post left undecided longer than ``BORDERDESK_OPEN_INSPECTION_HOURS``. Referred ones and decisions
    waiting for approval stay: they block decisions on the new scan instead (``_check_not_under_way_elsewhere``)."""
    stale_before = timezone.now() - timedelta(hours=settings.BORDERDESK_OPEN_INSPECTION_HOURS)
    earlier = (Inspection.objects.filter(status=Status.OPEN).exclude(pk=inspection.pk)
               .filter(Q(traveller_id=inspection.traveller_id)
                       | Q(post_id=inspection.post_id, created_at__lt=stale_before))
               .select_related("post"))
    for old in earlier:
        closed = Inspection.objects.filter(pk=old.pk, status=Status.OPEN).update(
            status=Status.SUPERSEDED, superseded_by=inspection, version=F("version") + 1, updated_at=timezone.now())
        if closed:
            why = "rescanned" if old.traveller_id == inspection.traveller_id else "left undecided too long"
            record_change(actor, "inspection.superseded", old, old={"status": Status.OPEN},
                          new={"status": Status.SUPERSEDED, "superseded_by": inspection.pk, "why": why},
                          post_code=old.post.code)


def _exit_summary(history, today: date) -> dict:
    stay = history.open_stay
    if stay is None:
        return {"outcome": "exit", "open_stay": None, "reasons": ["no_open_stay_on_record"]}
    overdue = (today - stay.admitted_until).days if stay.admitted_until else 0
    return {"outcome": "exit", "reasons": ["overstay"] if overdue > 0 else [],
            "open_stay": {"entry_date": stay.entry_date.isoformat(),
                          "admitted_until": stay.admitted_until.isoformat() if stay.admitted_until else None,
                          "days_past_admission": max(0, overdue)}}


# --- E-gates and kiosks --------------------------------------------------------------------------------------

@atomic_audited
def egate_inspection(gate, *, mrz: str, post_code: str, direction: str = "entry", purpose: str = "",
                     planned_departure: date | None = None, idempotency_key: str = "",
                     today: date | None = None) -> dict:
    """An e-gate's inspection: the same checks as a booth. The gate opens on its own only when every check is
    clear and the agency allows it for the traveller's nationality; otherwise the traveller goes to a booth.
    The same gate account sending the same request with the same ``idempotency_key`` at the same post gets the
    first answer again; the key means nothing to any other caller or post."""
    from django.conf import settings

    from borderdesk.apps.posts.services import post_of_caller

    post = post_of_caller(gate, post_code)
    require(gate, Perm.BORDER_INSPECTION_DECIDE, post.code)
    if direction not in ("entry", "exit"):
        raise Invalid("direction must be entry or exit.", code="invalid_direction", field="direction")
    request = {"mrz": _normalised_zone(mrz), "direction": direction, "purpose": purpose,
               "planned_departure": planned_departure.isoformat() if planned_departure else None}
    earlier, kept = _gate_request(gate, post, idempotency_key, request)
    if earlier is not None:
        return earlier
    today = today or timezone.localdate(timezone=zoneinfo.ZoneInfo(post.time_zone))  # the gate's own day
    fields, check = read_document(gate, mrz, today=today)
    answers = {"planned_departure": planned_departure.isoformat()} if planned_departure else {}
    inspection = inspect(gate, fields, check, post=post, booth=None, session=None, channel=Channel.EGATE,
                         direction=direction, today=today, purpose=purpose, answers=answers)
    reasons = gate_refusal_reasons(inspection, settings.BORDERDESK_EGATE_NATIONALITIES)
    if reasons:
        answer = _gate_answer(inspection, reasons, None)
    else:
        kind = DecisionKind.ADMIT if direction == "entry" else DecisionKind.EXIT
        decision = decide(gate, inspection, kind=kind, version=inspection.version,
                          idempotency_key=uuid.uuid4().hex, today=today)
        answer = _gate_answer(decision.inspection, [], decision)
    if kept is not None:
        kept.inspection, kept.answer = inspection, answer
        kept.save(update_fields=["inspection", "answer"])
    return answer


def _normalised_zone(mrz: str) -> str:
    return "\n".join(line.strip() for line in mrz.strip().splitlines())


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def _gate_request(gate, post, key: str, request: dict) -> tuple[dict | None, GateRequest | None]:
    """The answer this gate account already got at this post for this key (the same request again), or the new
    request kept under the key. On PostgreSQL a second request racing with the first waits for it here."""
    if not key or _user(gate) is None:
        return None, None
    mine = GateRequest.objects.filter(caller=gate, post=post, key_digest=_digest(key))
    earlier = mine.first()
    if earlier is None:
        try:
            with transaction.atomic():
                return None, GateRequest.objects.create(caller=gate, post=post, key_digest=_digest(key),
                                                        request_digest=_digest(request))
        except IntegrityError:
            earlier = mine.first()
    if earlier.request_digest != _digest(request):
        raise Conflict("This idempotency key was already sent with another request: send a new key for each "
                       "traveller.", code="idempotency_key_reused", field="idempotency_key")
    return earlier.answer, None


def gate_refusal_reasons(inspection: Inspection, allowed_nationalities) -> list[str]:
    """Why an e-gate must send this traveller to a booth (empty: the gate may open)."""
    check, screening, recommendation = inspection.document_check, inspection.screening, inspection.recommendation
    reasons = []
    if inspection.document.category != "P":  # gates read passports; other documents are seen by an officer
        reasons.append("document_not_a_passport")
    if not check.get("clear"):
        reasons.append("document_not_clear")
    if check.get("holder_differs") or check.get("possible_duplicates"):
        reasons.append("identity_to_confirm")
    if screening.get("matches") or screening.get("error"):
        reasons.append("watchlist_match")
    if "no_exit_recorded" in recommendation.get("reasons", []):
        reasons.append("no_exit_recorded")
    if recommendation.get("under_way_elsewhere"):
        reasons.append("traveller_pending_elsewhere")
    if inspection.direction == "entry":
        if inspection.traveller.nationality not in allowed_nationalities:
            reasons.append("nationality_not_enabled_for_egates")
        if recommendation.get("outcome") != "admit":
            reasons.append("rules_recommend_" + str(recommendation.get("outcome")))
        if inspection.situation.get("minor"):
            reasons.append("minor")
    elif recommendation.get("reasons"):
        reasons.extend(r for r in recommendation["reasons"] if r not in reasons)
    return reasons


def _gate_answer(inspection: Inspection, reasons: list[str], decision: Decision | None) -> dict:
    opened = decision is not None and decision.kind in (DecisionKind.ADMIT, DecisionKind.EXIT)
    return {
        "inspection_id": inspection.pk,
        "gate_action": "open" if opened else "to_booth",
        "reasons": reasons,
        "decision": decision.kind if decision else None,
        "admit_until": decision.admit_until.isoformat() if decision and decision.admit_until else None,
        "recommendation": {key: inspection.recommendation.get(key)
                           for key in ("outcome", "reasons", "admit_until", "days_used", "days_left", "pack")},
        "document_valid": bool(inspection.document_check.get("valid")),
        "watchlist_matches": len(inspection.screening.get("matches", [])),
    }


# --- Interview ------------------------------------------------------------------------------------------------

@atomic_audited
def record_interview(officer, inspection: Inspection, *, version: int, purpose: str, answers: dict,
                     notes: str = "", language: str = "en", today: date | None = None) -> Inspection:
    inspection = _lock_for_change(officer, inspection, version)
    if purpose and purpose not in Purpose.values:
        raise Invalid(f"Unknown purpose {purpose!r}.", code="unknown_purpose", field="purpose")
    old = {"purpose": inspection.purpose, "answers": inspection.answers, "notes": inspection.notes}
    inspection.purpose, inspection.answers, inspection.notes = purpose, answers, notes
    inspection.traveller_language = language or "en"
    _evaluate(officer, inspection, today=today or timezone.localdate())
    _save_new_version(inspection)
    record_change(officer, "inspection.interview.record", inspection, old=old,
                  new={"purpose": purpose, "answers": answers, "notes": notes, "language": language,
                       "recommendation": inspection.recommendation.get("outcome")},
                  post_code=inspection.post.code)
    return inspection


# --- Decisions ------------------------------------------------------------------------------------------------

def decide(officer, inspection: Inspection, *, kind: str, idempotency_key: str, version: int,
           class_of_admission: str = "", admit_until: date | None = None, conditions: list[str] | None = None,
           grounds: list[str] | None = None, remarks: str = "", departure_reason: str = "",
           custody: dict | None = None, today: date | None = None) -> Decision:
    """Record the officer's decision. Submitting the same form twice returns the first decision; a form
    older than the inspection's last change is refused, so two officers never both decide one traveller."""
    require(officer, Perm.BORDER_INSPECTION_DECIDE, inspection.post.code)
    existing = Decision.objects.filter(inspection=inspection, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic(), audit_batch():
            return _decide(officer, inspection, kind=DecisionKind(kind), idempotency_key=idempotency_key,
                           version=version, class_of_admission=class_of_admission, admit_until=admit_until,
                           conditions=conditions or [], grounds=grounds or [], remarks=remarks,
                           departure_reason=departure_reason, custody=custody, today=today or timezone.localdate())
    except IntegrityError:
        existing = Decision.objects.filter(inspection=inspection, idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing
    except ValueError:
        raise Invalid(f"Unknown decision {kind!r}.", code="unknown_decision", field="kind")


def _decide(officer, inspection, *, kind, idempotency_key, version, class_of_admission, admit_until, conditions,
            grounds, remarks, departure_reason, custody, today) -> Decision:
    inspection = _lock_for_change(officer, inspection, version)
    if inspection.status not in DECIDABLE:
        raise Conflict(f"This traveller is {inspection.get_status_display().lower()}: no decision can be taken "
                       "here now.", code="not_decidable")
    if kind == DecisionKind.EXIT and inspection.direction != "exit":
        raise Invalid("Exits are recorded at exit booths.", code="wrong_direction")
    if kind in (DecisionKind.ADMIT, DecisionKind.REFUSE, DecisionKind.DETAIN) and inspection.direction == "exit":
        raise Invalid("At an exit booth the decision is to record the exit or refer.", code="wrong_direction")
    recommended = inspection.recommendation.get("outcome", "")
    if kind != DecisionKind.REFER:
        _check_not_under_way_elsewhere(inspection)
    if kind in (DecisionKind.REFUSE, DecisionKind.DETAIN):
        grounds = _checked_grounds(grounds, today)
    if kind == DecisionKind.ADMIT:
        admit_until = _checked_admit_until(inspection, admit_until, today)
    _check_departure(kind, inspection.recommendation, departure_reason, admit_until=admit_until)
    decision = Decision(
        inspection=inspection, kind=kind, idempotency_key=idempotency_key, decided_by=_user(officer),
        class_of_admission=class_of_admission, admit_until=admit_until, conditions=conditions,
        refusal_grounds=grounds, remarks=remarks, recommended_outcome=recommended,
        departure_reason=departure_reason,
        approval=Approval.PENDING if kind in FOUR_EYES_KINDS else Approval.NOT_REQUIRED)
    APPLY[kind](officer, inspection, decision, custody=custody, today=today)
    _save_new_version(inspection)
    record_change(officer, f"inspection.decision.{kind}", decision, post_code=inspection.post.code,
                  new=_decision_record(decision, inspection))
    return decision


def departure_to_explain(kind: str, recommendation: dict, *, admit_until: date | None = None) -> str | None:
    """What the officer must explain when this decision departs from the rules' recommendation (None: it does
    not). The one place this rule lives: the decision service enforces it and the booth's forms ask for it."""
    outcome = recommendation.get("outcome", "")
    if kind == DecisionKind.ADMIT:
        if outcome == "refuse_recommended":
            return "The rules recommend refusal: write why you admit."
        recommended_until = recommendation.get("admit_until")
        if admit_until and recommended_until and admit_until > date.fromisoformat(recommended_until):
            return (f"The rules recommend admission until {recommended_until}: write why you admit until "
                    f"{admit_until.isoformat()}.")
    if kind in (DecisionKind.REFUSE, DecisionKind.DETAIN) and outcome in ("admit", "admit_with_conditions"):
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
        raise Invalid("The rules recommend no date to admit this traveller until: give one.",
                      code="admit_until_required", field="admit_until")
    expiry = inspection.document.expiry_date
    longest = today + timedelta(days=settings.BORDERDESK_MAX_ADMISSION_DAYS)
    if admit_until < today:
        problem = f"{admit_until.isoformat()} is in the past"
    elif expiry is not None and admit_until > expiry:
        problem = f"{admit_until.isoformat()} is after the document expires ({expiry.isoformat()})"
    elif admit_until > longest:
        problem = (f"{admit_until.isoformat()} is more than {settings.BORDERDESK_MAX_ADMISSION_DAYS} days away "
                   f"(latest {longest.isoformat()})")
    else:
        return admit_until
    raise Invalid(f"Admitted until {problem}: no rule grants that. Choose another date.",
                  code="admit_until_out_of_range", field="admit_until")


def _check_not_under_way_elsewhere(inspection: Inspection) -> None:
    """While another inspection of the traveller is referred or waits for approval, this one may only refer."""
    other = next(iter(_under_way_elsewhere(inspection)), None)
    if other is None:
        return
    where = f"{other.post.code} {other.booth.code if other.booth_id else other.get_channel_display()}"
    by = f" by {other.officer.get_username()}" if other.officer_id else ""
    raise Conflict(f"{inspection.traveller.full_name} is {other.get_status_display().lower()} at {where}{by} since "
                   f"{timezone.localtime(other.created_at):%Y-%m-%d %H:%M} (inspection {other.pk}): that decision "
                   "comes first. Refer the traveller, or wait.", code="traveller_pending_elsewhere")


def _checked_grounds(grounds: list[str], today: date) -> list[str]:
    if not grounds:
        raise Invalid("Choose at least one legal ground for the refusal.", code="refusal_ground_required",
                      field="grounds")
    known = {g["code"] for g in refusal_grounds(today)}
    unknown = [g for g in grounds if g not in known]
    if unknown:
        raise Invalid(f"Not a refusal ground in force: {', '.join(unknown)}.", code="unknown_refusal_ground",
                      field="grounds")
    return grounds


def _apply_admit(officer, inspection, decision, *, custody, today):
    decision.class_of_admission = decision.class_of_admission or inspection.purpose or "visitor"
    alerts = grave_alerts(inspection)
    if alerts:  # four eyes: nothing is recorded as a crossing until another senior officer approves
        decision.approval = Approval.PENDING
        decision.save()
        inspection.status = Status.PENDING_APPROVAL
        _alert(inspection, AlertKind.APPROVAL_NEEDED,
               f"Admission of {inspection.traveller.full_name} despite {', '.join(alerts)} needs your approval")
        return
    decision.crossing = _record_admission(officer, decision, today)
    decision.save()
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
    return record_entry(actor, traveller=inspection.traveller, document=inspection.document, post=inspection.post,
                        admitted_until=decision.admit_until, class_of_admission=decision.class_of_admission,
                        visa=valid_visa(inspection.traveller, today))


def _apply_refer(officer, inspection, decision, *, custody, today):
    if not decision.remarks.strip():
        raise Invalid("Say why you refer the traveller to secondary inspection.", code="referral_reason_required",
                      field="remarks")
    decision.save()
    inspection.status = Status.REFERRED
    inspection.referral_reason = decision.remarks
    _alert(inspection, AlertKind.REFERRAL, f"{inspection.traveller.full_name} referred: {decision.remarks[:200]}")


def _apply_refuse(officer, inspection, decision, *, custody, today):
    decision.save()
    inspection.status = Status.PENDING_APPROVAL
    _alert(inspection, AlertKind.APPROVAL_NEEDED,
           f"{decision.get_kind_display()} of {inspection.traveller.full_name} needs your approval")


def _apply_detain(officer, inspection, decision, *, custody, today):
    custody = custody or {}
    if not custody.get("reason", "").strip() or not custody.get("place", "").strip():
        raise Invalid("A detention needs its reason and the place of custody.", code="custody_details_required",
                      field="custody")
    _apply_refuse(officer, inspection, decision, custody=custody, today=today)
    CustodyRecord.objects.create(decision=decision, reason=custody["reason"], place=custody["place"],
                                 started_at=timezone.now())


def _apply_exit(officer, inspection, decision, *, custody, today):
    decision.save()
    recorded = record_exit(officer, traveller=inspection.traveller, document=inspection.document,
                           post=inspection.post)
    decision.crossing = recorded.crossing
    decision.save(update_fields=["crossing"])
    inspection.status = Status.CLOSED
    if recorded.overstay_days:
        inspection.recommendation = {**inspection.recommendation, "overstay_days": recorded.overstay_days}
        _alert(inspection, AlertKind.OVERSTAY,
               f"{inspection.traveller.full_name} overstayed by {recorded.overstay_days} days")


APPLY = {DecisionKind.ADMIT: _apply_admit, DecisionKind.REFER: _apply_refer, DecisionKind.REFUSE: _apply_refuse,
         DecisionKind.DETAIN: _apply_detain, DecisionKind.EXIT: _apply_exit}


def _decision_record(decision: Decision, inspection: Inspection) -> dict:
    return {"inspection": inspection.pk, "traveller": inspection.traveller_id, "kind": decision.kind,
            "class_of_admission": decision.class_of_admission,
            "admit_until": decision.admit_until.isoformat() if decision.admit_until else None,
            "conditions": decision.conditions, "refusal_grounds": decision.refusal_grounds,
            "remarks": decision.remarks, "departure_reason": decision.departure_reason,
            "approval": decision.approval, "screening": inspection.screening.get("summary"),
            "recommendation": inspection.recommendation}


# --- Four eyes and secondary ----------------------------------------------------------------------------------

@atomic_audited
def approve(senior, decision: Decision, *, approved: bool, note: str = "", today: date | None = None) -> Decision:
    decision = (Decision.objects.select_for_update(of=("self",))
                .select_related("inspection__post", "inspection__traveller", "inspection__document")
                .get(pk=decision.pk))
    inspection = decision.inspection
    require(senior, Perm.BORDER_DECISION_APPROVE, inspection.post.code)
    if decision.approval != Approval.PENDING:
        raise Conflict(f"This decision is already {decision.get_approval_display().lower()}.",
                       code="approval_already_given")
    if decision.decided_by_id == getattr(senior, "pk", None):
        raise PermissionDenied("Four eyes: another senior officer must approve your own decision.",
                               code="four_eyes_required")
    if not approved and not note.strip():
        raise Invalid("Say why you do not approve.", code="approval_note_required", field="note")
    decision.approval = Approval.APPROVED if approved else Approval.REJECTED
    decision.approved_by, decision.approved_at, decision.approval_note = senior, timezone.now(), note
    if approved and decision.kind == DecisionKind.ADMIT:
        decision.crossing = _record_admission(senior, decision, today or timezone.localdate())
        inspection.status = Status.CLOSED
    elif approved:
        decision.crossing = record_refusal(senior, traveller=inspection.traveller, document=inspection.document,
                                           post=inspection.post, detained=decision.kind == DecisionKind.DETAIN)
        decision.refusal_form_pdf = render_refusal_form(decision)
        inspection.status = Status.CLOSED
    else:
        inspection.status = Status.IN_SECONDARY if inspection.secondary_officer_id else Status.OPEN
    decision.save()
    _save_new_version(inspection)
    Alert.objects.filter(inspection=inspection, kind=AlertKind.APPROVAL_NEEDED,
                         acknowledged_at__isnull=True).update(acknowledged_by=senior, acknowledged_at=timezone.now())
    record_change(senior, "inspection.decision.approve" if approved else "inspection.decision.reject", decision,
                  old={"approval": Approval.PENDING}, new={"approval": decision.approval, "note": note},
                  post_code=inspection.post.code)
    return decision


@atomic_audited
def take_for_secondary(senior, inspection: Inspection) -> Inspection:
    inspection = Inspection.objects.select_for_update(of=("self",)).select_related("post").get(pk=inspection.pk)
    require(senior, Perm.BORDER_SECONDARY_INSPECT, inspection.post.code)
    if inspection.status != Status.REFERRED:
        raise Conflict("This traveller is not waiting for secondary inspection.", code="not_in_secondary_queue")
    inspection.status, inspection.secondary_officer = Status.IN_SECONDARY, senior
    _save_new_version(inspection)
    Alert.objects.filter(inspection=inspection, kind=AlertKind.REFERRAL,
                         acknowledged_at__isnull=True).update(acknowledged_by=senior, acknowledged_at=timezone.now())
    record_change(senior, "inspection.secondary.take", inspection, old={"status": Status.REFERRED},
                  new={"status": Status.IN_SECONDARY}, post_code=inspection.post.code)
    return inspection


@transaction.atomic
def record_secondary_notes(senior, inspection: Inspection, *, version: int, notes: str) -> Inspection:
    inspection = _lock_for_change(senior, inspection, version, perm=Perm.BORDER_SECONDARY_INSPECT)
    old = inspection.secondary_notes
    inspection.secondary_notes = notes
    _save_new_version(inspection)
    record_change(senior, "inspection.secondary.notes", inspection, old={"notes": old}, new={"notes": notes},
                  post_code=inspection.post.code)
    return inspection


@atomic_audited
def settle_earlier_stay(senior, inspection: Inspection, *, version: int, left_on: date | None, evidence: str,
                        today: date | None = None) -> Inspection:
    """In secondary inspection: the traveller is on record as still in the country from an earlier visit, but
    the evidence (another country's entry stamp, a ticket) shows when they left. Close that stay on that day,
    count any overstay, and ask the rules again, so that the traveller can be decided on."""
    inspection = _lock_for_change(senior, inspection, version, perm=Perm.BORDER_SECONDARY_INSPECT)
    if inspection.status != Status.IN_SECONDARY:
        raise Conflict("Take the traveller for secondary inspection first.", code="not_in_secondary")
    if left_on is None:
        raise Invalid("Give the day the traveller left.", code="settlement_date_required", field="left_on")
    today = today or timezone.localdate()
    settled = settle_open_stay(senior, traveller=inspection.traveller, document=inspection.document,
                               post=inspection.post, left_on=left_on, evidence=evidence, today=today)
    _evaluate(senior, inspection, today=today)
    _save_new_version(inspection)
    record_change(senior, "inspection.secondary.settle_stay", inspection,
                  new={"stay": settled.stay.pk, "left_on": left_on, "evidence": evidence.strip(),
                       "overstay_days": settled.overstay_days, "recommendation": inspection.recommendation.get("outcome")},
                  post_code=inspection.post.code)
    if settled.overstay_days:
        _alert(inspection, AlertKind.OVERSTAY, f"{inspection.traveller.full_name} overstayed the earlier visit by "
                                               f"{settled.overstay_days} days (exit settled in secondary)")
    return inspection


def _inspection_post(inspection, **_) -> str:
    return post_code_of(Inspection, pk_of(inspection, field="inspection"), what="inspection")


@scoped_read(Perm.BORDER_TRAVELLER_READ, post_of=_inspection_post)
def view_inspection(actor, inspection_id: int, *, purpose: str) -> Inspection:
    """One inspection with the traveller's record, for the page or the booth panel: a logged, scoped read."""
    inspection = (Inspection.objects.select_related("post", "booth", "traveller", "document", "officer")
                  .get(pk=pk_of(inspection_id, field="inspection")))
    record_access(actor, inspection.traveller, purpose=purpose, post_code=inspection.post.code,
                  detail=f"inspection {inspection.pk}")
    return inspection


@scoped_read(Perm.BORDER_DECISION_APPROVE, post_of=lambda post: post.code)
def post_queue(senior, post) -> dict:
    """What the senior officers of a post must see: referrals, decisions waiting for approval, alerts."""
    inspections = Inspection.objects.filter(post=post).select_related("traveller", "officer")
    queue = {
        "referred": list(inspections.filter(status=Status.REFERRED).order_by("updated_at")),
        "in_secondary": list(inspections.filter(status=Status.IN_SECONDARY).order_by("updated_at")),
        "pending": list(Decision.objects.filter(inspection__post=post, approval=Approval.PENDING)
                        .select_related("inspection__traveller", "decided_by").order_by("decided_at")),
        "alerts": list(Alert.objects.filter(post=post, acknowledged_at__isnull=True)
                       .select_related("inspection__traveller").order_by("-created_at")[:50]),
    }
    shown = sorted({i.pk for i in queue["referred"] + queue["in_secondary"]} |
                   {d.inspection_id for d in queue["pending"]})
    record_access(senior, post, purpose="post queue", post_code=post.code,
                  detail="inspections " + ",".join(map(str, shown)))
    return queue


@transaction.atomic
def acknowledge_alert(senior, alert: Alert) -> None:
    require(senior, Perm.BORDER_DECISION_APPROVE, alert.post.code)
    if alert.acknowledged_at is None:
        alert.acknowledged_by, alert.acknowledged_at = senior, timezone.now()
        alert.save(update_fields=["acknowledged_by", "acknowledged_at"])
        record_change(senior, "inspection.alert.acknowledge", alert, new={"kind": alert.kind},
                      post_code=alert.post.code)


# --- Helpers --------------------------------------------------------------------------------------------------

def _lock_for_change(actor, inspection: Inspection, version: int, perm: Perm = Perm.BORDER_INSPECTION_DECIDE):
    # Lock the inspection and its traveller (never the post: every booth of the port would wait on it), so two
    # officers deciding about one traveller at once take turns, and the second sees what the first did.
    locked = (Inspection.objects.select_for_update(of=("self", "traveller"))
              .select_related("post", "traveller", "document").get(pk=inspection.pk))
    require(actor, perm, locked.post.code)
    if locked.version != version:
        raise Conflict("Someone else changed this inspection since you opened it: it has been reloaded, "
                       "check it and decide again.", code="inspection_changed")
    if locked.status == Status.SUPERSEDED:
        raise Conflict("The traveller was scanned again since: work on the latest inspection "
                       f"({locked.superseded_by_id}).", code="inspection_superseded")
    return locked


def _save_new_version(inspection: Inspection) -> None:
    inspection.version = F("version") + 1
    inspection.save()
    inspection.refresh_from_db(fields=["version"])


def _alert(inspection: Inspection, kind: str, message: str) -> None:
    Alert.objects.create(post=inspection.post, kind=kind, inspection=inspection, message=message[:300])


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


# --- Visa on arrival, merges, printed forms -------------------------------------------------------------------

@atomic_audited
def issue_visa_on_arrival(officer, inspection: Inspection, *, version: int, fee_paid: bool, receipt_number: str,
                          document_reason: str = "", today: date | None = None):
    """Issue the visa the rules say this traveller may get on arrival; the traveller is then re-assessed. Never on
    a specimen document; on any other document whose check is not clear, only with the officer's reason."""
    from borderdesk.apps.travellers.models import Visa, VisaKind

    inspection = _lock_for_change(officer, inspection, version, perm=Perm.BORDER_VISA_ISSUE)
    today = today or timezone.localdate()
    terms = inspection.visa_on_arrival or {}
    if inspection.status not in DECIDABLE or inspection.direction != "entry":
        raise Conflict("A visa on arrival is issued only while the traveller is being inspected on entry.",
                       code="not_decidable")
    _check_not_under_way_elsewhere(inspection)
    if is_specimen(inspection.document_check):
        raise Conflict("This is a specimen document, not a real passport: no visa is issued on it.",
                       code="specimen_document")
    if not terms.get("eligible"):
        raise Invalid("The rules in force do not allow this traveller a visa on arrival.", code="voa_not_eligible")
    if not inspection.document_check.get("clear") and not document_reason.strip():
        raise Invalid("The document check is not clear: confirm you examined the passport and say why the visa may "
                      "be issued on it.", code="document_not_clear_confirmation_required", field="document_reason")
    if not fee_paid or not receipt_number.strip():
        raise Invalid("Record the fee as paid and its receipt number first.", code="voa_fee_unpaid",
                      field="receipt_number")
    days, entries = int(terms["days"]), terms.get("entries") or 1
    visa = Visa.objects.create(
        number=_next_visa_number(), kind=VisaKind.VISA_ON_ARRIVAL, traveller=inspection.traveller,
        document=inspection.document, valid_from=today, valid_until=today + timedelta(days=days - 1),
        entries_allowed=entries, duration_days=days, issued_at_post=inspection.post, issued_by=_user(officer),
        fee_amount=terms.get("fee"), fee_currency=terms.get("currency", ""), receipt_number=receipt_number.strip())
    visa.mrz = "\n".join(visa_mrz(visa))
    visa.save(update_fields=["mrz"])
    _evaluate(officer, inspection, today=today)
    _save_new_version(inspection)
    record_change(officer, "inspection.visa_on_arrival.issue", visa, post_code=inspection.post.code,
                  new={"number": visa.number, "inspection": inspection.pk, "days": days, "entries": entries,
                       "fee": str(visa.fee_amount), "currency": visa.fee_currency, "receipt": visa.receipt_number,
                       "document_not_clear_reason": document_reason.strip()})
    return visa


def _next_visa_number() -> str:
    """Visa numbers are the agency's letter V, the year's last two digits and a running number: V26000123."""
    from borderdesk.apps.travellers.models import Visa

    prefix = f"V{timezone.localdate():%y}"
    last = (Visa.objects.select_for_update().filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    return f"{prefix}{int(last[3:]) + 1 if last else 1:06d}"


def visa_mrz(visa) -> tuple[str, str]:
    """The sticker's MRV-B zone (its 8-character optional field cannot hold a 9-character passport number)."""
    from django.conf import settings

    from borderdesk.core.printing import visa_sticker_mrz

    traveller = visa.traveller
    return visa_sticker_mrz(issuing_state_code=settings.BORDERDESK_COUNTRY, visa_number=visa.number,
                            surname=traveller.surname, given_names=traveller.given_names,
                            nationality=traveller.nationality, birth_date=traveller.birth_date,
                            sex=traveller.sex or "X", valid_until=visa.valid_until)


@atomic_audited
def merge_duplicate(officer, inspection: Inspection, *, duplicate_id: int, version: int, reason: str) -> Inspection:
    from borderdesk.apps.travellers.services import merge_travellers

    inspection = _lock_for_change(officer, inspection, version)
    if duplicate_id not in inspection.document_check.get("possible_duplicates", []):
        raise Invalid("That record was not offered as the same person.", code="not_a_possible_duplicate")
    duplicate = Traveller.objects.get(pk=duplicate_id)
    # The older record keeps the identity; the one created for this scan joins it.
    keep, joining = sorted([inspection.traveller, duplicate], key=lambda t: t.pk)
    merge_travellers(officer, keep, joining, reason=reason, post_code=inspection.post.code)
    inspection.traveller = keep
    inspection.document_check = {**inspection.document_check, "possible_duplicates": []}
    _evaluate(officer, inspection, today=timezone.localdate())
    _save_new_version(inspection)
    return inspection


def _decision_post(decision, **_) -> str:
    return post_code_of(Decision, pk_of(decision, field="decision"), what="decision", path="inspection__post__code")


@scoped_read(Perm.BORDER_TRAVELLER_READ, post_of=_decision_post)
def refusal_form(actor, decision: Decision | int) -> bytes:
    """The printed refusal form of an approved refusal (a decision or its id): a logged, scoped read."""
    decision = (Decision.objects.select_related("inspection__post", "inspection__traveller", "inspection__document",
                                                "decided_by").get(pk=pk_of(decision, field="decision")))
    inspection = decision.inspection
    if decision.kind not in FOUR_EYES_KINDS or decision.approval != Approval.APPROVED:
        raise Conflict("The refusal form exists once a senior officer has approved the refusal.",
                       code="refusal_not_final")
    record_access(actor, inspection.traveller, purpose="refusal form", post_code=inspection.post.code,
                  detail=f"decision {decision.pk}")
    if decision.refusal_form_pdf:
        return bytes(decision.refusal_form_pdf)
    return render_refusal_form(decision)


def render_refusal_form(decision: Decision) -> bytes:
    from borderdesk.apps.inspection.printed import refusal_form_pdf_for

    return refusal_form_pdf_for(decision)


@transaction.atomic
def mark_refusal_signed(officer, decision: Decision) -> Decision:
    decision = Decision.objects.select_for_update(of=("self",)).select_related("inspection__post").get(pk=decision.pk)
    require(officer, Perm.BORDER_INSPECTION_DECIDE, decision.inspection.post.code)
    if decision.approval != Approval.APPROVED:
        raise Conflict("The form can be signed once the refusal is approved.", code="refusal_not_final")
    if not decision.traveller_signed:
        decision.traveller_signed = True
        decision.save(update_fields=["traveller_signed"])
        record_change(officer, "inspection.refusal_form.signed", decision, old={"traveller_signed": False},
                      new={"traveller_signed": True}, post_code=decision.inspection.post.code)
    return decision


def visa_sticker(actor, number: str) -> bytes:
    """The sticker of a visa issued on arrival, printed at the post that issued it. Other visas have no sticker
    here: an e-visa is electronic, and a consulate's visa was printed by the consulate."""
    from borderdesk.apps.inspection.printed import visa_sticker_pdf_for
    from borderdesk.apps.travellers.services import find_visa, visa_issue

    require(actor, Perm.BORDER_TRAVELLER_READ)
    kind, post_code = visa_issue(number)
    if kind == VisaKind.E_VISA:
        raise Conflict(f"{number} is an e-visa: it is electronic and has no sticker to print.",
                       code="no_sticker_for_evisa")
    if kind != VisaKind.VISA_ON_ARRIVAL or not post_code:
        raise Conflict(f"{number} was not issued at a border post: its sticker was printed where it was issued.",
                       code="no_sticker_here")
    with scoped(actor, Perm.BORDER_TRAVELLER_READ, post_code):
        return visa_sticker_pdf_for(find_visa(actor, number, post_code=post_code))


@atomic_audited
def attach_visa(officer, inspection: Inspection, *, version: int, number: str, today: date | None = None):
    """The officer types the visa or e-visa number the traveller gives; the rules are asked again with it."""
    from borderdesk.apps.travellers.services import find_visa

    inspection = _lock_for_change(officer, inspection, version)
    visa = find_visa(officer, number, post_code=inspection.post.code)
    holder = visa.traveller
    if holder.pk != inspection.traveller_id:
        # Named no further: the refusal rolls back the access event, so it must not show the holder's record.
        raise Conflict(f"Visa {visa.number} is on record for another person, not this traveller: check the number, "
                       "or refer the traveller to secondary inspection.", code="visa_of_someone_else")
    _evaluate(officer, inspection, today=today or timezone.localdate())
    _save_new_version(inspection)
    return visa


CUSTODY_OUTCOMES = {"police": "handed_over_to", "removal": "removal_reference", "released": None}


@transaction.atomic
def end_custody(officer, custody: CustodyRecord, *, outcome: str, handed_over_to: str = "",
                removal_reference: str = "") -> CustodyRecord:
    custody = (CustodyRecord.objects.select_for_update(of=("self",)).select_related("decision__inspection__post")
               .get(pk=custody.pk))
    post_code = custody.decision.inspection.post.code
    require(officer, Perm.BORDER_INSPECTION_DECIDE, post_code)
    if custody.ended_at is not None:
        raise Conflict("This custody has already ended.", code="custody_already_ended")
    if outcome not in CUSTODY_OUTCOMES:
        raise Invalid("Choose how the custody ended: police, removal or released.", code="unknown_custody_outcome",
                      field="outcome")
    required = CUSTODY_OUTCOMES[outcome]
    values = {"handed_over_to": handed_over_to.strip(), "removal_reference": removal_reference.strip()}
    if required and not values[required]:
        label = "who took the person over" if required == "handed_over_to" else "the removal reference"
        raise Invalid(f"Record {label}.", code="custody_details_required", field=required)
    custody.outcome, custody.ended_at = outcome, timezone.now()
    custody.handed_over_to, custody.removal_reference = values["handed_over_to"], values["removal_reference"]
    custody.save()
    record_change(officer, "inspection.custody.end", custody, post_code=post_code,
                  old={"ended_at": None}, new={"outcome": outcome, **values, "ended_at": custody.ended_at})
    return custody
