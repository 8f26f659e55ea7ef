"""POST /api/v1/queues/counts: a sensor's counts stored once, and nonsense refused with a code and nothing stored."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.queues.models import QueueCount
from borderdesk.apps.queues.services import QueueSetup, save_queue
from tests.actors import SETUP

URL = "/api/v1/queues/counts"


def send(client, secret, body):
    return client.post(URL, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")


def body(the_queue, **changes):
    return {
        "queue": the_queue.pk,
        "at": (timezone.now() - timedelta(minutes=1)).isoformat(),
        "waiting": 40,
        "joined": 12,
        "idempotency_key": "hall-a-0001",
        **changes,
    }


def test_a_count_is_stored_once_and_its_replay_gets_the_first_answer(client, sensor, residents):
    _, secret = sensor
    sent = body(residents)
    first = send(client, secret, sent)
    assert first.status_code == 201, first.content
    again = send(client, secret, sent)
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert again.json()["count_id"] == first.json()["count_id"]
    assert QueueCount.objects.count() == 1
    assert AuditEvent.objects.filter(action="queues.count.receive").count() == 1


def test_the_same_key_with_another_count_is_refused(client, sensor, residents):
    _, secret = sensor
    send(client, secret, body(residents))
    answer = send(client, secret, body(residents, waiting=41))
    assert (answer.status_code, answer.json()["code"]) == (409, "idempotency_key_reused")
    assert QueueCount.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"waiting": -1}, 422, "negative_count"),
        ({"joined": -5}, 422, "negative_count"),
        ({"waiting": 1_000_000}, 422, "absurd_count"),
        ({"at": "2099-01-01T00:00:00Z"}, 422, "count_in_future"),
        ({"at": "2020-01-01T00:00:00Z"}, 422, "count_too_old"),
        ({"at": "2026-05-04T06:40:00"}, 422, "naive_time"),
        ({"idempotency_key": ""}, 422, "idempotency_key_required"),
        ({"queue": 999_999}, 404, "queue_not_found"),
        ({"waiting": "many"}, 422, "invalid_request"),
    ],
)
def test_nonsense_is_refused_with_a_code_and_nothing_stored(client, sensor, residents, changes, status, code):
    _, secret = sensor
    answer = send(client, secret, body(residents, **changes))
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert QueueCount.objects.count() == 0


def test_a_count_not_after_the_latest_is_out_of_order(client, sensor, residents):
    _, secret = sensor
    moment = timezone.now() - timedelta(minutes=5)
    assert send(client, secret, body(residents, at=moment.isoformat())).status_code == 201
    earlier = (moment - timedelta(minutes=1)).isoformat()
    answer = send(client, secret, body(residents, at=earlier, idempotency_key="hall-a-0000"))
    assert (answer.status_code, answer.json()["code"]) == (409, "count_out_of_order")
    assert QueueCount.objects.count() == 1


def test_another_posts_queue_is_refused(client, sensor):
    _, secret = sensor
    elsewhere = create_post(SETUP, code="OTH", name="Other", kind="seaport", country="UTO", time_zone="UTC")
    theirs = save_queue(SETUP, elsewhere, QueueSetup(kind="visitors"))
    answer = send(client, secret, body(theirs))
    assert (answer.status_code, answer.json()["code"]) == (403, "not_your_post")
    assert QueueCount.objects.count() == 0


def test_an_officer_without_the_count_permission_is_refused(client, officer, residents):
    from borderdesk.apps.accounts.tokens import issue_token

    _, secret = issue_token(SETUP, officer, name="not a sensor")
    answer = send(client, secret, body(residents))
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")


def test_a_closed_queue_takes_no_count(client, sensor, port, residents):
    _, secret = sensor
    save_queue(SETUP, port, QueueSetup(kind="residents", lanes=("all",), is_active=False), queue_id=residents.pk)
    answer = send(client, secret, body(residents))
    assert (answer.status_code, answer.json()["code"]) == (409, "queue_closed")


def test_no_token_no_count(client, residents):
    answer = client.post(URL, json.dumps(body(residents)), content_type="application/json")
    assert answer.status_code == 401
