"""A refused request is in the audit trail for good: the access.denied event is written after the refused work's
transaction ended, so the rollback of that work does not take the record of the refusal with it."""

import pytest
from django.db import connection

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.posts.services import create_booth
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport

pytestmark = pytest.mark.django_db(transaction=True)


def _denial(path: str) -> AuditEvent:
    assert not connection.in_atomic_block, "the request left a transaction open"
    return AuditEvent.objects.get(action="access.denied", new_values__path=path)


def test_a_page_refused_for_want_of_the_permission_is_recorded(client_for, officer):
    response = client_for(officer).get("/audit/")
    assert response.status_code == 403
    event = _denial("/audit/")
    assert event.actor_username == "officer" and event.post_code == "TST"
    assert event.new_values["permission"] == "audit:trail:read" and event.new_values["method"] == "GET"


def test_a_refusal_by_the_service_behind_a_page_survives_its_rollback(client_for, officer, other_port):
    booth = create_booth(SETUP, other_port, code="Z01", direction="entry", lane="all")
    response = client_for(officer).post("/booth/open", {"booth": booth.pk})
    assert response.status_code == 403 and b"not_your_post" in response.content
    event = _denial("/booth/open")
    assert event.new_values["permission"] == "border:inspection:decide" and event.new_values["post"] == "OTH"
    assert event.post_code == "OTH"


def test_a_refusal_by_the_service_behind_the_api_survives_its_rollback(client_for, officer, other_port):
    response = client_for(officer).post(
        "/api/v1/inspections", {"mrz": passport(), "post": "OTH"}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["code"] == "not_your_post"
    assert Inspection.objects.count() == 0, "the refused work was rolled back"
    event = _denial("/api/v1/inspections")
    assert event.new_values["permission"] == "post:assignment" and event.new_values["post"] == "OTH"
    assert event.new_values["method"] == "POST" and event.actor_username == "officer"
