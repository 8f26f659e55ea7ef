"""What is known about a travelling person before they arrive: the one place that decides it.

``what_is_known`` takes what a carrier says of each traveller (``Announced``) and asks, for all of them at once,
what the booth asks of one: the watchlists in force (``watchlists.screen_batch``: one stored screening and access
event each), the lost and stolen register (``travel_documents.current_register``), a visa or authorisation on record
against the entry rules' visa requirement, and earlier overstays and refusals on record. Each finding is a reason
with a stable code. The batch screening of a manifest and a carrier's board-check both call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from borderdesk.apps.common.errors import BorderdeskError
from borderdesk.apps.policy.services import current_visa_matrix, pack_in_force
from borderdesk.apps.travel_documents.services import current_register
from borderdesk.apps.travellers.models import Crossing, CrossingOutcome, HeldDocument, Stay
from borderdesk.apps.visas.models import Visa, VisaStatus
from borderdesk.apps.watchlists.services import screen_batch
from borderdesk.core.manifests import document_number, nationality
from borderdesk.core.rules import RulesError
from borderdesk.core.rules.visa_matrix import Requirement
from borderdesk.core.screening import PartialDate, Query

WATCHLIST_HIT = "watchlist_hit"
WATCHLIST_POSSIBLE = "watchlist_possible"
LOST_STOLEN = "lost_stolen_document"
DOCUMENT_EXPIRED = "document_expired"
NO_DOCUMENT = "no_document"
VISA_NONE_ON_RECORD = "visa_required_none_on_record"
NO_ADMISSION = "no_admission"
EARLIER_OVERSTAY = "earlier_overstay"
EARLIER_REFUSAL = "earlier_refusal"
# The codes screening writes into a manifest row's flags (expired and missing documents the reader flags already).
REASONS = (
    WATCHLIST_HIT,
    WATCHLIST_POSSIBLE,
    LOST_STOLEN,
    VISA_NONE_ON_RECORD,
    NO_ADMISSION,
    EARLIER_OVERSTAY,
    EARLIER_REFUSAL,
)
# Requirements met only by a visa or authorisation obtained before travel.
NEEDS_ONE_ON_RECORD = {Requirement.VISA_REQUIRED, Requirement.E_VISA, Requirement.ETA}


@dataclass(frozen=True)
class Announced:
    """A traveller as a carrier announces them (manifest row or board-check)."""

    surname: str
    given_names: str = ""
    birth_date: date | None = None
    nationality: str = ""
    sex: str = ""
    document_type: str = ""
    document_number: str = ""
    document_issuing_state: str = ""
    document_expiry: date | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()


@dataclass
class Known:
    """What is known of one announced traveller: reasons [{code, detail}] and the watchlist screening's id."""

    reasons: list[dict] = field(default_factory=list)
    screening_id: int | None = None
    watchlist_action: str | None = None  # the strongest action of a hit, for those who may know it

    @property
    def codes(self) -> list[str]:
        return [reason["code"] for reason in self.reasons]

    def add(self, code: str, detail: str) -> None:
        self.reasons.append({"code": code, "detail": detail})


def what_is_known(actor, people: list[Announced], *, on: date, post_code: str | None, purpose: str) -> list[Known]:
    """For each traveller, in order, what the watchlists, the register and the records say before ``on`` (the
    arrival day on the arrival post's clock)."""
    known = [Known() for _ in people]
    _documents(people, known, on)
    _watchlists(actor, people, known, post_code=post_code, purpose=purpose)
    _records(people, known, on)
    return known


def _documents(people: list[Announced], known: list[Known], on: date) -> None:
    register = current_register()
    for person, found in zip(people, known, strict=True):
        if not document_number(person.document_number):
            found.add(NO_DOCUMENT, "No travel document was given.")
            continue
        if person.document_expiry is not None and person.document_expiry < on:
            found.add(DOCUMENT_EXPIRED, f"The document expired on {person.document_expiry.isoformat()}.")
        entry = register.lookup(person.document_number, person.document_issuing_state, person.document_type or "P")
        if entry is not None:
            found.add(LOST_STOLEN, f"Reported {entry.reason} on {entry.reported_on.isoformat()}.")


def _watchlists(actor, people: list[Announced], known: list[Known], *, post_code: str | None, purpose: str) -> None:
    queries = [_query(position, person) for position, person in enumerate(people)]
    outcomes = screen_batch(actor, queries, post_code=post_code, purpose=purpose)
    for outcome, found in zip(outcomes, known, strict=True):
        found.screening_id = outcome.screening_id
        if outcome.hits:
            found.watchlist_action = outcome.required_action.value if outcome.required_action else None
            found.add(WATCHLIST_HIT, f"{outcome.summary}.")
        elif outcome.possibles:
            found.add(WATCHLIST_POSSIBLE, f"{outcome.summary}: an officer adjudicates it.")


def _query(position: int, person: Announced) -> Query:
    birth = person.birth_date
    return Query(
        name=person.full_name or "?",
        id=str(position),
        birth_date=PartialDate(birth.year, birth.month, birth.day) if birth else None,
        nationality=person.nationality or None,
        sex=person.sex[:1] or None,
        document_number=person.document_number or None,
        document_issuing_state=person.document_issuing_state or None,
    )


def _records(people: list[Announced], known: list[Known], on: date) -> None:
    """Visas, overstays and refusals of those whose document (number and issuing state) is on record: four queries
    for the whole batch."""
    numbers = {document_number(p.document_number) for p in people} - {""}
    holders: dict[tuple[str, str], int] = {
        (number, state): traveller
        for number, state, traveller in HeldDocument.objects.filter(document_number__in=numbers).values_list(
            "document_number", "issuing_state", "traveller_id"
        )
    }
    ids = set(holders.values())
    visas = set(
        Visa.objects.filter(
            traveller_id__in=ids, status=VisaStatus.VALID, valid_from__lte=on, valid_until__gte=on
        ).values_list("traveller_id", flat=True)
    )
    overstays = _counted(Stay.objects.filter(traveller_id__in=ids, overstay_days__gt=0))
    refusals = _counted(
        Crossing.objects.filter(traveller_id__in=ids, outcome__in=(CrossingOutcome.REFUSED, CrossingOutcome.DETAINED))
    )
    requirements: dict[str, Requirement | None] = {}
    for person, found in zip(people, known, strict=True):
        holder = holders.get((document_number(person.document_number), nationality(person.document_issuing_state)))
        code = nationality(person.nationality)
        if code not in requirements:
            requirements[code] = _requirement(code, on)
        needed = requirements[code]
        if needed is Requirement.NO_ADMISSION:
            found.add(NO_ADMISSION, f"The entry rules admit no holder of a {code} passport.")
        elif needed in NEEDS_ONE_ON_RECORD and holder not in visas:
            found.add(VISA_NONE_ON_RECORD, f"A {code} national needs a {needed.value}; none valid on record.")
        if holder in overstays:
            found.add(EARLIER_OVERSTAY, f"{_times(overstays[holder])} overstayed before.")
        if holder in refusals:
            found.add(EARLIER_REFUSAL, f"{_times(refusals[holder])} refused or detained at a border before.")


def _counted(rows) -> dict[int, int]:
    counts: dict[int, int] = {}
    for traveller in rows.values_list("traveller_id", flat=True):
        counts[traveller] = counts.get(traveller, 0) + 1
    return counts


def _times(count: int) -> str:
    return "Once" if count == 1 else f"{count} times"


def _requirement(code: str, on: date) -> Requirement | None:
    """What the entry rules in force require of a nationality; None when they cannot say (an unknown code)."""
    if not code:
        return None
    try:
        pack = pack_in_force(on).pack
        matrix = current_visa_matrix()[1] if pack.visa_policy.source == "matrix" else None
        return pack.visa_policy.determine(code, on, matrix).requirement.requirement
    except (RulesError, BorderdeskError):
        return None
