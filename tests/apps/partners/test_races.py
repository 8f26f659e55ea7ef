"""Two webhook workers at once never send one alert twice: each claims its next alert with the row locked
(``skip_locked``), so they share the due alerts between them. Real concurrency needs PostgreSQL (SQLite's
in-memory test database is a single connection)."""

import threading

import pytest
from django.db import connection

from borderdesk.apps.partners.models import Alert, Delivery
from borderdesk.apps.partners.services import deliver_due, refer
from tests.actors import SETUP
from tests.apps.partners.conftest import PERSON

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_share_the_due_alerts_and_send_each_once(patrol_officer, sector, hooked, receiver):
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: the SQLite test database is one connection")
    partner, _ = hooked
    for _ in range(12):
        refer(patrol_officer, post=sector, partner=partner, kind="referral", reason="r", shared=PERSON)
    receiver.mode, receiver.slow_seconds = "slow", 0.05  # each send takes a moment: the workers overlap
    start, reports = threading.Barrier(2), []

    def work():
        try:
            start.wait()
            reports.append(deliver_due(SETUP, timeout=2))
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    keys = [r.headers["X-Borderdesk-Delivery"] for r in receiver.received]
    assert len(keys) == len(set(keys)) == 12
    assert sum(report.delivered for report in reports) == 12
    assert all(report.delivered for report in reports), "both workers took a share"
    assert Alert.objects.filter(state="delivered").count() == 12 and Delivery.objects.count() == 12
