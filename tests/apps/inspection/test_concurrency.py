"""Two officers at two booths decide about the same traveller at the same moment: one decision stands, the
other gets a clear message; nothing is doubled. Real concurrency needs PostgreSQL (SQLite's in-memory test
database is a single connection)."""

import threading

import pytest
from django.db import connection

from borderdesk.apps.common.errors import BorderdeskError
from borderdesk.apps.inspection import services
from borderdesk.apps.posts.services import create_booth
from borderdesk.apps.travellers.models import Crossing, Stay
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_booths_admitting_one_traveller_at_once(make_user, port):
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: the SQLite test database is one connection")
    create_booth(SETUP, port, code="A02", direction="entry", lane="all")
    officers = [make_user(f"o{n}", "border_officer", posts=[port.code]) for n in range(2)]
    sessions = [
        open_booth_on_shift(o, port.booths.get(code=code)) for o, code in zip(officers, ["A01", "A02"], strict=True)
    ]
    inspections = [
        services.start_inspection(o, s, passport(), today=TODAY) for o, s in zip(officers, sessions, strict=True)
    ]
    start, outcomes = threading.Barrier(2), []

    def admit(officer, inspection):
        try:
            start.wait()
            services.decide(
                officer,
                inspection,
                kind="admit",
                idempotency_key=f"k-{officer.pk}",
                version=inspection.version,
                today=TODAY,
            )
            outcomes.append("admitted")
        except BorderdeskError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=admit, args=pair) for pair in zip(officers, inspections, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The second scan superseded the first booth's undecided inspection: that booth is told to reload.
    assert sorted(outcomes) == ["admitted", "inspection_changed"]
    assert Crossing.objects.filter(outcome="admitted").count() == 1 and Stay.objects.count() == 1
