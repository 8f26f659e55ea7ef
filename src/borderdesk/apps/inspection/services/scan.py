"""The scan: a scanned or typed document starts an inspection (``start_inspection``, ``read_document``,
``inspect``), which gathers everything the officer needs on one screen (document verdict, the traveller and their
history, screening, the rules' recommendation, days of stay, visa on record) and writes an access event. The rules
are asked again (``_evaluate``) whenever something known changes. A traveller has one inspection being decided at a
time: a rescan closes the earlier undecided one as superseded (``supersede_earlier``)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.citizenship.services import citizen_at_booth
from borderdesk.apps.common import hot_reads, hot_writes
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import service
from borderdesk.apps.inspection.models import AlertKind, BoothSession, Channel, Inspection, Status
from borderdesk.apps.inspection.services._common import UNDER_WAY_ELSEWHERE, _alert
from borderdesk.apps.inspection.situation import build_situation
from borderdesk.apps.policy.services import recommend_entry, visa_on_arrival_terms
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travel_documents.services import DocumentCheck, check_document
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from borderdesk.apps.travellers.services import identify, load_history
from borderdesk.apps.watchlists.services import screen_person
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.reference import SEVERITY_ORDER, AlertAction
from borderdesk.core.rules import WatchlistAlert, situation_to_dict
from borderdesk.core.screening import PartialDate, Query

TYPED_NUMBER = re.compile(r"^\s*([A-Z0-9]{3,35})[\s/,;]+([A-Z]{1,3})\s*$", re.IGNORECASE)


@service(Perm.BORDER_INSPECTION_DECIDE, post=lambda session, *_, **__: session.booth.post.code)
def start_inspection(officer, session: BoothSession, scan: str, *, today: date | None = None) -> Inspection:
    """A scanned or pasted MRZ, or a typed document number and state, starts a new traveller at the booth."""
    post = session.booth.post
    today = today or timezone.localdate()
    fields, document_check = read_document(officer, scan, today=today)
    return inspect(
        officer,
        fields,
        document_check,
        post=post,
        booth=session.booth,
        session=session,
        channel=Channel.BOOTH,
        direction=session.direction,
        today=today,
    )


def read_document(actor, scan: str, *, today: date) -> tuple[dict, DocumentCheck]:
    typed = TYPED_NUMBER.match(scan) if len(scan.strip().splitlines()) == 1 and len(scan.strip()) < 45 else None
    if typed:
        return _document_on_record(typed.group(1).upper(), typed.group(2).upper())
    result = check_document(actor, scan, today=today, repair=True, purpose="primary inspection")
    mrz = result.mrz
    if mrz["format"] is None:
        first = mrz["errors"][0]["message"] if mrz["errors"] else "unreadable"
        raise Invalid(
            f"That is not a machine-readable zone ({first}). Scan again, or type the document "
            "number and issuing state, e.g. AB1234567 UTO.",
            code="not_an_mrz",
        )
    if not mrz["valid"]:
        problems = "; ".join(f"{e['field'] or 'zone'}: {e['message']}" for e in mrz["errors"][:3])
        raise Invalid(
            f"The {mrz['format']} zone was not read reliably ({problems}). Scan the page again.", code="mrz_misread"
        )
    return mrz["fields"], result


def _document_on_record(number: str, state: str) -> tuple[dict, DocumentCheck]:
    documents = list(
        HeldDocument.objects.select_related("traveller").filter(document_number=number, issuing_state=state)
    )
    if not documents:
        raise NotFound(
            f"No document {number} issued by {state} is on record: scan the passport instead.",
            code="document_not_on_record",
        )
    if len(documents) > 1:
        kinds = ", ".join(sorted(d.document_code for d in documents))
        raise Conflict(
            f"{number} ({state}) is on record for several documents ({kinds}): scan the one shown.",
            code="document_ambiguous",
        )
    document, traveller = documents[0], documents[0].traveller
    fields = {
        "document_code": document.document_code,
        "issuing_state": state,
        "document_number": number,
        "surname": traveller.surname,
        "given_names": traveller.given_names,
        "nationality": traveller.nationality,
        "sex": traveller.sex,
        "birth_date": traveller.birth_date.isoformat() if traveller.birth_date else None,
        "expiry_date": document.expiry_date.isoformat() if document.expiry_date else None,
    }
    return fields, DocumentCheck.of_typed_document(fields)


@service(Perm.BORDER_INSPECTION_DECIDE, post=lambda *_, post, **__: post.code)
def inspect(
    actor,
    fields: dict,
    document_check: DocumentCheck,
    *,
    post,
    booth,
    session,
    channel: str,
    direction: str,
    today: date,
    purpose: str = "",
    answers: dict | None = None,
) -> Inspection:
    found = identify(actor, fields, post_code=post.code)
    traveller = found.traveller
    history = load_history(traveller)
    screening = _with_register_hit(_screen(actor, traveller, found.document, post.code), document_check)
    inspection = hot_writes.new(
        Inspection,
        post=post,
        booth=booth,
        session=session,
        channel=channel,
        direction=direction,
        officer=user_of(actor),
        traveller=traveller,
        document=found.document,
        document_check={
            **document_check.as_dict(),
            "holder_differs": found.holder_differs,
            "possible_duplicates": [t.pk for t in found.possible_duplicates],
        },
        screening=screening,
        purpose=purpose,
        answers=answers or {},
    )
    _evaluate(actor, inspection, today=today, history=history)
    hot_writes.insert([inspection])
    supersede_earlier(actor, inspection)
    record_access(
        actor, traveller, purpose=f"{direction} inspection", post_code=post.code, detail=f"inspection {inspection.pk}"
    )
    if screening.get("hits"):
        _alert(
            inspection,
            AlertKind.WATCHLIST,
            f"Watchlist hit for {traveller.full_name}: {screening.get('required_action') or 'see screening'}",
        )
    return inspection


def _screen(actor, traveller: Traveller, document: HeldDocument, post_code: str) -> dict:
    birth = traveller.birth_date
    query = Query(
        name=traveller.full_name,
        id=str(traveller.pk),
        birth_date=PartialDate(birth.year, birth.month, birth.day) if birth else None,
        nationality=traveller.nationality,
        sex=traveller.sex or None,
        document_number=document.document_number,
        document_issuing_state=document.issuing_state,
    )
    outcome = screen_person(actor, query, post_code=post_code, purpose="primary inspection")
    return outcome.as_dict()


ACTION_STRENGTH = [action.value for action in SEVERITY_ORDER]


def _with_register_hit(screening: dict, document_check: DocumentCheck) -> dict:
    """A document in the lost and stolen register is a screening alert like a watchlist hit."""
    entry = document_check.lost_stolen
    if not entry:
        return screening
    detail = (
        f"document {entry['document_number']} of {entry['issuing_state']} was reported {entry['reason']} "
        f"on {entry['reported_on']}: retain it"
    )
    match = {
        "list": "lost_stolen",
        "entry_id": f"{entry['issuing_state']}:{entry['document_number']}",
        "name": f"{entry['document_type']} {entry['issuing_state']} {entry['document_number']}",
        "score": 1.0,
        "decision": "hit",
        "action": "refuse_entry",
        "reason": f"reported {entry['reason']}",
        "explanation": {"document": {"score": 1.0, "detail": detail}},
    }
    current = screening.get("required_action")
    strongest = max([a for a in (current, "refuse_entry") if a], key=ACTION_STRENGTH.index)
    return {
        **screening,
        "matches": [match, *screening.get("matches", [])],
        "hits": screening.get("hits", 0) + 1,
        "required_action": strongest,
    }


def _watchlist_alert(screening: dict) -> WatchlistAlert | None:
    action = screening.get("required_action")
    if not action:
        return None
    hit = next((m for m in screening.get("matches", []) if m.get("decision") == "hit"), {})
    return WatchlistAlert(AlertAction(action), hit.get("list", ""), hit.get("entry_id", ""))


def _evaluate(actor, inspection: Inspection, *, today: date, history=None) -> None:
    """Ask the rules again with everything known now; store the facts and the recommendation."""
    traveller, document = inspection.traveller, inspection.document
    history = history or load_history(traveller)
    visa = history.valid_visa(today)
    check = inspection.document_check
    # Naturalised by an oath on or before today: a citizen, whatever passport they show.
    citizen = citizen_at_booth(traveller.pk, today)
    situation = build_situation(
        nationality=settings.BORDERDESK_COUNTRY if citizen else traveller.nationality,
        document_expiry=document.expiry_date,
        birth_date=traveller.birth_date,
        today=today,
        history=history,
        visa=visa,
        watchlist_alert=_watchlist_alert(inspection.screening),
        purpose=inspection.purpose,
        answers=inspection.answers,
        document_findings=_finding_codes(check),
    )
    inspection.situation = situation_to_dict(situation)
    if inspection.direction == "exit":
        inspection.recommendation = _exit_summary(history, today)
        _note_under_way_elsewhere(inspection)
        return
    record = recommend_entry(
        actor, situation, on=today, post_code=inspection.post.code, purpose=f"inspection {inspection.pk or 'new'}"
    )
    inspection.recommendation = record.summary()  # the trace stays in the evaluation it names
    if citizen:
        inspection.recommendation["citizen"] = {"since": citizen.since.isoformat(), "certificate": citizen.certificate}
    inspection.visa_on_arrival = {}
    said = inspection.recommendation.get("reasons", []) + inspection.recommendation.get("conditions", [])
    if visa is None and any(code.startswith("visa_on_arrival") for code in said):
        inspection.visa_on_arrival = visa_on_arrival_terms(situation, on=today, published=record.published)
        if is_specimen(check):  # no visa on a specimen passport, ever
            inspection.visa_on_arrival = {
                **inspection.visa_on_arrival,
                "eligible": False,
                "reasons": ["specimen_document"],
            }
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
    # Asked at every scan and again at every decision, and almost always empty: a plain statement says whether
    # there is anything before the ORM builds the query that loads it.
    statuses = sorted(UNDER_WAY_ELSEWHERE)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {Inspection._meta.db_table} WHERE traveller_id = %s AND status IN"
            f" ({', '.join(['%s'] * len(statuses))}) AND id <> %s LIMIT 1",
            [inspection.traveller_id, *statuses, inspection.pk or 0],
        )
        if cursor.fetchone() is None:
            return []
    return list(
        Inspection.objects.filter(traveller_id=inspection.traveller_id, status__in=UNDER_WAY_ELSEWHERE)
        .exclude(pk=inspection.pk)
        .select_related("post", "booth", "officer")
        .order_by("created_at")
    )


def _summary(other: Inspection) -> dict:
    return {
        "inspection": other.pk,
        "status": other.status,
        "post": other.post.code,
        "booth": other.booth.code if other.booth_id else other.channel,
        "officer": other.officer.get_username() if other.officer_id else "",
        "since": other.created_at.isoformat(),
    }


def supersede_earlier(actor, inspection: Inspection) -> None:
    """A new scan closes what nobody decided: the traveller's earlier undecided inspections, and any inspection
    at the post left undecided longer than ``BORDERDESK_OPEN_INSPECTION_HOURS``. Referred ones and decisions
    waiting for approval stay: they block decisions on the new scan instead (``_check_not_under_way_elsewhere``)."""
    stale_before = timezone.now() - timedelta(hours=settings.BORDERDESK_OPEN_INSPECTION_HOURS)
    if not _anything_to_supersede(inspection, stale_before):
        return
    for old_id, traveller_id, post_id in sorted(_close_undecided(inspection, stale_before)):
        why = "rescanned" if traveller_id == inspection.traveller_id else "left undecided too long"
        record_change(
            actor,
            AuditAction.INSPECTION_SUPERSEDED,
            old={"status": Status.OPEN},
            new={"status": Status.SUPERSEDED, "superseded_by": inspection.pk, "why": why},
            object_type=Inspection._meta.label_lower,
            object_id=str(old_id),
            post_code=inspection.post.code if post_id == inspection.post_id else _post_code(post_id),
        )


def _close_undecided(inspection: Inspection, stale_before) -> list[tuple[int, int, int]]:
    """Mark what ``supersede_earlier`` closes as superseded in one statement; (id, traveller, post) of each."""
    qn, table = connection.ops.quote_name, Inspection._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {qn(table)} SET status = %s, superseded_by_id = %s, version = version + 1, updated_at = %s"
            " WHERE status = %s AND id <> %s AND (traveller_id = %s OR (post_id = %s AND created_at < %s))"
            " RETURNING id, traveller_id, post_id",
            [
                Status.SUPERSEDED.value,
                inspection.pk,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                Status.OPEN.value,
                inspection.pk,
                inspection.traveller_id,
                inspection.post_id,
                connection.ops.adapt_datetimefield_value(stale_before),
            ],
        )
        return cursor.fetchall()


def _post_code(post_id: int) -> str:
    return hot_reads.rows(f"SELECT code FROM {Post._meta.db_table} WHERE id = %s", [post_id])[0][0]


def _anything_to_supersede(inspection: Inspection, stale_before) -> bool:
    """Whether ``supersede_earlier`` has work: asked at every scan and most often no, so a plain statement asks
    before the ORM builds the query that loads the inspections."""
    return bool(hot_reads.rows(*_supersede_question(inspection, stale_before)))


def _supersede_question(inspection: Inspection, stale_before) -> tuple[str, list]:
    """The statement of ``_anything_to_supersede``: the traveller's open inspections, and the post's open ones
    older than ``stale_before`` (a range of ``inspection_post_status_idx``, nearly always empty)."""
    table = Inspection._meta.db_table
    sql = (
        f"SELECT 1 FROM {table} WHERE status = %s AND id <> %s AND traveller_id = %s"
        f" UNION ALL SELECT 1 FROM {table} WHERE status = %s AND id <> %s AND post_id = %s AND created_at < %s"
        " LIMIT 1"
    )
    params = [
        Status.OPEN.value,
        inspection.pk,
        inspection.traveller_id,
        Status.OPEN.value,
        inspection.pk,
        inspection.post_id,
        connection.ops.adapt_datetimefield_value(stale_before),
    ]
    return sql, params


def _exit_summary(history, today: date) -> dict:
    stay = history.open_stay
    if stay is None:
        return {"outcome": "exit", "open_stay": None, "reasons": ["no_open_stay_on_record"]}
    overdue = (today - stay.admitted_until).days if stay.admitted_until else 0
    return {
        "outcome": "exit",
        "reasons": ["overstay"] if overdue > 0 else [],
        "open_stay": {
            "entry_date": stay.entry_date.isoformat(),
            "admitted_until": stay.admitted_until.isoformat() if stay.admitted_until else None,
            "days_past_admission": max(0, overdue),
        },
    }
