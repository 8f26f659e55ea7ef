"""Patrols' services: a sector's terrain and boundary, its units, patrols started with their crew and ended, the
positions they report (typed, pasted, or sent by a unit's tracker) and the withdrawal of a wrong one; and what
officers read: the sector, the day's patrol log, a patrol's page.

Reading needs PATROL_LOG_READ and writing PATROL_LOG_WRITE, at the sector's post. Times are stored in UTC and
typed and shown on the post's clock. Bad input is refused with a code and loses nothing already stored: a pasted
list keeps its good lines and names the bad ones by line number. Track warnings (an implausible jump, a position
outside the sector) are shown to the officer; nothing is dropped for them.
"""

from __future__ import annotations

import hashlib
import json
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import as_id, pk_of, post_code_of, service, the_post_code
from borderdesk.apps.partners.models import Partner
from borderdesk.apps.patrols.models import (
    CrewMember,
    Patrol,
    Position,
    PositionSource,
    Sector,
    Terrain,
    Unit,
    UnitKind,
)
from borderdesk.apps.posts.models import Post
from borderdesk.core import patrols as core
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction

READ, WRITE = Perm.PATROL_LOG_READ, Perm.PATROL_LOG_WRITE
FUTURE_SKEW = timedelta(minutes=2)  # clocks drift, and a time typed to the minute runs a little ahead
OLDEST_START = timedelta(days=7)  # a patrol is logged within a week of setting out
MAX_CREW = 20
MAX_KEY = 200
TASKING_MAX = 300
REMARKS_MAX = 2_000
REASON_MAX = 300
CALL_SIGN_MAX = 40
UNIT_NAME_MAX = 120
CREW_ROLE_MAX = 60


def _invalid(problem: core.PositionProblem) -> Invalid:
    return Invalid(problem.message, code=problem.code, field=problem.field or None)


def _patrol_post(patrol_id, *_, **__) -> str:
    return post_code_of(Patrol, pk_of(patrol_id, field="patrol"), what="patrol", path="sector__post__code")


def _unit_post(unit_id, *_, **__) -> str:
    return post_code_of(Unit, pk_of(unit_id, field="unit"), what="unit", path="sector__post__code")


def _position_post(position_id, *_, **__) -> str:
    return post_code_of(
        Position, pk_of(position_id, field="position"), what="position", path="patrol__sector__post__code"
    )


# --- the post's clock -------------------------------------------------------------------------------------------


def zone(post: Post) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(post.time_zone)


def on_post_clock(post: Post, moment: datetime) -> datetime:
    return timezone.localtime(moment, zone(post))


def day_bounds(post: Post, day: date) -> tuple[datetime, datetime]:
    """The day's first moment at the post and the next day's, in UTC."""
    tz = zone(post)
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return start.astimezone(zoneinfo.ZoneInfo("UTC")), end.astimezone(zoneinfo.ZoneInfo("UTC"))


def parse_day(text, *, field: str = "day") -> date:
    value = str(text or "").strip()
    try:
        if len(value) != 10:
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{value[:20]!r} is not a date as YYYY-MM-DD.", code="invalid_date", field=field) from None
    if not 2000 <= day.year <= 2100:
        raise Invalid("Patrol logs are kept for the years 2000 to 2100.", code="date_out_of_range", field=field)
    return day


@dataclass(frozen=True)
class Typed:
    """A moment as a form has it: a day (YYYY-MM-DD) and a time (HH:MM) on the post's clock."""

    day: str
    time: str


def _moment(post: Post, value: datetime | Typed, *, field: str) -> datetime:
    if not isinstance(value, Typed):
        return value
    day = parse_day(value.day, field=field)
    try:
        clock = core.parse_moment(str(value.time or ""))
    except core.PositionProblem as problem:
        raise Invalid(problem.message, code=problem.code, field=field) from None
    if isinstance(clock, datetime):
        raise Invalid("Give the day and the time (HH:MM) in their own fields.", code="invalid_time", field=field)
    return datetime.combine(day, clock, tzinfo=zone(post))


def _not_in_future(moment: datetime, what: str, field: str) -> None:
    if timezone.is_naive(moment):
        raise Invalid("Give the moment with its UTC offset (2026-05-04T06:40:00Z).", code="naive_time", field=field)
    if moment > timezone.now() + FUTURE_SKEW:
        raise Invalid(
            f"{what} cannot be in the future: check the time and the day.", code="time_in_future", field=field
        )


# --- sectors ----------------------------------------------------------------------------------------------------


def _post(post_code) -> Post:
    post = Post.objects.filter(code=str(post_code or "")[:10]).first()
    if post is None:
        raise NotFound(f"No post {str(post_code)[:10]!r}.", code="post_not_found")
    return post


def sector_at(post_code) -> Sector:
    sector = Sector.objects.select_related("post").filter(post__code=str(post_code or "")[:10]).first()
    if sector is None:
        raise NotFound(
            f"{str(post_code)[:10]} has no patrol sector yet: a patrol officer of the post sets its terrain and "
            "boundary on the sector's page.",
            code="sector_not_found",
        )
    return sector


def boundary_text(boundary: Sequence) -> str:
    return "\n".join(f"{Decimal(str(lat)):.6f}, {Decimal(str(lon)):.6f}" for lat, lon in boundary)


@service(WRITE, post=the_post_code)
def save_sector(actor, *, post_code, terrain: str, boundary: str) -> Sector:
    """The sector of the post, made or changed: land or sea, and its boundary typed one point per line."""
    post = _post(post_code)
    if terrain not in Terrain.values:
        raise Invalid("Choose land or sea.", code="invalid_terrain", field="terrain")
    try:
        ring = core.parse_boundary(boundary)
    except core.PositionProblem as problem:
        raise _invalid(problem) from None
    points = [[float(lat), float(lon)] for lat, lon in ring]
    sector = Sector.objects.select_for_update().filter(post=post).first()
    old = {"terrain": sector.terrain, "boundary": sector.boundary} if sector else None
    if sector is None:
        try:
            with transaction.atomic():
                sector = Sector.objects.create(post=post, terrain=terrain, boundary=points)
        except IntegrityError:  # another officer set the sector up at the same moment
            raise Conflict(
                "Another officer set up this sector at the same moment: look at theirs, then save yours again.",
                code="sector_saved_at_once",
            ) from None
    else:
        sector.terrain, sector.boundary = terrain, points
        sector.save(update_fields=["terrain", "boundary", "updated_at"])
    record_change(
        actor,
        AuditAction.PATROLS_SECTOR_SAVE,
        sector,
        old=old,
        new={"terrain": terrain, "boundary": points},
        post_code=post.code,
    )
    return sector


@dataclass(frozen=True)
class SectorPage:
    post: Post
    sector: Sector | None
    units: list[Unit]
    open_patrols: list[Patrol]
    partners: list[Partner]


@service(READ, post=the_post_code)
def sector_page(actor, *, post_code) -> SectorPage:
    post = _post(post_code)
    sector = Sector.objects.filter(post=post).first()
    units = list(sector.units.select_related("partner").order_by("-is_active", "call_sign")) if sector else []
    open_patrols = (
        list(Patrol.objects.select_related("unit").filter(sector=sector, ended_at__isnull=True)) if sector else []
    )
    return SectorPage(post, sector, units, open_patrols, list(Partner.objects.filter(is_active=True)))


# --- units ------------------------------------------------------------------------------------------------------


def _unit_record(unit: Unit) -> dict:
    return {
        "call_sign": unit.call_sign,
        "kind": unit.kind,
        "name": unit.name,
        "partner": unit.partner.code if unit.partner else None,
        "is_active": unit.is_active,
    }


@service(WRITE, post=the_post_code)
def add_unit(actor, *, post_code, kind: str, call_sign: str, name: str = "", partner_id=None) -> Unit:
    """A unit of the sector: on foot, a vehicle, a boat, or a partner's vessel (which names its partner)."""
    sector = sector_at(post_code)
    call_sign, name = " ".join(str(call_sign or "").split()), " ".join(str(name or "").split())
    if kind not in UnitKind.values:
        raise Invalid("Choose on foot, vehicle, boat or a partner's vessel.", code="invalid_unit_kind", field="kind")
    if not call_sign:
        raise Invalid("Give the unit's call sign.", code="call_sign_required", field="call_sign")
    if len(call_sign) > CALL_SIGN_MAX:
        raise Invalid(
            f"A call sign is at most {CALL_SIGN_MAX} characters.", code="call_sign_too_long", field="call_sign"
        )
    if len(name) > UNIT_NAME_MAX:
        raise Invalid(f"A unit's name is at most {UNIT_NAME_MAX} characters.", code="unit_name_too_long", field="name")
    partner = _partner(kind, partner_id)
    if Unit.objects.filter(sector=sector, call_sign__iexact=call_sign).exists():
        raise Conflict(f"The sector has a unit {call_sign} already.", code="call_sign_taken", field="call_sign")
    try:
        with transaction.atomic():
            unit = Unit.objects.create(sector=sector, kind=kind, call_sign=call_sign, name=name, partner=partner)
    except IntegrityError:  # the same call sign added at the same moment
        raise Conflict(
            f"The sector has a unit {call_sign} already.", code="call_sign_taken", field="call_sign"
        ) from None
    record_change(actor, AuditAction.PATROLS_UNIT_ADD, unit, new=_unit_record(unit), post_code=sector.post.code)
    return unit


def _partner(kind: str, partner_id) -> Partner | None:
    given = partner_id not in (None, "")
    if kind != UnitKind.PARTNER_VESSEL:
        if given:
            raise Invalid(
                "Only a partner's vessel names a partner agency.",
                code="partner_only_for_partner_vessels",
                field="partner",
            )
        return None
    if not given:
        raise Invalid("Choose the partner agency whose vessel it is.", code="partner_required", field="partner")
    partner = Partner.objects.filter(pk=as_id(partner_id, field="partner"), is_active=True).first()
    if partner is None:
        raise Invalid("No such partner agency among those working with us.", code="partner_not_found", field="partner")
    return partner


@service(WRITE, post=_unit_post)
def deactivate_unit(actor, unit_id, *, post_code: str | None = None) -> Unit:
    """The unit is out of service: it starts no more patrols; its past patrols stay as they were. ``post_code``,
    when given (the page's), must be the unit's."""
    unit = (
        Unit.objects.select_for_update(of=("self",))  # the partner is an outer join: it is not locked
        .select_related("sector__post", "partner")
        .get(pk=pk_of(unit_id, field="unit"))
    )
    if post_code is not None and unit.sector.post.code != post_code:
        raise NotFound("No such unit in this sector.", code="unit_not_found")
    if not unit.is_active:
        return unit
    if Patrol.objects.filter(unit=unit, ended_at__isnull=True).exists():
        raise Conflict(f"{unit.call_sign} is out on a patrol: end the patrol first.", code="unit_on_patrol")
    old = _unit_record(unit)
    unit.is_active = False
    unit.save(update_fields=["is_active"])
    record_change(
        actor,
        AuditAction.PATROLS_UNIT_DEACTIVATE,
        unit,
        old=old,
        new=_unit_record(unit),
        post_code=unit.sector.post.code,
    )
    return unit


# --- starting and ending a patrol -------------------------------------------------------------------------------


def crew_candidates(post: Post) -> list:
    """The officers who may be on a patrol of the post: those assigned to it."""
    return list(
        get_user_model().objects.filter(is_active=True, posts=post).order_by("last_name", "first_name", "username")
    )


@dataclass(frozen=True)
class StartForm:
    post: Post
    sector: Sector
    units: list[Unit]  # active, and not out on a patrol
    officers: list


@service(WRITE, post=the_post_code)
def start_form(actor, *, post_code) -> StartForm:
    sector = sector_at(post_code)
    busy = Patrol.objects.filter(ended_at__isnull=True).values("unit")
    units = list(sector.units.filter(is_active=True).exclude(pk__in=busy))
    return StartForm(sector.post, sector, units, crew_candidates(sector.post))


@service(WRITE, post=the_post_code)
def start_patrol(
    actor, *, post_code, unit_id, crew: Sequence[tuple[object, str]], started_at: datetime | Typed, tasking: str = ""
) -> Patrol:
    """A patrol of one of the sector's units sets out with its crew (officers assigned to the post, each with an
    optional role such as coxswain), at a moment not in the future nor more than a week ago."""
    sector = sector_at(post_code)
    unit = Unit.objects.select_for_update().filter(sector=sector, pk=as_id(unit_id, field="unit")).first()
    if unit is None:
        raise Invalid("No such unit in this sector.", code="unit_not_found", field="unit")
    if not unit.is_active:
        raise Conflict(f"{unit.call_sign} is out of service.", code="unit_out_of_service", field="unit")
    if Patrol.objects.filter(unit=unit, ended_at__isnull=True).exists():
        raise Conflict(f"{unit.call_sign} is out on a patrol already.", code="unit_on_patrol", field="unit")
    tasking = " ".join(str(tasking or "").split())
    if len(tasking) > TASKING_MAX:
        raise Invalid(f"The tasking is at most {TASKING_MAX} characters.", code="tasking_too_long", field="tasking")
    started_at = _moment(sector.post, started_at, field="started_at")
    _not_in_future(started_at, "The start", "started_at")
    if started_at < timezone.now() - OLDEST_START:
        raise Invalid("A patrol is logged within a week of its start.", code="start_too_old", field="started_at")
    members = _crew(sector.post, crew)
    try:
        with transaction.atomic():
            patrol = Patrol.objects.create(
                sector=sector, unit=unit, started_at=started_at, tasking=tasking, logged_by=actor
            )
    except IntegrityError:  # another officer started this unit's patrol at the same moment
        raise Conflict(f"{unit.call_sign} is out on a patrol already.", code="unit_on_patrol", field="unit") from None
    CrewMember.objects.bulk_create(CrewMember(patrol=patrol, officer=officer, role=role) for officer, role in members)
    record_change(
        actor,
        AuditAction.PATROLS_PATROL_START,
        patrol,
        new={
            "unit": unit.call_sign,
            "started_at": started_at,
            "tasking": tasking,
            "crew": [[officer.username, role] for officer, role in members],
        },
        post_code=sector.post.code,
    )
    return patrol


def _crew(post: Post, crew: Sequence[tuple[object, str]]) -> list[tuple[object, str]]:
    if len(crew) > MAX_CREW:
        raise Invalid(f"A crew is at most {MAX_CREW} officers.", code="too_many_crew", field="crew")
    roles: dict[int, str] = {}
    for officer_id, role in crew:
        role = " ".join(str(role or "").split())
        if len(role) > CREW_ROLE_MAX:
            raise Invalid(
                f"A crew role is at most {CREW_ROLE_MAX} characters.", code="crew_role_too_long", field="crew"
            )
        roles[as_id(officer_id, field="crew")] = role
    if not roles:
        raise Invalid("Choose the crew: at least one officer.", code="crew_required", field="crew")
    officers = {o.pk: o for o in get_user_model().objects.filter(pk__in=roles, is_active=True, posts=post)}
    if len(officers) != len(roles):
        raise Invalid(
            f"Every member of the crew is an officer assigned to {post.code}.", code="officer_not_at_post", field="crew"
        )
    out = CrewMember.objects.filter(officer__in=officers.values(), patrol__ended_at__isnull=True).select_related(
        "officer", "patrol__unit"
    )
    busy = out.first()
    if busy is not None:
        who = busy.officer.get_full_name() or busy.officer.username
        raise Conflict(
            f"{who} is on the patrol of {busy.patrol.unit.call_sign} still: end it first.",
            code="officer_on_patrol",
            field="crew",
        )
    return [(officers[pk], roles[pk]) for pk in roles]


def _locked_patrol(patrol_id) -> Patrol:
    return (
        Patrol.objects.select_for_update()
        .select_related("sector__post", "unit")
        .get(pk=pk_of(patrol_id, field="patrol"))
    )


@service(WRITE, post=_patrol_post)
def end_patrol(actor, patrol_id, *, ended_at: datetime | Typed, remarks: str = "") -> Patrol:
    """The patrol is back: once, after its start and its last position, and not in the future."""
    patrol = _locked_patrol(patrol_id)
    if patrol.ended_at is not None:
        local = on_post_clock(patrol.sector.post, patrol.ended_at)
        raise Conflict(f"This patrol ended already, at {local:%Y-%m-%d %H:%M}.", code="patrol_already_ended")
    ended_at = _moment(patrol.sector.post, ended_at, field="ended_at")
    _not_in_future(ended_at, "The end", "ended_at")
    if ended_at <= patrol.started_at:
        raise Invalid("A patrol ends after it starts.", code="end_before_start", field="ended_at")
    last = patrol.positions.filter(withdrawn_at__isnull=True).order_by("-at").first()
    if last is not None and last.at > ended_at:
        local = on_post_clock(patrol.sector.post, last.at)
        raise Invalid(
            f"The patrol reported a position at {local:%Y-%m-%d %H:%M}: it ends at that time or later.",
            code="positions_after_end",
            field="ended_at",
        )
    remarks = str(remarks or "").replace("\r\n", "\n").strip()
    if len(remarks) > REMARKS_MAX:
        raise Invalid(f"Remarks are at most {REMARKS_MAX:,} characters.", code="remarks_too_long", field="remarks")
    patrol.ended_at, patrol.remarks = ended_at, remarks
    patrol.save(update_fields=["ended_at", "remarks"])
    record_change(
        actor,
        AuditAction.PATROLS_PATROL_END,
        patrol,
        old={"ended_at": None},
        new={"ended_at": ended_at, "remarks": remarks},
        post_code=patrol.sector.post.code,
    )
    return patrol


# --- positions --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reported:
    position: Position
    replayed: bool  # the same report was on record already: nothing was stored twice


@service(WRITE, post=_patrol_post)
def report_position(
    actor,
    patrol_id,
    *,
    at: datetime | str,
    latitude,
    longitude,
    source: str = PositionSource.FORM,
    idempotency_key: str = "",
) -> Reported:
    """A position of the patrol: ``at`` an aware moment, or typed as crews write it (``06:40`` on the patrol's day,
    or ``2026-05-04 06:40`` on the post's clock). A tracker sends an idempotency key: the same key again gets the
    first answer (``replayed``), the key with another position is ``idempotency_key_reused``. The same position at
    the same moment is on record once (``replayed``); another at that moment is ``position_at_same_time``."""
    patrol = _locked_patrol(patrol_id)
    key = str(idempotency_key or "").strip()
    if source == PositionSource.TRACKER and not 0 < len(key) <= MAX_KEY:
        raise Invalid(f"Send an idempotency_key of 1 to {MAX_KEY} characters.", code="idempotency_key_required")
    digests = ("", "")
    if key:
        digests = (_digest(key), _digest(json.dumps([patrol.pk, str(at), str(latitude), str(longitude)])))
        earlier = Position.objects.filter(reported_by=actor, key_digest=digests[0]).first()
        if earlier is not None:
            if earlier.request_digest != digests[1]:
                raise Conflict(
                    "This idempotency_key was sent before with another position.", code="idempotency_key_reused"
                )
            return Reported(earlier, replayed=True)
    try:
        lat, lon = core.check_position(latitude, longitude)
    except core.PositionProblem as problem:
        raise _invalid(problem) from None
    moment = _typed_moment(patrol, at) if isinstance(at, str) else at
    return _store(actor, patrol, moment, lat, lon, source=source, digests=digests)


def _typed_moment(patrol: Patrol, text: str) -> datetime:
    try:
        moment = core.parse_moment(text)
    except core.PositionProblem as problem:
        raise _invalid(problem) from None
    return _placed(patrol, moment)


def _placed(patrol: Patrol, moment: datetime | time) -> datetime:
    """A moment typed on the post's clock (a bare time on the patrol's day), in UTC."""
    tz = zone(patrol.sector.post)
    start = on_post_clock(patrol.sector.post, patrol.started_at).replace(tzinfo=None)
    end = on_post_clock(patrol.sector.post, patrol.ended_at or timezone.now() + FUTURE_SKEW).replace(tzinfo=None)
    return core.place_on_patrol(moment, start, end).replace(tzinfo=tz)


def _store(actor, patrol: Patrol, at: datetime, lat: Decimal, lon: Decimal, *, source: str, digests) -> Reported:
    _check_moment(patrol, at)
    same = Position.objects.filter(patrol=patrol, at=at, withdrawn_at__isnull=True).first()
    if same is not None:
        if (same.latitude, same.longitude) == (lat, lon):
            return Reported(same, replayed=True)
        raise Conflict(
            f"The patrol has another position at {on_post_clock(patrol.sector.post, at):%H:%M:%S}: withdraw it "
            "first if it is wrong.",
            code="position_at_same_time",
            field="at",
        )
    try:
        with transaction.atomic():
            position = Position.objects.create(
                patrol=patrol,
                at=at,
                latitude=lat,
                longitude=lon,
                reported_by=actor,
                source=source,
                key_digest=digests[0],
                request_digest=digests[1],
            )
    except IntegrityError:  # the same moment or key stored at the same time by another request
        raise Conflict("Another position for this moment arrived at once.", code="position_at_same_time") from None
    record_change(
        actor,
        AuditAction.PATROLS_POSITION_REPORT,
        position,
        new={"patrol": patrol.pk, "at": at, "latitude": lat, "longitude": lon, "source": source},
        post_code=patrol.sector.post.code,
    )
    return Reported(position, replayed=False)


def _check_moment(patrol: Patrol, at: datetime) -> None:
    _not_in_future(at, "A position", "at")
    post = patrol.sector.post
    if at < patrol.started_at:
        raise Invalid(
            f"The patrol started at {on_post_clock(post, patrol.started_at):%Y-%m-%d %H:%M}: a position is not "
            "before its start.",
            code="position_before_start",
            field="at",
        )
    if patrol.ended_at is not None and at > patrol.ended_at:
        raise Invalid(
            f"The patrol ended at {on_post_clock(post, patrol.ended_at):%Y-%m-%d %H:%M}: a position is not after "
            "its end.",
            code="position_after_end",
            field="at",
        )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class PastedOutcome:
    kept: list[Position]
    already: list[int]  # numbers of the lines on record already (pasted twice): nothing stored twice
    problems: list[core.LineProblem]  # by line number


@service(WRITE, post=_patrol_post)
def report_pasted_positions(actor, patrol_id, text: str) -> PastedOutcome:
    """Pasted ``time,lat,lon`` lines: every good line is stored, every bad one named with its line number, code
    and reason (a line the patrol cannot have reported, before its start say, is a bad line too)."""
    patrol = _locked_patrol(patrol_id)
    try:
        good, problems = core.parse_position_lines(text)
    except core.PositionProblem as problem:
        raise _invalid(problem) from None
    kept, already = [], []
    for line in good:
        try:
            reported = _store(
                actor,
                patrol,
                _placed(patrol, line.moment),
                line.latitude,
                line.longitude,
                source=PositionSource.PASTED,
                digests=("", ""),
            )
        except (Invalid, Conflict) as refused:
            problems.append(core.LineProblem(line.number, line.text, refused.code, refused.message))
            continue
        if reported.replayed:
            already.append(line.number)
        else:
            kept.append(reported.position)
    return PastedOutcome(kept, already, sorted(problems, key=lambda problem: problem.number))


@service(WRITE, post=_position_post)
def withdraw_position(actor, position_id, reason: str, *, patrol_id=None) -> Position:
    """A wrong position is withdrawn, not deleted: it stays on the patrol's page, struck out, with who withdrew it
    and why; tracks, lengths and maps leave it out. ``patrol_id``, when given (the page's), must be its patrol's."""
    position = (
        Position.objects.select_for_update()
        .select_related("patrol__sector__post")
        .get(pk=pk_of(position_id, field="position"))
    )
    if patrol_id is not None and position.patrol_id != as_id(patrol_id, field="patrol"):
        raise NotFound("No such position of this patrol.", code="position_not_found")
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise Invalid("Say why the position is wrong.", code="reason_required", field="reason")
    if len(reason) > REASON_MAX:
        raise Invalid(f"The reason is at most {REASON_MAX} characters.", code="reason_too_long", field="reason")
    if position.withdrawn_at is not None:
        raise Conflict("This position was withdrawn already.", code="position_already_withdrawn")
    position.withdrawn_at, position.withdrawn_by, position.withdrawal_reason = timezone.now(), actor, reason
    position.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    record_change(
        actor,
        AuditAction.PATROLS_POSITION_WITHDRAW,
        position,
        old={"withdrawn_at": None},
        new={
            "patrol": position.patrol_id,
            "at": position.at,
            "latitude": position.latitude,
            "longitude": position.longitude,
            "reason": reason,
        },
        post_code=position.patrol.sector.post.code,
    )
    return position


# --- reading: the day's log and a patrol's page ------------------------------------------------------------------


@dataclass(frozen=True)
class Track:
    fixes: list[core.Fix]
    length: core.Distance
    warnings: list[core.TrackWarning]

    @property
    def warned(self) -> set:
        """The ids of the positions a warning is about."""
        return {key for warning in self.warnings for key in warning.keys}


def track_of(patrol: Patrol, positions: Sequence[Position]) -> Track:
    """The patrol's track through its live positions, its length in the terrain's unit, and its warnings."""
    post = patrol.sector.post
    fixes = [core.Fix(p.at, p.latitude, p.longitude, p.pk) for p in positions if p.withdrawn_at is None]
    warnings = core.track_warnings(
        fixes,
        patrol.unit.kind,
        patrol.sector.boundary,
        show_time=lambda at: f"{on_post_clock(post, at):%H:%M}",
    )
    return Track(fixes, core.track_length(fixes, patrol.sector.terrain), warnings)


def duration_words(start: datetime, end: datetime) -> str:
    minutes = max(int((end - start).total_seconds() // 60), 0)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


@dataclass(frozen=True)
class LogRow:
    patrol: Patrol
    crew: list[CrewMember]
    track: Track
    duration: str


@dataclass(frozen=True)
class PatrolLog:
    post: Post
    sector: Sector
    day: date
    rows: list[LogRow]

    @property
    def previous_day(self) -> date:
        return self.day - timedelta(days=1)

    @property
    def next_day(self) -> date:
        return self.day + timedelta(days=1)


def patrols_of_day(sector: Sector, day: date):
    """The sector's patrols out at any time of the post's day: started before it ended, not ended before it
    began."""
    start, end = day_bounds(sector.post, day)
    return (
        Patrol.objects.select_related("unit", "sector__post")
        .filter(sector=sector, started_at__lt=end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start))
        .order_by("started_at", "pk")
    )


@service(READ, post=the_post_code)
def patrol_log(actor, *, post_code, day: date | None = None) -> PatrolLog:
    """The patrols out on the post's day (today at the post by default), each with its crew, track and warnings."""
    sector = sector_at(post_code)
    day = day or sector.post.local_date()
    patrols = list(patrols_of_day(sector, day).prefetch_related("crew__officer", "positions"))
    now = timezone.now()
    rows = [
        LogRow(
            patrol,
            list(patrol.crew.all()),
            track_of(patrol, list(patrol.positions.all())),
            duration_words(patrol.started_at, patrol.ended_at or now),
        )
        for patrol in patrols
    ]
    return PatrolLog(sector.post, sector, day, rows)


@dataclass(frozen=True)
class PatrolPage:
    patrol: Patrol
    crew: list[CrewMember]
    positions: list[Position]  # withdrawn ones too, marked
    track: Track
    duration: str
    incidents: list


@service(READ, post=_patrol_post)
def patrol_page(actor, patrol_id) -> PatrolPage:
    patrol = Patrol.objects.select_related("unit__partner", "sector__post", "logged_by").get(
        pk=pk_of(patrol_id, field="patrol")
    )
    positions = list(patrol.positions.select_related("reported_by", "withdrawn_by"))
    return PatrolPage(
        patrol,
        list(patrol.crew.select_related("officer")),
        positions,
        track_of(patrol, positions),
        duration_words(patrol.started_at, patrol.ended_at or timezone.now()),
        list(patrol.incidents.order_by("occurred_at")),
    )
