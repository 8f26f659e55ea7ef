"""`borderdesk residence calc` as CONTRACTS.md section 4 describes it: no database, JSON errors with exit 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderdesk.cli import main

CONTRACT_INPUT = {
    "resident_since": "2019-03-01",
    "on": "2025-06-01",
    "absences": [{"left": "2021-01-10", "returned": "2021-02-01"}, {"left": "2024-09-20", "returned": "2025-01-02"}],
    "requirement": {
        "years": 5,
        "max_absent_days": 450,
        "max_absent_days_last_year": 90,
        "max_single_absence_days": 364,
        "min_present_days": 913,
    },
}
CONTRACT_OUTPUT = {
    "eligible": False,
    "qualifying_period": {"from": "2020-06-01", "to": "2025-05-31"},
    "absent_days": 124,
    "absent_days_last_year": 103,
    "longest_absence_days": 103,
    "present_days": 1702,
    "failed": ["max_absent_days_last_year"],
    "earliest_eligible_on": "2025-10-04",
}


def run(monkeypatch, capsys, text: str, *extra: str):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    status = main(["residence", "calc", "--json", *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_contract_example_from_standard_input(monkeypatch, capsys):
    status, out, err = run(monkeypatch, capsys, json.dumps(CONTRACT_INPUT))
    assert status == 0, err
    assert json.loads(out) == CONTRACT_OUTPUT


def test_reads_a_file(tmp_path: Path, capsys):
    path = tmp_path / "residence.json"
    path.write_text(json.dumps(CONTRACT_INPUT))
    assert main(["residence", "calc", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == CONTRACT_OUTPUT


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "malformed_input"),
        ("{not json", "malformed_input"),
        ("[" * 100000, "malformed_input"),
        ("[" + "9" * 5000 + "]", "malformed_input"),  # an integer Python refuses to read
        ("[1, 2]", "not_an_object"),
        ('"2025-06-01"', "not_an_object"),
        (json.dumps({**CONTRACT_INPUT, "on": "1 June 2025"}), "invalid_date"),
        (
            json.dumps({**CONTRACT_INPUT, "absences": [{"left": "2021-02-01", "returned": "2021-01-01"}]}),
            "returned_before_left",
        ),
        (
            json.dumps(
                {
                    **CONTRACT_INPUT,
                    "absences": [
                        {"left": "2021-01-01", "returned": "2021-03-01"},
                        {"left": "2021-02-01", "returned": None},
                    ],
                }
            ),
            "overlapping_absences",
        ),
        (json.dumps({**CONTRACT_INPUT, "requirement": {"max_absent_days": -1}}), "negative_limit"),
    ],
)
def test_bad_input_exits_2_with_a_json_error(monkeypatch, capsys, text, code):
    status, out, err = run(monkeypatch, capsys, text)
    assert status == 2
    error = json.loads(out)["error"]
    assert error["code"] == code and error["message"]
    assert code in err


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys):
    assert main(["residence", "calc", "--json", str(tmp_path / "missing.json")]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "cannot_read"
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"on": "2025-06-01", "x": "\xe9"}')
    assert main(["residence", "calc", "--json", str(latin)]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "malformed_input"


def test_runs_as_a_command_without_loading_django(tmp_path: Path):
    script = (
        "import sys; from borderdesk.cli import main; status = main(['residence', 'calc', '--json']); "
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
