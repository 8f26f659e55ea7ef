"""A carrier, an officer, posts, and PAXLST messages written for these tests (the real carriers' messages are read
in place from ../shared/data/paxlst-gtas by test_real_messages)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.manifests.services import set_carrier_codes
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
