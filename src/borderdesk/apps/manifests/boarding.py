"""A carrier asks, before departure, whether one traveller may board a flight to one of the agency's posts:
``check_boarding`` answers board, no_board or contact_authority with a reference (BC-...), from what
``prearrival.what_is_known`` finds, and keeps every answer with its audit event. A carrier asks only about its own
flights (its carrier codes); the same idempotency key again gets the first answer, and nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.common.services import service
from borderdesk.apps.manifests.models import BoardingCheck, Flight
from borderdesk.apps.manifests.prearrival import Announced, what_is_known
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.manifests import designator, document_number, nationality
from borderdesk.core.manifests.boarding import boarding_answer

ASK = Perm.CARRIER_BOARDING_CHECK
MAX_KEY = 200
PURPOSE = "board-check"


@dataclass(frozen=True)
class BoardingQuestion:
    flight: str
    arrival_airport: str
    arrival_date: date | None
    traveller: Announced


@dataclass(frozen=True)
class Checked:
    check: BoardingCheck
    replayed: bool


@service(ASK)
def check_boarding(actor, question: BoardingQuestion, *, idempotency_key: str) -> Checked:
    key = str(idempotency_key or "").strip()
    if not 0 < len(key) <= MAX_KEY:
        raise Invalid(f"Send an idempotency_key of 1 to {MAX_KEY} characters.", code="idempotency_key_required")
    flight_code = designator(question.flight)
    if flight_code is None:
        raise Invalid(f"{question.flight[:20]!r} is no flight designator (LH400).", code="invalid_flight")
    _check_carrier(actor, flight_code.carrier)
    asked = _question_dict(question)
    digests = (_digest(key), _digest(json.dumps(asked, sort_keys=True)))
    earlier = BoardingCheck.objects.filter(asked_by=user_of(actor), key_digest=digests[0]).first()
    if earlier is not None:
        return _replayed(earlier, digests[1])
    post = Post.objects.filter(code=question.arrival_airport.strip().upper()[:10], is_active=True).first()
    if post is None:
        raise Invalid(
            f"{question.arrival_airport[:10]!r} is no post of the agency: ask the authority of the country you fly to.",
            code="no_arrival_post",
            field="arrival_airport",
        )
    day = question.arrival_date or post.local_date()
    person = _checked_traveller(question.traveller)
    known = what_is_known(actor, [person], on=day, post_code=None, purpose=PURPOSE)[0]
    answer = boarding_answer(known.codes, known.watchlist_action)
    flight = Flight.objects.filter(
        carrier=flight_code.carrier, number=flight_code.number, arrival_airport=post.code, arrival_date=day
    ).first()
    try:
        with transaction.atomic():
            check = BoardingCheck.objects.create(
                reference=f"BC-{secrets.token_hex(6).upper()}",
                asked_by=user_of(actor),
                key_digest=digests[0],
                request_digest=digests[1],
                question=asked,
                post=post,
                flight=flight,
                answer=answer.answer,
                grounds=list(answer.grounds),
                reasons=known.reasons,
                screening_id=known.screening_id,
            )
    except IntegrityError:  # the same key sent at the same moment by another request
        return _replayed(BoardingCheck.objects.get(asked_by=user_of(actor), key_digest=digests[0]), digests[1])
    record_change(
        actor,
        AuditAction.MANIFESTS_BOARDING_CHECKED,
        check,
        new={
            "reference": check.reference,
            "flight": f"{flight_code.carrier}{flight_code.number}",
            "arrival": f"{post.code} {day.isoformat()}",
            "document": f"{person.document_number} {person.document_issuing_state}",
            "answer": check.answer,
            "grounds": check.grounds,
            "reasons": [reason["code"] for reason in check.reasons],
        },
        post_code=post.code,
    )
    return Checked(check, replayed=False)


def _replayed(earlier: BoardingCheck, request_digest: str) -> Checked:
    if earlier.request_digest != request_digest:
        raise Conflict("This idempotency_key was sent before with another question.", code="idempotency_key_reused")
    return Checked(earlier, replayed=True)


def _check_carrier(actor, carrier: str) -> None:
    user = user_of(actor)
    if user is None or not user.carrier_codes.filter(code=carrier).exists():
        raise PermissionDenied(
            f"This account does not ask for carrier {carrier}: only for its own flights.",
            code="not_your_carrier",
            permission=ASK,
        )


def _checked_traveller(person: Announced) -> Announced:
    if not person.surname.strip():
        raise Invalid("Give the traveller's surname.", code="surname_required", field="traveller.surname")
    if not document_number(person.document_number):
        raise Invalid(
            "Give the traveller's travel document number: a traveller without one does not board.",
            code="document_required",
            field="document.number",
        )
    if not nationality(person.document_issuing_state):
        raise Invalid("Give the document's issuing state.", code="issuing_state_required", field="document.state")
    return person


def _question_dict(question: BoardingQuestion) -> dict:
    person = question.traveller
    return {
        "flight": question.flight,
        "arrival_airport": question.arrival_airport,
        "arrival_date": question.arrival_date.isoformat() if question.arrival_date else None,
        "surname": person.surname,
        "given_names": person.given_names,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "nationality": person.nationality,
        "sex": person.sex,
        "document_type": person.document_type,
        "document_number": person.document_number,
        "document_issuing_state": person.document_issuing_state,
        "document_expiry": person.document_expiry.isoformat() if person.document_expiry else None,
    }


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
