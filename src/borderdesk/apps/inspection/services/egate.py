"""E-gates and kiosks: the same checks as a booth, the gate opening on its own only when every check is clear,
and idempotency keys so that a gate sending a request again gets the first answer."""

from __future__ import annotations

import hashlib
import json
import uuid
import zoneinfo
from datetime import date

from django.db import connection
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.common import hot_writes
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import service
from borderdesk.apps.inspection.models import Channel, Decision, DecisionKind, GateRequest, Inspection
from borderdesk.apps.inspection.services.decisions import decide
from borderdesk.apps.inspection.services.scan import inspect, read_document
from borderdesk.core.access import Perm
from borderdesk.core.rules import Outcome


@service(Perm.BORDER_INSPECTION_DECIDE, post=lambda *_, post_code, **__: post_code)
def egate_inspection(
    gate,
    *,
    mrz: str,
    post_code: str,
    direction: str = "entry",
    purpose: str = "",
    planned_departure: date | None = None,
    idempotency_key: str = "",
    today: date | None = None,
    post=None,
) -> dict:
    """An e-gate's inspection: the same checks as a booth. The gate opens on its own only when every check is
    clear and the agency allows it for the traveller's nationality; otherwise the traveller goes to a booth.
    The same gate account sending the same request with the same ``idempotency_key`` at the same post gets the
    first answer again; the key means nothing to any other caller or post. The caller's ``post_code`` has been
    through ``posts.services.post_of_caller`` (the API does that, and hands the post it found as ``post``)."""
    from django.conf import settings

    from borderdesk.apps.posts.services import get_post

    if post is None or post.code != post_code:
        post = get_post(post_code)
    if direction not in ("entry", "exit"):
        raise Invalid("direction must be entry or exit.", code="invalid_direction", field="direction")
    request = {
        "mrz": _normalised_zone(mrz),
        "direction": direction,
        "purpose": purpose,
        "planned_departure": planned_departure.isoformat() if planned_departure else None,
    }
    earlier, kept = _gate_request(gate, post, idempotency_key, request)
    if earlier is not None:
        return earlier
    today = today or timezone.localdate(timezone=zoneinfo.ZoneInfo(post.time_zone))  # the gate's own day
    fields, check = read_document(gate, mrz, today=today)
    answers = {"planned_departure": planned_departure.isoformat()} if planned_departure else {}
    inspection = inspect(
        gate,
        fields,
        check,
        post=post,
        booth=None,
        session=None,
        channel=Channel.EGATE,
        direction=direction,
        today=today,
        purpose=purpose,
        answers=answers,
    )
    reasons = gate_refusal_reasons(inspection, settings.BORDERDESK_EGATE_NATIONALITIES)
    if reasons:
        answer = _gate_answer(inspection, reasons, None)
    else:
        kind = DecisionKind.ADMIT if direction == "entry" else DecisionKind.EXIT
        decision = decide(
            gate, inspection, kind=kind, version=inspection.version, idempotency_key=uuid.uuid4().hex, today=today
        )
        answer = _gate_answer(decision.inspection, [], decision)
    if kept is not None:
        kept.inspection, kept.answer = inspection, answer
        hot_writes.update(kept, ["inspection", "answer"])
    return answer


def _normalised_zone(mrz: str) -> str:
    return "\n".join(line.strip() for line in mrz.strip().splitlines())


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def _gate_request(gate, post, key: str, request: dict) -> tuple[dict | None, GateRequest | None]:
    """The answer this gate account already got at this post for this key (the same request again), or the new
    request kept under the key. On PostgreSQL a second request racing with the first waits for it here."""
    if not key or user_of(gate) is None:
        return None, None
    key_digest = _digest(key)
    kept = _keep_request(user_of(gate), post, key_digest, _digest(request))
    if kept is not None:
        return None, kept
    earlier = GateRequest.objects.get(caller=gate, post=post, key_digest=key_digest)
    if earlier.request_digest != _digest(request):
        raise Conflict(
            "This idempotency key was already sent with another request: send a new key for each traveller.",
            code="idempotency_key_reused",
            field="idempotency_key",
        )
    return earlier.answer, None


def _keep_request(caller, post, key_digest: str, request_digest: str) -> GateRequest | None:
    """The request kept under its key, or None when the key is taken: one statement (an insert that does nothing
    on a taken key; a racing insert of the same key waits for the other transaction to end, then sees it)."""
    kept = hot_writes.new(GateRequest, caller=caller, post=post, key_digest=key_digest, request_digest=request_digest)
    kept.created_at = timezone.now()
    table = GateRequest._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (caller_id, post_id, key_digest, request_digest, answer, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (caller_id, post_id, key_digest) DO NOTHING RETURNING id",
            [
                caller.pk,
                post.pk,
                key_digest,
                request_digest,
                "{}",
                connection.ops.adapt_datetimefield_value(kept.created_at),
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    kept.pk, kept._state.adding = row[0], False
    return kept


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
        if recommendation.get("outcome") != Outcome.ADMIT:
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
        "recommendation": {
            key: inspection.recommendation.get(key)
            for key in ("outcome", "reasons", "admit_until", "days_used", "days_left", "pack")
        },
        "document_valid": bool(inspection.document_check.get("valid")),
        "watchlist_matches": len(inspection.screening.get("matches", [])),
    }
