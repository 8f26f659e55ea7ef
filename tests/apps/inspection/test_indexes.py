"""The indexes of the tables every inspection writes. None is covered by another: each index is a page written at
every insert, and one on a random key (a traveller, a hash) a page of its own. And the question every scan asks (has
its post an inspection left open too long?) is answered by a range of an index, not by reading every open one."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from borderdesk.apps.audit import triggers
from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.inspection.models import Alert, Decision, GateRequest, Inspection
from borderdesk.apps.inspection.services import scan
from borderdesk.apps.policy.models import Evaluation
from borderdesk.apps.travellers.models import Crossing, Stay
from borderdesk.apps.watchlists.models import Screening

WRITTEN_BY_AN_INSPECTION = (AuditEvent, AccessEvent, Inspection, Decision, GateRequest, Alert, Crossing, Stay)
WRITTEN_BY_AN_INSPECTION += (Evaluation, Screening)


def _indexes(model) -> dict[str, dict]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {name: info for name, info in constraints.items() if info["index"] or info["unique"]}


def _partial(model) -> set[str]:
    """Indexes that hold only some rows cover nothing (SQLite's introspection does not say which they are)."""
    declared = [*model._meta.indexes, *model._meta.constraints]
    return {item.name for item in declared if getattr(item, "condition", None) is not None}


@pytest.mark.django_db
@pytest.mark.parametrize("model", WRITTEN_BY_AN_INSPECTION, ids=lambda model: model._meta.db_table)
def test_no_index_is_covered_by_another(model):
    indexes = _indexes(model)
    partial = _partial(model)
    covered = [
        (name, other)
        for name, info in indexes.items()
        if not info["unique"] and info["columns"]
        for other, other_info in indexes.items()
        if other != name
        and other not in partial
        and len(other_info["columns"]) > len(info["columns"])
        and other_info["columns"][: len(info["columns"])] == info["columns"]
    ]
    assert covered == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", [AuditEvent, AccessEvent], ids=lambda model: model._meta.db_table)
def test_the_chain_hash_has_its_unique_index_only(model):
    on_hash = [name for name, info in _indexes(model).items() if info["columns"] == ["hash"]]
    assert len(on_hash) == 1 and _indexes(model)[on_hash[0]]["unique"]


def _index_names(model) -> set[str]:
    return set(_indexes(model))


@pytest.mark.django_db(transaction=True)
def test_the_audit_migration_drops_and_restores_the_indexes_and_keeps_the_triggers():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    after = {model: _index_names(model) for model in (AuditEvent, AccessEvent)}
    try:
        executor.migrate([("audit", "0005_auditoralert")])
        for model in (AuditEvent, AccessEvent):
            restored = _index_names(model) - after[model]
            expected = 2 if connection.vendor == "postgresql" else 1  # the pattern index is PostgreSQL's own
            assert len(restored) == expected, restored
            assert any(_indexes(model)[name]["columns"] == ["actor_id"] for name in restored)
        assert triggers.missing(connection) == {table: [] for table in triggers.TABLES}
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert {model: _index_names(model) for model in (AuditEvent, AccessEvent)} == after
    assert triggers.missing(connection) == {table: [] for table in triggers.TABLES}


def _plan(sql: str, params: list) -> list[str]:
    """The database's plan for a statement, one line per step, with the planner told to prefer indexes: the test
    tables are too small for it to choose one on its own."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_every_scan_finds_its_posts_stale_inspections_by_a_range_of_an_index():
    """Every scan asks whether its post has an inspection left open too long. Without the time in the index, the
    database read every open inspection at the post to say no: 16 ms and 7,500 pages at 1,923 open ones."""
    sql, params = scan._supersede_question(
        Inspection(pk=5, post_id=1, traveller_id=7), timezone.now() - timedelta(hours=12)
    )
    plan = _plan(sql, params)
    # PostgreSQL: "Index Cond: (... AND (created_at < $7))"; SQLite: "SEARCH ... INDEX ... (... AND created_at<?)"
    by_time = [step for step in plan if ("created_at <" in step and "Index Cond" in step) or "created_at<?" in step]
    assert by_time, plan
