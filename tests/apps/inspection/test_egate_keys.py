"""Finding 3: idempotency keys belong to who sent them. An e-gate's key is answered again only for the same
gate account at the same post and the same request; a booth form's key only on its own inspection."""

import json
from datetime import date

import pytest

from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Decision, Inspection
from borderdesk.apps.travellers.models import Crossing
from borderdesk.core.documents import MrzFields, generate_mrz
from tests.apps.inspection.conftest import TODAY, passport


def identity_card() -> str:
    """A zone that is not a passport: a TD1 identity card."""
    fields = MrzFields(
        document_code="I",
        issuing_state="THA",
        surname="KHAN",
        given_names="ALI",
        document_number="ID7654321",
        nationality="THA",
        birth_date=date(1990, 1, 1),
        sex="M",
        expiry_date=date(2031, 1, 1),
    )
    return "\n".join(generate_mrz("TD1", fields))


def send(client, body):
    return client.post("/api/v1/inspections", json.dumps(body), content_type="application/json")


@pytest.fixture
def gates_open(settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["THA"]


@pytest.fixture
def other_gate(make_user, other_port):
    return make_user("oth-gates", "border_officer", posts=[other_port.code])


def test_another_posts_gate_replaying_a_key_gets_nothing_of_the_first_answer(
    client_for, officer, other_gate, gates_open
):
    first = send(client_for(officer), {"mrz": passport(), "post": "TST", "idempotency_key": "k-1"}).json()
    assert first["gate_action"] == "open"
    junk = send(client_for(other_gate), {"mrz": "junk", "post": "OTH", "idempotency_key": "k-1"})
    assert junk.status_code == 422 and junk.json()["code"] == "not_an_mrz"
    card = send(client_for(other_gate), {"mrz": identity_card(), "post": "OTH", "idempotency_key": "k-1"}).json()
    assert card["inspection_id"] != first["inspection_id"], "a fresh inspection of the card, not the other one"
    assert card["gate_action"] == "to_booth" and "document_not_a_passport" in card["reasons"]
    assert Inspection.objects.get(pk=card["inspection_id"]).traveller.surname == "KHAN"
    assert Crossing.objects.count() == 1


def test_another_gate_account_at_the_same_post_has_its_own_keys(client_for, officer, make_user, gates_open):
    neighbour = make_user("tst-gates-2", "border_officer", posts=["TST"])
    first = send(client_for(officer), {"mrz": passport(), "post": "TST", "idempotency_key": "k-1"}).json()
    replay = send(client_for(neighbour), {"mrz": "junk", "post": "TST", "idempotency_key": "k-1"})
    assert replay.status_code == 422 and replay.json()["code"] == "not_an_mrz"
    assert first["gate_action"] == "open" and "inspection_id" not in replay.json()


def test_the_same_gate_replaying_the_same_request_gets_the_first_answer(officer, port, gates_open):
    first = services.egate_inspection(officer, mrz=passport(), post_code="TST", idempotency_key="k-1", today=TODAY)
    again = services.egate_inspection(
        officer, mrz=passport() + "\n", post_code="TST", idempotency_key="k-1", today=TODAY
    )
    assert again == first and Inspection.objects.count() == 1 and Crossing.objects.count() == 1


def test_a_to_booth_answer_is_replayed_too_without_a_second_inspection(officer, port, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = []
    first = services.egate_inspection(officer, mrz=passport(), post_code="TST", idempotency_key="k-2", today=TODAY)
    again = services.egate_inspection(officer, mrz=passport(), post_code="TST", idempotency_key="k-2", today=TODAY)
    assert first["gate_action"] == "to_booth" and again == first and Inspection.objects.count() == 1


def test_the_same_key_with_another_request_is_refused(client_for, officer, gates_open):
    client = client_for(officer)
    send(client, {"mrz": passport(), "post": "TST", "idempotency_key": "k-1"})
    other = send(
        client, {"mrz": passport(number="TH7654321", surname="CHAIYA"), "post": "TST", "idempotency_key": "k-1"}
    )
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    assert Inspection.objects.count() == 1


def test_a_gates_decision_key_is_not_derived_from_the_inspection(officer, port, gates_open):
    answer = services.egate_inspection(officer, mrz=passport(), post_code="TST", today=TODAY)
    key = Decision.objects.get().idempotency_key
    assert key != f"egate-{answer['inspection_id']}" and not key.startswith("egate") and len(key) >= 32


def test_a_booth_forms_key_is_bound_to_its_inspection(officer, session):
    mine = services.start_inspection(officer, session, passport(), today=TODAY)
    decided = services.decide(
        officer, mine, kind="refer", remarks="check", idempotency_key="form-1", version=mine.version, today=TODAY
    )
    other = services.start_inspection(officer, session, passport(number="TH7654321", surname="CHAIYA"), today=TODAY)
    replayed = services.decide(
        officer, other, kind="refer", remarks="check too", idempotency_key="form-1", version=other.version, today=TODAY
    )
    assert replayed.pk != decided.pk and replayed.inspection_id == other.pk
    assert (
        services.decide(
            officer, mine, kind="refer", remarks="again", idempotency_key="form-1", version=mine.version, today=TODAY
        ).pk
        == decided.pk
    )


def test_the_key_reused_error_is_a_conflict(officer, port, gates_open):
    services.egate_inspection(officer, mrz=passport(), post_code="TST", idempotency_key="k-9", today=TODAY)
    with pytest.raises(Conflict) as exc:
        services.egate_inspection(
            officer, mrz=passport(), post_code="TST", direction="exit", idempotency_key="k-9", today=TODAY
        )
    assert exc.value.code == "idempotency_key_reused"


def test_an_overlong_key_is_a_clear_422(client_for, officer, gates_open):
    response = send(client_for(officer), {"mrz": passport(), "post": "TST", "idempotency_key": "k" * 201})
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"
    assert Inspection.objects.count() == 0
