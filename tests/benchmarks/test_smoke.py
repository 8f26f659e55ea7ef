"""Every benchmark in benchmarks/ runs at a tiny size and prints its figures, so none can rot unnoticed.

They run in the test command's SQLite pass (they use no test database: inspection.py makes its own on the
PostgreSQL server that BORDERDESK_TEST_POSTGRES names), not again in its PostgreSQL pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("BORDERDESK_TEST_POSTGRES", "")

pytestmark = pytest.mark.skipif(
    bool(POSTGRES) and os.environ.get("BORDERDESK_DATABASE_URL") == POSTGRES,
    reason="the benchmarks' smoke runs belong to the SQLite pass; the PostgreSQL pass would repeat them",
)


def run_benchmark(script: str, *arguments: str, timeout: float = 120) -> str:
    """Runs the script on this checkout's code; its exit status must be 0. Returns what it printed."""
    env = {k: v for k, v in os.environ.items() if k != "BORDERDESK_DATABASE_URL"}
    env["PYTHONPATH"] = str(ROOT / "src")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{script} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def test_mrz_benchmark():
    printed = run_benchmark("mrz.py", "--count", "500", "--repeat", "1")
    assert "zones: 500 " in printed
    assert "borderdesk parse_mrz:" in printed and "zones/s" in printed


def test_mrz_image_benchmark():
    printed = run_benchmark("mrz_image.py", "--count", "3")
    assert "borderdesk: " in printed and "/3 exact" in printed and "CPU s per image" in printed


def test_screening_benchmark():
    printed = run_benchmark(
        "screening.py", "--entries", "2000", "--queries", "5", "--innocents", "20", "--data", str(SHARED_DATA)
    )
    assert "## Index:" in printed and "## Innocent travellers: 20 generated names" in printed
    assert "one person, all, cpu: p50" in printed and "500-person manifest:" in printed
    if (SHARED_DATA / "watchlists" / "un-consolidated.xml").exists():
        assert "## Perturbed UN names" in printed and "| all |" in printed


@pytest.fixture
def bench_database():
    """A database of its own on the test PostgreSQL server, named after this process so that two test runs at
    once do not collide; dropped afterwards."""
    if not POSTGRES:
        pytest.skip("inspection.py loads PostgreSQL: set BORDERDESK_TEST_POSTGRES to run its smoke test")
    import psycopg

    url = urllib.parse.urlparse(POSTGRES)
    name = f"{url.path.lstrip('/') or 'test'}_bench_smoke_{os.getpid()}"
    yield url._replace(path=f"/{name}").geturl()
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_inspection_load_and_cost_benchmarks(bench_database, tmp_path):
    tiny = ["--travellers", "200", "--database", bench_database]
    load = json.loads(
        run_benchmark(
            "inspection.py",
            *tiny,
            *["--crossings", "400", "--watchlist", "50", "--rate", "10", "--duration", "1", "--warm-up", "2"],
            *["--workers", "1", "--data", str(tmp_path)],  # no real lists: the generated one is enough here
            timeout=300,
        )
    )
    assert load["inspections"]["requests"] == 10 and load["inspections"]["statuses"] == {"200": 10}
    assert load["reference_me"]["statuses"] == {"200": 10}
    assert load["inspections"]["p99_ms"] > 0 and set(load["timings"]) >= {"copy_travellers_and_crossings_s"}

    cost = json.loads(
        run_benchmark(
            "inspection_cost.py", *tiny, "--inspections", "5", "--warm-up", "2", "--me-requests", "10", timeout=300
        )
    )
    assert sum(cost["gate_actions"].values()) == 5
    assert cost["cpu_ms_per_inspection"] > 0 and all(n > 0 for n in cost["statements_per_inspection"].values())
    # Every step the benchmark times was reached: a step renamed or moved would show up as missing here.
    assert len(cost["cpu_ms_per_step"]) == 9 and all(ms > 0 for ms in cost["cpu_ms_per_step"].values())
    # Five inspections make far more than the 700 objects that start a young-generation collection.
    assert cost["garbage_collections"]["generation_0"]["runs"] > 0


def test_audit_trail_benchmark(bench_database):
    printed = run_benchmark("audit_trail.py", "--events", "2000", "--database", bench_database)
    assert "2,000 changes loaded" in printed and "| one person |" in printed
    assert "CSV export of every change: 2,000 rows" in printed


def test_manifest_parse_benchmark():
    printed = run_benchmark(
        "manifest_parse.py", "--passengers", "20", "--messages", "2", "--repeat", "1", "--data", str(SHARED_DATA)
    )
    assert "## generated: 2 messages, 40 travellers" in printed
    assert "borderdesk read_paxlst (everything):" in printed and "pydifact Tokenizer (tokens only):" in printed
    if (SHARED_DATA / "paxlst-gtas").is_dir():
        assert "## real: 5 messages, 282 travellers" in printed


def test_casework_benchmark(bench_database, tmp_path):
    tiny = ["--cases", "300", "--database", bench_database, "--data", str(tmp_path)]  # no real lists: faster
    printed = run_benchmark("casework.py", *tiny, "--samples", "5", "--warm-up", "1", "--explain", timeout=300)
    assert "300 applications, loaded in" in printed
    assert "| case page `casework:case` |" in printed and "x |" in printed
    for view in ("mine", "team", "at_risk", "waiting"):
        assert f"| queue `?view={view}` |" in printed
    assert "| lodging" in printed and "applications lodged while measuring were removed again" in printed
    # A second run of the same size reuses the loaded data.
    again = run_benchmark("casework.py", *tiny, "--samples", "2", "--warm-up", "0")
    assert "300 cases loaded earlier" in again


def test_manifest_benchmark():
    printed = run_benchmark("manifest.py", "--quick", timeout=300)
    assert "watchlist: 2,000 entries" in printed and "## A 40-passenger manifest" in printed
    assert "| 2 |" in printed and "target < 2 s" in printed
    assert "pydifact Tokenizer (tokens only)" in printed and "ratio" in printed
    assert "## Board-check: 20 requests" in printed and "p95" in printed
