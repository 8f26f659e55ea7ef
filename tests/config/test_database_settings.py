"""The database settings made from BORDERDESK_DATABASE_URL: SQLite in WAL mode; PostgreSQL with statements prepared
by the server unless a pooler in transaction mode asks otherwise (BORDERDESK_DATABASE_PREPARED=0)."""

import pytest
from django.db import connection

from borderdesk.config.settings import database_settings

PG = "postgresql://postgres@127.0.0.1:5432/borderdesk"


def test_postgresql_binds_on_the_server_and_prepares_by_default(monkeypatch):
    monkeypatch.delenv("BORDERDESK_DATABASE_PREPARED", raising=False)
    options = database_settings(PG)["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 2


def test_postgresql_prepares_nothing_when_told_not_to(monkeypatch):
    monkeypatch.setenv("BORDERDESK_DATABASE_PREPARED", "0")
    options = database_settings(PG).get("OPTIONS", {})
    assert "server_side_binding" not in options and "prepare_threshold" not in options


def test_sqlite_is_untouched_by_the_postgresql_option(monkeypatch, tmp_path):
    monkeypatch.setenv("BORDERDESK_DATABASE_PREPARED", "1")
    options = database_settings(f"sqlite:///{tmp_path / 'b.sqlite3'}")["OPTIONS"]
    assert "server_side_binding" not in options and options["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_the_test_database_runs_as_configured():
    """On the PostgreSQL pass every test runs with the server's binding and prepared statements: the whole suite
    is the proof that the app's statements all work that way."""
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL pass checks its own connection")
    connection.ensure_connection()
    assert connection.settings_dict["OPTIONS"].get("server_side_binding") is True
    assert connection.connection.prepare_threshold == 2
