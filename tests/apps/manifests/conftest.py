"""A carrier, an officer, posts, and PAXLST messages written for these tests (the real carriers' messages are read
in place from ../shared/data/paxlst-gtas by test_real_messages)."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.manifests.services import set_carrier_codes
from borderdesk.apps.travellers.models import Crossing, CrossingOutcome, Stay
from borderdesk.apps.travellers.services import new_traveller
from borderdesk.demo.manifests import paxlst as write_paxlst
from tests.actors import SETUP

# (surname, given names, born YYMMDD, nationality, document number or None)
TRAVELLERS = [
    ("O'BRIEN", "SEAN", "800402", "IRL", "PA1234567"),
    ("ERIKSSON", "ANNA MARIA", "740812", "SWE", "L898902C3"),
]


def paxlst(**message) -> bytes:
    """A PAXLST interchange as ``borderdesk.demo.manifests.paxlst`` writes it, with two passengers unless told:
    UNB 1, UNH 2, BGM 3, TDT 4, the first traveller's NAD 9 (7 segments a traveller with a document)."""
    return write_paxlst(**{"travellers": TRAVELLERS, **message})


def tomorrow_at(post, hour: int) -> datetime:
    """A naive time tomorrow on the post's clock, whatever the time of day now."""
    return datetime.combine(post.local_date() + timedelta(days=1), time(hour, 0))


def landing(post, *, hours: float) -> datetime:
    """A naive time on the post's clock ``hours`` from now (a manifest's times carry no zone)."""
    moment = timezone.localtime(timezone.now() + timedelta(hours=hours), zoneinfo.ZoneInfo(post.time_zone))
    return moment.replace(tzinfo=None, second=0, microsecond=0)


@pytest.fixture
def carrier(make_user):
    user = make_user("lufthansa", "carrier")
    set_carrier_codes(SETUP, "lufthansa", ["LH", "DLH"])
    user.forget_cached_grants()
    return user


@pytest.fixture
def senior(make_user, port):
    return make_user("senior", "senior_officer", posts=[port.code])


# Who pre-arrival screening finds something about (``known_world`` puts them on record).
LISTED = ("KARIMOV", "RUSTAM", "880601", "UZB", "UZ7654321")  # on the national list: refuse entry
STOLEN = ("SRISAI", "NARIN", "880601", "THA", "TH1234567")  # THA is visa free; the passport is reported stolen
NO_VISA = ("OKAFOR", "CHIDI", "900101", "NGA", "NG5550001")  # NGA needs an e-visa
RETURNING = ("SMITH", "JOHN", "700101", "THA", "TH7000001")  # overstayed and was refused before
CLEAR = ("ERIKSSON", "ANNA MARIA", "740812", "SWE", "L898902C3")  # visa on arrival: nothing before travel


@pytest.fixture
def known_world(db, tmp_path, port, monkeypatch, admin_user):
    from borderdesk.apps.travel_documents import services as documents
    from borderdesk.apps.watchlists.services import forget_screener, import_list
    from borderdesk.core.documents import LostStolenRegister

    path = tmp_path / "national.csv"
    path.write_text(
        "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"
        "N-17,Rustam Karimov,,1988-06-01,UZB,M,UZ7654321:UZB,Deported 2024; re-entry ban,refuse_entry\n"
    )
    forget_screener()
    import_list(SETUP, "csv", path, list_name="national")
    monkeypatch.setattr(documents, "_cached", (None, LostStolenRegister()))
    documents.import_lost_stolen(
        admin_user,
        b"document_number,issuing_state,document_type,reported_on,reason\nTH1234567,THA,P,2025-01-02,stolen\n",
        source_name="register.csv",
    )
    traveller, document = new_traveller(
        SETUP,
        {
            "surname": "SMITH",
            "given_names": "JOHN",
            "birth_date": "1970-01-01",
            "nationality": "THA",
            "sex": "M",
            "issuing_state": "THA",
            "document_number": "TH7000001",
        },
        post_code=None,
    )
    when = date(2024, 3, 1)
    entry = Crossing.objects.create(
        traveller=traveller,
        document=document,
        post=port,
        direction="entry",
        outcome=CrossingOutcome.ADMITTED,
        occurred_at=f"{when}T10:00Z",
    )
    Crossing.objects.create(
        traveller=traveller,
        document=document,
        post=port,
        direction="entry",
        outcome=CrossingOutcome.REFUSED,
        occurred_at="2025-02-01T10:00Z",
    )
    Stay.objects.create(
        traveller=traveller,
        entry=entry,
        exit=None,
        entry_date=when,
        exit_date=when + timedelta(days=40),
        admitted_until=when + timedelta(days=30),
        overstay_days=10,
    )
    yield
    forget_screener()
