import itertools
import threading

import pytest
from django.db import DatabaseError, connection, transaction

from borderdesk.apps.audit import triggers
from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.audit.services import record_access, record_change, verify_trail, verify_trail_as
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.core.audit.actions import AuditAction
from tests.actors import SETUP


@pytest.fixture
def some_events(officer, port):
    record_change(officer, AuditAction.POSTS_POST_CREATE, port, new={"n": 1})
    record_access(officer, port, purpose="inspection", detail="scanned passport")
    record_change(officer, AuditAction.POSTS_POST_UPDATE, port, old={"n": 1}, new={"n": 2})
    return AuditEvent.objects.order_by("seq")


def test_events_chain_each_to_the_one_before(some_events):
    events = list(some_events)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    assert all(report.broken is None for report in verify_trail())


def test_access_events_record_who_where_and_why(some_events, officer):
    event = AccessEvent.objects.get()
    assert (event.actor, event.post_code, event.purpose, event.object_type) == (
        officer,
        "TST",
        "inspection",
        "posts.post",
    )


@pytest.mark.parametrize("model", [AuditEvent, AccessEvent])
def test_the_database_refuses_update(some_events, model):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.update(object_id="forged")
    table = model._meta.db_table
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET actor_username = 'nobody'")


@pytest.mark.parametrize("model", [AuditEvent, AccessEvent])
def test_the_database_refuses_delete(some_events, model):
    count = model.objects.count()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.all().delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table}")
    assert model.objects.count() == count


def test_verify_reports_the_first_altered_event(some_events):
    target = some_events[1]
    triggers.remove(connection)  # someone with raw database access goes around the triggers
    try:
        AuditEvent.objects.filter(pk=target.pk).update(new_values={"n": 1000})
    finally:
        triggers.install(connection)
    report = next(r for r in verify_trail() if r.name == "audit_events")
    assert report.broken.seq == target.seq and report.broken.reason == "hash_mismatch"
    assert report.checked == target.seq - 1


def test_only_auditors_verify_and_the_check_is_itself_audited(officer, auditor, some_events):
    with pytest.raises(PermissionDenied):
        verify_trail_as(officer)
    verify_trail_as(auditor)
    assert AuditEvent.objects.order_by("-seq").first().action == "audit.trail.verify"


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain(officer):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database is one connection: concurrency is proven on PostgreSQL")
    errors = []

    def write(n):
        try:
            for i in range(10):
                record_change(SETUP, AuditAction.AUDIT_TRAIL_VERIFY, object_type="t", object_id=f"{n}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AuditEvent.objects.filter(action=AuditAction.AUDIT_TRAIL_VERIFY).count() == 40
    assert all(report.broken is None for report in verify_trail())
