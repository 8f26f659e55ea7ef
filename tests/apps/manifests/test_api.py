"""POST /api/v1/manifests: a carrier's system sends its lists with its own API token."""

import pytest
from django.test import Client, override_settings

from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.manifests.models import Message
from tests.actors import SETUP

from .conftest import paxlst, tomorrow_at

pytestmark = pytest.mark.django_db
URL = "/api/v1/manifests"


@pytest.fixture
def airline(carrier):
    _, secret = issue_token(SETUP, carrier, name="Lufthansa APIS gateway")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def send(client, body: bytes, content_type="application/edifact"):
    return client.generic("POST", URL, body, content_type=content_type)


def test_a_carrier_sends_a_manifest_and_gets_its_flight_and_counts(airline, port):
    response = send(airline, paxlst(at=tomorrow_at(port, 9), unt=99))
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["duplicate"] is False
    assert answer["flight"]["designator"] == "LH400" and answer["flight"]["post"] == "TST"
    assert answer["travellers"] == {"read": 2, "counted": 2, "already_listed": 0, "declared": 2}
    assert answer["parts"] == {"received": [1], "total": 1, "missing": [], "last_received": True}
    assert [(e["code"], e["segment"]) for e in answer["errors"]] == [("segment_count_mismatch", 24)]
    assert AuditEvent.objects.get(action="manifests.message.receive").actor_username == "lufthansa"


def test_the_same_message_again_is_a_duplicate_stored_once(airline, port):
    body = paxlst(at=tomorrow_at(port, 9))
    first = send(airline, body).json()
    again = send(airline, body)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["message"]["id"] == first["message"]["id"] and Message.objects.count() == 1


def test_any_content_type_lets_the_content_decide(airline, port):
    assert send(airline, paxlst(at=tomorrow_at(port, 9)), "application/octet-stream").status_code == 201
    at = tomorrow_at(port, 11).strftime("%Y-%m-%dT%H:%M")
    csv = f"carrier_flight,arrival_airport,arrival_at,surname,document_number,nationality\nLH402,TST,{at},KAHN,K1,DEU\n"
    response = send(airline, csv.encode(), "text/csv; charset=utf-8")
    assert response.status_code == 201 and response.json()["flight"]["designator"] == "LH402"


def test_what_is_no_manifest_is_refused_with_a_code(airline, port):
    response = send(airline, b'{"passengers": []}', "application/json")
    assert response.status_code == 422 and response.json()["code"] == "manifest_unreadable"
    assert response["Content-Type"] == "application/problem+json" and not Message.objects.exists()


@override_settings(BORDERDESK_MANIFEST_MAX_KB=1)
def test_a_huge_body_is_refused_before_it_is_read(airline, port):
    response = send(airline, b"UNB+UNOA:4'" + b"X" * 5000)
    assert response.status_code == 413 and response.json()["code"] == "manifest_too_large"


def test_a_body_over_the_request_limit_is_refused_by_the_house(airline, port, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = send(airline, b"UNB+UNOA:4'" + b"X" * 5000)
    assert response.status_code == 413 and response.json()["code"] == "request_too_large"


def test_another_carriers_flight_is_refused_and_the_refusal_recorded(airline, port):
    response = send(airline, paxlst(at=tomorrow_at(port, 9), flight="BA117"))
    assert response.status_code == 403 and response.json()["code"] == "not_your_carrier"
    assert not Message.objects.exists()
    denied = AuditEvent.objects.get(action="access.denied")
    assert denied.new_values["code"] == "not_your_carrier" and denied.new_values["path"] == URL


def test_without_a_token_or_with_a_revoked_one_nothing_is_received(port, carrier):
    assert Client().generic("POST", URL, paxlst(at=tomorrow_at(port, 9))).status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Bearer bdt_not-a-token")
    assert send(bad, paxlst(at=tomorrow_at(port, 9))).status_code == 401
    assert not Message.objects.exists()


def test_an_officers_session_may_not_send(client_for, officer, port):
    response = send(client_for(officer), paxlst(at=tomorrow_at(port, 9)))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied", response.content
    assert "carrier" in response.json()["detail"] and not Message.objects.exists()


def test_a_manifest_sent_as_a_form_is_refused_saying_how_to_send_it(airline, port):
    response = airline.post(URL, {"file": "UNB+UNOA:4'"})  # multipart/form-data
    assert response.status_code == 415 and response.json()["code"] == "manifest_not_in_body"
    assert not Message.objects.exists()
