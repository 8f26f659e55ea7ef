"""Flights in the officer's web app: a post's arrivals of a day, a flight's page with its travellers, the flagged
ones, the missing parts and those not yet seen at a booth since it arrived; another post's flights stay closed."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.inspection.services import start_inspection
from borderdesk.apps.manifests import services
from borderdesk.apps.posts.models import Booth
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift

from .conftest import landing, paxlst, tomorrow_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def landed(port, carrier):
    """LH400 landed an hour ago at TST with two passengers; its crew list came in part 1 of 2 only."""
    at = landing(port, hours=-1)
    passengers = services.receive_manifest(carrier, paxlst(at=at)).flight
    crew = [("KAPITAN", "PETRA", "700101", "DEU", "C01"), ("NODOC", "OLAF", "710101", "DEU", None)]
    services.receive_manifest(
        carrier, paxlst(at=at, list_code="250", party="FM", travellers=crew, part="01:C", reference="7")
    )
    return passengers


def test_the_days_flights_at_the_post(client_for, officer, landed):
    page = client_for(officer).get(reverse("manifests:flights"), {"post": "TST", "day": landed.arrival_date})
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="flight-LH400"' in body and "Arrived" in body
    assert "1 flagged" in body  # the crew member with no document
    assert "Crew list: the parts after part 1 not received yet" in body


def test_the_list_defaults_to_today_at_the_users_airport(client_for, officer, port, carrier):
    services.receive_manifest(carrier, paxlst(at=tomorrow_at(port, 9)))
    officer.current_post = port
    officer.save()
    today = client_for(officer).get(reverse("manifests:flights")).content.decode()
    assert f"{port.local_date():%Y-%m-%d}" in today and 'data-testid="no-flights"' in today
    tomorrow = client_for(officer).get(reverse("manifests:flights"), {"day": port.local_date() + timedelta(days=1)})
    assert 'data-testid="flight-LH400"' in tomorrow.content.decode() and "Scheduled" in tomorrow.content.decode()


def test_a_bad_day_is_said_in_words(client_for, officer, port):
    page = client_for(officer).get(reverse("manifests:flights"), {"post": "TST", "day": "2026-02-30"})
    assert page.status_code == 422 and "is not a day" in page.content.decode()


def test_the_flights_page_shows_travellers_flags_parts_and_who_was_not_seen(client_for, officer, landed, port):
    body = client_for(officer).get(reverse("manifests:flight", args=[landed.pk])).content.decode()
    assert "O&#x27;BRIEN" in body and "ERIKSSON" in body and "KAPITAN" in body
    assert 'data-testid="missing-part"' in body and "the parts after part 1" in body
    assert 'data-testid="flag-no_document"' in body
    assert "4 not yet seen at a booth since arrival" in body
    assert AccessEvent.objects.filter(object_type="manifests.flight", object_id=str(landed.pk)).count() == 1


def test_a_traveller_inspected_at_the_post_after_arrival_is_seen(client_for, officer, landed, port):
    session = open_booth_on_shift(officer, Booth.objects.get(post=port, code="A01"))
    mrz = passport(surname="ERIKSSON", given="ANNA MARIA", number="L898902C3", nationality="SWE", sex="F")
    start_inspection(officer, session, mrz, today=TODAY)
    page = services.flight_page(officer, landed.pk)
    assert sorted(row.surname for row in page.not_seen) == ["KAPITAN", "NODOC", "O'BRIEN"]


def test_before_arrival_nobody_is_missing_yet(officer, port, carrier):
    flight = services.receive_manifest(carrier, paxlst(at=tomorrow_at(port, 9))).flight
    page = services.flight_page(officer, flight.pk)
    assert page.status == "scheduled" and page.not_seen is None


def test_an_officer_marks_a_flight_arrived_early(client_for, officer, port, carrier):
    flight = services.receive_manifest(carrier, paxlst(at=tomorrow_at(port, 9))).flight
    client = client_for(officer)
    assert 'data-testid="mark-arrived"' in client.get(reverse("manifests:flight", args=[flight.pk])).content.decode()
    response = client.post(reverse("manifests:mark-arrived", args=[flight.pk]))
    assert response.status_code == 302
    page = services.flight_page(officer, flight.pk)
    assert page.status == "arrived" and [row.surname for row in page.not_seen] == ["O'BRIEN", "ERIKSSON"]
    assert AuditEvent.objects.filter(action="manifests.flight.arrived", post_code="TST").count() == 1
    again = client.post(reverse("manifests:mark-arrived", args=[flight.pk]))
    assert again.status_code == 409 and "already" in again.content.decode()


def test_the_message_as_received_with_its_errors_at_their_segments(client_for, officer, port, carrier):
    received = services.receive_manifest(carrier, paxlst(at=tomorrow_at(port, 9), unt=99))
    body = client_for(officer).get(reverse("manifests:message", args=[received.message.pk])).content.decode()
    assert 'id="segment-24"' in body and "UNT+99+42" in body and "counts another number of segments" in body


def test_a_missing_part_shows_as_never_arrived_after_the_wait(client_for, officer, landed):
    with override_settings(BORDERDESK_MANIFEST_PART_WAIT_MINUTES=0):
        body = client_for(officer).get(reverse("manifests:flight", args=[landed.pk])).content.decode()
    assert "never arrived" in body


def test_another_posts_officer_is_refused_and_the_refusal_recorded(client_for, make_user, other_port, landed):
    elsewhere = make_user("elsewhere", "border_officer", "senior_officer", posts=[other_port.code])
    client = client_for(elsewhere)
    for url in (
        reverse("manifests:flight", args=[landed.pk]),
        reverse("manifests:message", args=[landed.messages.first().pk]),
        reverse("manifests:flights") + "?post=TST",
    ):
        response = client.get(url)
        assert response.status_code == 403 and "ERIKSSON" not in response.content.decode(), url
    assert client.post(reverse("manifests:mark-arrived", args=[landed.pk])).status_code == 403
    assert AuditEvent.objects.filter(action="access.denied", actor=elsewhere).count() == 4
    assert client.get(reverse("manifests:flight", args=[999999])).status_code == 404


def test_a_carrier_cannot_read_flights(client_for, carrier, landed):
    assert client_for(carrier).get(reverse("manifests:flight", args=[landed.pk])).status_code == 403
