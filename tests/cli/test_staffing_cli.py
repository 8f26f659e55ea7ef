"""`borderdesk staffing calc` as CONTRACTS.md section 5 describes it: no database, JSON errors with exit 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderdesk.cli import main

CONTRACT_INPUT = {
    "service_seconds": 60,
    "target_wait_seconds": 1500,
    "target_share": 0.95,
    "hours": [{"hour": "06:00", "arrivals": 600}, {"hour": "07:00", "arrivals": 0}],
}
CONTRACT_OUTPUT = {
    "hours": [
        {
            "hour": "06:00",
            "booths": 11,
            "load_erlangs": 10.0,
            "share_within_target": 1.0,
            "mean_wait_seconds": 40.9,
            "occupancy": 0.9091,
        },
        {
            "hour": "07:00",
            "booths": 0,
            "load_erlangs": 0.0,
            "share_within_target": 1.0,
            "mean_wait_seconds": 0.0,
            "occupancy": 0.0,
        },
    ]
}


def run(monkeypatch, capsys, text: str, *extra: str):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    status = main(["staffing", "calc", "--json", *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_contract_example_from_standard_input(monkeypatch, capsys):
    status, out, err = run(monkeypatch, capsys, json.dumps(CONTRACT_INPUT))
    assert status == 0, err
    assert json.loads(out) == CONTRACT_OUTPUT


def test_reads_a_file(tmp_path: Path, capsys):
    path = tmp_path / "staffing.json"
    path.write_text(json.dumps(CONTRACT_INPUT))
    assert main(["staffing", "calc", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == CONTRACT_OUTPUT


def _with(**change) -> str:
    return json.dumps({**CONTRACT_INPUT, **change})


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "malformed_input"),
        ("{not json", "malformed_input"),
        ("[" * 100000, "malformed_input"),
        ('{"service_seconds": ' + "9" * 5000 + "}", "malformed_input"),
        ("[1, 2]", "not_an_object"),
        ('"06:00"', "not_an_object"),
        (_with(target_share=1.0), "share_out_of_range"),
        (_with(target_share=0), "share_out_of_range"),
        (_with(service_seconds=0), "non_positive_service_time"),
        (_with(service_seconds=-1.5), "non_positive_service_time"),
        (_with(target_wait_seconds=-60), "negative_target_wait"),
        (_with(hours=[{"hour": "06:00", "arrivals": -600}]), "negative_arrivals"),
        (_with(hours=[{"hour": "06:00", "arrivals": 10**9}]), "load_too_large"),
        (_with(hours=[{"hour": "06:00"}]), "missing_field"),
        (json.dumps({"hours": []}), "missing_field"),
        (_with(service_seconds="60"), "wrong_type"),
        (_with(target_share=True), "wrong_type"),
        (_with(hours="06:00"), "wrong_type"),
        (_with(hours=[{"hour": 600, "arrivals": 600}]), "wrong_type"),
        ('{"service_seconds": NaN, "target_wait_seconds": 1, "target_share": 0.5, "hours": []}', "wrong_type"),
        ('{"service_seconds": 1e400, "target_wait_seconds": 1, "target_share": 0.5, "hours": []}', "wrong_type"),
    ],
)
def test_bad_input_exits_2_with_a_json_error(monkeypatch, capsys, text, code):
    status, out, err = run(monkeypatch, capsys, text)
    assert status == 2
    error = json.loads(out)["error"]
    assert error["code"] == code and error["message"]
    assert code in err


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys):
    assert main(["staffing", "calc", "--json", str(tmp_path / "missing.json")]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "cannot_read"
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"hours": [{"hour": "\xe9", "arrivals": 1}]}')
    assert main(["staffing", "calc", "--json", str(latin)]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "malformed_input"


def test_runs_as_a_command_without_loading_django(tmp_path: Path):
    script = (
        "import sys; from borderdesk.cli import main; status = main(['staffing', 'calc', '--json']); "
        "assert 'django' not in sys.modules, 'Django was loaded'; sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(CONTRACT_INPUT),
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "BORDERDESK_DATABASE_URL": f"sqlite:///{tmp_path}/never/created.sqlite3",
            "PYTHONPATH": ":".join(sys.path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == CONTRACT_OUTPUT
    assert not (tmp_path / "never").exists()
