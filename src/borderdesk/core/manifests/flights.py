"""Joining what carriers send into flights: the flight's designator, the parts of a multi-part list, who on a
flight is one traveller, and what an officer should look at twice.

Plain rules on the readers' types; the application stores what they give.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from borderdesk.core.reference import nationality_code

from .model import Flight, Part, Traveller

PASSENGER, CREW = "passenger", "crew"
CREW_PARTIES = {"FM", "DDU"}  # NAD+FM crew, NAD+DDU crew in transit
IN_TRANSIT_PARTIES = {"DDT", "DDU"}

# IATA: two characters, not both digits (LH, U2, 9W); ICAO: three letters (DLH). Then 1 to 4 digits, leading zeros
# not counted (UA0989 is UA989), and an operational suffix letter.
_DESIGNATOR = re.compile(r"([A-Z]{3}|[A-Z][A-Z0-9]|[0-9][A-Z])0*([0-9]{1,4})([A-Z]?)")

NO_DOCUMENT, DOCUMENT_EXPIRED, SHARED_DOCUMENT = "no_document", "document_expired", "shared_document"


@dataclass(frozen=True, slots=True)
class Designator:
    """A flight's designator: the carrier's code and the flight's number (digits without leading zeros, and the
    suffix)."""

    carrier: str
    number: str

    def __str__(self) -> str:
        return f"{self.carrier}{self.number}"


def designator(carrier_flight: str | None) -> Designator | None:
    """The designator in a TDT's (or a CSV's) ``carrier_flight`` (blanks and case ignored); None when it is none."""
    text = "".join((carrier_flight or "").split()).upper()
    found = _DESIGNATOR.fullmatch(text)
    if found is None:
        return None
    carrier, digits, suffix = found.groups()
    return Designator(carrier, str(int(digits)) + suffix)


def local_time(at: str | None) -> datetime | None:
    """A manifest's ``YYYY-MM-DDTHH:MM`` (the airport's own clock, no zone given) as a naive datetime."""
    if not at:
        return None
    try:
        return datetime.strptime(at, "%Y-%m-%dT%H:%M")
    except ValueError:
        return None


def arrival_day(flight: Flight | None) -> date | None:
    """The day the flight arrives, on the arrival airport's clock; the departure's day when no arrival time is
    given (a flight is known by its designator, where it lands and that day)."""
    if flight is None:
        return None
    for place in (flight.arrival, flight.departure):
        moment = local_time(place.at if place else None)
        if moment is not None:
            return moment.date()
    return None


@dataclass(frozen=True, slots=True)
class PartsState:
    """What has come of a list sent in parts. ``total`` is the number of the part marked last, once it came;
    ``missing`` the numbers below the highest known that never came."""

    received: tuple[int, ...]
    total: int | None
    missing: tuple[int, ...]

    @property
    def last_received(self) -> bool:
        return self.total is not None

    @property
    def complete(self) -> bool:
        return self.last_received and not self.missing


def parts_state(parts: Iterable[Part]) -> PartsState:
    """The state of one list (a flight's passengers, or its crew) from the parts received, each once or more."""
    parts = [part for part in parts if part.number is not None and part.number > 0]
    received = sorted({part.number for part in parts if part.number is not None})
    lasts = [part.number for part in parts if part.last and part.number is not None]
    total = max(lasts) if lasts else None
    upper = max([*received, total or 0], default=0)
    missing = tuple(number for number in range(1, upper + 1) if number not in received)
    return PartsState(tuple(received), total, missing)


def traveller_kind(list_type: str | None, party: str | None) -> str:
    """Crew on a crew list; on a list of no known type, by the NAD's party qualifier; else a passenger."""
    if list_type == "crew":
        return CREW
    if list_type == "passengers":
        return PASSENGER
    return CREW if party in CREW_PARTIES else PASSENGER


def in_transit(party: str | None) -> bool:
    return party in IN_TRANSIT_PARTIES


def document_number(number: str | None) -> str:
    """A document number as the MRZ writes it: upper case, letters and digits only."""
    return re.sub(r"[^0-9A-Z]", "", (number or "").upper())


def nationality(code: str | None) -> str:
    """The one code of a nationality (``D`` and ``DEU`` alike), or the text as given when it is no known code."""
    return nationality_code(code) or (code or "").strip().upper()


def identity_key(traveller: Traveller) -> str:
    """Who a manifest's row is, on one flight: the same document, nationality, name and birth date is the same
    person (sent twice, in two parts, or twice in one list). Different people may share a document number (carriers'
    test data does; a forger may), so the number alone does not decide."""
    document = traveller.document
    facts = [
        document_number(document.number if document else None),
        nationality(traveller.nationality),
        _name(traveller.surname),
        _name(traveller.given_names),
        traveller.birth_date or "",
    ]
    return hashlib.sha256("\x1f".join(facts).encode("utf-8")).hexdigest()


def _name(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def traveller_flags(traveller: Traveller, day: date | None) -> list[str]:
    """What an officer should look at twice in a traveller's row, as codes: no travel document given, or one that
    has expired by the day of arrival."""
    document = traveller.document
    if document is None or not document_number(document.number):
        return [NO_DOCUMENT]
    if document.expiry_date and day is not None and date.fromisoformat(document.expiry_date) < day:
        return [DOCUMENT_EXPIRED]
    return []


def shared_documents(documents: Iterable[tuple[str | None, str | None]]) -> set[tuple[str, str]]:
    """The (document number, nationality) pairs that more than one traveller of a flight gives."""
    seen: set[tuple[str, str]] = set()
    shared: set[tuple[str, str]] = set()
    for number, state in documents:
        key = (document_number(number), nationality(state))
        if not key[0]:
            continue
        (shared if key in seen else seen).add(key)
    return shared
