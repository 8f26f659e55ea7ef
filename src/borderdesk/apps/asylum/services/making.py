"""Making a protection claim: wherever a traveller asks for protection (the booth, secondary inspection, a patrol's
apprehension, an in-country office). The claim goes at once to the asylum unit (``asylum_unit``), gets its reference
and registration deadline, and protects the claimant from refusal and removal (services/protection.py).

Someone who already has an open claim does not get a second one: asking again is written on the open claim's
timeline, the household members named with it are added to that claim's household (or, when they have an open claim
of their own, asked again on it), and the maker is told only that a claim is pending (``claim_already_pending``),
never which.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.asylum.models import IN_WORK, Claim, ReferenceCounter
from borderdesk.apps.asylum.services.claims import MAKE, REFERENCE_PREFIX, add_event
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import service, the_post
from borderdesk.apps.inspection.models import Inspection, Status
from borderdesk.apps.inspection.services._common import inspection_post
from borderdesk.apps.posts.models import Post, PostKind
from borderdesk.apps.travellers.models import Traveller
from borderdesk.apps.travellers.services import one_person, traveller_as_typed
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import Where, registration_due
from borderdesk.core.casework.deadlines import WorkingCalendar
from borderdesk.core.documents.countries import is_known_country

SEXES = ("F", "M", "X")
IDENTITY_FIELDS = ("surname", "given_names", "birth_date", "nationality", "sex")
RELATIONSHIP_MAX = 30


def calendar_of(post: Post) -> WorkingCalendar:
    """The unit's working days: its country's public holidays (as casework counts them)."""
    return WorkingCalendar(post.country)


def asylum_unit(made_at: Post) -> Post:
    """The unit that works claims made at ``made_at``: ``BORDERDESK_ASYLUM_UNIT``, else the first active in-country
    office of the post's country; ``no_asylum_unit`` when there is none."""
    code = settings.BORDERDESK_ASYLUM_UNIT
    units = Post.objects.filter(is_active=True)
    unit = (
        units.filter(code=code).first()
        if code
        else units.filter(kind=PostKind.INLAND_OFFICE, country=made_at.country).order_by("code").first()
    )
    if unit is None:
        raise Conflict(
            "No asylum unit is set up to receive this claim: tell an administrator (BORDERDESK_ASYLUM_UNIT, or an "
            f"active in-country office in {made_at.country}). Nothing was recorded.",
            code="no_asylum_unit",
        )
    return unit


@dataclass(frozen=True)
class Identity:
    """A person as they state who they are (no document needed)."""

    surname: str
    given_names: str
    birth_date: date | None
    nationality: str
    sex: str = ""

    @classmethod
    def typed(cls, fields: dict, *, prefix: str = "") -> Identity:
        """From a form's fields, checked: surname, nationality (ISO 3166 alpha-3), birth date (ISO 8601, not in the
        future), sex (F, M, X or blank)."""
        surname = " ".join(str(fields.get("surname", "")).split()).upper()
        given = " ".join(str(fields.get("given_names", "")).split()).upper()
        nationality = str(fields.get("nationality", "")).strip().upper()
        sex = str(fields.get("sex", "")).strip().upper()
        if not surname or len(surname) > 100 or len(given) > 100:
            raise Invalid(
                "Give the surname (at most 100 characters).", code="surname_required", field=f"{prefix}surname"
            )
        if not is_known_country(nationality):
            raise Invalid(
                "Give the nationality as a three-letter code (e.g. SYR; XXA for a stateless person).",
                code="invalid_nationality",
                field=f"{prefix}nationality",
            )
        if sex not in ("", *SEXES):
            raise Invalid("Sex is F, M or X.", code="invalid_sex", field=f"{prefix}sex")
        return cls(
            surname, given, parse_birth_date(fields.get("birth_date"), field=f"{prefix}birth_date"), nationality, sex
        )

    def as_dict(self) -> dict:
        return {
            "surname": self.surname,
            "given_names": self.given_names,
            "birth_date": self.birth_date.isoformat() if self.birth_date else "",
            "nationality": self.nationality,
            "sex": self.sex,
        }


def parse_birth_date(value, *, field: str = "birth_date") -> date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        born = date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{text[:20]!r} is not a date (YYYY-MM-DD).", code="invalid_date", field=field) from None
    if born > timezone.localdate() or born.year < 1900:
        raise Invalid("The birth date is not a possible one.", code="invalid_date", field=field)
    return born


@dataclass(frozen=True)
class Member:
    """A household member named with the claim: who they are to the principal, and who they say they are."""

    relationship: str
    identity: Identity


def members_from(form, *, prefix: str = "member_") -> tuple[Member, ...]:
    """The household member a form names (its ``member_*`` fields), if any: none when they are all blank."""
    fields = {name: str(form.get(f"{prefix}{name}", "")) for name in ("relationship", *IDENTITY_FIELDS)}
    if not any(value.strip() for value in fields.values()):
        return ()
    return (Member(fields["relationship"], Identity.typed(fields, prefix=prefix)),)


@dataclass
class Made:
    """What the maker learns: the claim made (its reference stays within the asylum unit's pages) and the unit."""

    claim: Claim
    unit: Post
    members: list[Claim] = field(default_factory=list)
    already_pending: int = 0  # household members who had an open claim: asked again on theirs


# --- The ways in ------------------------------------------------------------------------------------------------


@service(MAKE, post=inspection_post)
def _make_at_inspection(actor, inspection, *, members: tuple[Member, ...]) -> Made | Claim:
    inspection = Inspection.objects.select_related("post", "traveller").get(pk=inspection.pk)
    if inspection.status == Status.SUPERSEDED:
        raise Conflict(
            "The traveller was scanned again since: ask on the latest inspection.", code="inspection_superseded"
        )
    where = Where.SECONDARY if inspection.status == Status.IN_SECONDARY else Where.BOOTH
    return _make(
        actor,
        inspection.traveller,
        made_at=inspection.post,
        where=where,
        documented=inspection.document_id is not None,
        identity=None,
        members=members,
        inspection=inspection,
    )


def make_at_inspection(actor, inspection, *, members: tuple[Member, ...] = ()) -> Made:
    """The traveller at the booth or in secondary asks for protection: a claim for the inspected traveller."""
    return _answer(_make_at_inspection(actor, inspection, members=members))


@service(MAKE, post=the_post)
def _make_for_person(
    actor, *, post: Post, identity: Identity | None, traveller, members, met_on_patrol: bool = False
) -> Made | Claim:
    post = Post.objects.get(pk=post.pk)
    if met_on_patrol or post.kind == PostKind.PATROL_SECTOR:
        where = Where.PATROL
    elif post.kind == PostKind.INLAND_OFFICE:
        where = Where.OFFICE
    else:
        raise Invalid(
            "At a port, the claim is made from the traveller's inspection (booth or secondary).",
            code="make_claim_from_inspection",
        )
    if traveller is None and identity is None:
        raise Invalid(
            "Say who the person is: their name, birth date and nationality.", code="identity_required", field="surname"
        )
    if where is Where.PATROL and (identity is None or (traveller is not None and not met_on_patrol)):
        raise Invalid("A patrol types who the person says they are.", code="identity_required", field="surname")
    claimant = traveller_as_typed(**asdict(identity)) if traveller is None else _on_record(traveller)
    return _make(
        actor,
        claimant,
        made_at=post,
        where=where,
        documented=traveller is not None and claimant.documents.exists(),
        identity=identity,
        members=members,
    )


def make_for_person(
    actor,
    *,
    post: Post,
    identity: Identity | None = None,
    traveller=None,
    members: tuple[Member, ...] = (),
    met_on_patrol: bool = False,
) -> Made:
    """A patrol officer at their sector (identity typed), or an asylum case officer or caseworker at an in-country
    office (identity typed, or a traveller already on record) records that a person asks for protection.

    ``met_on_patrol``: a person a patrol met at an incident (at a sector, or on a land crossing's stretch of border)
    and recorded, with who they say they are (``identity``) and the record made for them then (``traveller``), so
    that the claim is that very person's."""
    return _answer(
        _make_for_person(
            actor, post=post, identity=identity, traveller=traveller, members=members, met_on_patrol=met_on_patrol
        )
    )


def _answer(result: Made | Claim) -> Made:
    """A claim already open is not a second claim: now that the asking is recorded on it (the service's transaction
    has ended), tell the maker so, and nothing more."""
    if isinstance(result, Claim):
        raise Conflict(
            f"A protection claim is already pending: contact the asylum unit ({result.post.name}).",
            code="claim_already_pending",
        )
    return result


# --- Making it --------------------------------------------------------------------------------------------------


def _make(
    actor,
    claimant: Traveller,
    *,
    made_at,
    where,
    documented,
    identity,
    members,
    inspection=None,
    principal=None,
    relationship="",
):
    """A claim for ``claimant`` (and one for each household member), or, when the claimant already has an open
    claim, that claim with the asking recorded on it."""
    Traveller.objects.select_for_update().filter(pk=claimant.pk).first()  # one claimant, one maker at a time
    open_claim = _open_claim_of(claimant)
    if open_claim is not None:
        return _asked_again(actor, open_claim, made_at=made_at, where=where, members=members)
    unit = asylum_unit(made_at)
    now = timezone.now()
    made_on = made_at.local_date(now)
    claim = Claim(
        reference=_next_reference(unit, made_on.year),
        post=unit,
        claimant=claimant,
        principal=principal,
        relationship=relationship,
        made_where=where.value,
        made_at_post=made_at,
        made_at=now,
        made_on=made_on,
        made_by=user_of(actor),
        inspection=inspection,
        claimed_identity=identity.as_dict() if identity else {},
        documented=documented,
        registration_due=registration_due(made_on, where, calendar_of(unit)),
    )
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:  # another officer made one for this person a moment ago
        open_claim = _open_claim_of(claimant)
        if open_claim is None:
            raise
        return _asked_again(actor, open_claim, made_at=made_at, where=where, members=members)
    add_event(
        claim,
        actor,
        "made",
        text=f"Made at {made_at.code} ({where.value}); registration due {claim.registration_due.isoformat()}",
        where=where.value,
        made_at=made_at.code,
    )
    record_change(
        actor,
        AuditAction.ASYLUM_CLAIM_MAKE,
        claim,
        new={
            "where": where.value,
            "made_at": made_at.code,
            "unit": unit.code,
            "principal": principal.pk if principal else None,
        },
        post_code=made_at.code,
    )
    if principal is not None:
        return claim
    made = Made(claim, unit)
    _add_members(actor, made, members, made_at=made_at, where=where)
    return made


def _add_members(actor, made: Made, members, *, made_at: Post, where: Where) -> None:
    """A linked claim for each member named, in ``made.members``; those with an open claim of their own are asked
    again on it and counted in ``made.already_pending``."""
    for member in members:
        result = make_member(actor, made.claim, member, made_at=made_at, where=where)
        if result.principal_id == made.claim.pk:
            made.members.append(result)
        else:
            made.already_pending += 1


def make_member(actor, principal: Claim, member: Member, *, made_at: Post | None = None, where=None) -> Claim:
    """A household member's own claim, linked to the principal's (or their open claim, asked again), made where the
    principal's was unless said otherwise (named again when the principal asked again)."""
    relationship = " ".join(member.relationship.split())
    if not relationship or len(relationship) > RELATIONSHIP_MAX:
        raise Invalid(
            f"Say who the household member is to the claimant (at most {RELATIONSHIP_MAX} characters).",
            code="relationship_required",
            field="member_relationship",
        )
    return _make(
        actor,
        traveller_as_typed(**asdict(member.identity)),
        made_at=made_at or principal.made_at_post,
        where=where or Where(principal.made_where),
        documented=False,
        identity=member.identity,
        members=(),
        principal=principal,
        relationship=relationship,
    )


def _on_record(traveller) -> Traveller:
    found = Traveller.objects.filter(pk=getattr(traveller, "pk", traveller)).first()
    if found is None:
        raise Invalid("No person has this record number.", code="traveller_not_found", field="traveller")
    return found


def _open_claim_of(claimant: Traveller) -> Claim | None:
    return Claim.objects.filter(IN_WORK, one_person(claimant.pk, "claimant")).select_related("post").first()


def _asked_again(actor, claim: Claim, *, made_at: Post, where: Where, members=()) -> Claim:
    """Asking again, written on the open claim; the household members named with it join its principal's household
    (a dependant asking again names members of the same household)."""
    named = Made(claim.principal or claim, claim.post)
    _add_members(actor, named, members, made_at=made_at, where=where)
    text = f"Asked for protection again at {made_at.code} ({where.value})"
    if members:  # counted, not named: the linked claims are in the household, the others asked again on theirs
        text += (
            f"; household members named: {len(named.members)} linked to this household, "
            f"{named.already_pending} with an open claim of their own"
        )
    add_event(claim, actor, "asked_again", text=text, linked=[m.pk for m in named.members])
    record_change(
        actor,
        AuditAction.ASYLUM_CLAIM_ASKED_AGAIN,
        claim,
        new={
            "where": where.value,
            "made_at": made_at.code,
            "members_linked": [m.pk for m in named.members],
            "members_already_pending": named.already_pending,
        },
        post_code=made_at.code,
    )
    return claim


def _next_reference(unit: Post, year: int) -> str:
    counter, _ = ReferenceCounter.objects.get_or_create(post=unit, year=year)
    counter = ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    while True:  # past any reference written without the counter (claims moved in from an older system)
        counter.last += 1
        reference = f"{REFERENCE_PREFIX}-{unit.code}-{year}-{counter.last:06d}"
        if not Claim.objects.filter(reference=reference).exists():
            break
    counter.save(update_fields=["last"])
    return reference
