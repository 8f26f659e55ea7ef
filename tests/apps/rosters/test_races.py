"""Two duty managers roster one officer at the same moment with overlapping shifts: one shift stands, the other
is refused as a double-booking (the officer's row is locked while the rules are checked). Real concurrency needs
PostgreSQL (SQLite's in-memory test database is a single connection)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from borderdesk.apps.common.errors import BorderdeskError
from borderdesk.apps.rosters import changes
from borderdesk.apps.rosters.models import Shift
from tests.apps.rosters.conftest import hours_from_now

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_managers_rostering_one_officer_at_once_make_one_shift(make_user, officer, port):
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: the SQLite test database is one connection")
    managers = [make_user(f"duty{n}", "duty_manager", posts=[port.code]) for n in range(2)]
    start, outcomes = threading.Barrier(2), []

    def roster(manager, hour):
        try:
            start.wait()
            starts = hours_from_now(hour)
            changes.create_shift(
                manager, post=port, officer=officer, starts_at=starts, ends_at=starts + timedelta(hours=8)
            )
            outcomes.append("made")
        except BorderdeskError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=roster, args=(m, 24 + n)) for n, m in enumerate(managers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["double_booked", "made"]
    assert Shift.objects.filter(officer=officer).count() == 1
