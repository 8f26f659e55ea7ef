"""Races (finding 5): twenty gates scanning the same new passport at once make one traveller and one document,
and every scan is answered; a gate sending one request twice at once gets one inspection and one answer. Real
concurrency needs PostgreSQL (SQLite's in-memory test database is a single connection)."""

import threading

import pytest
from django.db import connection

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.audit.services import verify_trail
from borderdesk.apps.common.errors import BorderdeskError
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from tests.apps.inspection.conftest import TODAY, passport

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(count: int, work) -> list:
    """Run ``work()`` in ``count`` threads released together; each thread's answer or error, in any order."""
    start, outcomes = threading.Barrier(count), []

    def run():
        try:
            start.wait()
            outcomes.append(work())
        except BorderdeskError as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # the test reports what escaped
            outcomes.append(f"unexpected {type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def postgres_only():
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: the SQLite test database is one connection")


def test_twenty_first_scans_of_one_new_passport_make_one_traveller(postgres_only, officer, port, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = []
    outcomes = at_once(20, lambda: services.egate_inspection(officer, mrz=passport(), post_code="TST", today=TODAY))
    escaped = [o for o in outcomes if isinstance(o, str)]
    assert len(outcomes) == 20 and not escaped, escaped
    assert Traveller.objects.count() == 1 and HeldDocument.objects.count() == 1
    assert Inspection.objects.count() == 20 and {i.traveller_id for i in Inspection.objects.all()} == {
        Traveller.objects.get().pk
    }
    assert AuditEvent.objects.filter(action="travellers.traveller.create").count() == 1, "losers' events undone"
    assert all(report.broken is None for report in verify_trail())


def test_one_gate_request_sent_twice_at_once_is_one_inspection(postgres_only, officer, port, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["THA"]
    outcomes = at_once(
        4,
        lambda: services.egate_inspection(
            officer, mrz=passport(), post_code="TST", today=TODAY, idempotency_key="twice"
        ),
    )
    assert all(isinstance(o, dict) for o in outcomes), outcomes
    assert len({o["inspection_id"] for o in outcomes}) == 1 and Inspection.objects.count() == 1
