"""The five real carriers' messages in ../shared/data/paxlst-gtas (US-CBP GTAS test resources), read in place,
stored through the import: every traveller used, every error at its segment, the crew and the first part of the
passenger list of UA989 joined into one flight, the parts that never came said so, nothing doubled."""

import pytest
from django.test import override_settings

from borderdesk.apps.accounts.actors import command_line
from borderdesk.apps.manifests import services
from borderdesk.apps.manifests.models import Flight, ManifestTraveller, Message
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP

pytestmark = pytest.mark.django_db

FILES = ["Test1.txt", "Test3.txt", "airline2.edi", "apisMessage.txt", "multiple_flight_leg_apis.txt"]
AIRPORTS = {"IAD": "America/New_York", "JFK": "America/New_York", "CDG": "Europe/Paris", "YEU": "America/Toronto"}


@pytest.fixture
def airports(db):
    return {
        code: create_post(SETUP, code=code, name=f"Airport {code}", kind="airport", country="UTO", time_zone=zone)
        for code, zone in AIRPORTS.items()
    }


@pytest.fixture
def imported(shared_data, airports):
    folder = shared_data / "paxlst-gtas"
    operator = command_line("manifest import")
    return {
        name: services.receive_manifest(operator, (folder / name).read_bytes(), channel="cli", filename=name)
        for name in FILES
    }


def codes(received) -> dict[str, int]:
    found: dict[str, int] = {}
    for error in received.errors:
        found[error["code"]] = found.get(error["code"], 0) + 1
    return found


def test_every_traveller_of_the_five_messages_is_stored_and_counted(imported):
    assert sum(received.message.travellers_read for received in imported.values()) == 282
    assert ManifestTraveller.objects.filter(current=True).count() == 282


def test_the_messages_are_kept_exactly_as_received(imported, shared_data):
    for name, received in imported.items():
        stored = Message.objects.get(pk=received.message.pk)
        assert bytes(stored.raw) == (shared_data / "paxlst-gtas" / name).read_bytes(), name


def test_crew_and_passengers_of_ua989_join_into_one_flight_at_iad(imported, airports):
    crew, passengers = imported["Test1.txt"], imported["Test3.txt"]
    assert crew.flight == passengers.flight
    flight = Flight.objects.get(pk=crew.flight.pk)
    assert (flight.designator, flight.departure_airport, flight.post, str(flight.arrival_date)) == (
        "UA989",
        "FRA",
        airports["IAD"],
        "2017-01-28",
    )
    assert flight.travellers.filter(current=True, kind="crew").count() == 8
    assert flight.travellers.filter(current=True, kind="passenger").count() == 260


def test_their_errors_are_kept_at_their_segments(imported):
    crew = imported["Test1.txt"]
    assert codes(crew) == {"bad_character": 16, "segment_count_mismatch": 1}
    assert {k: v for k, v in crew.errors[-1].items() if k != "message"} == {
        "code": "segment_count_mismatch",
        "segment": 109,
    }
    passengers = imported["Test3.txt"]
    assert codes(passengers)["declared_count_mismatch"] == 1 and codes(passengers)["bad_character"] == 520
    assert codes(imported["apisMessage.txt"]) == {"no_document": 2}


def test_eight_crew_on_one_passport_number_are_eight_people_each_flagged(imported):
    crew = ManifestTraveller.objects.filter(message=imported["Test1.txt"].message)
    assert crew.count() == 8 and all(row.current for row in crew)
    assert all("shared_document" in row.flags for row in crew)


def test_the_parts_that_never_came(imported, airports, make_user):
    officer = make_user("iad", "border_officer", posts=list(AIRPORTS))
    assert imported["Test3.txt"].parts.last_received is False  # part 1, more to follow: they never came
    assert imported["airline2.edi"].parts.missing == tuple(range(1, 10))  # part 10, the last: 1 to 9 never came
    with override_settings(BORDERDESK_MANIFEST_PART_WAIT_MINUTES=0):
        page = services.flight_page(officer, imported["airline2.edi"].flight.pk)
        ua989 = services.flight_page(officer, imported["Test1.txt"].flight.pk)
    assert [(parts.gaps, parts.waited_enough) for parts in page.lists] == [(["parts 1 to 9 of 10"], True)]
    assert {parts.list_type: parts.gaps for parts in ua989.lists} == {
        "crew": [],
        "passengers": ["the parts after part 1"],
    }


def test_legs_only_and_several_legs_land_where_the_message_says(imported, airports):
    assert imported["apisMessage.txt"].flight.post == airports["JFK"]  # the last leg, ORD to JFK
    assert imported["apisMessage.txt"].flight.designator == "AA124"
    assert imported["multiple_flight_leg_apis.txt"].flight.post == airports["CDG"]  # LOC+125 JFK, LOC+87 CDG


def test_importing_them_all_again_doubles_nothing(imported, shared_data):
    operator = command_line("manifest import")
    for name in FILES:
        again = services.receive_manifest(operator, (shared_data / "paxlst-gtas" / name).read_bytes())
        assert again.duplicate and again.message == imported[name].message
    assert Message.objects.count() == 5 and ManifestTraveller.objects.count() == 282
