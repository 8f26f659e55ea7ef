"""Finding a person and reading their whole record: documents, crossings, stays, inspections with their decisions,
visas. The record gathers several contexts (travellers, inspection, visas; casework and asylum later), so it lives
above them rather than in travellers, which inspection builds on.

A person record belongs to no post: an officer holding ``border:traveller:read`` at the post they work at now may
search for anyone and open anyone's record, and every result shown and every opening is an access event carrying
that post and the purpose given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from borderdesk.apps.asylum.services.protection import Notice, protection_notice
from borderdesk.apps.audit.services import record_access
from borderdesk.apps.common.errors import Invalid, NotFound
from borderdesk.apps.common.services import as_id, service, the_post_code
from borderdesk.apps.incidents.models import InvolvedPerson
from borderdesk.apps.inspection.models import Alert, CustodyRecord, Decision, Inspection
from borderdesk.apps.people.search import NAME_THRESHOLD, SearchCriteria, name_score
from borderdesk.apps.travellers.models import Crossing, HeldDocument, Stay, Traveller
from borderdesk.apps.visas.models import Visa
from borderdesk.core.access import Perm

RESULTS = 25  # more than this: the officer narrows the search
CANDIDATES = 5000  # records compared by name at most, after the database has narrowed them
RECORD_ROWS = 100  # the most recent crossings, stays and inspections shown on a record
DETAIL_MAX_CHARS = 300

# Why an officer opens a person's record: asked every time, written with the access event.
PURPOSES: dict[str, str] = {
    "primary_inspection": "Primary inspection of the traveller",
    "secondary_inspection": "Secondary inspection",
    "stay_enquiry": "Stay or overstay enquiry",
    "duplicate_records": "Checking for duplicate records",
    "subject_access": "The person's request to see their own data",
    "other": "Other (say what below)",
}

# The audit trail's object types that concern one person, and how to find that person from each.
_TRAVELLER_OF: dict[str, tuple[type, str]] = {
    "travellers.traveller": (Traveller, "pk"),
    "travellers.crossing": (Crossing, "traveller_id"),
    "travellers.visa": (Visa, "traveller_id"),  # visas as events named them before visas had their own app
    "visas.visa": (Visa, "traveller_id"),
    "inspection.inspection": (Inspection, "traveller_id"),
    "inspection.decision": (Decision, "inspection__traveller_id"),
    "inspection.custodyrecord": (CustodyRecord, "decision__inspection__traveller_id"),
    "inspection.alert": (Alert, "inspection__traveller_id"),
    "incidents.involvedperson": (InvolvedPerson, "traveller_id"),  # #17: met by a patrol
}
PERSON_OBJECT_TYPES = frozenset(_TRAVELLER_OF)
# Where the record page shows each kind of object (``<anchor>-<id>``); the rest are shown with the person.
ANCHORS = {
    "travellers.crossing": "crossing",
    "travellers.visa": "visa",
    "visas.visa": "visa",
    "inspection.inspection": "inspection",
    "inspection.decision": "decision",
}


@dataclass
class Found:
    traveller: Traveller
    documents: list[HeldDocument]
    score: float | None  # how alike the names are, when a name was searched for


@dataclass
class SearchResult:
    found: list[Found]
    more: bool  # more people matched than are shown


@dataclass
class PersonRecord:
    traveller: Traveller
    documents: list[HeldDocument]
    crossings: list[Crossing]
    stays: list[Stay]
    inspections: list[Inspection]  # each with its ``decisions`` loaded
    visas: list[Visa]
    merged_from: list[Traveller] = field(default_factory=list)  # duplicates an officer merged into this record
    opened_as: int | None = None  # the record number asked for, when it had been merged into this one
    protection: Notice | None = None  # all the record says of a protection claim: pending or granted, and whom to ask


@service(Perm.BORDER_TRAVELLER_READ, post=the_post_code)
def search_people(actor, criteria: SearchCriteria, *, post_code: str) -> SearchResult:
    """People matching the criteria, best first; each one shown is an access event (the search is in its detail)."""
    candidates = list(_candidates(criteria).order_by("-pk").only("surname", "given_names")[:CANDIDATES])
    if criteria.name:
        scored = [(name_score(criteria.name, t.surname, t.given_names), t.pk) for t in candidates]
        ranked = sorted(((s, pk) for s, pk in scored if s >= NAME_THRESHOLD), key=lambda sp: (-sp[0], -sp[1]))
    else:
        ranked = [(None, t.pk) for t in candidates]
    shown = ranked[:RESULTS]
    travellers = Traveller.objects.in_bulk([pk for _, pk in shown])
    documents = _documents_of(list(travellers))
    found = [Found(travellers[pk], documents.get(pk, []), score) for score, pk in shown]
    for each in found:
        record_access(
            actor,
            each.traveller,
            purpose="person search",
            detail=criteria.summary()[:DETAIL_MAX_CHARS],
            post_code=post_code,
        )
    # Past the candidates compared, someone may be left out: say so as when there are too many to show.
    return SearchResult(found, more=len(ranked) > RESULTS or len(candidates) == CANDIDATES)


def _candidates(criteria: SearchCriteria):
    """Narrowed by the database: the document, the birth date, the nationality, else the names' first letters."""
    people = Traveller.objects.filter(merged_into__isnull=True)
    if criteria.document_number:
        documents = HeldDocument.objects.filter(document_number=criteria.document_number)
        if criteria.issuing_state:
            documents = documents.filter(issuing_state=criteria.issuing_state)
        people = people.filter(pk__in=documents.values("traveller_id"))
    if criteria.birth_date:
        people = people.filter(birth_date=criteria.birth_date)
    if criteria.nationality:
        people = people.filter(nationality=criteria.nationality)
    if criteria.name and not (criteria.document_number or criteria.birth_date):
        starts = Q()
        for prefix in {word[:2] for word in criteria.name.split()}:
            starts |= Q(surname__startswith=prefix) | Q(given_names__startswith=prefix)
            starts |= Q(given_names__contains=f" {prefix}")
        people = people.filter(starts)
    return people


def _documents_of(traveller_ids: list[int]) -> dict[int, list[HeldDocument]]:
    documents: dict[int, list[HeldDocument]] = {}
    for document in HeldDocument.objects.filter(traveller_id__in=traveller_ids).order_by("-last_seen_at"):
        documents.setdefault(document.traveller_id, []).append(document)
    return documents


def purpose_of(purpose: str, reason: str) -> tuple[str, str]:
    """The purpose's words and the officer's own, checked: a purpose from the list; words of their own for other."""
    if purpose not in PURPOSES:
        raise Invalid("Choose why you are opening this record.", code="purpose_required", field="purpose")
    reason = reason.strip()
    if len(reason) > DETAIL_MAX_CHARS:
        raise Invalid(f"Say why in at most {DETAIL_MAX_CHARS} characters.", code="value_too_long", field="reason")
    if purpose == "other" and not reason:
        raise Invalid("Say why you are opening this record.", code="reason_required", field="reason")
    return PURPOSES[purpose], reason


@service(Perm.BORDER_TRAVELLER_READ, post=the_post_code)
def open_person_record(actor, traveller_id, *, purpose: str, reason: str = "", post_code: str) -> PersonRecord:
    """A person's whole record, opened for a stated purpose: a logged read at the officer's post."""
    words, reason = purpose_of(purpose, reason)
    record = load_person_record(as_id(traveller_id, field="traveller"))
    record_access(actor, record.traveller, purpose=words, detail=reason, post_code=post_code)
    return record


def load_person_record(traveller_id: int) -> PersonRecord:
    """The record without the access event: only for services that write their own for this read."""
    traveller = Traveller.objects.filter(pk=traveller_id).first()
    if traveller is None:
        raise NotFound(f"No traveller {traveller_id}.", code="traveller_not_found")
    opened_as, seen = None, set()
    while traveller.merged_into_id is not None and traveller.pk not in seen:
        seen.add(traveller.pk)
        opened_as = opened_as or traveller.pk
        traveller = traveller.merged_into
    decisions = Decision.objects.select_related("decided_by", "approved_by").order_by("decided_at")
    return PersonRecord(
        traveller=traveller,
        documents=list(traveller.documents.order_by("-last_seen_at")),
        crossings=list(traveller.crossings.select_related("post", "document").order_by("-occurred_at")[:RECORD_ROWS]),
        stays=list(traveller.stays.order_by("-entry_date")[:RECORD_ROWS]),
        inspections=list(
            Inspection.objects.filter(traveller=traveller)
            .select_related("post", "officer")
            .prefetch_related(Prefetch("decisions", queryset=decisions))
            .order_by("-created_at")[:RECORD_ROWS]
        ),
        visas=list(traveller.visas.order_by("-valid_until")),
        merged_from=list(Traveller.objects.filter(merged_into=traveller)),
        opened_as=opened_as,
        protection=protection_notice(traveller.pk),
    )


def traveller_of(object_type: str, object_id: str) -> int | None:
    """The person an audit event's object concerns (a crossing's, an inspection's...), or None."""
    if object_type not in _TRAVELLER_OF or not object_id.isdigit():
        return None
    model, path = _TRAVELLER_OF[object_type]
    return model.objects.filter(pk=int(object_id)).values_list(path, flat=True).first()


def object_refs(traveller_id: int) -> dict[str, list[str]]:
    """Every audit-trail object that concerns this person (and the records merged into theirs), by type."""
    people = _with_merged(traveller_id)
    refs = {}
    for object_type, (model, path) in _TRAVELLER_OF.items():
        ids = model.objects.filter(**{f"{path}__in": people}).values_list("pk", flat=True)
        refs[object_type] = [str(pk) for pk in ids]
    return refs


def _with_merged(traveller_id: int) -> list[int]:
    people, new = {traveller_id}, {traveller_id}
    while new:
        new = set(Traveller.objects.filter(merged_into__in=new).values_list("pk", flat=True)) - people
        people |= new
    return sorted(people)
