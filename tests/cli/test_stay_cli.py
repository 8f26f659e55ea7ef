"""`borderdesk stay calc` as CONTRACTS.md section 2 describes it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderdesk.cli import main

CONTRACT_INPUT = {
    "stays": [{"entry": "2014-08-15", "exit": "2014-09-30"}],
    "on": "2014-12-01",
    "entry_on": "2015-01-01",
    "limit": 90,
    "window": 180,
}


def run(monkeypatch, capsys, text: str, *extra: str):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    status = main(["stay", "calc", "--json", *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_contract_example(monkeypatch, capsys):
    status, out, err = run(monkeypatch, capsys, json.dumps(CONTRACT_INPUT))
    assert status == 0, err
    output = json.loads(out)
    assert {
        key: output[key] for key in ("on", "days_used", "days_remaining", "overstay_days", "entry_on", "latest_exit")
    } == {
        "on": "2014-12-01",
        "days_used": 47,
        "days_remaining": 43,
        "overstay_days": 0,
        "entry_on": "2015-01-01",
        "latest_exit": "2015-03-31",
    }


def test_defaults_and_no_latest_exit_without_entry_on(monkeypatch, capsys):
    status, out, _ = run(
        monkeypatch, capsys, json.dumps({"stays": [{"entry": "2025-01-01", "exit": None}], "on": "2025-04-05"})
    )
    output = json.loads(out)
    assert status == 0
    assert (output["days_used"], output["days_remaining"], output["overstay_days"]) == (95, 0, 5)
    assert (output["limit"], output["window"]) == (90, 180)
    assert "latest_exit" not in output and "entry_on" not in output


def test_latest_exit_null_when_they_cannot_enter(monkeypatch, capsys):
    request = {"stays": [{"entry": "2025-01-01", "exit": "2025-03-31"}], "on": "2025-04-01", "entry_on": "2025-04-01"}
    status, out, _ = run(monkeypatch, capsys, json.dumps(request))
    assert status == 0
    assert json.loads(out)["latest_exit"] is None


def test_reads_a_file(tmp_path: Path, capsys):
    path = tmp_path / "stay.json"
    path.write_text(json.dumps(CONTRACT_INPUT))
    assert main(["stay", "calc", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["latest_exit"] == "2015-03-31"


@pytest.mark.parametrize(
    ("text", "expected_in_message"),
    [
        ('{"stays": [{"entry": "2025-02-01", "exit": "2025-01-01"}], "on": "2025-03-01"}', "end_before_start"),
        (
            '{"stays": [{"entry": "2025-01-01", "exit": "2025-01-10"}, {"entry": "2025-01-05", "exit": null}],'
            ' "on": "2025-03-01"}',
            "overlapping_stays",
        ),
        ('{"stays": [{"entry": "2025-13-01", "exit": null}], "on": "2025-03-01"}', "malformed_date"),
        ('{"stays": [], "on": "yesterday"}', "malformed_date"),
        ("not json", "malformed_input"),
        ("[1, 2]", "malformed_input"),
    ],
)
def test_bad_input_exits_2_with_message_and_no_traceback(monkeypatch, capsys, text, expected_in_message):
    status, out, err = run(monkeypatch, capsys, text)
    assert status == 2
    assert out == ""
    assert expected_in_message in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys):
    assert main(["stay", "calc", "--json", str(tmp_path / "absent.json")]) == 2
    assert "cannot_read" in capsys.readouterr().err


def test_installed_command_in_a_subprocess():
    executable = Path(sys.executable).with_name("borderdesk")
    if not executable.exists():
        pytest.skip(f"the borderdesk console script is not installed next to {sys.executable}")
    completed = subprocess.run(
        [str(executable), "stay", "calc", "--json"],
        input=json.dumps(CONTRACT_INPUT),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["days_used"] == 47
    failed = subprocess.run(
        [str(executable), "stay", "calc", "--json"],
        input='{"on": "2025-02-30"}',
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert failed.returncode == 2
    assert "malformed_date" in failed.stderr and "Traceback" not in failed.stderr
