"""Two officers at once: starting one boat's patrol, ending one patrol, reporting two positions for one moment.
One stands, the other is refused with its code, and nothing is stored twice. Real concurrency needs PostgreSQL
(SQLite's in-memory test database is a single connection)."""

import threading

import pytest
from django.db import connection

from borderdesk.apps.common.errors import BorderdeskError
from borderdesk.apps.patrols import services
from borderdesk.apps.patrols.models import Patrol, Position, Sector
from tests.apps.patrols.conftest import minutes_ago

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*calls) -> list[str]:
    """Each call in its own thread, released together: what each came to ("done" or the refusal's code)."""
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: the SQLite test database is one connection")
    start, outcomes = threading.Barrier(len(calls)), []

    def run(call):
        try:
            start.wait()
            call()
            outcomes.append("done")
        except BorderdeskError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_officers_starting_one_boats_patrol_at_once_make_one_patrol(kai, lena, boat):
    def start(officer):
        return lambda: services.start_patrol(
            officer, post_code="UTPSN", unit_id=boat.pk, crew=[(officer.pk, "")], started_at=minutes_ago(10)
        )

    assert at_once(start(kai), start(lena)) == ["done", "unit_on_patrol"]
    assert Patrol.objects.filter(unit=boat).count() == 1


def test_two_officers_ending_one_patrol_at_once_end_it_once(kai, lena, out):
    def end(officer):
        return lambda: services.end_patrol(officer, out.pk, ended_at=minutes_ago(1))

    assert at_once(end(kai), end(lena)) == ["done", "patrol_already_ended"]


def test_two_positions_for_one_moment_at_once_store_one(kai, lena, out):
    moment = minutes_ago(30)

    def report(officer, lat):
        return lambda: services.report_position(officer, out.pk, at=moment, latitude=lat, longitude="-9.5")

    assert at_once(report(kai, "38.70"), report(lena, "38.71")) == ["done", "position_at_same_time"]
    assert Position.objects.filter(patrol=out).count() == 1


def test_two_officers_setting_up_one_sector_at_once_make_one(kai, lena, coast):
    def save(officer, north):
        boundary = f"{north}, -9.75\n{north}, -9.25\n38.60, -9.25\n38.60, -9.75"
        return lambda: services.save_sector(officer, post_code="UTPSN", terrain="sea", boundary=boundary)

    # the second waits for the first and changes its boundary, or finds it made meanwhile: never two, never a 500
    assert at_once(save(kai, "38.95"), save(lena, "38.90")) in (["done", "done"], ["done", "sector_saved_at_once"])
    assert Sector.objects.filter(post=coast).count() == 1
