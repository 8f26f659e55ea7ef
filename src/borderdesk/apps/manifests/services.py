"""Receiving carriers' manifests and reading the flights they announce.

``receive_manifest``: one message from a carrier's system (the API) or an operator (the command line). It is kept as
received whatever is wrong with it, unless nothing at all can be read in it; the same bytes sent again are answered
as a duplicate and stored once; a part sent again replaces the rows the earlier version brought. A carrier's
account sends only for the carrier codes it is given (``set_carrier_codes``).

Officers read a post's flights of a day and a flight's page (``border:traveller:read`` at the arrival post);
marking a flight as arrived is for those who inspect or run the hall.
"""

from __future__ import annotations

import hashlib
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of, username_of
from borderdesk.apps.accounts.models import User
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import pk_of, post_code_of, service, the_post_code
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.manifests.models import (
    CarrierCode,
    Channel,
    Flight,
    FlightStatus,
    Kind,
    ManifestTraveller,
    Message,
)
from borderdesk.apps.manifests.screening import SCREENER, screen_after_commit, screen_message
from borderdesk.apps.manifests.screening import stopped as screening_stopped
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm, Role
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.manifests import (
    DOCUMENT_EXPIRED,
    NO_DOCUMENT,
    SHARED_DOCUMENT,
    Designator,
    Manifest,
    ManifestError,
    PartsState,
    Traveller,
    arrival_day,
    designator,
    document_number,
    identity_key,
    in_transit,
    local_time,
    nationality,
    parts_state,
    read_manifest,
    segments_as_sent,
    shared_documents,
    traveller_flags,
    traveller_kind,
)
from borderdesk.core.manifests.model import Part, in_order

SEND = Perm.CARRIER_MANIFEST_SEND
READ = Perm.BORDER_TRAVELLER_READ
MARK_ARRIVED = (Perm.BORDER_INSPECTION_DECIDE, Perm.BORDER_QUEUE_MANAGE)
CONTENT_TYPES = {"text/csv": "csv", "application/edifact": "paxlst", "application/x-edifact": "paxlst"}
ALREADY_LISTED = "already_listed"
# What the import finds wrong besides what the reader does (core.manifests.ERROR_CODES), and the flags of a row.
IMPORT_ERRORS = (
    "flight_unknown",
    "arrival_time_unknown",
    "no_arrival_post",
    NO_DOCUMENT,
    ALREADY_LISTED,
    "value_too_long",
)
FLAGS = (NO_DOCUMENT, DOCUMENT_EXPIRED, SHARED_DOCUMENT, ALREADY_LISTED)
CARRIER_CODES_MAX = 20


class ManifestTooLarge(Invalid):
    status = 413


@dataclass(frozen=True)
class Received:
    """What became of one message: stored (or known already: ``duplicate``), on which flight, how many of its
    travellers count on the flight and how many were listed there already, the version of its part it replaced,
    its errors, and the state of its list's parts."""

    message: Message
    duplicate: bool
    flight: Flight | None
    counted: int
    already_listed: int
    replaced: Message | None
    errors: list[dict]
    parts: PartsState | None


def check_size(size: int) -> None:
    """``manifest_too_large`` (413) above the limit: asked before the bytes are read, where the size is known."""
    if size > settings.BORDERDESK_MANIFEST_MAX_KB * 1024:
        raise ManifestTooLarge(
            f"A manifest is at most {settings.BORDERDESK_MANIFEST_MAX_KB} KB; this one is {size // 1024} KB. "
            "Send a long list in parts (UNH's sequence number, the last part marked F).",
            code="manifest_too_large",
        )


def format_of(content_type: str) -> str:
    """The reader a request's content type names (``text/csv``, ``application/edifact``); else ``auto``: the
    content decides (core.manifests.detect_format)."""
    return CONTENT_TYPES.get(content_type.split(";")[0].strip().lower(), "auto")


@service(SEND)
def receive_manifest(
    actor, data: bytes, *, channel: str = Channel.API, filename: str = "", format: str = "auto", screen: bool = True
) -> Received:
    """Store one message; ``screen``: screen it before arrival once stored (``screening.screen_after_commit``)."""
    check_size(len(data))
    manifest = read_manifest(data, today=timezone.now().date(), format=format)
    if not manifest.readable:
        found = "; ".join(error.message for error in manifest.errors[:3])
        raise Invalid(
            f"Nothing in it could be read as a PAXLST message or a CSV manifest ({found}). Nothing was stored.",
            code="manifest_unreadable",
        )
    flight_code = designator(manifest.flight.carrier_flight if manifest.flight else None)
    _check_carrier(actor, flight_code)
    errors: list[ManifestError] = []
    flight = _flight_for(manifest, flight_code, errors)  # locked: the flight's messages are worked one at a time
    digest = hashlib.sha256(data).hexdigest()
    known = Message.objects.filter(sha256=digest).first()
    if known is not None:
        return _duplicate(actor, known)
    try:
        with transaction.atomic():
            message = _new_message(actor, manifest, data, digest, flight, channel=channel, filename=filename)
    except IntegrityError:  # the same bytes, sent at the same moment (with no flight to wait for)
        return _duplicate(actor, Message.objects.get(sha256=digest))
    replaced = _supersede_earlier_version(message)
    counted_again = _count_again_those_listed_twice(message.flight) if replaced is not None else set()
    counted, listed = _store_travellers(message, manifest, errors)
    message.errors = [_error_dict(error) for error in in_order([*manifest.errors, *errors])]
    message.save(update_fields=["errors"])
    if flight is not None:
        _flag_shared_documents(flight)
    received = Received(message, False, flight, counted, listed, replaced, message.errors, _parts_of(message))
    _record_receipt(actor, received)
    if screen:
        for screened in sorted({message.pk, *counted_again}):  # rows counted again were not screened as counted
            screen_after_commit(screened)
    return received


def _new_message(actor, manifest: Manifest, data: bytes, digest: str, flight: Flight | None, **source) -> Message:
    part = manifest.part
    return Message.objects.create(
        flight=flight,
        raw=data,
        sha256=digest,
        size=len(data),
        format=manifest.format or "",
        filename=source["filename"][:200],
        channel=source["channel"],
        version=(manifest.version or "")[:10],
        list_type=manifest.list_type or "",
        reference=(manifest.reference or "")[:35].replace("\x00", ""),
        part_number=part.number if part else None,
        last_part=part.last if part else True,
        declared_count=manifest.declared_count,
        travellers_read=len(manifest.travellers),
        received_from=user_of(actor),
        received_by=username_of(actor)[:150],
    )


def _record_receipt(actor, received: Received) -> None:
    message, flight = received.message, received.flight
    record_change(
        actor,
        AuditAction.MANIFESTS_MESSAGE_RECEIVE,
        message,
        new={
            "sha256": message.sha256,
            "size": message.size,
            "channel": message.channel,
            "filename": message.filename,
            "flight": str(flight) if flight else None,
            "list_type": message.list_type,
            "part": message.part_number,
            "last_part": message.last_part,
            "travellers": message.travellers_read,
            "counted": received.counted,
            "already_listed": received.already_listed,
            "errors": len(message.errors),
            "replaced": received.replaced.pk if received.replaced else None,
        },
        post_code=flight.post.code if flight and flight.post else "",
    )


def _check_carrier(actor, flight_code: Designator | None) -> None:
    """A carrier's account sends for its own carrier codes only (the system, e.g. an operator's import, for all)."""
    user = user_of(actor)
    if user is None or flight_code is None:
        return
    if not user.carrier_codes.filter(code=flight_code.carrier).exists():
        raise PermissionDenied(
            f"This account does not send manifests for carrier {flight_code.carrier}: only for "
            f"{', '.join(user.carrier_codes.values_list('code', flat=True)) or 'no carrier yet'}. "
            "Ask the border agency to add the carrier to the account.",
            code="not_your_carrier",
            permission=SEND,
        )


def _flight_for(manifest: Manifest, flight_code: Designator | None, errors: list[ManifestError]) -> Flight | None:
    """The flight the message is for, made when it is the first message for it, locked until the end of the
    transaction; None (and an error) when the message does not say which flight."""
    sent = manifest.flight
    arrival = sent.arrival if sent else None
    airport = (arrival.airport or "").upper() if arrival else ""
    if flight_code is None or not airport or len(airport) > 5 or not airport.isalnum():
        what = "flight designator" if flight_code is None else "arrival airport"
        errors.append(
            ManifestError("flight_unknown", None, f"No {what} can be read: the message is kept, joined to no flight.")
        )
        return None
    post = Post.objects.filter(code=airport, is_active=True).first()
    zone = zoneinfo.ZoneInfo(post.time_zone if post else "UTC")
    arriving = local_time(arrival.at if arrival else None)
    day = arrival_day(sent) or timezone.localtime(timezone.now(), zone).date()
    if arriving is None:
        errors.append(
            ManifestError(
                "arrival_time_unknown", None, f"No arrival time: the flight is taken to land on {day.isoformat()}."
            )
        )
    if post is None:
        errors.append(
            ManifestError(
                "no_arrival_post",
                None,
                f"{airport} is no post of the agency: the flight is kept, and no officer sees it.",
            )
        )
    departure = sent.departure if sent else None
    details = {
        "post": post,
        "departure_airport": ((departure.airport or "") if departure else "")[:5],
        "departure_local": ((departure.at or "") if departure else "")[:16],
        "scheduled_arrival": timezone.make_aware(arriving, zone) if arriving else None,
    }
    flight, _ = Flight.objects.get_or_create(
        carrier=flight_code.carrier,
        number=flight_code.number,
        arrival_airport=airport,
        arrival_date=day,
        defaults=details,
    )
    flight = Flight.objects.select_for_update(of=("self",)).select_related("post").get(pk=flight.pk)
    changed = [name for name, value in details.items() if value and getattr(flight, name) != value]
    for name in changed:  # the latest message says when it lands now
        setattr(flight, name, details[name])
    if changed:
        flight.save(update_fields=changed)
    return flight


def _duplicate(actor, known: Message) -> Received:
    rows = list(known.travellers.values_list("current", "flags"))
    counted = sum(1 for current, _ in rows if current)
    listed = sum(1 for _, flags in rows if ALREADY_LISTED in flags)
    flight = known.flight
    record_change(
        actor,
        AuditAction.MANIFESTS_MESSAGE_RESENT,
        known,
        new={"sha256": known.sha256, "first_received_at": known.received_at, "first_received_by": known.received_by},
        post_code=flight.post.code if flight and flight.post else "",
    )
    return Received(known, True, flight, counted, listed, None, known.errors, _parts_of(known))


def _supersede_earlier_version(message: Message) -> Message | None:
    """The same part of the same list of the same flight sent again: the earlier version's rows stop counting."""
    if message.flight_id is None or message.part_number is None:
        return None
    earlier = list(
        Message.objects.filter(
            flight_id=message.flight_id,
            list_type=message.list_type,
            part_number=message.part_number,
            superseded_by__isnull=True,
        ).exclude(pk=message.pk)
    )
    if not earlier:
        return None
    Message.objects.filter(pk__in=[m.pk for m in earlier]).update(superseded_by=message)
    ManifestTraveller.objects.filter(message__in=earlier).update(current=False)
    return earlier[-1]


def _count_again_those_listed_twice(flight: Flight) -> set[int]:
    """A person listed in two parts counts once, in the first; when that part is replaced by a version without
    them, their row in the other part counts again. The messages of the rows counted again."""
    taken = set(ManifestTraveller.objects.filter(flight=flight, current=True).values_list("kind", "key"))
    waiting = ManifestTraveller.objects.filter(
        flight=flight, current=False, message__superseded_by__isnull=True
    ).order_by("message__received_at", "message_id", "position")
    again = []
    for row in waiting:
        if (row.kind, row.key) not in taken:
            taken.add((row.kind, row.key))
            row.current, row.flags = True, [flag for flag in row.flags if flag != ALREADY_LISTED]
            again.append(row)
    ManifestTraveller.objects.bulk_update(again, ["current", "flags"])
    return {row.message_id for row in again}


# Each stored text field and its limit; the reader returns whatever was sent, however long.
TEXT_LIMITS = {
    f.name: f.max_length
    for f in ManifestTraveller._meta.concrete_fields
    if f.get_internal_type() == "CharField" and f.name not in ("kind", "key")
}


def _store_travellers(message: Message, manifest: Manifest, errors: list[ManifestError]) -> tuple[int, int]:
    flight = message.flight
    day = flight.arrival_date if flight else arrival_day(manifest.flight)
    taken = set(
        ManifestTraveller.objects.filter(flight=flight, current=True).values_list("kind", "key") if flight else ()
    )
    rows = []
    for position, traveller in enumerate(manifest.travellers, start=1):
        kind = traveller_kind(manifest.list_type, traveller.party)
        key = identity_key(traveller)
        flags = traveller_flags(traveller, day)
        if NO_DOCUMENT in flags:
            errors.append(ManifestError(NO_DOCUMENT, traveller.segment, "No travel document was sent for them."))
        current = flight is None or (kind, key) not in taken
        if not current:
            flags.append(ALREADY_LISTED)
            errors.append(
                ManifestError(
                    ALREADY_LISTED,
                    traveller.segment,
                    "The same person (document, name, birth date) as a traveller "
                    "listed earlier on the flight: kept, and counted once.",
                )
            )
        taken.add((kind, key))
        fields = _bounded(_row_values(traveller), traveller.segment, errors)
        rows.append(
            ManifestTraveller(
                flight=flight,
                message=message,
                kind=kind,
                in_transit=in_transit(traveller.party),
                position=position,
                segment=traveller.segment,
                key=key,
                current=current,
                flags=flags,
                birth_date=_date(traveller.birth_date),
                document_expiry=_date(traveller.document.expiry_date if traveller.document else None),
                **fields,
            )
        )
    ManifestTraveller.objects.bulk_create(rows, batch_size=500)
    listed = sum(1 for row in rows if not row.current)
    return len(rows) - listed, listed


def _row_values(traveller: Traveller) -> dict[str, str | None]:
    document = traveller.document
    return {
        "surname": traveller.surname,
        "given_names": traveller.given_names,
        "sex": traveller.sex,
        "nationality": traveller.nationality,
        "document_type": document.type if document else None,
        "document_number": document.number if document else None,
        "document_issuing_state": document.issuing_state if document else None,
        "embarkation": traveller.embarkation,
        "debarkation": traveller.debarkation,
        "seat": traveller.seat,
        "reservation": traveller.reservation,
    }


def _bounded(values: dict[str, str | None], segment: int | None, errors: list[ManifestError]) -> dict[str, str]:
    """The values as they can be stored: a value longer than its column is cut (an error says so; the message as
    received keeps it whole), a NUL character dropped (the database cannot hold one)."""
    bounded = {}
    for name, value in values.items():
        text = (value or "").replace("\x00", "")
        limit = TEXT_LIMITS[name]
        if len(text) > limit:
            errors.append(
                ManifestError("value_too_long", segment, f"{name} is {len(text)} characters, kept at {limit}.")
            )
            text = text[:limit]
        bounded[name] = text
    return bounded


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _error_dict(error: ManifestError) -> dict:
    return {"code": error.code, "segment": error.segment, "message": error.message.replace("\x00", "\\0")}


def _flag_shared_documents(flight: Flight) -> None:
    """Mark the rows of the flight whose document (number and nationality) another counted row gives too."""
    rows = list(
        ManifestTraveller.objects.filter(flight=flight, current=True).only("document_number", "nationality", "flags")
    )
    shared = shared_documents((row.document_number, row.nationality) for row in rows)
    changed = []
    for row in rows:
        sharing = (document_number(row.document_number), nationality(row.nationality)) in shared
        if sharing != (SHARED_DOCUMENT in row.flags):
            row.flags = [*row.flags, SHARED_DOCUMENT] if sharing else [f for f in row.flags if f != SHARED_DOCUMENT]
            changed.append(row)
    ManifestTraveller.objects.bulk_update(changed, ["flags"], batch_size=500)


def _parts_of(message: Message) -> PartsState | None:
    if message.flight_id is None:
        return None
    return parts_state(
        Part(number, last)
        for number, last in Message.objects.filter(
            flight_id=message.flight_id, list_type=message.list_type, superseded_by__isnull=True
        ).values_list("part_number", "last_part")
    )


# ------------------------------------------------------------------------------------------ carriers' accounts


@service(Perm.ADMIN_USER_MANAGE)
def set_carrier_codes(actor, username: str, codes: list[str]) -> list[str]:
    """The carrier codes (IATA or ICAO) an account of the role ``carrier`` sends manifests for, replacing those it
    had."""
    user = User.objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"No user {username[:40]!r}.", code="user_not_found")
    if not user.has_role(Role.CARRIER):
        raise Invalid(f"{user.username} does not hold the carrier role.", code="not_a_carrier")
    wanted = sorted({str(code).strip().upper() for code in codes if str(code).strip()})
    bad = [code for code in wanted if designator(f"{code}1") is None or designator(f"{code}1").carrier != code]
    if bad or len(wanted) > CARRIER_CODES_MAX:
        what = f"{bad[0][:10]!r} is no carrier code" if bad else f"at most {CARRIER_CODES_MAX} codes"
        raise Invalid(f"{what}: give IATA (LH, U2) or ICAO (DLH) codes.", code="invalid_carrier_code")
    before = sorted(user.carrier_codes.values_list("code", flat=True))
    user.carrier_codes.exclude(code__in=wanted).delete()
    CarrierCode.objects.bulk_create([CarrierCode(user=user, code=code) for code in wanted if code not in before])
    record_change(actor, AuditAction.MANIFESTS_CARRIER_CODES_SET, user, old={"codes": before}, new={"codes": wanted})
    return wanted


# ---------------------------------------------------------------------------------------------- officers' reading


@dataclass(frozen=True)
class ListParts:
    """One list of a flight (passengers, crew) sent in parts: what came, and whether the rest is still awaited."""

    list_type: str
    state: PartsState
    latest: datetime
    waited_enough: bool  # BORDERDESK_MANIFEST_PART_WAIT_MINUTES have passed since its latest part came

    @property
    def gaps(self) -> list[str]:
        return part_gaps(self.state)


def part_gaps(state: PartsState) -> list[str]:
    """The parts of a list that have not come, in words: "part 2 of 3", or "the parts after part 4" when the part
    marked last has not come either."""
    runs: list[list[int]] = []
    for number in state.missing:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    of = f" of {state.total}" if state.total is not None else ""
    gaps = [f"part {run[0]}{of}" if len(run) == 1 else f"parts {run[0]} to {run[-1]}{of}" for run in runs]
    if state.total is None and state.received:
        gaps.append(f"the parts after part {max(state.received)}")
    return gaps


@dataclass(frozen=True)
class ErrorGroup:
    """The errors of one code in one message, for the flight's page (the message's page lists each)."""

    code: str
    count: int
    segments: list[int]
    first_message: str

    SHOWN = 12

    @property
    def more(self) -> int:
        return max(0, self.count - self.SHOWN)


def error_groups(errors: list[dict]) -> list[ErrorGroup]:
    groups: dict[str, list[dict]] = {}
    for error in errors:
        groups.setdefault(error["code"], []).append(error)
    return [
        ErrorGroup(
            code,
            len(found),
            [e["segment"] for e in found if e.get("segment") is not None][: ErrorGroup.SHOWN],
            found[0]["message"],
        )
        for code, found in groups.items()
    ]


@dataclass(frozen=True)
class FlightRow:
    flight: Flight
    status: FlightStatus
    passengers: int
    crew: int
    flagged: int
    lists: list[ListParts]
    errors: int


@dataclass(frozen=True)
class FlightPage:
    flight: Flight
    status: FlightStatus
    passengers: list[ManifestTraveller]
    crew: list[ManifestTraveller]
    flagged: list[ManifestTraveller]
    not_seen: list[ManifestTraveller] | None  # None before arrival
    seen_since: datetime | None
    messages: list[tuple[Message, list[ErrorGroup]]]
    lists: list[ListParts]
    not_counted: list[ManifestTraveller] = field(default_factory=list)  # superseded or listed twice: kept
    screening: ScreeningProgress | None = None


def flights_post(flight_id, *_, **__) -> str:
    return post_code_of(Flight, pk_of(flight_id, field="flight"), what="flight")


def messages_post(message_id, *_, **__) -> str:
    return post_code_of(Message, pk_of(message_id, field="message"), what="message", path="flight__post__code")


@service(READ, post=the_post_code)
def flights_on(actor, *, post_code: str, day: date) -> list[FlightRow]:
    """The flights landing at the post on the day (its own clock), in the order they land: counts only."""
    counted = Q(travellers__current=True)
    flights = (
        Flight.objects.filter(post__code=post_code, arrival_date=day)
        .annotate(
            passengers=Count("travellers", filter=counted & Q(travellers__kind=Kind.PASSENGER)),
            crew=Count("travellers", filter=counted & Q(travellers__kind=Kind.CREW)),
            flagged=Count("travellers", filter=counted & ~Q(travellers__flags=[])),
        )
        .prefetch_related(Prefetch("messages", queryset=Message.objects.only(*_PART_FIELDS)))
        .order_by("scheduled_arrival", "carrier", "number")
    )
    now = timezone.now()
    return [
        FlightRow(
            flight,
            flight.status(now),
            flight.passengers,
            flight.crew,
            flight.flagged,
            _lists(list(flight.messages.all()), now),
            sum(len(m.errors) for m in flight.messages.all() if m.superseded_by_id is None),
        )
        for flight in flights
    ]


_PART_FIELDS = ("pk", "flight_id", "list_type", "part_number", "last_part", "received_at", "superseded_by_id", "errors")


def _lists(messages: list[Message], now: datetime) -> list[ListParts]:
    wait = timedelta(minutes=settings.BORDERDESK_MANIFEST_PART_WAIT_MINUTES)
    lists = []
    for list_type in sorted({m.list_type for m in messages}):
        mine = [m for m in messages if m.list_type == list_type and m.superseded_by_id is None]
        if not mine:
            continue
        latest = max(m.received_at for m in mine)
        state = parts_state(Part(m.part_number, m.last_part) for m in mine)
        lists.append(ListParts(list_type, state, latest, now - latest >= wait))
    return lists


@service(READ, post=flights_post)
def flight_page(actor, flight_id) -> FlightPage:
    flight = Flight.objects.select_related("post", "arrived_marked_by").get(pk=pk_of(flight_id, field="flight"))
    messages = list(flight.messages.select_related("received_from").order_by("received_at", "pk"))
    rows = list(flight.travellers.select_related("message").order_by("kind", "message__received_at", "position"))
    counted = [row for row in rows if row.current]
    now = timezone.now()
    status = flight.status(now)
    since = None
    not_seen = None
    if status == FlightStatus.ARRIVED:
        since = flight.arrival_moment - timedelta(minutes=settings.BORDERDESK_FLIGHT_EARLY_MINUTES)
        not_seen = _not_seen(flight, since, counted)
    record_access(
        actor,
        flight,
        purpose="flight manifest",
        detail=f"{flight.designator} arriving {flight.arrival_date.isoformat()}: {len(counted)} travellers",
        post_code=flight.post.code,
    )
    return FlightPage(
        flight=flight,
        status=status,
        passengers=[row for row in counted if row.kind == Kind.PASSENGER],
        crew=[row for row in counted if row.kind == Kind.CREW],
        flagged=[row for row in counted if row.flags],
        not_seen=not_seen,
        seen_since=since,
        messages=[(message, error_groups(message.errors)) for message in messages],
        lists=_lists(messages, now),
        not_counted=[row for row in rows if not row.current],
        screening=screening_progress(actor, flight.pk),
    )


def _not_seen(flight: Flight, since: datetime, rows: list[ManifestTraveller]) -> list[ManifestTraveller]:
    """The rows whose document (number and nationality) no entry inspection at the arrival post has scanned since
    ``since``. A row with no document number can never be matched: it stays here for an officer to find."""
    numbers = {document_number(row.document_number) for row in rows} - {""}
    seen = {
        (document_number(number), nationality(state))
        for number, state in Inspection.objects.filter(
            post_id=flight.post_id,
            direction="entry",
            created_at__gte=since,
            document__document_number__in=numbers,
        ).values_list("document__document_number", "traveller__nationality")
    }
    return [row for row in rows if (document_number(row.document_number), nationality(row.nationality)) not in seen]


@service(MARK_ARRIVED, post=flights_post)
def mark_arrived(actor, flight_id) -> Flight:
    flight = (
        Flight.objects.select_for_update(of=("self",)).select_related("post").get(pk=pk_of(flight_id, field="flight"))
    )
    if flight.arrived_at is not None:
        raise Conflict(
            f"{flight.designator} was marked as arrived at {timezone.localtime(flight.arrived_at):%H:%M} already.",
            code="already_marked_arrived",
        )
    flight.arrived_at, flight.arrived_marked_by = timezone.now(), user_of(actor)
    flight.save(update_fields=["arrived_at", "arrived_marked_by"])
    record_change(
        actor,
        AuditAction.MANIFESTS_FLIGHT_ARRIVED,
        flight,
        new={"flight": str(flight), "arrived_at": flight.arrived_at, "scheduled_arrival": flight.scheduled_arrival},
        post_code=flight.post.code,
    )
    return flight


@dataclass(frozen=True)
class MessageAsReceived:
    message: Message
    segments: list[tuple[int, str, list[dict]]]  # position, text as sent, the errors found there


@service(READ, post=messages_post)
def message_as_received(actor, message_id) -> MessageAsReceived:
    """A message as the carrier sent it, segment by segment (a CSV manifest: line by line), each with its errors."""
    message = Message.objects.select_related("flight__post").get(pk=pk_of(message_id, field="message"))
    text = message.text
    if message.format == "csv":
        numbered = list(enumerate(text.splitlines(), start=1))
    else:
        numbered = segments_as_sent(text)
    by_segment: dict[int | None, list[dict]] = {}
    for error in message.errors:
        by_segment.setdefault(error.get("segment"), []).append(error)
    shown = {position for position, _ in numbered}
    segments = [(position, line, by_segment.get(position, [])) for position, line in numbered]
    beyond = [error for segment, found in by_segment.items() if segment not in shown for error in found]
    if beyond:  # errors of the message as a whole, or one past its last segment
        segments.append((0, "", beyond))
    record_access(
        actor,
        message,
        purpose="flight manifest",
        detail=f"message {message.pk} as received ({message.size} bytes)",
        post_code=message.flight.post.code,
    )
    return MessageAsReceived(message, segments)


def post_day(post: Post, text: str | None) -> date:
    """The day asked (YYYY-MM-DD), or today on the post's clock."""
    if not text:
        return post.local_date()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{text[:20]!r} is not a day as YYYY-MM-DD.", code="invalid_date", field="day") from None


# ------------------------------------------------------------------------------------------ pre-arrival screening


@dataclass(frozen=True)
class ScreeningProgress:
    """A flight's screening before arrival: rows screened of those to screen, over its current messages."""

    screened: int
    total: int
    waiting: int  # messages not screened to the end yet
    stopped: int = 0  # of those, the ones whose screening stopped (an error, or no progress for a while)

    @property
    def done(self) -> bool:
        return self.waiting == 0


@service(READ, post=flights_post)
def screening_progress(actor, flight_id) -> ScreeningProgress:
    """Counts only (nothing personal): the flight page polls it while screening runs."""
    messages = list(
        Message.objects.filter(flight_id=pk_of(flight_id, field="flight"), superseded_by__isnull=True).only(
            "screened",
            "screen_total",
            "screened_at",
            "travellers_read",
            "screen_touched_at",
            "screen_error",
            "received_at",
        )
    )
    now = timezone.now()
    return ScreeningProgress(
        screened=sum(m.screened for m in messages),
        total=sum(
            m.screen_total if m.screened_at is not None or m.screen_total else m.travellers_read for m in messages
        ),
        waiting=sum(1 for m in messages if m.screened_at is None),
        stopped=sum(1 for m in messages if screening_stopped(m, now)),
    )


@service(MARK_ARRIVED, post=flights_post, atomic=False)
def screen_again(actor, flight_id) -> ScreeningProgress:
    """Screen again, to the end, the flight's current messages whose screening stopped (an officer at the post
    asks, from the flight's page); a screening still moving on is left to finish."""
    flight = Flight.objects.select_related("post").get(pk=pk_of(flight_id, field="flight"))
    now = timezone.now()
    stopped = [
        m for m in Message.objects.filter(flight=flight, superseded_by__isnull=True) if screening_stopped(m, now)
    ]
    with transaction.atomic():
        record_change(
            actor,
            AuditAction.MANIFESTS_SCREENING_RESTARTED,
            flight,
            new={"messages": [m.pk for m in stopped]},
            post_code=flight.post.code if flight.post else "",
        )
    for message in stopped:
        screen_message(SCREENER, message.pk)
    return screening_progress(actor, flight.pk)


@dataclass(frozen=True)
class FlightToWatch:
    flight: Flight
    travellers: int  # counted rows pre-arrival screening found something about


@service(READ, post=the_post_code)
def flights_to_watch(actor, *, post_code: str, day: date) -> list[FlightToWatch]:
    """The flights landing at the post on the day with travellers screening found something about (counts only:
    the flight's page, a logged read, names them)."""
    screened = Q(travellers__current=True) & ~Q(travellers__reasons=[])
    flights = (
        Flight.objects.filter(post__code=post_code, arrival_date=day)
        .annotate(watch=Count("travellers", filter=screened))
        .filter(watch__gt=0)
        .order_by("scheduled_arrival", "carrier", "number")
    )
    return [FlightToWatch(flight, flight.watch) for flight in flights]


@dataclass(frozen=True)
class ManifestMatch:
    """A scanned traveller found on a manifest of a flight landing at the post that day."""

    row: ManifestTraveller
    by: str  # "document" (number and nationality) or "name" (surname, given names and birth date)

    @property
    def alerts(self) -> list[dict]:
        return self.row.reasons


def manifest_match(
    *, post_id: int, day: date, document: str, state: str, surname: str, given_names: str, birth_date: date | None
) -> ManifestMatch | None:
    """For the booth's panel (whose service wrote the access event): one indexed query."""
    by_document = Q(document_number=document_number(document)) if document_number(document) else Q(pk__in=[])
    by_name = Q(surname=surname, birth_date=birth_date) if surname and birth_date else Q(pk__in=[])
    rows = (
        ManifestTraveller.objects.filter(by_document | by_name, current=True, flight__post_id=post_id)
        .filter(flight__arrival_date=day)
        .select_related("flight")
        .order_by("-message__received_at")[:5]
    )
    scanned = (document_number(document), nationality(state))
    for row in rows:
        sent = document_number(row.document_number)
        if sent and scanned in ((sent, nationality(row.nationality)), (sent, nationality(row.document_issuing_state))):
            return ManifestMatch(row, "document")
    for row in rows:
        if row.surname == surname and row.birth_date == birth_date and _same_given(row.given_names, given_names):
            return ManifestMatch(row, "name")
    return None


def _same_given(sent: str, scanned: str) -> bool:
    return sent.split()[:1] == scanned.split()[:1] if sent and scanned else True
