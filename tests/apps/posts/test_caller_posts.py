"""Finding 8c: a post code the caller sends is checked before anything is written with it. Unknown codes are
422 ``unknown_post``, posts the caller is not assigned to 403 ``not_your_post``, on every endpoint taking one."""

import json

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Invalid, PermissionDenied
from borderdesk.apps.policy.models import Evaluation
from borderdesk.apps.posts.services import post_of_caller
from borderdesk.apps.watchlists.models import Screening
from tests.apps.conftest import work_events
from tests.apps.inspection.conftest import passport

SITUATION = {
    "nationality": "MYS",
    "document": {"expiry": "2030-01-01", "issued": "2022-01-01"},
    "planned_departure": "2025-03-14",
    "purpose": "tourism",
    "return_ticket": True,
    "accommodation": True,
}
ENDPOINTS = [
    ("/api/v1/inspections", lambda code: {"mrz": passport(), "post": code}),
    ("/api/v1/screening", lambda code: {"name": "Anna Example", "post_code": code}),
    ("/api/v1/rules/evaluate", lambda code: {"situation": SITUATION, "date": "2025-03-01", "post": code}),
]


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def written():
    return (work_events().count(), AccessEvent.objects.count(), Screening.objects.count(), Evaluation.objects.count())


def test_a_post_of_ones_own_is_returned(officer, port):
    assert post_of_caller(officer, "TST") == port
    assert post_of_caller(officer, " tst ") == port
    assert post_of_caller(None, "TST") == port, "the command line (the system) may name any post"


def test_unknown_and_foreign_posts_are_refused(officer, other_port, make_user):
    for code in ("NOPE", "", None):
        with pytest.raises(Invalid) as exc:
            post_of_caller(officer, code)
        assert exc.value.code == "unknown_post"
    with pytest.raises(PermissionDenied) as exc:
        post_of_caller(officer, other_port.code)
    assert exc.value.code == "not_your_post"
    headquarters = make_user("hq", "border_officer", all_posts=True)
    assert post_of_caller(headquarters, other_port.code) == other_port


@pytest.mark.parametrize("url, body", ENDPOINTS, ids=["egate", "screening", "rules"])
def test_every_endpoint_refuses_an_unknown_post_before_writing(client_for, officer, url, body):
    client = client_for(officer)
    before = written()
    response = post_json(client, url, body("NOPE"))
    assert response.status_code == 422 and response.json()["code"] == "unknown_post", response.json()
    assert written() == before


@pytest.mark.parametrize("url, body", ENDPOINTS, ids=["egate", "screening", "rules"])
def test_every_endpoint_refuses_a_post_not_ones_own_before_writing(client_for, officer, other_port, url, body):
    client = client_for(officer)
    before = written()
    response = post_json(client, url, body(other_port.code))
    assert response.status_code == 403 and response.json()["code"] == "not_your_post", response.json()
    assert written() == before


@pytest.mark.parametrize("url, body", ENDPOINTS, ids=["egate", "screening", "rules"])
def test_every_endpoint_writes_ones_own_post_to_the_trail(client_for, officer, port, url, body):
    audit_seq, access_seq = AuditEvent.objects.count(), AccessEvent.objects.count()
    response = post_json(client_for(officer), url, body("TST"))
    assert response.status_code == 200, response.json()
    trail = list(AuditEvent.objects.filter(seq__gt=audit_seq).values_list("post_code", flat=True)) + list(
        AccessEvent.objects.filter(seq__gt=access_seq).values_list("post_code", flat=True)
    )
    assert trail and set(trail) == {"TST"}
