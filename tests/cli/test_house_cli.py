"""`borderdesk migrate`, `demo`, `createuser` and `audit verify` as a user runs them: real processes, their
own database (the one BORDERDESK_DATABASE_URL names, here a fresh SQLite file)."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def run(tmp_path):
    env = {
        **os.environ,
        "BORDERDESK_DATA_DIR": str(tmp_path),
        "BORDERDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }

    def run_command(*args, stdin=""):
        return subprocess.run(
            [sys.executable, "-m", "borderdesk.cli", *args],
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run_command


def test_migrate_demo_createuser_and_verify(run, tmp_path):
    assert run("migrate").returncode == 0
    assert (tmp_path / "cli.sqlite3").exists()

    demo = run("demo", "--no-serve")
    assert demo.returncode == 0, demo.stderr
    assert "officer" in demo.stdout and "utopia-demo-2026" in demo.stdout
    logins = demo.stdout.split("Demo logins", 1)[1].split("Second factor", 1)[0]
    for username in ("senior", "senior2", "policy", "policy2", "auditor", "admin"):
        assert f"\n  {username} " in logins, f"{username} is not in the printed logins"
    assert "Passports to scan at a booth" in demo.stdout and "P<THASRISAI<<NARIN" in demo.stdout
    assert "borderdesk otp code USERNAME" in demo.stdout
    assert "otpauth://totp/Borderdesk%3Aofficer?secret=" in demo.stdout
    again = run("demo", "--no-serve")
    assert again.returncode == 0, again.stderr  # idempotent
    code = run("otp", "code", "officer")
    assert code.returncode == 0 and code.stdout.strip().isdigit() and len(code.stdout.strip()) == 6

    created = run(
        "createuser",
        "zed",
        "--role",
        "border_officer",
        "--post",
        "UCX",
        "--password-stdin",
        stdin="a-long-enough-password\n",
    )
    assert created.returncode == 0, created.stderr
    not_demo = run("otp", "code", "zed")
    assert not_demo.returncode == 2 and "not_a_demo_user" in not_demo.stderr and not_demo.stdout == ""
    refused = run("createuser", "zed2", "--role", "emperor", "--password-stdin", stdin="a-long-enough-password\n")
    assert refused.returncode == 2 and "unknown_role" in refused.stderr and "Traceback" not in refused.stderr

    # Run from a script (no terminal): the password is the first line of stdin, no option needed.
    piped = run("createuser", "yan", "--role", "auditor", "--all-posts", stdin="another-long-password\n")
    assert piped.returncode == 0, piped.stderr
    nothing = run("createuser", "xia", "--role", "auditor", "--all-posts", stdin="")
    assert nothing.returncode == 2 and "password_required" in nothing.stderr and "Traceback" not in nothing.stderr
    # The README's e-gate user: no password at all, it signs in with a token.
    gates = run("createuser", "ucx-gates", "--role", "border_officer", "--post", "UCX", "--no-password", stdin="")
    assert gates.returncode == 0, gates.stderr
    assert run("token", "issue", "ucx-gates", "--name", "UCX e-gate 3").stdout.startswith("bdt_")

    verified = run("audit", "verify", "--json")
    assert verified.returncode == 0, verified.stderr
    report = json.loads(verified.stdout)
    assert report["intact"] is True
    assert report["chains"][0]["checked"] > 20


def test_sqlite_runs_in_wal_mode(migrated_database, run, tmp_path):
    import sqlite3

    mode = sqlite3.connect(tmp_path / "cli.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_serve_refuses_an_unmigrated_database(run):
    result = run("serve", "--port", "1")
    assert result.returncode == 2 and "borderdesk migrate" in result.stderr


def test_tokens_are_issued_listed_and_revoked(run):
    assert run("demo", "--no-serve").returncode == 0
    issued = run("token", "issue", "officer", "--name", "UCX e-gate 1")
    assert issued.returncode == 0, issued.stderr
    secret = issued.stdout.strip()
    assert secret.startswith("bdt_") and "shown only now" in issued.stderr
    listed = run("token", "list")
    assert secret[:12] in listed.stdout and "UCX e-gate 1" in listed.stdout and secret not in listed.stdout
    assert run("token", "revoke", secret[:12]).returncode == 0
    assert secret[:12] not in run("token", "list").stdout
    missing = run("token", "issue", "nobody", "--name", "x")
    assert missing.returncode == 2 and "user_not_found" in missing.stderr
