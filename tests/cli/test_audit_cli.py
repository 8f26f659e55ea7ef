"""`borderdesk audit verify / checkpoint / export-checkpoints / public-key`, `backup`, `restore` and `db app-role`
as an operator runs them: real processes on their own databases. Finding 9: tampering with the database is found
by the signed checkpoints kept outside it."""

import json
import os
import sqlite3
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

from borderdesk.apps.audit import triggers
from borderdesk.core.audit import new_private_key_pem

PASSWORD = "a-long-enough-password\n"


def make_runner(tmp_path, database_url, data_dir=None, **extra_env):
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("BORDERDESK_AUDIT_")}
    env = {
        **inherited,
        "BORDERDESK_DATA_DIR": str(data_dir or tmp_path / "data"),
        "BORDERDESK_DATABASE_URL": database_url,
        **extra_env,
    }

    def run(*args, stdin=""):
        return subprocess.run(
            [sys.executable, "-m", "borderdesk.cli", *args],
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run


@pytest.fixture
def sqlite_file(migrated_database):
    """A database as `borderdesk migrate` leaves it (tests/cli/conftest.py)."""
    return migrated_database


@pytest.fixture
def run(tmp_path, sqlite_file):
    return make_runner(tmp_path, f"sqlite:///{sqlite_file}")


def with_events(run):
    for name in ("ann", "bob", "cai"):
        created = run("createuser", name, "--role", "border_officer", "--all-posts", "--password-stdin", stdin=PASSWORD)
        assert created.returncode == 0, created.stderr


def verify_json(run, *args):
    result = run("audit", "verify", "--json", *args)
    return result.returncode, json.loads(result.stdout)


def tamper(sqlite_file, *statements):
    """Someone with the database file drops the triggers, changes rows, and puts the triggers back."""
    db = sqlite3.connect(sqlite_file)
    for table in triggers.TABLES:
        for op in ("update", "delete"):
            db.execute(f"DROP TRIGGER {table}_no_{op}")
    for statement in statements:
        db.execute(statement)
    for table in triggers.TABLES:
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
    db.commit()
    db.close()


def test_checkpoint_export_public_key_and_verify(run, tmp_path):
    with_events(run)
    signed = run("audit", "checkpoint", "--json")
    assert signed.returncode == 0, signed.stderr
    head = json.loads(signed.stdout.splitlines()[0])
    assert head["chain"] == "audit_events" and head["seq"] >= 3
    assert (tmp_path / "data" / "audit-checkpoints" / "checkpoints.jsonl").read_text().count("\n") == 1

    code, report = verify_json(run)
    assert code == 0 and report["intact"] is True
    chain = report["chains"][0]
    assert {"chain", "checked", "broken"} <= chain.keys()  # the fields other tools read are still there
    assert chain["checkpoints_checked"] == 1 and chain["last_seq"] == head["seq"]
    assert report["database"]["vendor"] == "sqlite" and "no database roles" in report["database"]["note"]

    exported, key = tmp_path / "handed-over.jsonl", tmp_path / "agency.pem"
    assert run("audit", "export-checkpoints", str(exported)).returncode == 0
    again = run("audit", "export-checkpoints", str(exported))
    assert again.returncode == 2 and "file_exists" in again.stderr
    assert run("audit", "public-key", "--out", str(key)).returncode == 0
    assert key.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    code, report = verify_json(run, "--checkpoints", str(exported), "--public-key", str(key))
    assert code == 0 and report["checkpoint_sources"] == ["database", str(exported)]

    stranger = make_runner(tmp_path, "sqlite:///" + str(tmp_path / "other.sqlite3"), data_dir=tmp_path / "other")
    assert stranger("audit", "public-key", "--out", str(tmp_path / "stranger.pem")).returncode == 0
    code, report = verify_json(run, "--public-key", str(tmp_path / "stranger.pem"))
    assert code == 1 and report["chains"][0]["checkpoint_problems"][0]["code"] == "checkpoint_bad_signature"

    unreadable = run("audit", "verify", "--public-key", str(tmp_path / "nothing.pem"))
    assert unreadable.returncode == 2 and "public_key_unusable" in unreadable.stderr
    assert "Traceback" not in unreadable.stderr


def test_verify_finds_a_deleted_tail_the_database_no_longer_shows(run, sqlite_file):
    with_events(run)
    assert run("audit", "checkpoint").returncode == 0
    tamper(
        sqlite_file,
        "DELETE FROM audit_auditevent WHERE seq = (SELECT max(seq) FROM audit_auditevent)",
        "DELETE FROM audit_checkpoint",
    )
    code, report = verify_json(run)
    broken = report["chains"][0]["broken"]
    assert code == 1 and report["intact"] is False
    assert broken["reason"] == "checkpoint_event_missing" and "checkpoint audit_events #" in broken["message"]
    text = run("audit", "verify")
    assert text.returncode == 1 and "BROKEN" in text.stdout and "NOT INTACT" in text.stdout


def test_verify_finds_a_dropped_trigger(run, sqlite_file):
    with_events(run)
    db = sqlite3.connect(sqlite_file)
    db.execute("DROP TRIGGER audit_accessevent_no_delete")
    db.close()
    code, report = verify_json(run)
    assert code == 1 and report["chains"][1]["missing_triggers"] == ["audit_accessevent_no_delete"]
    assert "FAILED [trigger_missing]" in run("audit", "verify").stdout


def test_backup_and_restore_sqlite_into_a_fresh_database(run, tmp_path):
    with_events(run)
    assert run("audit", "checkpoint").returncode == 0
    backup = run("backup", str(tmp_path / "backup"))
    assert backup.returncode == 0, backup.stderr
    assert {p.name for p in (tmp_path / "backup").iterdir()} == {
        "manifest.json",
        "database.sqlite3",
        "checkpoints.jsonl",
        "audit_public_key.pem",
    }
    refused = run("backup", str(tmp_path / "backup"))
    assert refused.returncode == 2 and "backup_exists" in refused.stderr

    # A new machine: a new database file and data directory, without the agency's private key.
    fresh = make_runner(tmp_path, f"sqlite:///{tmp_path / 'fresh.sqlite3'}", data_dir=tmp_path / "fresh")
    restored = fresh("restore", str(tmp_path / "backup"), "--json")
    assert restored.returncode == 0, restored.stderr
    report = json.loads(restored.stdout)
    assert report["intact"] is True and report["chains"][0]["checkpoints_checked"] == 1
    assert (tmp_path / "fresh" / "audit-checkpoints" / "checkpoints.jsonl").exists()
    code, again = verify_json(fresh, "--public-key", str(tmp_path / "backup" / "audit_public_key.pem"))
    assert code == 0 and again["chains"][0]["checked"] == report["chains"][0]["checked"]

    not_empty = fresh("restore", str(tmp_path / "backup"))
    assert not_empty.returncode == 2 and "database_not_empty" in not_empty.stderr
    assert fresh("restore", str(tmp_path / "backup"), "--force").returncode == 0
    wrong = fresh("restore", str(tmp_path))
    assert wrong.returncode == 2 and "not_a_backup" in wrong.stderr


def test_app_role_needs_postgresql(run):
    result = run("db", "app-role", "borderdesk_app")
    assert result.returncode == 2 and "no_roles_on_sqlite" in result.stderr


def postgres_url(suffix: str) -> str:
    configured = os.environ.get("BORDERDESK_DATABASE_URL", "")
    if not configured.startswith("postgres"):
        pytest.skip("PostgreSQL backups are tested when BORDERDESK_DATABASE_URL names a PostgreSQL database")
    parts = urlsplit(configured)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{suffix}"))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def test_backup_and_restore_postgresql_into_a_fresh_database(tmp_path):
    source, target = postgres_url("backup_src"), postgres_url("backup_dst")
    recreate_database(source)
    recreate_database(target)
    try:
        run = make_runner(tmp_path, source, BORDERDESK_AUDIT_SIGNING_KEY=str(tmp_path / "agency.pem"))
        (tmp_path / "agency.pem").write_bytes(new_private_key_pem())
        assert run("migrate").returncode == 0
        with_events(run)
        assert run("audit", "checkpoint").returncode == 0
        backup = run("backup", str(tmp_path / "backup"))
        assert backup.returncode == 0, backup.stderr
        assert (tmp_path / "backup" / "database.pgdump").stat().st_size > 0

        restore_to = make_runner(
            tmp_path, target, data_dir=tmp_path / "target", BORDERDESK_AUDIT_SIGNING_KEY=str(tmp_path / "agency.pem")
        )
        restored = restore_to("restore", str(tmp_path / "backup"), "--json")
        assert restored.returncode == 0, restored.stderr
        report = json.loads(restored.stdout)
        assert report["intact"] is True and report["database"]["vendor"] == "postgresql"
        assert report["chains"][0]["checkpoints_checked"] == 1 and report["chains"][0]["checked"] >= 3
        assert all(not chain["missing_triggers"] for chain in report["chains"])  # the triggers came back too

        not_empty = restore_to("restore", str(tmp_path / "backup"))
        assert not_empty.returncode == 2 and "database_not_empty" in not_empty.stderr
        forced = restore_to("restore", str(tmp_path / "backup"), "--force")
        assert forced.returncode == 0, forced.stderr
    finally:
        drop_database(source)
        drop_database(target)
