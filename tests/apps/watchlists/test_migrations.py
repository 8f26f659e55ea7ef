"""Migration 0002: a false match one senior officer decided alone before four eyes becomes a proposal."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE, AFTER = [("watchlists", "0001_initial")], [("watchlists", "0002_false_match_four_eyes")]


def _apps_at(executor, target):
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_single_officer_false_matches_become_proposals_and_suppress_nothing():
    executor = MigrationExecutor(connection)
    try:
        old = _apps_at(executor, BEFORE)
        screening = old.get_model("watchlists", "Screening").objects.create(
            actor_username="senior", purpose="test", query={"name": "Sergei Volkov"}, person_fingerprint="p1"
        )
        ScreeningMatch = old.get_model("watchlists", "ScreeningMatch")
        judged = ScreeningMatch.objects.create(
            screening=screening,
            list_name="national",
            entry_id="UTO-1",
            name="Sergei Volkov",
            score=0.9,
            decision="hit",
            explanation={},
            entry_fingerprint="e1",
            verdict="false_match",
            verdict_reason="not him",
        )
        confirmed = ScreeningMatch.objects.create(
            screening=screening,
            list_name="national",
            entry_id="UTO-4",
            name="Sergei Volkov Petrov",
            score=0.8,
            decision="hit",
            explanation={},
            entry_fingerprint="e4",
            verdict="confirmed",
            verdict_reason="him",
        )
        old.get_model("watchlists", "FalseMatch").objects.create(
            list_name="national",
            entry_id="UTO-1",
            person_fingerprint="p1",
            entry_fingerprint="e1",
            match=judged,
            reason="not him",
        )

        new = _apps_at(MigrationExecutor(connection), AFTER)
        ScreeningMatch = new.get_model("watchlists", "ScreeningMatch")
        assert ScreeningMatch.objects.get(pk=judged.pk).verdict == "false_match_proposed"
        assert ScreeningMatch.objects.get(pk=confirmed.pk).verdict == "confirmed"
        assert not new.get_model("watchlists", "FalseMatch").objects.exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
