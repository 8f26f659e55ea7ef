"""Demo patrol incidents: a rescue at sea off the north coast (UTPSN) three hours ago, three people aboard (one
injured, one with a passport, one who asks for protection; the skipper handed over to the police) and
the boat's engine seized; on the Northgate stretch of border (UTNGT) a sighting last night and an apprehension of a
person on the national watchlist. Everything goes through the services, as the patrol's own work would. The
sectors are made here only if the patrols demo has not made them."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from borderdesk.apps.accounts.models import User
from borderdesk.apps.incidents import services
from borderdesk.apps.incidents.models import Incident
from borderdesk.apps.partners.models import Partner
from borderdesk.apps.patrols.models import Patrol, Sector
from borderdesk.apps.posts.models import Post
from borderdesk.core.documents import MrzFields, generate_mrz
from borderdesk.demo.watchlist import people as listed_people

SECTORS = {"UTPSN": "sea", "UTNGT": "land"}


def load_demo_incidents(progress) -> None:
    if Incident.objects.exists():
        return
    patrol = User.objects.get(username="patrol")
    sea, land = (_sector(code, terrain) for code, terrain in SECTORS.items())
    _rescue(patrol, sea)
    _northgate(patrol, land)
    progress(f"  incidents: {Incident.objects.count()} patrol incidents at UTPSN and UTNGT")


def _sector(code: str, terrain: str) -> Sector:
    return Sector.objects.get_or_create(post=Post.objects.get(code=code), defaults={"terrain": terrain})[0]


def _report(sector: Sector, hours_ago: float, **fields) -> services.IncidentForm:
    when = timezone.now() - timedelta(hours=hours_ago)
    local = timezone.localtime(when, ZoneInfo(sector.post.time_zone))
    out = Patrol.objects.filter(Q(ended_at__isnull=True) | Q(ended_at__gte=when), sector=sector, started_at__lte=when)
    patrol = out.order_by("-started_at").values_list("pk", flat=True).first()
    return services.IncidentForm(
        day=local.strftime("%Y-%m-%d"), time=local.strftime("%H:%M"), patrol=str(patrol or ""), **fields
    )


def _rescue(patrol: User, sea: Sector) -> None:
    report = _report(
        sea,
        3,
        kind="rescue",
        latitude="41.262150",
        longitude="-8.771400",
        place="2 nautical miles off Leixões breakwater",
        circumstances="Inflatable boat taking water, engine failed. Three people taken aboard SEAHAWK 2 and landed "
        "at Leixões station.",
    )
    incident = services.record_incident(patrol, post=sea.post, form=report)
    ref = incident.reference
    injured = services.PersonForm(
        surname="DIALLO",
        given_names="MARIAMA",
        birth_date="1998-05-17",
        nationality="GIN",
        sex="F",
        health_needs="Hypothermia; cut on the left leg, dressed aboard. Pregnant (about 6 months).",
    )
    services.add_person(patrol, ref, injured)
    passport = MrzFields(
        document_code="P",
        issuing_state="SEN",
        surname="NDIAYE",
        given_names="IBRAHIMA",
        document_number="A01928374",
        nationality="SEN",
        birth_date=date(1991, 1, 9),
        sex="M",
        expiry_date=date.today().replace(day=1) + timedelta(days=365 * 4),
    )
    zone = "\n".join(generate_mrz("TD3", passport))
    skipper = services.add_person(patrol, ref, services.PersonForm(document_zone=zone, remarks="Was at the tiller."))
    asking = services.add_person(
        patrol,
        ref,
        services.PersonForm(surname="KEITA", given_names="SEKOU", birth_date="2001-11-30", nationality="MLI", sex="M"),
    )
    services.ask_for_protection(patrol, asking.pk)
    services.refer_person(
        patrol,
        skipper.pk,
        partner=Partner.objects.get(code="uto-police").pk,
        kind="handover",
        reason="Suspected of steering the boat (smuggling of migrants).",
        chosen=["surname", "given_names", "birth_date", "nationality", "document_number", "incident_reference"],
    )
    services.seize_item(
        patrol, ref, description="Outboard engine, 40 hp", quantity="1", held_by="Leixões station store"
    )


def _northgate(patrol: User, land: Sector) -> None:
    services.record_incident(
        patrol,
        post=land.post,
        form=_report(
            land,
            20,
            kind="sighting",
            latitude="42.117300",
            longitude="-8.201900",
            place="Forest track north of the river ford",
            circumstances="Group seen crossing on foot by the thermal camera; lost in the trees.",
            people_estimated="5",
        ),
    )
    apprehension = services.record_incident(
        patrol,
        post=land.post,
        form=_report(
            land,
            2,
            kind="apprehension",
            latitude="42.109800",
            longitude="-8.214100",
            place="Car park of the old customs house",
            circumstances="Stopped walking away from the border after the crossing had closed.",
        ),
    )
    listed = next(p for p in listed_people() if len(p["birth_date"]) == 10 and p["action"] == "arrest")
    given, surname = listed["name"].rsplit(" ", 1)
    wanted = services.PersonForm(
        surname=surname,
        given_names=given,
        birth_date=listed["birth_date"],
        nationality=listed["nationality"],
        sex=listed["sex"],
    )
    services.add_person(patrol, apprehension.reference, wanted)
