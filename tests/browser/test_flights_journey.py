"""Flights in Chromium: a carrier's system sends LH400's passenger list and the first part of its crew list for
tomorrow; an officer at the airport opens Flights from the navigation, tomorrow's flights, the flight, sees its
travellers, the crew member with no document flagged, a passenger flagged by pre-arrival screening (no visa) and
the crew list's part that never arrived, marks it as arrived, then opens the message as received at the flagged
traveller's segment."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.manifests.services import receive_manifest, set_carrier_codes
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP
from tests.apps.manifests.conftest import TRAVELLERS, paxlst
from tests.browser.conftest import accessibility_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def flight(db):
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    airline = create_user(SETUP, username="airline", password=None, roles=["carrier"])
    set_carrier_codes(SETUP, "airline", ["LH"])
    at = datetime.combine(post.local_date() + timedelta(days=1), time(9, 0))  # tomorrow, whatever the time now
    crew = [("KAPITAN", "PETRA", "700101", "DEU", "C01"), ("NODOC", "OLAF", "710101", "DEU", None)]
    passengers = [*TRAVELLERS, ("OKAFOR", "CHIDI", "900101", "NGA", "NG5550001")]  # NGA needs an e-visa
    landing = receive_manifest(airline, paxlst(at=at, arrive="UCX", travellers=passengers)).flight
    receive_manifest(
        airline, paxlst(at=at, arrive="UCX", list_code="250", party="FM", travellers=crew, part="01:C", reference="7")
    )
    return landing


@override_settings(BORDERDESK_MANIFEST_PART_WAIT_MINUTES=0)
def test_an_officer_finds_the_flight_its_travellers_and_the_part_that_never_arrived(page, flight):
    sign_in(page, "officer", PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="Flights", exact=True).click()
    expect(page).to_have_url(re.compile(r"/flights/$"))
    expect(page.get_by_test_id("no-flights")).to_be_visible()  # none today
    page.get_by_test_id("flights-next").click()
    row = page.get_by_test_id("flight-LH400")
    expect(row).to_contain_text("3")  # passengers
    expect(row).to_contain_text("Crew list: the parts after part 1 never arrived")
    assert accessibility_problems(page) == []

    row.get_by_role("link", name="LH400").click()
    expect(page.get_by_test_id("flight-heading")).to_have_text("Flight LH400 from FRA to UCX")
    expect(page.get_by_test_id("flight-status")).to_have_text("Scheduled")
    expect(page.get_by_test_id("missing-part")).to_contain_text("Crew list: the parts after part 1 never arrived")
    expect(page.get_by_test_id("passengers")).to_contain_text("ERIKSSON, ANNA MARIA")
    expect(page.get_by_test_id("passengers")).to_contain_text("O'BRIEN, SEAN")
    expect(page.get_by_test_id("crew")).to_contain_text("KAPITAN, PETRA")
    flagged = page.get_by_test_id("flagged")
    expect(flagged).to_contain_text("NODOC, OLAF")
    expect(flagged).to_contain_text("A traveller with no travel document")
    expect(flagged).to_contain_text("OKAFOR, CHIDI")  # found by pre-arrival screening, with the reason
    expect(flagged).to_contain_text("Needs a visa or authorisation: none valid on record")
    expect(page.get_by_test_id("screening-done")).to_contain_text("5 of 5")  # passengers and crew
    expect(page.get_by_test_id("not-arrived")).to_be_visible()
    assert accessibility_problems(page) == []

    page.get_by_test_id("mark-arrived").click()
    expect(page.get_by_test_id("flight-status")).to_have_text("Arrived")
    expect(page.get_by_test_id("not-seen-count")).to_have_text("5 not yet seen at a booth since arrival")

    flagged.get_by_role("link", name=re.compile(r"segment 16 of message")).click()
    expect(page).to_have_url(re.compile(r"/flights/messages/\d+/#segment-16$"))
    expect(page.locator("#segment-16")).to_contain_text("NAD+FM+++NODOC:OLAF")
    expect(page.locator("#segment-16")).to_contain_text("A traveller with no travel document")
    assert accessibility_problems(page) == []
