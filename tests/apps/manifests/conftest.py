"""A carrier, an officer, posts, and PAXLST messages written for these tests (the real carriers' messages are read
in place from ../shared/data/paxlst-gtas by test_real_messages)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.manifests.services import set_carrier_codes
from tests.actors import SETUP

# (surname, given names, born YYMMDD, nationality, document number or None)
TRAVELLERS = [
    ("O'BRIEN", "SEAN", "800402", "IRL", "PA1234567"),
    ("ERIKSSON", "ANNA MARIA", "740812", "SWE", "L898902C3"),
]


def paxlst(
    *,
    at: datetime,
    flight: str = "LH400",
    arrive: str = "TST",
    part: str = "",
    list_code: str = "745",
    travellers=TRAVELLERS,
    reference: str = "42",
    party: str = "FL",
    unt: int | None = None,
    stamp: str = "",
) -> bytes:
    """One PAXLST D:05B interchange landing at ``arrive`` at ``at`` (the airport's own clock). ``part``: UNH's
    sequence, e.g. "01:C" or "02:F"; ``unt`` a wrong segment count; ``stamp`` makes otherwise equal bytes differ
    (a carrier sending the same list again prepares a new interchange).

    Segments: UNB 1, UNH 2, BGM 3, TDT 4, the first traveller's NAD 9 (with a document, 7 segments a traveller),
    then CNT, UNT and UNZ."""

    def release(text: str) -> str:
        return text.replace("?", "??").replace("'", "?'").replace("+", "?+").replace(":", "?:")

    body = [
        f"UNH+{reference}+PAXLST:D:05B:UN:IATA" + (f"+ABC+{part}" if part else ""),
        f"BGM+{list_code}",
        f"TDT+20+{flight}+++{flight[:2]}",
        "LOC+125+FRA",
        f"DTM+189:{(at - timedelta(hours=3)):%y%m%d%H%M}:201",
        f"LOC+87+{arrive}",
        f"DTM+232:{at:%y%m%d%H%M}:201",
    ]
    for surname, given, born, nationality, number in travellers:
        body += [
            f"NAD+{party}+++{release(surname)}:{release(given)}",
            "ATT+2++M",
            f"DTM+329:{born}",
            f"NAT+2+{nationality}",
        ]
        if number:
            body += [
                f"DOC+P+{release(number)}",
                f"DTM+36:{(at + timedelta(days=3650)):%y%m%d}",
                f"LOC+91+{nationality}",
            ]
    body.append(f"CNT+42:{len(travellers)}")
    body.append(f"UNT+{unt if unt is not None else len(body) + 1}+{reference}")
    segments = [
        f"UNB+UNOC:4+{flight[:2]}:ZZ+UTOAPIS:ZZ+{at:%y%m%d}:0800{stamp}+{reference}",
        *body,
        f"UNZ+1+{reference}",
    ]
    return ("UNA:+.? '" + "".join(segment + "'" for segment in segments)).encode("latin-1")


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
