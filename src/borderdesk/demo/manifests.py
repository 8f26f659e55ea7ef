"""Demo manifests: today's arrivals at Utopia City International Airport (UCX) as the fictional Utopian carriers
send them, so that an officer's Flights page has something to look at twice: a traveller with no document, an
expired passport, two travellers on one passport number, a passenger list whose second part never came, and a
wrong segment count. Everything here is made up; ``paxlst`` writes the messages (the tests write theirs with it)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.manifests.models import Flight
from borderdesk.apps.manifests.screening import screen_message
from borderdesk.apps.manifests.services import receive_manifest
from borderdesk.apps.posts.models import Post

# (surname, given names, born YYMMDD, nationality, document number or None[, expiry date])
Traveller = tuple


def paxlst(
    *,
    at: datetime,
    flight: str = "LH400",
    departure: str = "FRA",
    arrive: str = "TST",
    part: str = "",
    list_code: str = "745",
    travellers: list[Traveller] | tuple[Traveller, ...] = (),
    reference: str = "42",
    party: str = "FL",
    unt: int | None = None,
    stamp: str = "",
) -> bytes:
    """One PAXLST D:05B interchange (UNOC) landing at ``arrive`` at ``at`` (the airport's own clock). ``part``:
    UNH's sequence, e.g. "01:C" or "02:F"; ``list_code`` BGM's (745 passengers, 250 crew); ``party`` the NAD
    qualifier of every traveller; ``unt`` a wrong segment count; ``stamp`` makes otherwise equal bytes differ (a
    carrier sending a list again prepares a new interchange).

    Segments: UNB 1, UNH 2, BGM 3, TDT 4, the first traveller's NAD 9 (with a document, 7 segments a traveller),
    then CNT, UNT and UNZ."""
    body = [
        f"UNH+{reference}+PAXLST:D:05B:UN:IATA" + (f"+ABC+{part}" if part else ""),
        f"BGM+{list_code}",
        f"TDT+20+{flight}+++{flight[:2]}",
        f"LOC+125+{departure}",
        f"DTM+189:{(at - timedelta(hours=3)):%y%m%d%H%M}:201",
        f"LOC+87+{arrive}",
        f"DTM+232:{at:%y%m%d%H%M}:201",
    ]
    for surname, given, born, nationality, number, *expiry in travellers:
        body += [f"NAD+{party}+++{_released(surname)}:{_released(given)}", "ATT+2++M", f"DTM+329:{born}"]
        body.append(f"NAT+2+{nationality}")
        if number:
            expires = expiry[0] if expiry else (at + timedelta(days=3650)).date()
            body += [f"DOC+P+{_released(number)}", f"DTM+36:{expires:%y%m%d}", f"LOC+91+{nationality}"]
    body.append(f"CNT+42:{len(travellers)}")
    body.append(f"UNT+{unt if unt is not None else len(body) + 1}+{reference}")
    segments = [
        f"UNB+UNOC:4+{flight[:2]}:ZZ+UTOAPIS:ZZ+{at:%y%m%d}:0800{stamp}+{reference}",
        *body,
        f"UNZ+1+{reference}",
    ]
    return ("UNA:+.? '" + "".join(segment + "'" for segment in segments)).encode("latin-1")


def _released(text: str) -> str:
    for character in "?'+:":
        text = text.replace(character, "?" + character)
    return text


PASSENGERS = [
    ("HYTHLODAY", "RAPHAEL", "800412", "UTO", "UT1000001"),
    ("GILES", "PETER", "750301", "NLD", "NL2000002"),
    ("MORUS", "THOMAS", "780207", "GBR", "GB3000003"),
    ("ERASMUS", "DESIDERIUS", "661028", "NLD", "NL2000004"),
    ("BUSLEYDEN", "JEROME", "920115", "BEL", "BE4000005"),
    ("TUNSTALL", "CUTHBERT", "870630", "GBR", "GB3000006"),
    ("AMAUROT", "ADEMUS", "010101", "UTO", None),  # no document given
    ("ANYDER", "LUCIA", "690909", "ESP", "ES5000008", date(2020, 1, 31)),  # expired
    ("ABRAXA", "MIRA", "950505", "PRT", "PT6000009"),
    ("ABRAXA", "LEON", "970707", "PRT", "PT6000009"),  # the same passport number as his sister's
]
CREW = [("CASTELL", "IRIS", "820202", "UTO", "UTC000101"), ("VOGT", "EMIL", "840404", "DEU", "DEC000102")]


def load_demo_manifests(progress=lambda _: None) -> int:
    post = Post.objects.filter(code="UCX").first()
    if post is None:
        return 0
    today = post.local_date()
    if Flight.objects.filter(post=post, arrival_date=today).exists():
        return 0
    sent = [
        paxlst(at=_on(today, "06:10"), flight="UX101", departure="LIS", arrive="UCX", travellers=PASSENGERS[:6]),
        paxlst(
            at=_on(today, "06:10"), flight="UX101", departure="LIS", arrive="UCX", travellers=CREW, list_code="250",
            party="FM", reference="43",
        ),
        # UX305: part 1 and part 3 of its passenger list came, part 2 never did; its UNT miscounts.
        paxlst(
            at=_on(today, "07:30"), flight="UX305", departure="FRA", arrive="UCX", travellers=PASSENGERS[6:8],
            part="01:C", reference="51",
        ),
        paxlst(
            at=_on(today, "07:30"), flight="UX305", departure="FRA", arrive="UCX", travellers=PASSENGERS[8:],
            part="03:F", reference="53", unt=99,
        ),
        paxlst(
            at=_on(today, "18:45"), flight="UX707", departure="MAD", arrive="UCX", travellers=PASSENGERS[1:5],
            reference="70",
        ),
    ]  # fmt: skip
    for data in sent:
        received = receive_manifest(DEMO, data, channel="cli", filename="demo", screen=False)
        if not received.duplicate:
            screen_message(DEMO, received.message.pk)
    progress(f"  {len(sent)} manifests of today's flights at {post.code}")
    return len(sent)


def _on(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock))
