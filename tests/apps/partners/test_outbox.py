"""The outbox: alerts posted to a real local HTTP endpoint, signed; an endpoint that is down, slow, failing or
redirecting gets the alert later, with back-off, and nothing is ever lost."""

import json
import time
from datetime import timedelta

from django.utils import timezone

from borderdesk.apps.partners.models import Alert, Delivery
from borderdesk.apps.partners.services import deliver_due, refer
from borderdesk.core.partners import BACKOFF_FIRST, verify
from tests.actors import SETUP
from tests.apps.partners.conftest import PERSON
from tests.apps.partners.receiver import closed_port_url


def make_referral(officer, sector, partner):
    return refer(officer, post=sector, partner=partner, kind="referral", reason="Seen at the pier.", shared=PERSON)


def test_a_due_alert_is_posted_signed_and_marked_delivered(patrol_officer, sector, hooked, receiver):
    partner, secret = hooked
    referral = make_referral(patrol_officer, sector, partner)

    report = deliver_due(SETUP)

    assert (report.delivered, report.failed) == (1, 0)
    [got] = receiver.received
    headers = {key.lower(): value for key, value in got.headers.items()}
    verify(secret.encode(), headers["x-borderdesk-timestamp"], got.body, headers["x-borderdesk-signature"], time.time())
    assert headers["x-borderdesk-event"] == "referral.made"
    assert headers["x-borderdesk-delivery"] == f"referral.made:{referral.reference}"
    body = json.loads(got.body)
    assert body["data"]["shared"] == PERSON and body["data"]["reference"] == referral.reference
    assert "source" not in body["data"]
    alert = Alert.objects.get(referral=referral)
    assert (alert.state, alert.attempts, alert.last_error) == ("delivered", 1, "")
    assert list(alert.deliveries.values_list("status_code", "error")) == [(200, "")]
    assert deliver_due(SETUP).attempts == []  # delivered once, not again


def test_a_failing_endpoint_gets_the_alert_again_later_and_nothing_is_lost(patrol_officer, sector, hooked, receiver):
    partner, _ = hooked
    make_referral(patrol_officer, sector, partner)
    receiver.mode = "fail"

    before = timezone.now()
    first = deliver_due(SETUP)
    alert = Alert.objects.get()
    assert (first.failed, alert.state, alert.attempts) == (1, "failing", 1)
    assert alert.last_error.startswith("HTTP 500")
    wait = alert.next_attempt_at - before
    assert BACKOFF_FIRST * 0.8 - timedelta(seconds=1) <= wait <= BACKOFF_FIRST + timedelta(seconds=1)
    assert deliver_due(SETUP).attempts == []  # not due yet

    second = deliver_due(SETUP, now=alert.next_attempt_at)
    alert.refresh_from_db()
    assert second.failed == 1 and alert.attempts == 2
    assert alert.next_attempt_at - second_attempt_time(alert) > BACKOFF_FIRST * 1.5  # the wait doubled

    receiver.mode = "ok"
    third = deliver_due(SETUP, now=alert.next_attempt_at)
    alert.refresh_from_db()
    assert third.delivered == 1 and alert.state == "delivered" and alert.attempts == 3
    assert list(Delivery.objects.filter(alert=alert).values_list("status_code", flat=True)) == [500, 500, 200]
    assert len(receiver.received) == 3
    assert len({r.headers["X-Borderdesk-Delivery"] for r in receiver.received}) == 1  # one alert, one key


def second_attempt_time(alert):
    return alert.deliveries.order_by("-attempted_at").first().attempted_at


def test_an_endpoint_that_is_down_is_a_failed_attempt_with_the_reason(patrol_officer, sector, hooked):
    partner, _ = hooked
    partner.webhook_url = closed_port_url()
    partner.save()
    make_referral(patrol_officer, sector, partner)

    report = deliver_due(SETUP)

    [attempt] = report.attempts
    assert not attempt.delivered and attempt.status_code is None and attempt.next_attempt_at
    assert attempt.error.startswith("not reached") and "refused" in attempt.error.lower()
    alert = Alert.objects.get()
    assert alert.state == "failing" and alert.deliveries.get().error == attempt.error


def test_a_slow_endpoint_times_out_and_counts_as_a_failed_attempt(patrol_officer, sector, hooked, receiver):
    partner, _ = hooked
    make_referral(patrol_officer, sector, partner)
    receiver.mode, receiver.slow_seconds = "slow", 2.0

    started = time.monotonic()
    report = deliver_due(SETUP, timeout=0.5)

    assert time.monotonic() - started < 1.8
    [attempt] = report.attempts
    assert not attempt.delivered and attempt.error == "timed out after 0.5 s"
    assert Alert.objects.get().state == "failing"


def test_a_redirect_is_not_followed_and_is_a_failed_attempt(patrol_officer, sector, hooked, receiver):
    partner, _ = hooked
    make_referral(patrol_officer, sector, partner)
    receiver.mode = "redirect"

    [attempt] = deliver_due(SETUP).attempts

    assert attempt.status_code == 302 and not attempt.delivered
    assert len(receiver.received) == 1  # the address it pointed to was not posted to


def test_alerts_of_a_partner_without_webhook_or_secret_wait_kept(patrol_officer, sector, police, customs, keys_dir):
    police.webhook_url = "http://127.0.0.1:9/hook"  # an address, but no secret: nothing could be signed
    police.save()
    make_referral(patrol_officer, sector, police)
    make_referral(patrol_officer, sector, customs)  # no address at all

    assert deliver_due(SETUP).attempts == []
    assert list(Alert.objects.values_list("state", "attempts")) == [("pending", 0), ("pending", 0)]


def test_a_secret_that_does_not_open_is_recorded_as_the_attempt_s_error(patrol_officer, sector, hooked):
    partner, _ = hooked
    sealed = bytes(partner.webhook_secret)
    partner.webhook_secret = sealed[:-1] + bytes([sealed[-1] ^ 0xFF])  # a new last byte, whatever it was
    partner.save()
    make_referral(patrol_officer, sector, partner)

    [attempt] = deliver_due(SETUP).attempts

    assert attempt.error == "webhook_secret_unreadable" and Alert.objects.get().state == "failing"


def test_one_pass_sends_at_most_its_limit_and_the_next_pass_the_rest(patrol_officer, sector, hooked, receiver):
    partner, _ = hooked
    for _ in range(3):
        make_referral(patrol_officer, sector, partner)
    seen = []

    first = deliver_due(SETUP, limit=2, progress=lambda stage, done, total: seen.append((stage, done, total)))

    assert first.delivered == 2 and seen == [("sending", 1, 2), ("sending", 2, 2)]
    assert deliver_due(SETUP).delivered == 1
    assert Alert.objects.filter(state="delivered").count() == 3
