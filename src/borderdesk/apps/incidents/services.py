"""Incidents: what a patrol saw or did in its sector (``record_incident``); the people met, each screened at once
against the watchlists and given a person record (``add_person``); what follows for them: a protection claim
(``ask_for_protection``), a referral or hand-over to a partner agency (``refer_person``), anything else in words
(``note_outcome``); the items seized (``seize_item``). Reading: a sector's incidents of a day (``incidents_of_day``,
no personal data) and an incident with its people (``incident_page``: each person shown is an access event).

An incident belongs to its sector's post: its officers hold the patrol permissions there, and another post's
incident is refused like any other post's record."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.asylum.services.making import Identity, make_for_person
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import as_id, service, the_post
from borderdesk.apps.incidents.models import Incident, InvolvedPerson, ReferenceCounter, SeizedItem
from borderdesk.apps.inspection.services.scan import read_document
from borderdesk.apps.partners.models import Partner, Referral
from borderdesk.apps.partners.services import SHAREABLE, partners_for_referral, refer
from borderdesk.apps.patrols.models import Patrol, Sector
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.services import identify, traveller_as_typed
from borderdesk.apps.watchlists.models import ScreeningMatch
from borderdesk.apps.watchlists.services import screen_person
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.incidents import DAYS_BACK, IncidentProblem, check_report, check_seized, check_text
from borderdesk.core.patrols import PositionProblem, check_position
from borderdesk.core.screening import PartialDate, Query

READ, WRITE = Perm.PATROL_LOG_READ, Perm.PATROL_LOG_WRITE
REFERENCE_PREFIX = "INC"
REFERENCE_MAX = 30
ZONE_MAX = 300  # a TD1 zone is 90 characters; with line ends and stray spaces, well under this
PATROLS_OFFERED = 50
SOURCE_PREFIX = "incident_person:"


@contextmanager
def _checked():
    """The cores' problems as the app's errors: a clear message, a stable code, the field."""
    try:
        yield
    except (IncidentProblem, PositionProblem) as problem:
        raise Invalid(problem.message, code=problem.code, field=problem.field or None) from None


def sector_of(post: Post) -> Sector:
    sector = Sector.objects.filter(post=post).select_related("post").first()
    if sector is None:
        raise Invalid(
            f"{post.name} has no patrol sector: switch to the sector you patrol (at the top of the page).",
            code="no_sector",
        )
    return sector


def _incident_post(reference, *_, **__) -> str:
    reference = str(reference)
    code = None
    if len(reference) <= REFERENCE_MAX:
        code = Incident.objects.filter(reference=reference).values_list("sector__post__code", flat=True).first()
    if code is None:
        raise NotFound(f"No incident {reference[:REFERENCE_MAX]}.", code="incident_not_found")
    return code


def _person_post(person_id, *_, **__) -> str:
    pk = as_id(person_id, field="person")
    code = InvolvedPerson.objects.filter(pk=pk).values_list("incident__sector__post__code", flat=True).first()
    if code is None:
        raise NotFound(f"No person {pk} recorded at an incident.", code="incident_person_not_found")
    return code


# --- Recording an incident ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentForm:
    """What the officer typed, as text; ``record_incident`` checks it. ``day`` and ``time`` are on the post's clock."""

    kind: str = ""
    day: str = ""
    time: str = ""
    latitude: str = ""
    longitude: str = ""
    place: str = ""
    circumstances: str = ""
    people_estimated: str = ""
    patrol: str = ""

    @classmethod
    def of(cls, data) -> IncidentForm:
        return cls(**{f.name: str(data.get(f.name, "")) for f in fields(cls)})


@dataclass(frozen=True)
class NewIncident:
    sector: Sector
    patrols: list[Patrol]
    today: date


@service(WRITE, post=the_post)
def new_incident(actor, *, post: Post) -> NewIncident:
    """What the form offers: the sector's patrols of the last days, the newest first."""
    sector = sector_of(post)
    since = timezone.now() - timedelta(days=DAYS_BACK)
    patrols = Patrol.objects.filter(sector=sector, started_at__gte=since).select_related("unit")
    return NewIncident(sector, list(patrols.order_by("-started_at")[:PATROLS_OFFERED]), post.local_date())


@service(WRITE, post=the_post)
def record_incident(actor, *, post: Post, form: IncidentForm) -> Incident:
    sector = sector_of(post)
    zone = ZoneInfo(post.time_zone)
    with _checked():
        report = check_report(
            kind=form.kind,
            day=form.day,
            clock=form.time,
            place=form.place,
            circumstances=form.circumstances,
            people_estimated=form.people_estimated,
            zone=zone,
            now=timezone.now(),
        )
        latitude, longitude = check_position(form.latitude, form.longitude)
    patrol = _patrol_of(sector, form.patrol, report.occurred_at) if form.patrol.strip() else None
    incident = Incident.objects.create(
        reference=_next_reference(sector, report.occurred_at.astimezone(zone).year),
        sector=sector,
        patrol=patrol,
        latitude=latitude,
        longitude=longitude,
        recorded_by=user_of(actor),
        **asdict(report),
    )
    record_change(
        actor,
        AuditAction.INCIDENTS_INCIDENT_RECORD,
        incident,
        new={
            "reference": incident.reference,
            "kind": incident.kind,
            "occurred_at": incident.occurred_at.isoformat(),
            "latitude": str(incident.latitude),
            "longitude": str(incident.longitude),
            "patrol": patrol.pk if patrol else None,
            "people_estimated": incident.people_estimated,
        },
        post_code=post.code,
    )
    return incident


def _patrol_of(sector: Sector, value: str, occurred_at: datetime) -> Patrol:
    """The patrol named in the form: one of this sector's, out when the incident happened."""
    pk = as_id(value, field="patrol")
    patrol = Patrol.objects.filter(pk=pk, sector=sector).select_related("unit").first()
    if patrol is None:
        raise Invalid(f"Patrol {pk} is not one of this sector's patrols.", code="patrol_not_in_sector", field="patrol")
    started = patrol.started_at.replace(second=0, microsecond=0)  # the form's time has no seconds
    if occurred_at < started or (patrol.ended_at is not None and occurred_at > patrol.ended_at):
        raise Invalid(
            f"The incident's time is outside patrol {pk}'s ({patrol.unit}): give the time it happened, or record it "
            "without the patrol.",
            code="time_outside_patrol",
            field="time",
        )
    return patrol


def _next_reference(sector: Sector, year: int) -> str:
    """``INC-UTPSN-2026-000001``: the sector's post, the year on its clock, the next number of that year. The
    counter's row is locked while the number is taken, so two officers recording at once get two numbers."""
    counter, _ = ReferenceCounter.objects.get_or_create(sector=sector, year=year)
    counter = ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    while True:  # past any reference written without the counter (incidents moved in from an older log)
        counter.last += 1
        reference = f"{REFERENCE_PREFIX}-{sector.post.code}-{year}-{counter.last:06d}"
        if not Incident.objects.filter(reference=reference).exists():
            break
    counter.save(update_fields=["last"])
    return reference


# --- Reading ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    incident: Incident
    people: int
    seized: int


@dataclass(frozen=True)
class Day:
    sector: Sector
    day: date
    rows: list[DayRow]
    today: date

    @property
    def previous(self) -> date:
        return self.day - timedelta(days=1)

    @property
    def next(self) -> date | None:
        return self.day + timedelta(days=1) if self.day < self.today else None


@service(READ, post=the_post)
def incidents_of_day(actor, *, post: Post, day: str = "") -> Day:
    """The sector's incidents of a day on the post's clock (today by default): counts only, no one's name."""
    sector = sector_of(post)
    today = post.local_date()
    on = _day(day) if day.strip() else today
    zone = ZoneInfo(post.time_zone)
    start = datetime.combine(on, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(on + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    incidents = (
        Incident.objects.filter(sector=sector, occurred_at__gte=start, occurred_at__lt=end)
        .select_related("patrol__unit")
        .annotate(people_count=Count("people", distinct=True), seized_count=Count("seized", distinct=True))
        .order_by("occurred_at")
    )
    rows = [DayRow(incident, incident.people_count, incident.seized_count) for incident in incidents]
    return Day(sector, on, rows, today)


def _day(text: str) -> date:
    text = text.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{text[:20]!r} is not a date as YYYY-MM-DD.", code="invalid_date", field="day") from None


@dataclass
class PersonRow:
    person: InvolvedPerson
    matches: list[ScreeningMatch] = field(default_factory=list)  # raised (not suppressed), the strongest first
    referrals: list[Referral] = field(default_factory=list)


@dataclass
class IncidentPage:
    incident: Incident
    people: list[PersonRow]
    seized: list[SeizedItem]

    @property
    def post(self) -> Post:
        return self.incident.sector.post

    @property
    def hits(self) -> int:
        return sum(1 for row in self.people if row.person.screening and row.person.screening.hits)


@service(READ, post=_incident_post)
def incident_page(actor, reference: str) -> IncidentPage:
    """An incident with its people (their screening, claim and referrals) and the items seized. Each person shown
    is an access event on their record, as when their person record is opened."""
    incident = Incident.objects.select_related("sector__post", "patrol__unit", "recorded_by").get(reference=reference)
    people = list(incident.people.select_related("traveller", "screening", "claim__post", "recorded_by").order_by("pk"))
    matches = _matches_of([p.screening_id for p in people if p.screening_id])
    referrals = _referrals_of(people)
    rows = [PersonRow(person, matches.get(person.screening_id, []), referrals.get(person.pk, [])) for person in people]
    for person in people:
        record_access(
            actor,
            person.traveller,
            purpose=f"patrol incident {incident.reference}",
            detail=f"person {person.pk} met at the incident",
            post_code=incident.sector.post.code,
        )
    return IncidentPage(incident, rows, list(incident.seized.order_by("pk")))


def _matches_of(screening_ids: list[int]) -> dict[int, list[ScreeningMatch]]:
    found: dict[int, list[ScreeningMatch]] = {}
    rows = ScreeningMatch.objects.filter(screening_id__in=screening_ids, suppressed=False).order_by("-score", "pk")
    for match in rows:
        found.setdefault(match.screening_id, []).append(match)
    return found


def _referrals_of(people: list[InvolvedPerson]) -> dict[int, list[Referral]]:
    sources = {f"{SOURCE_PREFIX}{person.pk}": person.pk for person in people}
    found: dict[int, list[Referral]] = {}
    for referral in Referral.objects.filter(source__in=sources).select_related("partner").order_by("made_at"):
        found.setdefault(sources[referral.source], []).append(referral)
    return found


# --- The people met -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonForm:
    """What is known of a person met: who they say they are (typed), or a document's zone read by the scanner (then
    who they are is read from it), and notes."""

    surname: str = ""
    given_names: str = ""
    birth_date: str = ""
    nationality: str = ""
    sex: str = ""
    document_zone: str = ""
    health_needs: str = ""
    remarks: str = ""

    @classmethod
    def of(cls, data) -> PersonForm:
        return cls(**{f.name: str(data.get(f.name, "")) for f in fields(cls)})


@service(WRITE, post=_incident_post)
def add_person(actor, reference: str, form: PersonForm) -> InvolvedPerson:
    """A person met at the incident: given a person record (the one found by their document or by who they say
    they are, else a new one) and screened against the watchlists at once (the screening is kept with them)."""
    incident = Incident.objects.select_related("sector__post").get(reference=reference)
    post = incident.sector.post
    with _checked():
        health_needs = check_text(form.health_needs, field="health_needs")
        remarks = check_text(form.remarks, field="remarks")
    zone = form.document_zone.strip()
    if zone:
        known = _read_document(actor, zone, post)
    else:
        identity = Identity.typed(asdict(form))
        known = {**asdict(identity), "traveller": traveller_as_typed(**asdict(identity))}
    person = InvolvedPerson.objects.create(
        incident=incident, health_needs=health_needs, remarks=remarks, recorded_by=user_of(actor), **known
    )
    outcome = screen_person(actor, _query(person), post_code=post.code, purpose=_screening_purpose(incident))
    person.screening_id = outcome.screening_id
    person.save(update_fields=["screening"])
    record_change(
        actor,
        AuditAction.INCIDENTS_PERSON_ADD,
        person,
        new={
            "incident": incident.reference,
            "traveller": person.traveller_id,
            "document_read": bool(person.document_mrz),
            "screening": outcome.screening_id,
            "hits": outcome.hits,
            "possibles": outcome.possibles,
            "required_action": outcome.required_action.value if outcome.required_action else "",
            "health_needs": bool(health_needs),
        },
        post_code=post.code,
    )
    return person


def _read_document(actor, zone: str, post: Post) -> dict:
    """The person as their document says, read as at the booth (the zone checked, the lost and stolen register
    asked), and the traveller holding it: found by the document, or made with it."""
    if len(zone) > ZONE_MAX:
        raise Invalid(
            f"A document's zone is at most {ZONE_MAX} characters: scan the zone alone.",
            code="document_zone_too_long",
            field="document_zone",
        )
    try:
        fields_, check = read_document(actor, zone, today=post.local_date())
    except NotFound as unknown:  # a typed number no document on record has: said on the form
        raise Invalid(unknown.message, code=unknown.code, field="document_zone") from None
    found = identify(actor, fields_, post_code=post.code)
    birth = fields_.get("birth_date")
    return {
        "traveller": found.traveller,
        "surname": (fields_.get("surname") or "")[:100],
        "given_names": (fields_.get("given_names") or "")[:100],
        "birth_date": date.fromisoformat(birth) if isinstance(birth, str) else birth,
        "nationality": (fields_.get("nationality") or "")[:3],
        "sex": (fields_.get("sex") or "")[:1],
        "document_number": (fields_.get("document_number") or "")[:20],
        "document_mrz": zone,
        "document_check": check.as_dict(),
    }


def _query(person: InvolvedPerson) -> Query:
    birth = person.birth_date
    return Query(
        name=f"{person.given_names} {person.surname}".strip(),
        id=f"incident-person-{person.pk}",
        birth_date=PartialDate(birth.year, birth.month, birth.day) if birth else None,
        nationality=person.nationality or None,
        sex=person.sex or None,
        document_number=person.document_number or None,
        document_issuing_state=(person.document_check.get("fields") or {}).get("issuing_state") or None,
    )


def _screening_purpose(incident: Incident) -> str:
    return f"Apprehended by patrol: {incident.get_kind_display().lower()} {incident.reference}"


@service((READ, Perm.ASYLUM_CLAIM_MAKE), post=_person_post)
def person_reference(actor, person_id) -> str:
    """The reference of the incident a person was met at (no personal data): where to go back to."""
    return InvolvedPerson.objects.values_list("incident__reference", flat=True).get(pk=as_id(person_id, field="person"))


def _person_for_update(person_id) -> InvolvedPerson:
    return (
        InvolvedPerson.objects.select_for_update(of=("self",))
        .select_related("incident__sector__post", "traveller")
        .get(pk=as_id(person_id, field="person"))
    )


@dataclass(frozen=True)
class Protection:
    person: InvolvedPerson
    unit: Post | None  # where the claim went; None when one was already pending (the unit has it)


@service(Perm.ASYLUM_CLAIM_MAKE, post=_person_post)
def ask_for_protection(actor, person_id) -> Protection:
    """The person asks for protection: a claim for their very record, made at the sector (it goes to the asylum
    unit at once, which registers it). Someone with a claim pending is told only that; asking is recorded on it."""
    person = _person_for_update(person_id)
    if person.protection_asked_at is not None:
        raise Conflict(
            "They have already asked for protection: the asylum unit has it.", code="protection_already_asked"
        )
    post = person.incident.sector.post
    identity = Identity(person.surname, person.given_names, person.birth_date, person.nationality, person.sex)
    try:
        made = make_for_person(actor, post=post, identity=identity, traveller=person.traveller, met_on_patrol=True)
    except Conflict as pending:
        if pending.code != "claim_already_pending":
            raise
        made = None
    person.protection_asked_at = timezone.now()
    person.claim = made.claim if made else None
    person.save(update_fields=["protection_asked_at", "claim"])
    record_change(
        actor,
        AuditAction.INCIDENTS_PERSON_PROTECTION,
        person,
        new={"claim": person.claim_id, "already_pending": made is None, "unit": made.unit.code if made else None},
        post_code=post.code,
    )
    return Protection(person, made.unit if made else None)


@service(WRITE, post=_person_post)
def note_outcome(actor, person_id, outcome: str) -> InvolvedPerson:
    """What follows for them that has no record here, in words (a removal arranged, taken to hospital)."""
    person = _person_for_update(person_id)
    with _checked():
        text = check_text(outcome, field="outcome", one_line=True)
    if not text:
        raise Invalid("Say what follows for them.", code="outcome_required", field="outcome")
    old, person.outcome = person.outcome, text
    person.save(update_fields=["outcome"])
    record_change(
        actor,
        AuditAction.INCIDENTS_PERSON_OUTCOME,
        person,
        old={"outcome": old},
        new={"outcome": text},
        post_code=person.incident.sector.post.code,
    )
    return person


# --- Referrals and hand-overs to partner agencies ----------------------------------------------------------------


@dataclass(frozen=True)
class ReferralForm:
    person: InvolvedPerson
    partners: list[Partner]
    shareable: list[tuple[str, str, str]]  # field name, label, the value that would be shared


@service(Perm.PATROL_REFERRAL_MAKE, post=_person_post)
def referral_form(actor, person_id) -> ReferralForm:
    """The form to refer or hand over a person met: the partners, and each field that may be shared with its
    value (a read of the person's record)."""
    person = InvolvedPerson.objects.select_related("incident__sector__post", "traveller").get(
        pk=as_id(person_id, field="person")
    )
    record_access(
        actor,
        person.traveller,
        purpose=f"referral to a partner: patrol incident {person.incident.reference}",
        post_code=person.incident.sector.post.code,
    )
    values = shareable_values(person)
    return ReferralForm(
        person, partners_for_referral(), [(name, label, values[name]) for name, label in SHAREABLE.items()]
    )


@service(Perm.PATROL_REFERRAL_MAKE, post=_person_post)
def refer_person(actor, person_id, *, partner, kind: str, reason: str, chosen: list[str]) -> Referral:
    """Refer the person to a partner agency, or hand them over: exactly the fields chosen are shared, with their
    values as recorded now."""
    person = _person_for_update(person_id)
    values = shareable_values(person)
    shared = {name: values.get(name, "") for name in dict.fromkeys(chosen)}  # unknown names: refused by refer
    if not str(partner or "").strip():
        raise Invalid("Choose the partner agency.", code="partner_required", field="partner")
    try:
        return refer(
            actor,
            post=person.incident.sector.post,
            partner=partner,
            kind=kind,
            reason=reason,
            shared=shared,
            traveller=person.traveller,
            source=f"{SOURCE_PREFIX}{person.pk}",
        )
    except NotFound as gone:  # a partner removed while the form was open: said on the form
        raise Invalid(gone.message, code=gone.code, field="partner") from None


def shareable_values(person: InvolvedPerson) -> dict[str, str]:
    """Each field a partner may be shown, as recorded for this person and their incident."""
    incident = person.incident
    zone = ZoneInfo(incident.sector.post.time_zone)
    seized = "; ".join(
        " ".join(part for part in (item.quantity, item.description) if part) for item in incident.seized.order_by("pk")
    )
    values = {
        "surname": person.surname,
        "given_names": person.given_names,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "nationality": person.nationality,
        "sex": person.sex,
        "document_number": person.document_number,
        "health_needs": person.health_needs,
        "place": incident.place,
        "latitude": str(incident.latitude),
        "longitude": str(incident.longitude),
        "occurred_at": incident.occurred_at.astimezone(zone).isoformat(timespec="minutes"),
        "circumstances": incident.circumstances,
        "incident_reference": incident.reference,
        "seized_items": seized,
        "remarks": person.remarks,
    }
    return {name: values.get(name, "") for name in SHAREABLE}


# --- Items seized -------------------------------------------------------------------------------------------------


@service(WRITE, post=_incident_post)
def seize_item(actor, reference: str, *, description: str, quantity: str = "", held_by: str = "") -> SeizedItem:
    incident = Incident.objects.select_related("sector__post").get(reference=reference)
    with _checked():
        checked = check_seized(description=description, quantity=quantity, held_by=held_by)
    item = SeizedItem.objects.create(incident=incident, recorded_by=user_of(actor), **asdict(checked))
    record_change(
        actor,
        AuditAction.INCIDENTS_ITEM_SEIZE,
        item,
        new={"incident": incident.reference, **asdict(checked)},
        post_code=incident.sector.post.code,
    )
    return item
