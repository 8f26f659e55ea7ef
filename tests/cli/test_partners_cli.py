"""`borderdesk partners deliver --once [--json]`: the webhook worker as an operator runs it, against a real local
HTTP endpoint; a failed delivery exits 1 and says when it is tried again."""

import json

import pytest
from django.utils import timezone

from borderdesk.apps.partners.models import Alert, Partner
from borderdesk.apps.partners.services import management
from borderdesk.cli import main
from tests.actors import SETUP
from tests.apps.partners.receiver import Receiver, closed_port_url, start


@pytest.fixture
def receiver():
    found = Receiver()
    server = start(found)
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def partner(db, settings, tmp_path, receiver):
    settings.DATA_DIR = tmp_path
    found = Partner.objects.create(code="police", name="Police", kind="police", webhook_url=receiver.url)
    management.set_webhook_secret(SETUP, found)
    for n in range(2):
        Alert.objects.create(
            partner=found,
            event="test.ping",
            payload={"n": n},
            idempotency_key=f"ping:{n}",
            next_attempt_at=timezone.now(),
        )
    return found


def test_deliver_once_sends_what_is_due_and_reports_it_as_json(partner, receiver, capsys):
    assert main(["partners", "deliver", "--once", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["attempted"], report["delivered"], report["failed"]) == (2, 2, 0)
    assert len(receiver.received) == 2 and not Alert.objects.exclude(state="delivered").exists()


def test_a_partner_that_is_down_exits_1_and_keeps_the_alerts(partner, capsys):
    Partner.objects.filter(pk=partner.pk).update(webhook_url=closed_port_url())
    assert main(["partners", "deliver", "--once"]) == 1
    out = capsys.readouterr().out
    assert "Sent 2 alerts: 0 delivered, 2 failed." in out and "not reached" in out and "next attempt" in out
    assert list(Alert.objects.values_list("state", "attempts")) == [("failing", 1), ("failing", 1)]


def test_bad_options_are_refused(capsys):
    assert main(["partners", "deliver", "--once", "--limit", "0"]) == 2
    assert "invalid_option" in capsys.readouterr().err
