"""Carriers send their passenger and crew manifests: ``POST /api/v1/manifests``, the message as the body."""

from __future__ import annotations

from datetime import date, datetime

from django.http.request import RawPostDataException
from ninja import Field, Router, Schema, Status

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.manifests.boarding import BoardingQuestion, check_boarding
from borderdesk.apps.manifests.prearrival import Announced
from borderdesk.apps.manifests.services import Received, check_size, format_of, receive_manifest

router = Router()


class ErrorOut(Schema):
    code: str
    segment: int | None
    message: str


class MessageOut(Schema):
    id: int
    sha256: str
    size: int
    format: str
    received_at: datetime
    reference: str
    list_type: str | None
    part_number: int | None
    last_part: bool


class FlightOut(Schema):
    id: int
    designator: str
    departure_airport: str
    arrival_airport: str
    arrival_date: str
    scheduled_arrival: datetime | None
    post: str | None


class TravellersOut(Schema):
    read: int
    counted: int
    already_listed: int
    declared: int | None


class PartsOut(Schema):
    received: list[int]
    total: int | None
    missing: list[int]
    last_received: bool


class ReceivedOut(Schema):
    duplicate: bool
    message: MessageOut
    flight: FlightOut | None
    travellers: TravellersOut
    replaced_message: int | None
    parts: PartsOut | None
    errors: list[ErrorOut]


MESSAGE_BODY = {
    "required": True,
    "content": {
        media: {"schema": {"type": "string", "format": "binary"}}
        for media in ("application/edifact", "text/csv", "application/octet-stream")
    },
}


@router.post(
    "",
    response={200: ReceivedOut, 201: ReceivedOut},
    summary="Send a passenger or crew manifest",
    openapi_extra={"requestBody": MESSAGE_BODY},
)
def send_manifest(request):
    """The body is one UN/EDIFACT PAXLST interchange (D:02B or D:05B; one message, or one part of a multi-part
    message) or a CSV manifest, as bytes. `Content-Type: text/csv` or `application/edifact` says which; any other
    type lets the content decide. The sender needs the carrier role and sends only for its own carrier codes
    (`not_your_carrier` 403).

    Answered 201 when stored: a broken message is kept as received, every traveller that can be read is used, and
    `errors` lists what is wrong, each at its segment (a CSV manifest: its line). The same message sent again is
    answered 200 with `duplicate: true` and stored once; a part sent again replaces the earlier version of that
    part (`replaced_message`). `parts` tells which parts of the list have come. Refused with nothing stored:
    `manifest_unreadable` 422 (neither PAXLST nor CSV), `manifest_too_large` 413 (above
    `BORDERDESK_MANIFEST_MAX_KB`), `manifest_not_in_body` 415 (sent as a multipart form)."""
    check_size(int(request.META.get("CONTENT_LENGTH") or 0))  # before the body is read
    received = receive_manifest(request.user, _body(request), format=format_of(request.content_type or ""))
    return Status(200 if received.duplicate else 201, answer(received))


def _body(request) -> bytes:
    try:
        return request.body
    except RawPostDataException:  # a multipart form, read as such before the view: its bytes are gone
        raise NotAMessage(
            "Send the manifest itself as the request's body (Content-Type text/csv or application/edifact), "
            "not as a form.",
            code="manifest_not_in_body",
        ) from None


class NotAMessage(Invalid):
    status = 415


def answer(received: Received) -> dict:
    """What the API and `borderdesk manifest import --json` answer for one message."""
    message, flight, parts = received.message, received.flight, received.parts
    return {
        "duplicate": received.duplicate,
        "message": {
            "id": message.pk,
            "sha256": message.sha256,
            "size": message.size,
            "format": message.format,
            "received_at": message.received_at,
            "reference": message.reference,
            "list_type": message.list_type or None,
            "part_number": message.part_number,
            "last_part": message.last_part,
        },
        "flight": None
        if flight is None
        else {
            "id": flight.pk,
            "designator": flight.designator,
            "departure_airport": flight.departure_airport,
            "arrival_airport": flight.arrival_airport,
            "arrival_date": flight.arrival_date.isoformat(),
            "scheduled_arrival": flight.scheduled_arrival,
            "post": flight.post.code if flight.post else None,
        },
        "travellers": {
            "read": message.travellers_read,
            "counted": received.counted,
            "already_listed": received.already_listed,
            "declared": message.declared_count,
        },
        "replaced_message": received.replaced.pk if received.replaced else None,
        "parts": None
        if parts is None
        else {
            "received": list(parts.received),
            "total": parts.total,
            "missing": list(parts.missing),
            "last_received": parts.last_received,
        },
        "errors": received.errors,
    }


# ---------------------------------------------------------------------------------------- carriers' board-check

carriers_router = Router()


class BoardingTravellerIn(Schema):
    surname: str = Field(max_length=100)
    given_names: str = Field("", max_length=100)
    birth_date: date | None = None
    nationality: str = Field("", max_length=3)
    sex: str = Field("", max_length=1)


class BoardingDocumentIn(Schema):
    type: str = Field("P", max_length=5)
    number: str = Field(max_length=35)
    issuing_state: str = Field(max_length=3)
    expiry_date: date | None = None


class BoardingCheckIn(Schema):
    flight: str = Field(max_length=10, description="The designator, e.g. LH400")
    arrival_airport: str = Field(max_length=5, description="The post's code where it lands")
    arrival_date: date | None = Field(None, description="The day it lands on the post's clock (default: today)")
    traveller: BoardingTravellerIn
    document: BoardingDocumentIn
    idempotency_key: str = Field("", max_length=200)


class BoardingCheckOut(Schema):
    reference: str
    answer: str = Field(description="board, no_board or contact_authority")
    grounds: list[str] = Field(
        description="For no_board: document_missing, document_expired, document_not_valid, visa_required, "
        "not_admissible"
    )
    asked_at: datetime
    replayed: bool


@carriers_router.post(
    "/board-check",
    response={200: BoardingCheckOut, 201: BoardingCheckOut},
    summary="Ask whether a traveller may board",
)
def board_check(request, body: BoardingCheckIn):
    """A carrier asks, before departure, whether one traveller may board its flight to one of the agency's posts.
    The answer is `board`, `no_board` (with `grounds` the carrier can act on) or `contact_authority` (call the
    agency quoting the `reference`), and is kept with its reference: 201. The same `idempotency_key` again gets the
    first answer with `replayed: true` (200); the key with another question is `idempotency_key_reused` (409).
    Only for the sender's own carrier codes (`not_your_carrier` 403). Refused with nothing stored: `invalid_flight`,
    `no_arrival_post`, `document_required`, `surname_required`, `issuing_state_required`,
    `idempotency_key_required`."""
    person, document = body.traveller, body.document
    question = BoardingQuestion(
        flight=body.flight,
        arrival_airport=body.arrival_airport,
        arrival_date=body.arrival_date,
        traveller=Announced(
            surname=person.surname.strip().upper(),
            given_names=person.given_names.strip().upper(),
            birth_date=person.birth_date,
            nationality=person.nationality.strip().upper(),
            sex=person.sex.strip().upper(),
            document_type=document.type.strip().upper(),
            document_number=document.number.strip().upper(),
            document_issuing_state=document.issuing_state.strip().upper(),
            document_expiry=document.expiry_date,
        ),
    )
    checked = check_boarding(request.user, question, idempotency_key=body.idempotency_key)
    check = checked.check
    answer = {
        "reference": check.reference,
        "answer": check.answer,
        "grounds": check.grounds,
        "asked_at": check.asked_at,
        "replayed": checked.replayed,
    }
    return Status(200 if checked.replayed else 201, answer)
