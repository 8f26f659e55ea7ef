"""POST /api/v1/patrols/{id}/positions: a unit's tracker's positions stored once, replays answered `replayed`,
and nonsense refused with a code and nothing stored."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.patrols.models import Position
from tests.actors import SETUP


@pytest.fixture
def tracker(make_user, coast):
    """The boat's tracker: a machine account holding the patrol-log permissions at the sector, and its token."""
    user = make_user("tracker-rhib-1", "patrol_officer", posts=[coast.code])
    return issue_token(SETUP, user, name="UTP-RHIB-1 tracker")[1]


def send(client, secret, patrol_id, body):
    return client.post(
        f"/api/v1/patrols/{patrol_id}/positions",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


def body(**changes):
    return {
        "at": (timezone.now() - timedelta(minutes=10)).isoformat(),
        "latitude": 38.75,
        "longitude": -9.5,
        "idempotency_key": "rhib-1-000001",
        **changes,
    }


def test_a_position_is_stored_once_and_its_replay_gets_the_first_answer(client, tracker, out):
    sent = body()
    first = send(client, tracker, out.pk, sent)
    assert first.status_code == 201, first.content
    assert first.json()["replayed"] is False and first.json()["latitude"] == 38.75
    again = send(client, tracker, out.pk, sent)
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert again.json()["position_id"] == first.json()["position_id"]
    assert Position.objects.get().source == "tracker"
    assert AuditEvent.objects.filter(action="patrols.position.report").count() == 1


def test_the_same_key_with_another_position_is_refused(client, tracker, out):
    send(client, tracker, out.pk, body())
    answer = send(client, tracker, out.pk, body(latitude=38.8))
    assert (answer.status_code, answer.json()["code"]) == (409, "idempotency_key_reused")
    assert Position.objects.count() == 1


def test_degrees_and_minutes_are_read_too(client, tracker, out):
    answer = send(client, tracker, out.pk, body(latitude="38°45.0'N", longitude="9°30.0'W"))
    assert answer.status_code == 201 and answer.json()["longitude"] == -9.5


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"latitude": 91}, 422, "latitude_out_of_range"),
        ({"latitude": -90.5}, 422, "latitude_out_of_range"),
        ({"longitude": 180.01}, 422, "longitude_out_of_range"),
        ({"longitude": "east"}, 422, "invalid_coordinate"),
        ({"latitude": float("nan")}, 422, "invalid_coordinate"),
        ({"at": "2099-01-01T00:00:00Z"}, 422, "time_in_future"),
        ({"at": "2020-01-01T00:00:00Z"}, 422, "position_before_start"),
        ({"at": "2026-05-04T06:40:00"}, 422, "naive_time"),
        ({"idempotency_key": ""}, 422, "idempotency_key_required"),
        ({"idempotency_key": "k" * 201}, 422, "invalid_request"),
        ({"latitude": None}, 422, "invalid_request"),
    ],
)
def test_nonsense_is_refused_with_a_code_and_nothing_stored(client, tracker, out, changes, status, code):
    answer = send(client, tracker, out.pk, body(**changes))
    assert (answer.status_code, answer.json()["code"]) == (status, code), answer.content
    assert answer["Content-Type"] == "application/problem+json"
    assert Position.objects.count() == 0


def test_another_position_at_the_same_moment_is_a_conflict(client, tracker, out):
    moment = (timezone.now() - timedelta(minutes=10)).isoformat()
    send(client, tracker, out.pk, body(at=moment))
    answer = send(client, tracker, out.pk, body(at=moment, latitude=38.9, idempotency_key="rhib-1-000002"))
    assert (answer.status_code, answer.json()["code"]) == (409, "position_at_same_time")


def test_another_sectors_patrol_and_no_patrol_are_refused(client, tracker, hill_patrol):
    answer = send(client, tracker, hill_patrol.pk, body())
    assert (answer.status_code, answer.json()["code"]) == (403, "not_your_post")
    assert AuditEvent.objects.filter(action="access.denied", post_code="UTHIL").count() == 1
    answer = send(client, tracker, 999_999, body())
    assert (answer.status_code, answer.json()["code"]) == (404, "patrol_not_found")
    assert Position.objects.count() == 0


def test_an_account_without_the_patrol_log_is_refused(client, make_user, coast, out):
    officer = make_user("booth", "border_officer", posts=[coast.code])
    secret = issue_token(SETUP, officer, name="not a tracker")[1]
    answer = send(client, secret, out.pk, body())
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")
    assert send(client, "wrong-token", out.pk, body()).status_code == 401
