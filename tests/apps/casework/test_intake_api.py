"""Another system lodges applications (POST /api/v1/applications) and reads how they stand (GET .../{reference}):
sent twice lodges once, an applicant on record under another document is asked about, other posts are refused, and
bodies too big or malformed are refused clearly."""

import json

import pytest
from django.test import Client

from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.casework.models import Application
from borderdesk.apps.travellers.models import Traveller
from tests.actors import SETUP
from tests.apps.casework.conftest import TOURIST
from tests.apps.casework.test_intake import misread, okafor
from tests.apps.inspection.conftest import passport

URL = "/api/v1/applications"


def body(**extra):
    return {
        "kind": "short_stay_visa",
        "post": "UTB",
        "mrz": passport(number="TH1234567"),
        "answers": TOURIST,
        "language": "fr",
        "contact_email": "narin@example.org",
        "external_reference": "VFS-2026-0001",
        **extra,
    }


def send(client, data, url=URL):
    raw = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(url, raw, content_type="application/json")


@pytest.fixture
def system(consul):
    """The sending system: an account with the consular officer's role at the embassy, with an API token."""
    _, secret = issue_token(SETUP, consul, name="Visa centre Berlin")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_sending_system_lodges_once_however_often_it_sends(system, embassy):
    first = send(system, body(sponsor={"kind": "host", "name": "Hotel Adlon"}))
    assert first.status_code == 201, first.content
    lodged = first.json()
    case = Application.objects.get()
    assert lodged["reference"] == case.reference and lodged["state"] == "lodged" and lodged["fee_amount"] == "80.00"
    assert (case.channel, case.external_reference, case.language) == ("api", "VFS-2026-0001", "fr")
    assert case.sponsor == {"kind": "host", "name": "Hotel Adlon"}
    again = send(system, body())
    assert again.status_code == 409 and again["Content-Type"] == "application/problem+json"
    assert again.json()["code"] == "application_exists" and again.json()["reference"] == case.reference
    other_passport = send(system, body(mrz=passport(number="TH7654321")))
    assert other_passport.json()["code"] == "application_exists"
    assert Application.objects.count() == 1 and Traveller.objects.count() == 1


def test_an_applicant_on_record_under_another_document_is_asked_about(system, embassy, applicant):
    known, _ = applicant
    asked = send(system, body(mrz=okafor()))
    assert asked.status_code == 409 and asked.json()["code"] == "applicant_on_record"
    [person] = asked.json()["people"]
    assert person["who"] == "applicant" and person["document"] == "P NGA B12345678"
    assert [c["id"] for c in person["candidates"]] == [known.pk]
    assert person["candidates"][0]["documents"] == ["P NGA A07654321"]
    assert Application.objects.count() == 0 and AccessEvent.objects.filter(object_id=str(known.pk)).exists()
    same = send(system, body(mrz=okafor(), applicant=str(known.pk)))
    assert same.status_code == 201 and Application.objects.get().applicant == known
    assert known.documents.count() == 2


def test_family_members_come_with_the_principal(system, embassy):
    family = [
        {"mrz": passport(given="MALI", number="TH7000001", sex="F"), "relationship": "spouse"},
        {"mrz": passport(given="NOI", number="TH7000002"), "relationship": "child", "answers": TOURIST},
    ]
    answer = send(system, body(family=family))
    assert answer.status_code == 201, answer.content
    linked = answer.json()["family"]
    assert [f["relationship"] for f in linked] == ["spouse", "child"]
    principal = Application.objects.get(reference=answer.json()["reference"])
    assert set(principal.family.values_list("reference", flat=True)) == {f["reference"] for f in linked}
    status = system.get(f"{URL}/{linked[0]['reference']}").json()
    assert status["principal"] == principal.reference


def test_a_bad_zone_or_form_is_refused_clearly_and_nothing_is_lodged(system, embassy):
    misread_zone = send(system, body(mrz=misread(passport())))
    assert misread_zone.status_code == 422 and misread_zone.json()["code"] == "mrz_misread"
    assert misread_zone.json()["field"] == "mrz"
    wrong = send(system, body(answers={**TOURIST, "entries": "seven"}))
    assert wrong.status_code == 422 and wrong.json() | {"detail": ""} == wrong.json() | {
        "code": "answers_invalid",
        "field": "entries",
        "detail": "",
    }
    for bad, code in [
        (body(kind="extension_of_stay"), "kind_not_lodged_here"),
        (body(kind="nonsense"), "unknown_application_kind"),
        (body(language="xx"), "unknown_language"),
        (body(contact_email="@"), "contact_email_invalid"),
        (body(sponsor={"kind": "friend", "name": "X"}), "sponsor_invalid"),
        (body(answers={**TOURIST, "purpose": ["tourism"]}), "answers_invalid"),
        (body(family=[{"mrz": passport(number="X1"), "relationship": "neighbour"}]), "relationship_invalid"),
        (body(applicant="someone"), None),  # no one to choose between: a new traveller, the choice unused
    ]:
        answer = send(system, bad)
        if code is None:
            assert answer.status_code == 201
            continue
        assert answer.status_code == 422 and answer.json()["code"] == code, (code, answer.content)
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "status", "code"),
    [
        ("{not json", 400, "invalid_json"),
        ("[]", 422, "invalid_request"),
        (json.dumps({"kind": "short_stay_visa"}), 422, "invalid_request"),
        (json.dumps(body(external_reference="")), 422, "invalid_request"),
        (json.dumps(body(external_reference="x" * 81)), 422, "invalid_request"),
        (json.dumps(body(mrz="P<" * 1000)), 422, "invalid_request"),
        (json.dumps(body(answers={f"q{n}": "x" for n in range(500)})), 422, "answers_invalid"),
        (json.dumps(body(answers={"purpose": "x" * 100_000})), 422, "answers_invalid"),
        (json.dumps(body(family=[{"mrz": "x", "relationship": "child"}] * 40)), 422, "invalid_request"),
        (json.dumps(body(mrz="P<UTO\u0000")), 422, "nul_character"),
        ('{"a":' * 100 + "1" + "}" * 100, 400, "invalid_json"),
    ],
)
def test_huge_or_malformed_bodies_are_refused(system, embassy, raw, status, code):
    answer = send(system, raw)
    assert answer.status_code == status and answer.json()["code"] == code, answer.content[:300]
    assert Application.objects.count() == 0 and Traveller.objects.count() == 0


def test_another_posts_officer_is_refused(client_for, caseworker, embassy, visa_case):
    client = client_for(caseworker)
    lodging = send(client, body())
    assert lodging.status_code == 403 and lodging.json()["code"] == "not_your_post"
    reading = client.get(f"{URL}/{visa_case.reference}")
    assert reading.status_code == 403 and "OKAFOR" not in reading.content.decode()
    assert Application.objects.count() == 1


def test_reading_an_application_says_how_it_stands_and_is_logged(system, visa_case):
    answer = system.get(f"{URL}/{visa_case.reference.lower()}")
    assert answer.status_code == 200, answer.content
    assert answer.json() == {
        "reference": visa_case.reference,
        "kind": "short_stay_visa",
        "state": "lodged",
        "post": "UTB",
        "lodged_on": "2026-03-02",
        "decision_due": "2026-03-17",
        "outcome": None,
        "visa_number": None,
        "principal": None,
    }
    event = AccessEvent.objects.filter(purpose="application status").get()
    assert event.detail == visa_case.reference and event.post_code == "UTB"
    missing = system.get(f"{URL}/UTB-2026-999999")
    assert missing.status_code == 404 and missing.json()["code"] == "application_not_found"
    assert system.get(f"{URL}/{'X' * 5000}").status_code == 404


def test_without_credentials_nothing_is_lodged(embassy):
    assert send(Client(), body()).status_code == 401
    assert send(Client(HTTP_AUTHORIZATION="Bearer bdt_wrong"), body()).status_code == 401
    assert Application.objects.count() == 0
