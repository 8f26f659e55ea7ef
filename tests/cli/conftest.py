"""What the command-line tests share: a database that `borderdesk migrate` made, copied for each test that needs one."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """An SQLite database migrated once per test session by `borderdesk migrate`, in a real process.

    The migrations take 15 s on a slow core; a copy takes milliseconds. `test_house_cli` still migrates an empty
    database itself, as a user does after installing.
    """
    folder = tmp_path_factory.mktemp("migrated")
    database = folder / "cli.sqlite3"
    env = {**os.environ, "BORDERDESK_DATA_DIR": str(folder), "BORDERDESK_DATABASE_URL": f"sqlite:///{database}"}
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk.cli", "migrate"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(database) as connection:  # everything in the main file, none of it left in a -wal file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return database


@pytest.fixture
def migrated_database(tmp_path, migrated_template) -> Path:
    """`tmp_path / "cli.sqlite3"`, the database every command-line test's runner names, as `migrate` leaves it."""
    database = tmp_path / "cli.sqlite3"
    shutil.copyfile(migrated_template, database)
    return database
