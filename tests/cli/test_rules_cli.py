"""`borderdesk rules validate DIR` and `borderdesk rules import-visa-matrix PATH`, run as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKS = Path(__file__).resolve().parents[2] / "src" / "borderdesk" / "core" / "rules" / "packs"
MATRIX = "Passport,Destination,Requirement\nUSA,DEU,90\nIND,DEU,visa required\nDEU,DEU,-1\n"


@pytest.fixture
def run(tmp_path):
    env = {
        **os.environ,
        "BORDERDESK_DATA_DIR": str(tmp_path),
        "BORDERDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }

    def run_command(*args):
        return subprocess.run(
            [sys.executable, "-m", "borderdesk.cli", *map(str, args)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run_command


def test_validate_a_good_pack(run):
    result = run("rules", "validate", PACKS / "uto")
    assert result.returncode == 0, result.stderr
    assert "pack uto version 2025.1 loads" in result.stdout
    result = run("rules", "validate", "--json", PACKS / "schengen")
    assert result.returncode == 0 and json.loads(result.stdout)["valid"] is True


def test_validate_lists_every_issue_with_file_and_path(run, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACKS / "uto", pack, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    manifest = pack / "pack.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "values: [{valid_from: 2024-01-01, value: 120}]", "values: [{valid_from: 2024-01-01, value: 400}]"
        )
    )
    (pack / "visa_policy.yaml").unlink()
    result = run("rules", "validate", pack)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "pack.yaml: rules[6].parameters.limit_days: [limit_not_below_window]" in result.stdout
    assert "visa_policy.yaml" in result.stdout
    issues = json.loads(run("rules", "validate", "--json", pack).stdout)["issues"]
    assert {"file", "path", "code", "message"} <= set(issues[0])


def test_validate_an_unreadable_directory(run, tmp_path):
    result = run("rules", "validate", tmp_path / "nowhere")
    assert result.returncode == 2 and "unreadable_pack" in result.stderr


def test_import_visa_matrix(migrated_database, run, tmp_path):
    good = tmp_path / "matrix.csv"
    good.write_text(MATRIX)
    result = run("rules", "import-visa-matrix", good)
    assert result.returncode == 0, result.stderr
    assert "Imported 3 rows" in result.stdout
    again = run("rules", "import-visa-matrix", good)
    assert again.returncode == 0 and "Unchanged" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(MATRIX + "XX,DEU,visa free\nUSA,FRA,maybe\n")
    rejected = run("rules", "import-visa-matrix", bad)
    assert rejected.returncode == 2 and "Traceback" not in rejected.stderr
    assert "line 5: [bad_code]" in rejected.stderr and "line 6: [bad_requirement]" in rejected.stderr
    assert run("rules", "import-visa-matrix", tmp_path / "missing.csv").returncode == 2


@pytest.mark.data
def test_import_the_real_passport_index(migrated_database, run, shared_data):
    result = run("rules", "import-visa-matrix", shared_data / "visa-policy" / "passport-index-tidy-iso3.csv")
    assert result.returncode == 0, result.stderr
    assert "Imported 39601 rows (199 passports, 199 destinations)" in result.stdout
