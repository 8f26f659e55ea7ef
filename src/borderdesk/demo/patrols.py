"""Demo patrols: the north coast sector (UTPSN, at sea off Utopia's north-west point, about 38.8N 9.7W) with two
boats and the Utopia Coast Guard's cutter, and the Northgate land crossing's stretch of border (UTNGT) with a
vehicle and a foot patrol. Yesterday the fast boat patrolled the coast in the morning (one position typed wrong,
then withdrawn) and the cutter sailed a joint patrol in the afternoon; the patrol boat is out now; the day before
yesterday the vehicle drove the border. Everything goes through the services, as the officers' own work would;
every coordinate is made up."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

from django.utils import timezone

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.accounts.models import User
from borderdesk.apps.partners.models import Partner, PartnerKind
from borderdesk.apps.patrols import services
from borderdesk.apps.patrols.models import Sector
from borderdesk.apps.posts.models import Post

COAST_GUARD = {"code": "uto-coast-guard", "name": "Utopia Coast Guard", "kind": PartnerKind.COAST_GUARD}

SECTORS = {
    "UTPSN": (
        "sea",
        "39.05, -9.95\n39.05, -9.45\n38.80, -9.45\n38.62, -9.55\n38.62, -9.95",
    ),
    "UTNGT": (
        "land",
        "39.66, -7.20\n39.68, -7.05\n39.62, -6.95\n39.53, -7.00\n39.54, -7.17",
    ),
}

UNITS = {
    "UTPSN": [
        ("boat", "UTP-RHIB-1", "Amaurot Sprint (fast boat)"),
        ("boat", "UTP-PB-2", "Hythloday (patrol boat)"),
        ("partner_vessel", "UCG-ANYDER", "Anyder (coast guard cutter)"),
    ],
    "UTNGT": [
        ("vehicle", "NGT-V1", "Border vehicle 1"),
        ("foot", "NGT-F1", "Ridge foot patrol"),
    ],
}

# (unit, days ago, start HH:MM, end HH:MM or None: out now, tasking, [(minutes after the start, lat, lon)])
PATROLS = [
    (
        "UTP-RHIB-1",
        1,
        "07:00",
        "11:30",
        "Dawn sweep of the north-west point",
        [
            (15, "38.70", "-9.52"),
            (45, "38.78", "-9.62"),
            (75, "38.88", "-9.70"),
            (105, "38.97", "-9.78"),
            (135, "39.00", "-9.66"),
            (165, "38.92", "-9.55"),
            (195, "38.83", "-9.50"),
            (240, "38.72", "-9.53"),
        ],
    ),
    (
        "UCG-ANYDER",
        1,
        "13:00",
        "18:00",
        "Joint patrol with the coast guard: search area BRAVO",
        [
            (20, "38.68", "-9.60"),
            (80, "38.76", "-9.82"),
            (140, "38.90", "-9.90"),
            (200, "39.01", "-9.80"),
            (260, "38.85", "-9.72"),
        ],
    ),
    (
        "NGT-V1",
        2,
        "09:00",
        "13:00",
        "Border track from the north cairn to the river ford",
        [
            (10, "39.64", "-7.16"),
            (50, "39.66", "-7.07"),
            (100, "39.61", "-6.98"),
            (150, "39.55", "-7.02"),
            (220, "39.57", "-7.14"),
        ],
    ),
]
# A position typed a degree wrong in the fast boat's track, withdrawn, and the right one reported.
SLIP = ("UTP-RHIB-1", 120, ("39.99", "-9.72"), ("38.99", "-9.72"), "Typed 39°59 for 38°59: the crew's own correction")
OUT_NOW = ("UTP-PB-2", "Harbour approaches, watch for small craft", [("38.68", "-9.55"), ("38.72", "-9.60")])


def load_demo_patrols(progress) -> None:
    if Sector.objects.filter(post__code__in=SECTORS).exists():
        return
    officer = User.objects.get(username="patrol")
    coast_guard = Partner.objects.filter(name=COAST_GUARD["name"]).first() or Partner.objects.create(**COAST_GUARD)
    for code, (terrain, boundary) in SECTORS.items():
        services.save_sector(DEMO, post_code=code, terrain=terrain, boundary=boundary)
        for kind, call_sign, name in UNITS[code]:
            partner = coast_guard.pk if kind == "partner_vessel" else None
            services.add_unit(DEMO, post_code=code, kind=kind, call_sign=call_sign, name=name, partner_id=partner)
    for call_sign, days_ago, start, end, tasking, track in PATROLS:
        patrol = _patrol(officer, call_sign, days_ago, start, tasking)
        for minutes, lat, lon in track:
            at = patrol.started_at + timedelta(minutes=minutes)
            services.report_position(officer, patrol.pk, at=at, latitude=lat, longitude=lon)
        if call_sign == SLIP[0]:
            _slip(officer, patrol)
        services.end_patrol(officer, patrol.pk, ended_at=_local(patrol.sector.post, days_ago, end))
    _out_now(officer)
    progress("  patrols: sectors UTPSN (sea) and UTNGT (land), 5 units, 4 patrols with their tracks")


def _local(post: Post, days_ago: int, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    day = post.local_date() - timedelta(days=days_ago)
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(post.time_zone))


def _patrol(officer, call_sign: str, days_ago: int, start: str, tasking: str):
    unit = next(u for sector in Sector.objects.all() for u in sector.units.all() if u.call_sign == call_sign)
    post = unit.sector.post
    return services.start_patrol(
        officer,
        post_code=post.code,
        unit_id=unit.pk,
        crew=[(officer.pk, "commander")],
        started_at=_local(post, days_ago, start),
        tasking=tasking,
    )


def _slip(officer, patrol) -> None:
    _, minutes, (lat, lon), (right_lat, right_lon), reason = SLIP
    at = patrol.started_at + timedelta(minutes=minutes)
    wrong = services.report_position(officer, patrol.pk, at=at, latitude=lat, longitude=lon).position
    services.withdraw_position(officer, wrong.pk, reason)
    services.report_position(officer, patrol.pk, at=at, latitude=right_lat, longitude=right_lon)


def _out_now(officer) -> None:
    """The patrol boat left an hour ago and reported twice since."""
    call_sign, tasking, track = OUT_NOW
    unit = Sector.objects.get(post__code="UTPSN").units.get(call_sign=call_sign)
    started = (timezone.now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    patrol = services.start_patrol(
        officer,
        post_code="UTPSN",
        unit_id=unit.pk,
        crew=[(officer.pk, "commander")],
        started_at=started,
        tasking=tasking,
    )
    for n, (lat, lon) in enumerate(track, start=1):
        services.report_position(
            officer, patrol.pk, at=started + timedelta(minutes=20 * n), latitude=lat, longitude=lon
        )
