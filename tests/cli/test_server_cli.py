"""How `borderdesk serve` starts gunicorn: workers, threads per worker (1 gives gunicorn's sync workers), the app
loaded once before the workers fork."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from borderdesk.cli import build_parser
from borderdesk.cli.server import gunicorn_command


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_workers_and_threads_come_from_the_options(monkeypatch):
    monkeypatch.delenv("BORDERDESK_THREADS", raising=False)
    command = gunicorn_command(
        build_parser().parse_args(["serve", "--port", "8123", "--workers", "3", "--threads", "1"])
    )
    assert command[3] == "borderdesk.config.wsgi:application"
    assert option(command, "--bind") == "127.0.0.1:8123"
    assert option(command, "--workers") == "3" and option(command, "--threads") == "1"
    assert "--preload" in command


def test_the_environment_sets_the_defaults(monkeypatch):
    monkeypatch.setenv("BORDERDESK_WORKERS", "5")
    monkeypatch.setenv("BORDERDESK_THREADS", "2")
    command = gunicorn_command(build_parser().parse_args(["serve"]))
    assert option(command, "--workers") == "5" and option(command, "--threads") == "2"


@pytest.mark.parametrize("bad", [["--workers", "0"], ["--threads", "0"]])
def test_no_workers_or_no_threads_is_refused(bad):
    with pytest.raises(SystemExit, match="at least 1"):
        gunicorn_command(build_parser().parse_args(["serve", *bad]))


def test_the_default_is_threaded_workers(monkeypatch):
    monkeypatch.delenv("BORDERDESK_THREADS", raising=False)
    assert option(gunicorn_command(build_parser().parse_args(["serve"])), "--threads") == "4"


def test_a_bad_number_in_the_environment_is_a_usage_error_of_serve_alone(monkeypatch, capsys):
    monkeypatch.setenv("BORDERDESK_THREADS", "four")
    parser = build_parser()  # every other command still works
    assert parser.parse_args(["mrz", "check"]).command == "mrz"
    with pytest.raises(SystemExit) as stopped:
        parser.parse_args(["serve"])
    assert stopped.value.code == 2
    assert "argument --threads: invalid int value: 'four'" in capsys.readouterr().err


@pytest.fixture(scope="module")
def migrated(tmp_path_factory, migrated_template):
    folder = tmp_path_factory.mktemp("serve")
    shutil.copyfile(migrated_template, folder / "serve.sqlite3")
    return {
        **os.environ,
        "BORDERDESK_DATA_DIR": str(folder),
        "BORDERDESK_DATABASE_URL": f"sqlite:///{folder / 'serve.sqlite3'}",
    }


@pytest.mark.parametrize("threads", ["1", "4"])
def test_the_server_answers_with_sync_and_threaded_workers(migrated, threads):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "borderdesk.cli", "serve", "--port", str(port), "--workers", "1", "--threads", threads],
        env=migrated,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        statuses = [fetch(f"http://127.0.0.1:{port}/login/") for _ in range(3)]
    finally:
        server.terminate()
        printed = server.communicate(timeout=30)[0]
    assert statuses == [200, 200, 200], printed
    worker = "sync" if threads == "1" else "gthread"
    assert f"Using worker: {worker}" in printed


def fetch(url: str, wait: float = 120) -> int:
    """The status of a GET, waiting for the server to start listening."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
