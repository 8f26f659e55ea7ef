"""POST /api/v1/carriers/board-check (#18 item 4): board, no_board or contact_authority for one traveller, with a
reference, every answer kept and audited; another carrier's flight refused; a replayed key answered once."""

from datetime import timedelta

import pytest
from django.test import Client

from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.manifests.models import BoardingCheck
from borderdesk.apps.watchlists.models import Screening
from tests.actors import SETUP

pytestmark = pytest.mark.django_db
URL = "/api/v1/carriers/board-check"


@pytest.fixture
def airline(carrier):
    _, secret = issue_token(SETUP, carrier, name="Lufthansa APIS gateway")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def question(
    port, *, key="k1", surname="ERIKSSON", given="X", number="L898902C3", state="SWE", born="1974-08-12", **extra
):
    body = {
        "flight": "LH400",
        "arrival_airport": port.code,
        "arrival_date": port.local_date().isoformat(),
        "traveller": {"surname": surname, "given_names": given, "birth_date": born, "nationality": state},
        "document": {"type": "P", "number": number, "issuing_state": state, "expiry_date": "2035-01-01"},
        "idempotency_key": key,
    }
    body.update(extra)
    return body


def ask(client, body):
    return client.post(URL, body, content_type="application/json")


def test_a_clear_traveller_boards_with_a_reference_kept_and_audited(airline, port, known_world):
    response = ask(airline, question(port))
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["answer"] == "board" and answer["grounds"] == [] and answer["replayed"] is False
    assert answer["reference"].startswith("BC-")
    check = BoardingCheck.objects.get()
    assert check.reference == answer["reference"] and check.post == port and check.asked_by.username == "lufthansa"
    event = AuditEvent.objects.get(action="manifests.boarding.checked")
    assert event.new_values["answer"] == "board" and event.post_code == "TST"


@pytest.mark.parametrize(
    ("who", "grounds"),
    [
        (dict(surname="SRISAI", number="TH1234567", state="THA", born="1988-06-01"), ["document_not_valid"]),
        (dict(surname="OKAFOR", number="NG5550001", state="NGA", born="1990-01-01"), ["visa_required"]),
        (dict(surname="KARIMOV", number="UZ7654321", state="UZB", born="1988-06-01"), ["not_admissible"]),
    ],
)
def test_clear_grounds_answer_no_board_without_naming_a_watchlist(airline, port, known_world, who, grounds):
    answer = ask(airline, question(port, **who)).json()
    assert (answer["answer"], answer["grounds"]) == ("no_board", grounds)
    assert "national" not in str(answer) and "Deported" not in str(answer)


def test_an_expired_document_does_not_board(airline, port, known_world):
    body = question(port)
    body["document"]["expiry_date"] = (port.local_date() - timedelta(days=1)).isoformat()
    assert ask(airline, body).json()["grounds"] == ["document_expired"]


def test_a_possible_match_is_for_the_authority(airline, port, known_world):
    # The listed name, another document and birth date: not sure enough to refuse boarding.
    who = dict(surname="KARIMOV", given="RUSTAM", number="UZ0000001", state="UZB", born="1979-01-01")
    body = ask(airline, question(port, **who)).json()
    check = BoardingCheck.objects.get()
    assert (body["answer"], body["grounds"]) == ("contact_authority", [])
    assert [r["code"] for r in check.reasons] == ["watchlist_possible"]
    assert check.screening_id == Screening.objects.get(purpose="board-check").pk


def test_the_same_key_again_gets_the_first_answer_stored_once(airline, port, known_world):
    first = ask(airline, question(port)).json()
    again = ask(airline, question(port))
    assert again.status_code == 200 and again.json()["reference"] == first["reference"]
    assert again.json()["replayed"] is True and BoardingCheck.objects.count() == 1
    reused = ask(airline, question(port, surname="OTHER"))
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"


def test_another_carriers_flight_is_refused(airline, port, known_world):
    response = ask(airline, question(port, flight="BA123"))
    assert response.status_code == 403 and response.json()["code"] == "not_your_carrier"
    assert BoardingCheck.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (dict(flight="12"), "invalid_flight"),
        (dict(arrival_airport="ZZZ"), "no_arrival_post"),
        (dict(idempotency_key=""), "idempotency_key_required"),
        (dict(document={"number": " ", "issuing_state": "SWE"}), "document_required"),
    ],
)
def test_bad_questions_are_refused_with_nothing_stored(airline, port, known_world, change, code):
    response = ask(airline, question(port, **change))
    assert response.status_code == 422 and response.json()["code"] == code
    assert BoardingCheck.objects.count() == 0


def test_a_malformed_or_huge_body_is_refused(airline, port, known_world):
    assert airline.post(URL, "{not json", content_type="application/json").status_code in (400, 422)
    huge = question(port, surname="A" * 5000)
    assert ask(airline, huge).status_code == 422
    assert BoardingCheck.objects.count() == 0


def test_an_officer_may_not_ask(client_for, officer, port, known_world):
    response = client_for(officer).post(URL, question(port), content_type="application/json")
    assert response.status_code == 403
