"""`borderdesk manifest import` and `borderdesk manifest carrier` as an operator runs them: real processes on their
own SQLite file, the five real carriers' messages read in place."""

import json
import os
import subprocess
import sys

import pytest

FILES = ["Test1.txt", "Test3.txt", "airline2.edi", "apisMessage.txt", "multiple_flight_leg_apis.txt"]


@pytest.fixture
def run(tmp_path, migrated_database):
    env = {
        **os.environ,
        "BORDERDESK_DATA_DIR": str(tmp_path),
        "BORDERDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }

    def run_command(*args):
        return subprocess.run(
            [sys.executable, "-m", "borderdesk.cli", *args], env=env, capture_output=True, text=True, timeout=300
        )

    return run_command


def test_the_real_messages_are_stored_once_with_their_errors(run, shared_data, tmp_path):
    paths = [str(shared_data / "paxlst-gtas" / name) for name in FILES]
    first = run("manifest", "import", "--json", *paths)
    assert first.returncode == 0, first.stderr
    answers = [json.loads(line) for line in first.stdout.splitlines()]
    assert [answer["file"] for answer in answers] == paths
    assert sum(answer["travellers"]["counted"] for answer in answers) == 282
    assert answers[0]["flight"]["designator"] == "UA989" and answers[1]["flight"]["id"] == answers[0]["flight"]["id"]
    assert answers[1]["parts"]["last_received"] is False
    assert {"code": "segment_count_mismatch", "segment": 109} in [
        {k: v for k, v in error.items() if k != "message"} for error in answers[0]["errors"]
    ]
    again = run("manifest", "import", paths[0])
    assert again.returncode == 0 and "held already as message 1" in again.stdout and "nothing stored" in again.stdout


def test_a_file_that_cannot_be_stored_is_said_and_the_others_still_are(run, shared_data, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01 not a manifest")
    result = run(
        "manifest", "import", str(junk), str(tmp_path / "absent.edi"), str(shared_data / "paxlst-gtas" / FILES[3])
    )
    assert result.returncode == 2
    assert "error [manifest_unreadable]" in result.stderr and "error [unreadable_file]" in result.stderr
    assert "stored as message 1: passenger list of AA124 ORD -> JFK" in result.stdout
    assert "no post of the agency" in result.stdout and "Traceback" not in result.stderr


def test_a_too_large_file_is_refused_before_it_is_read(run, tmp_path):
    big = tmp_path / "big.edi"
    big.write_bytes(b"UNB+UNOA:4'" + b"X" * (2049 * 1024))
    result = run("manifest", "import", "--json", str(big))
    assert result.returncode == 2 and json.loads(result.stdout)["error"]["code"] == "manifest_too_large"


def test_an_operator_gives_an_airlines_account_its_carrier_codes(run):
    assert run("createuser", "airline", "--role", "carrier", "--no-password").returncode == 0
    result = run("manifest", "carrier", "airline", "lh", "DLH")
    assert result.returncode == 0 and result.stdout.strip() == "airline sends manifests for DLH, LH"
    refused = run("manifest", "carrier", "airline", "L-H")
    assert refused.returncode == 2 and "invalid_carrier_code" in refused.stderr
    assert run("manifest", "carrier", "nobody", "LH").returncode == 2
