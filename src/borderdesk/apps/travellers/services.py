"""Travellers and their records. Reads of a person's record leave an access event; writes an audit event.

The inspection app calls these from inside its own services, whose permission check covers them at the same post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import IntegrityError, connection
from django.db.models import Q
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.audit.services import record_access, record_change, snapshot
from borderdesk.apps.common import hot_reads, hot_writes
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import atomic_block, service, the_post, the_post_code
from borderdesk.apps.travellers.models import (
    Crossing,
    CrossingOutcome,
    Direction,
    HeldDocument,
    Stay,
    Traveller,
)
from borderdesk.apps.visas.models import Visa, VisaKind
from borderdesk.apps.visas.services import counts_on
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.residence import Absence
from borderdesk.core.rules import Stay as StayPeriod
from borderdesk.core.rules import StayBasis, calculate_stay

TRAVELLER_FIELDS = ["surname", "given_names", "birth_date", "sex", "nationality"]
NOT_COUNTED_VISAS = {
    VisaKind.LONG_STAY_VISA: StayBasis.LONG_STAY_VISA,
    VisaKind.RESIDENCE_PERMIT: StayBasis.RESIDENCE_PERMIT,
}


@dataclass
class Identification:
    traveller: Traveller
    document: HeldDocument
    is_new: bool
    possible_duplicates: list[Traveller] = field(default_factory=list)
    holder_differs: bool = False  # the document is on record for someone whose name or birth date differs


@service(Perm.BORDER_TRAVELLER_READ, post=the_post_code)
def identify(actor, fields: dict, *, post_code: str) -> Identification:
    """The traveller holding the document the MRZ describes: found by the document, or created.

    People with the same name, birth date and nationality but other documents are offered as possible
    duplicates for an officer to confirm; nothing is merged automatically.
    """
    category = (fields.get("document_code") or "P")[:1]
    document = _document_on_record(fields, category)
    if document is None:
        try:
            # A savepoint (with its own audit batch): another first scan of the same document may create it
            # at the same moment; the loser of that race finds the winner's record instead.
            with atomic_block():
                return _new_traveller(actor, fields, category, post_code)
        except IntegrityError:
            document = _document_on_record(fields, category)
            if document is None:
                raise
    traveller = _surviving(document.traveller)
    _refresh_document(document, fields)
    return Identification(
        traveller,
        document,
        is_new=False,
        possible_duplicates=_possible_duplicates(traveller),
        holder_differs=_holder_differs(traveller, fields),
    )


def _document_on_record(fields: dict, category: str) -> HeldDocument | None:
    found = hot_reads.select(  # at every scan
        HeldDocument,
        ("issuing_state", "document_number", "category"),
        [fields["issuing_state"], fields["document_number"], category],
        related="traveller",
        order_by=("id",),
        limit=1,
    )
    return found[0] if found else None


def _new_traveller(actor, fields: dict, category: str, post_code: str) -> Identification:
    traveller, document = new_traveller(actor, fields, post_code=post_code)
    return Identification(traveller, document, is_new=True, possible_duplicates=_possible_duplicates(traveller))


# --- For services that check their own permission first (casework's intake): no access check of their own ---------


def document_on_record(fields: dict) -> HeldDocument | None:
    """The document the MRZ ``fields`` describe, if it is on record (same issuing state, number and category)."""
    return _document_on_record(fields, (fields.get("document_code") or "P")[:1])


def holder_of(document: HeldDocument) -> Traveller:
    """The traveller a document on record belongs to (the surviving record, after any merge)."""
    return _surviving(document.traveller)


def same_identity(fields: dict, *, limit: int = 5) -> list[Traveller]:
    """Travellers on record with the surname, birth date and nationality the MRZ ``fields`` give (other documents,
    perhaps the same person): for an officer to judge, never merged by this."""
    birth = _as_date(fields.get("birth_date"))
    if birth is None or not fields.get("surname"):
        return []
    return list(
        Traveller.objects.filter(
            surname=fields["surname"][:100],
            birth_date=birth,
            nationality=fields.get("nationality", ""),
            merged_into__isnull=True,
        ).order_by("pk")[:limit]
    )


def traveller_as_typed(
    *, surname: str, given_names: str, birth_date: date | None, nationality: str, sex: str = ""
) -> Traveller:
    """The person as typed, with no document (a patrol's apprehension, a protection claim): the traveller on record
    with this very name, birth date and nationality, else a new one. Without a birth date no one is matched (too
    many share a name): a new record, for an officer to merge if it is the same person."""
    found = Traveller.objects.filter(
        surname=surname, given_names=given_names, birth_date=birth_date, nationality=nationality, merged_into=None
    ).first()
    if found is not None and birth_date is not None:
        return found
    return Traveller.objects.create(
        surname=surname, given_names=given_names, birth_date=birth_date, nationality=nationality, sex=sex
    )


def new_traveller(actor, fields: dict, *, post_code: str | None) -> tuple[Traveller, HeldDocument]:
    """A new traveller holding the document the MRZ ``fields`` describe: audited."""
    traveller = Traveller.objects.create(**_identity(fields))
    document = _new_document(traveller, fields)
    record_change(
        actor,
        AuditAction.TRAVELLERS_TRAVELLER_CREATE,
        traveller,
        new={**snapshot(traveller, TRAVELLER_FIELDS), "document": str(document)},
        post_code=post_code,
    )
    return traveller, document


def add_document(actor, traveller: Traveller, fields: dict, *, post_code: str | None, reason: str) -> HeldDocument:
    """The document the MRZ ``fields`` describe, added to ``traveller`` (an officer judged them the same person,
    for ``reason``): audited."""
    document = _new_document(traveller, fields)
    record_change(
        actor,
        AuditAction.TRAVELLERS_DOCUMENT_ADD,
        traveller,
        new={"document": str(document), "reason": reason[:200]},
        post_code=post_code,
    )
    return document


def refresh_document(document: HeldDocument, fields: dict) -> None:
    """A document on record seen again: its expiry as read now, and when it was last seen."""
    _refresh_document(document, fields)


def _new_document(traveller: Traveller, fields: dict) -> HeldDocument:
    return HeldDocument.objects.create(
        traveller=traveller,
        document_code=fields.get("document_code") or "P",
        category=(fields.get("document_code") or "P")[:1],
        issuing_state=fields["issuing_state"],
        document_number=fields["document_number"],
        expiry_date=_as_date(fields.get("expiry_date")),
    )


def _identity(fields: dict) -> dict:
    return {
        "surname": fields.get("surname", "")[:100],
        "given_names": fields.get("given_names", "")[:100],
        "birth_date": _as_date(fields.get("birth_date")),
        "sex": fields.get("sex") or "",
        "nationality": fields.get("nationality", ""),
    }


def _as_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _refresh_document(document: HeldDocument, fields: dict) -> None:
    expiry = _as_date(fields.get("expiry_date"))
    if expiry and document.expiry_date != expiry:
        document.expiry_date = expiry
    hot_writes.update(document, ["expiry_date", "last_seen_at"])  # at every scan of a known document


def _holder_differs(traveller: Traveller, fields: dict) -> bool:
    return traveller.surname != fields.get("surname") or (
        fields.get("birth_date") and str(traveller.birth_date) != str(fields.get("birth_date"))
    )


def one_person(traveller_id: int, field: str = "traveller") -> Q:
    """The rows whose ``field`` is the person whose surviving record is ``traveller_id``: that record and the records
    merged into it (two levels deep). Merging moves documents, crossings, visas and stays; what other contexts hold
    (a protection claim, a naturalisation, an application) stays on the merged record and is found through this."""
    return (
        Q(**{f"{field}_id": traveller_id})
        | Q(**{f"{field}__merged_into_id": traveller_id})
        | Q(**{f"{field}__merged_into__merged_into_id": traveller_id})
    )


def _surviving(traveller: Traveller) -> Traveller:
    seen = set()
    while traveller.merged_into_id is not None and traveller.pk not in seen:
        seen.add(traveller.pk)
        traveller = traveller.merged_into
    return traveller


def _possible_duplicates(traveller: Traveller) -> list[Traveller]:
    if traveller.birth_date is None:
        return []
    if not hot_reads.rows(  # at every scan, and almost always no one: asked before the ORM loads anyone
        f"SELECT 1 FROM {Traveller._meta.db_table} WHERE surname = %s AND given_names = %s AND birth_date = %s"
        " AND nationality = %s AND merged_into_id IS NULL AND id <> %s LIMIT 1",
        [
            traveller.surname,
            traveller.given_names,
            connection.ops.adapt_datefield_value(traveller.birth_date),
            traveller.nationality,
            traveller.pk,
        ],
    ):
        return []
    return list(
        Traveller.objects.filter(
            surname=traveller.surname,
            given_names=traveller.given_names,
            birth_date=traveller.birth_date,
            nationality=traveller.nationality,
            merged_into__isnull=True,
        ).exclude(pk=traveller.pk)[:5]
    )


@service(Perm.BORDER_INSPECTION_DECIDE, post=the_post_code)
def merge_travellers(actor, keep: Traveller, duplicate: Traveller, *, reason: str, post_code: str) -> Traveller:
    """An officer confirms two records are one person: the duplicate's documents and history move to ``keep``."""
    if not reason.strip():
        raise Invalid("Say why these records are the same person.", code="merge_reason_required", field="reason")
    if keep.pk == duplicate.pk or duplicate.merged_into_id is not None:
        raise Conflict("These records are already one.", code="already_merged")
    moved = {"documents": list(duplicate.documents.values_list("pk", flat=True))}
    HeldDocument.objects.filter(traveller=duplicate).update(traveller=keep)
    Crossing.objects.filter(traveller=duplicate).update(traveller=keep)
    Visa.objects.filter(traveller=duplicate).update(traveller=keep)
    if (
        Stay.objects.filter(traveller=keep, exit__isnull=True).exists()
        and Stay.objects.filter(traveller=duplicate, exit__isnull=True).exists()
    ):
        raise Conflict("Both records have a stay still open: close one at exit first.", code="two_open_stays")
    Stay.objects.filter(traveller=duplicate).update(traveller=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    record_change(
        actor,
        AuditAction.TRAVELLERS_TRAVELLER_MERGE,
        keep,
        old={"duplicate": duplicate.pk, **moved},
        new={"merged_into": keep.pk, "reason": reason},
        post_code=post_code,
    )
    return keep


@dataclass
class TravelHistory:
    crossings: list[Crossing]
    stays: list[Stay]
    visas: list[Visa]

    @property
    def refusals(self) -> list[Crossing]:
        return [c for c in self.crossings if c.outcome in (CrossingOutcome.REFUSED, CrossingOutcome.DETAINED)]

    @property
    def overstays(self) -> list[Stay]:
        return [s for s in self.stays if s.overstay_days > 0]

    @property
    def open_stay(self) -> Stay | None:
        return next((s for s in self.stays if s.exit_id is None), None)

    def valid_visa(self, on: date) -> Visa | None:
        """As ``visas.services.valid_visa``, from the visas already loaded."""
        return next((v for v in self.visas if counts_on(v, on)), None)


@service(Perm.BORDER_TRAVELLER_READ, post=the_post_code)
def travel_history(actor, traveller: Traveller, *, post_code: str, purpose: str, limit: int = 50) -> TravelHistory:
    record_access(actor, traveller, purpose=purpose, post_code=post_code)
    return load_history(traveller, limit=limit)


def load_history(traveller: Traveller, *, limit: int = 50) -> TravelHistory:
    """The history without the access event: only for callers that already wrote one for this view."""
    # Read at every scan: the hot path's reads (the same records as the ORM's, without its query compiler).
    crossings = hot_reads.select(
        Crossing, ("traveller",), [traveller.pk], related="post", order_by=("-occurred_at",), limit=limit
    )
    stays = hot_reads.select(Stay, ("traveller",), [traveller.pk], order_by=("-entry_date",), limit=limit)
    visas = hot_reads.select(Visa, ("traveller",), [traveller.pk], order_by=("-valid_until", "-id"), limit=limit)
    return TravelHistory(crossings, stays, visas)


def stay_periods(traveller: Traveller, since: date | None = None) -> list[StayPeriod]:
    stays = Stay.objects.filter(traveller=traveller)
    if since is not None:
        stays = stays.filter(Q(exit_date__isnull=True) | Q(exit_date__gte=since))
    return [
        StayPeriod(
            s.entry_date, s.exit_date, StayBasis.SHORT_STAY if s.counts_toward_limit else StayBasis.LONG_STAY_VISA
        )
        for s in stays.order_by("entry_date")
    ]


@service(Perm.BORDER_INSPECTION_DECIDE, post=the_post)
def record_entry(
    actor,
    *,
    traveller: Traveller,
    document: HeldDocument,
    post,
    admitted_until: date | None,
    class_of_admission: str,
    visa: Visa | None = None,
    occurred_at=None,
) -> Crossing:
    occurred_at = occurred_at or timezone.now()
    open_stay = f"SELECT 1 FROM {Stay._meta.db_table} WHERE traveller_id = %s AND exit_id IS NULL LIMIT 1"
    if hot_reads.rows(open_stay, [traveller.pk]):  # asked at every admission: a plain statement
        raise Conflict(
            "This traveller is on record as still in the country (no exit was recorded): refer them "
            "to secondary inspection to settle the earlier stay.",
            code="stay_still_open",
        )
    crossing = hot_writes.new(
        Crossing,
        traveller=traveller,
        document=document,
        post=post,
        direction=Direction.ENTRY,
        outcome=CrossingOutcome.ADMITTED,
        occurred_at=occurred_at,
        officer=user_of(actor),
        class_of_admission=class_of_admission,
        admitted_until=admitted_until,
        visa=visa,
    )
    hot_writes.insert([crossing])  # an admission is on the booth's hot path
    counts = visa is None or visa.kind not in NOT_COUNTED_VISAS
    stay = hot_writes.new(
        Stay,
        traveller=traveller,
        entry=crossing,
        entry_date=crossing.post.local_date(occurred_at),  # the post's day, not the server's
        admitted_until=admitted_until,
        counts_toward_limit=counts,
    )
    hot_writes.insert([stay])
    _audit_crossing(actor, crossing)
    return crossing


def _audit_crossing(actor, crossing: Crossing, **extra) -> None:
    record_change(
        actor,
        AuditAction.of_crossing(crossing.outcome),
        crossing,
        post_code=crossing.post.code,
        new={
            **snapshot(
                crossing,
                [
                    "traveller",
                    "document",
                    "direction",
                    "outcome",
                    "occurred_at",
                    "class_of_admission",
                    "admitted_until",
                    "visa",
                ],
            ),
            **extra,
        },
    )


@service(Perm.BORDER_INSPECTION_DECIDE, post=the_post)
def record_refusal(actor, *, traveller: Traveller, document: HeldDocument, post, detained: bool) -> Crossing:
    crossing = Crossing.objects.create(
        traveller=traveller,
        document=document,
        post=post,
        direction=Direction.ENTRY,
        outcome=CrossingOutcome.DETAINED if detained else CrossingOutcome.REFUSED,
        occurred_at=timezone.now(),
        officer=user_of(actor),
    )
    _audit_crossing(actor, crossing)
    return crossing


@dataclass(frozen=True)
class ExitRecord:
    crossing: Crossing
    stay: Stay | None
    overstay_days: int


@service(Perm.BORDER_INSPECTION_DECIDE, post=the_post)
def record_exit(
    actor, *, traveller: Traveller, document: HeldDocument, post, limit: int = 90, window: int = 180, occurred_at=None
) -> ExitRecord:
    """Close the open stay; overstay is the larger of days past the admitted-until date and days past the
    rolling limit on the day of exit."""
    occurred_at = occurred_at or timezone.now()
    crossing = hot_writes.new(
        Crossing,
        traveller=traveller,
        document=document,
        post=post,
        direction=Direction.EXIT,
        outcome=CrossingOutcome.EXITED,
        occurred_at=occurred_at,
        officer=user_of(actor),
    )
    hot_writes.insert([crossing])  # an exit is on the booth's hot path
    stay = Stay.objects.select_for_update().filter(traveller=traveller, exit__isnull=True).first()
    overstay = _close_stay(traveller, stay, crossing, crossing.post.local_date(occurred_at), limit=limit, window=window)
    _audit_crossing(actor, crossing, overstay_days=overstay, stay=stay.pk if stay else None)
    return ExitRecord(crossing, stay, overstay)


@service(Perm.BORDER_SECONDARY_INSPECT, post=the_post)
def settle_open_stay(
    actor,
    *,
    traveller: Traveller,
    document: HeldDocument,
    post,
    left_on: date,
    evidence: str,
    today: date,
    limit: int = 90,
    window: int = 180,
) -> ExitRecord:
    """Close a stay whose exit was never recorded (the traveller left by a border without exit control, or a
    record was lost), on the day the evidence shows, so that the traveller can be admitted again. A secondary
    inspection's decision: the evidence is kept with the exit and in the audit trail."""
    evidence = evidence.strip()
    if not evidence:
        raise Invalid(
            "Write the evidence of when the traveller left (e.g. another country's entry stamp).",
            code="settlement_evidence_required",
            field="evidence",
        )
    stay = Stay.objects.select_for_update().filter(traveller=traveller, exit__isnull=True).first()
    if stay is None:
        raise Conflict("This traveller has no stay left open: there is nothing to settle.", code="no_open_stay")
    if not stay.entry_date <= left_on <= today:
        raise Invalid(
            f"The day of leaving must be between the entry on {stay.entry_date.isoformat()} and today.",
            code="settlement_date_out_of_range",
            field="left_on",
        )
    noon = datetime.combine(left_on, time(12), tzinfo=timezone.get_current_timezone())
    crossing = Crossing.objects.create(
        traveller=traveller,
        document=document,
        post=post,
        direction=Direction.EXIT,
        outcome=CrossingOutcome.SETTLED,
        occurred_at=noon,
        officer=user_of(actor),
        remarks=evidence[:300],
    )
    overstay = _close_stay(traveller, stay, crossing, left_on, limit=limit, window=window)
    _audit_crossing(actor, crossing, overstay_days=overstay, stay=stay.pk, evidence=evidence)
    return ExitRecord(crossing, stay, overstay)


def _close_stay(
    traveller: Traveller, stay: Stay | None, crossing: Crossing, exit_day: date, *, limit: int, window: int
) -> int:
    """End the stay with ``crossing``; its overstay is the larger of days past the admitted-until date and days
    past the rolling limit on the day of exit."""
    if stay is None:
        return 0
    stay.exit, stay.exit_date = crossing, exit_day
    past_admission = (exit_day - stay.admitted_until).days if stay.admitted_until else 0
    rolling = (
        calculate_stay(
            _periods_with_exit(traveller, stay, exit_day), exit_day, limit=limit, window=window
        ).overstay_days
        if stay.counts_toward_limit
        else 0
    )
    stay.overstay_days = max(0, past_admission, rolling)
    hot_writes.update(stay, ["exit", "exit_date", "overstay_days"])
    return stay.overstay_days


def _periods_with_exit(traveller: Traveller, closing: Stay, exit_day: date) -> list[StayPeriod]:
    periods = [p for p in stay_periods(traveller) if p.entry != closing.entry_date or p.exit is not None]
    periods.append(StayPeriod(closing.entry_date, exit_day))
    return periods


# --- Absences abroad, for the residence requirement (citizenship's services check permission first) -------------


@dataclass(frozen=True)
class HistoryProblem:
    code: str  # entry_without_exit, exit_without_entry
    message: str
    on: date  # the day of the crossing that shows the gap


@dataclass(frozen=True)
class AbsenceHistory:
    absences: tuple[Absence, ...]
    first_entry: date | None
    problems: tuple[HistoryProblem, ...]

    @property
    def complete(self) -> bool:
        return not self.problems


def absence_history(traveller_id: int) -> AbsenceHistory:
    """The traveller's absences abroad from their recorded crossings (and those of records merged into theirs):
    each gap between an exit and the next admitted entry, the last one still running (``returned=None``) when no
    entry followed. Refused entries are no entry. Each crossing's day is the day at its post. Gaps the records
    cannot explain (two entries, or two exits after the first entry, with nothing between) are ``problems``; the
    absences then leave out the time the missing crossing would have bounded. No access check and no access event:
    for services that did both."""
    crossings = (
        Crossing.objects.filter(one_person(traveller_id))
        .filter(Q(direction=Direction.EXIT) | Q(direction=Direction.ENTRY, outcome=CrossingOutcome.ADMITTED))
        .select_related("post")
        .order_by("occurred_at", "pk")
    )
    absences: list[Absence] = []
    problems: list[HistoryProblem] = []
    first_entry: date | None = None
    previous: Crossing | None = None
    previous_day = date.min
    for crossing in crossings:
        # A later crossing at a post further west may fall on an earlier local day: days never run backwards.
        day = max(crossing.post.local_date(crossing.occurred_at), previous_day)
        if crossing.direction == Direction.ENTRY:
            if first_entry is None:
                first_entry = day
            if previous is not None and previous.direction == Direction.EXIT:
                absences.append(Absence(previous_day, day))
            elif previous is not None:
                problems.append(_missing_crossing("entry_without_exit", previous, previous_day, crossing, day))
        elif previous is not None and previous.direction == Direction.EXIT and first_entry is not None:
            problems.append(_missing_crossing("exit_without_entry", previous, previous_day, crossing, day))
        previous, previous_day = crossing, day
    if previous is not None and previous.direction == Direction.EXIT:
        absences.append(Absence(previous_day, None))
    return AbsenceHistory(tuple(absences), first_entry, tuple(problems))


def _missing_crossing(
    code: str, earlier: Crossing, earlier_day: date, later: Crossing, later_day: date
) -> HistoryProblem:
    if code == "entry_without_exit":
        what, missing, todo = "entries", "exit", "record or settle the missing exit (secondary inspection)"
    else:
        what, missing, todo = "exits", "entry", "record the missing entry"
    message = (
        f"Two {what} with no {missing} between: at {earlier.post.code} ({earlier.post.name}) on "
        f"{earlier_day.isoformat()} and at {later.post.code} ({later.post.name}) on {later_day.isoformat()}. The "
        f"absences abroad between those days are unknown: {todo}, then assess the residence again."
    )
    return HistoryProblem(code, message, later_day)
