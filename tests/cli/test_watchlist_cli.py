"""`borderdesk watchlist import` and `borderdesk screen` as a user runs them (CONTRACTS.md section 3): real
processes on their own SQLite file, and `--from` straight from a file without any database."""

import json
import os
import subprocess
import sys

import pytest

from tests.apps.watchlists.conftest import NATIONAL

PEOPLE = [
    {"id": "q1", "name": "Sergei Wolkow", "birth_date": "1971-03-04", "nationality": "UKR"},
    {"id": "q2", "name": ""},
    {"id": "q3", "name": "Wilhelmina Zoutendijk", "birth_date": "1990"},
    {"id": "q4", "name": "1234"},
    {"id": "q5", "name": "Lucia Iglesias", "birth_date": "1970"},
]


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
            timeout=300,
        )

    return run_command


@pytest.fixture
def national_csv(tmp_path):
    path = tmp_path / "national.csv"
    path.write_text(NATIONAL, encoding="utf-8")
    return path


def jsonl(people) -> str:
    return "".join(json.dumps(person) + "\n" for person in people)


def lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_import_screen_and_reimport_on_the_database(migrated_database, run, tmp_path, national_csv):
    imported = run("watchlist", "import", "--format", "csv", str(national_csv), "--list", "national")
    assert imported.returncode == 0, imported.stderr
    assert "Imported 4 entries into list national as version 1" in imported.stdout
    assert "  checked: national.csv: ends with a line end\n" in imported.stdout
    # No progress bar when standard error is not a terminal: only what the format leaves uncheckable.
    assert imported.stderr.startswith("warning: national.csv: this format states no record count")
    assert imported.stderr.count("\n") == 1
    again = run("watchlist", "import", "--format", "csv", str(national_csv), "--list", "national")
    assert again.returncode == 0 and again.stdout.startswith("Unchanged")

    bad = tmp_path / "bad.csv"
    bad.write_text(NATIONAL + "UTO-9,Anna,,1990-02-30,,,,,\n", encoding="utf-8")
    rejected = run("watchlist", "import", "--format", "csv", str(bad), "--list", "national")
    assert rejected.returncode == 2 and "Traceback" not in rejected.stderr
    assert "line 6" in rejected.stderr and "bad_date" in rejected.stderr and "unchanged" in rejected.stderr

    cut = tmp_path / "cut.csv"
    cut.write_text("\n".join(NATIONAL.splitlines()[:4]) + "\n", encoding="utf-8")  # 3 of the 4 entries
    shrank = run("watchlist", "import", "--format", "csv", str(cut), "--list", "national")
    assert shrank.returncode == 2 and "error [list_shrank]" in shrank.stderr
    assert "cut.csv has 3 entries" in shrank.stderr and "has 4" in shrank.stderr

    screened = run("screen", "--json", stdin=jsonl(PEOPLE) + "this is not json\n")
    assert screened.returncode == 0, screened.stderr
    out = lines(screened)
    assert [o["id"] for o in out] == ["q1", "q2", "q3", "q4", "q5", None]
    hit = out[0]["matches"][0]
    assert (hit["list"], hit["entry_id"], hit["decision"], hit["name"]) == ("national", "UTO-1", "hit", "Sergei Volkov")
    assert set(hit["explanation"]) >= {"name", "birth_date", "nationality"} and 0 < hit["score"] <= 1
    assert out[0]["required_action"] == "arrest" and hit["match_id"]
    assert out[1]["error"]["code"] == "name_empty" and out[3]["error"]["code"] == "name_without_letters"
    assert out[2]["matches"] == [] and "error" not in out[2]
    assert out[4]["matches"][0]["entry_id"] == "UTO-2"
    assert out[5]["error"]["code"] == "invalid_json"
    scores = [m["score"] for m in out[0]["matches"]]
    assert scores == sorted(scores, reverse=True)

    strict = run("screen", "--json", "--threshold", "0.99", stdin=jsonl([{"id": "x", "name": "Sergey Volkof"}]))
    assert lines(strict)[0]["matches"] == []
    unknown = run("screen", "--json", "--list", "interpol", stdin=jsonl(PEOPLE))
    assert unknown.returncode == 2 and "unknown_list" in unknown.stderr

    confirmed = run("watchlist", "import", "--format", "csv", str(cut), "--list", "national", "--allow-shrink")
    assert confirmed.returncode == 0 and "Imported 3 entries into list national as version 2" in confirmed.stdout

    verified = run("audit", "verify", "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["intact"] is True


def test_screen_from_a_file_needs_no_database(tmp_path, national_csv):
    people = tmp_path / "people.jsonl"
    people.write_text(jsonl(PEOPLE), encoding="utf-8")
    script = (
        "import sys; from borderdesk.cli import main; code = main(sys.argv[1:]); "
        "assert 'django' not in sys.modules, 'django was loaded'; sys.exit(code)"
    )
    env = {**os.environ, "BORDERDESK_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    result = subprocess.run(
        [sys.executable, "-c", script, "screen", "--json", "--from", str(national_csv), "--format", "csv", str(people)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = lines(result)
    assert [o["id"] for o in out] == ["q1", "q2", "q3", "q4", "q5"]
    assert out[0]["matches"][0]["entry_id"] == "UTO-1" and out[0]["matches"][0]["list"] == "national"
    assert out[1]["error"]["code"] == "name_empty"


def test_screen_from_a_malformed_file_or_without_a_format_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\n,No Id\n", encoding="utf-8")
    base = [sys.executable, "-m", "borderdesk.cli", "screen", "--json"]
    result = subprocess.run(
        [*base, "--from", str(bad), "--format", "csv"], input=jsonl(PEOPLE), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 2 and "missing_id" in result.stderr and "line 2" in result.stderr
    result = subprocess.run([*base, "--from", str(bad)], input="", capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "format_required" in result.stderr


@pytest.mark.data
def test_screen_from_the_real_un_list(shared_data, tmp_path):
    source = shared_data / "watchlists" / "un-consolidated.xml"
    if not source.exists():
        pytest.skip(f"the UN consolidated list is not at {source}")
    people = [
        {"id": "badege", "name": "Eric Badege", "birth_date": "1971"},
        {"id": "nobody", "name": "Wilhelmina Zoutendijk", "birth_date": "1990-05-06", "nationality": "NLD"},
        {"id": "blank", "name": " "},
    ]
    result = subprocess.run(
        [sys.executable, "-m", "borderdesk.cli", "screen", "--json", "--from", str(source), "--format", "un-xml"],
        input=jsonl(people),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = lines(result)
    assert [o["id"] for o in out] == ["badege", "nobody", "blank"]
    best = out[0]["matches"][0]
    assert (best["list"], best["entry_id"], best["decision"]) == ("un", "6907993", "hit")
    assert out[1]["matches"] == [] and out[2]["error"]["code"] == "name_empty"
