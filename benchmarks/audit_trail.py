"""The auditor's trail at size: a page of each filter, a page deep in the trail, and the CSV export of every event,
on PostgreSQL holding 1,000,000 changes and 250,000 reads.

    .venv/bin/python benchmarks/audit_trail.py                    # full size (a few minutes on 2 cores)
    .venv/bin/python benchmarks/audit_trail.py --events 2000      # a smoke run
    .venv/bin/python benchmarks/audit_trail.py --reuse            # keep the loaded database, only measure

It makes its own database (BORDERDESK_BENCH_AUDIT_POSTGRES, default postgresql://postgres@127.0.0.1:5432/
borderdesk_bench_audit), migrates it, loads the events with COPY (two years of a border agency: 200 officers at 20
posts, actions in proportion, a few rare ones such as trail verifications), and calls the services the pages call,
in this process: each page is the median of five calls; the export streams every change to nowhere, and the
process's peak memory before and after it shows that the events are not held in memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = os.environ.get(
    "BORDERDESK_BENCH_AUDIT_POSTGRES", "postgresql://postgres@127.0.0.1:5432/borderdesk_bench_audit"
)
# Actions and their share of the trail; the rare ones are what a filter must find without scanning everything.
ACTIONS = [
    ("travellers.traveller.create", 20),
    ("travellers.crossing.admitted", 30),
    ("travellers.crossing.exited", 25),
    ("inspection.decision.admit", 30),
    ("inspection.decision.exit", 25),
    ("inspection.decision.refer", 2),
    ("inspection.decision.refuse", 0.5),
    ("accounts.signin.password", 5),
    ("accounts.signin.second_factor", 5),
    ("access.denied", 0.3),
    ("audit.trail.verify", 0.01),
]
START = datetime(2024, 1, 1, tzinfo=UTC)
DAYS = 730


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000, help="changes; reads are a quarter of this")
    parser.add_argument("--reuse", action="store_true", help="keep the database loaded by an earlier run")
    parser.add_argument("--database", default=DEFAULT_URL)
    args = parser.parse_args()
    os.environ.update(
        BORDERDESK_DATABASE_URL=args.database,
        BORDERDESK_DATA_DIR=str(ROOT / "var" / "bench-audit"),
        BORDERDESK_AUDIT_CHECKPOINT_EVERY="0",
        DJANGO_SETTINGS_MODULE="borderdesk.config.settings",
    )
    sys.path.insert(0, str(ROOT / "src"))
    loaded = None
    if not args.reuse:
        _create_database(args.database)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not args.reuse:
        loaded = _load(args.events)
    _measure(args, loaded)
    return 0


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _load(events: int) -> float:
    from django.db import connection

    started = time.perf_counter()
    rng = random.Random(2026)
    names, weights = zip(*ACTIONS, strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO travellers_traveller (id, surname, given_names, sex, nationality, created_at) "
            "SELECT g, 'PERSON' || g, 'GIVEN', 'F', 'UTO', now() FROM generate_series(1, 100000) g"
        )
        raw = cursor.cursor
        with raw.copy(
            "COPY audit_auditevent (seq, occurred_at, actor_username, post_code, object_type, object_id, prev_hash, "
            "hash, action, old_values, new_values) FROM STDIN"
        ) as copy:
            for seq in range(1, events + 1):
                action = rng.choices(names, weights)[0]
                traveller = rng.randint(1, 100_000)
                copy.write(
                    f"{seq}\t{_when(seq, events)}\tofficer{rng.randint(1, 200)}\tP{rng.randint(1, 20):02d}\t"
                    f"travellers.traveller\t{traveller}\t{seq - 1:064x}\t{seq:064x}\t{action}\t\\N\t"
                    '{"n": 1}\n'
                )
        reads = events // 4
        with raw.copy(
            "COPY audit_accessevent (seq, occurred_at, actor_username, post_code, object_type, object_id, "
            "prev_hash, hash, purpose, detail) FROM STDIN"
        ) as copy:
            for seq in range(1, reads + 1):
                copy.write(
                    f"{seq}\t{_when(seq, reads)}\tofficer{rng.randint(1, 200)}\tP{rng.randint(1, 20):02d}\t"
                    f"travellers.traveller\t{rng.randint(1, 100_000)}\t{seq - 1:064x}\t{seq:064x}\t"
                    "primary inspection\t\n"
                )
        cursor.execute("ANALYZE audit_auditevent; ANALYZE audit_accessevent")
    return time.perf_counter() - started


def _when(seq: int, total: int) -> str:
    return (START + timedelta(days=DAYS * seq / total)).isoformat()


def _measure(args, loaded: float | None) -> None:
    from borderdesk.apps.accounts.actors import SystemActor
    from borderdesk.apps.audit import trail
    from borderdesk.apps.audit.models import AuditEvent
    from borderdesk.core.audit.trail_query import parse_trail_query

    auditor = SystemActor("audit trail benchmark")
    total = AuditEvent.objects.count()
    day = (START + timedelta(days=DAYS // 2)).date().isoformat()
    cases = {
        "newest page": {},
        "a page deep in the trail (seq < 10% of the head)": {"before": str(max(2, total // 10))},
        "one officer": {"officer": "officer17"},
        "one post": {"post": "P07"},
        "a common action (crossing admitted)": {"action": "travellers.crossing.admitted"},
        "a rare action (trail verified, 1 in 10,000)": {"action": "audit.trail.verify"},
        "one context (inspection, 5 actions)": {"action": "inspection"},
        "one day": {"since": day, "until": day},
        "one person": {"person": "4242"},
        "one officer at one post on one day": {"officer": "officer17", "post": "P07", "since": day, "until": day},
    }
    print(f"{total:,} changes loaded" + (f" in {loaded:.0f} s" if loaded else " (reused)"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PostgreSQL at {args.database.rsplit('@', 1)[-1]}"
    )
    print("| page of 50 changes | median ms (5 calls) |\n|---|---|")
    for label, params in cases.items():
        query = parse_trail_query(params)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            trail.browse_changes(auditor, query)
            times.append((time.perf_counter() - started) * 1000)
        print(f"| {label} | {statistics.median(times):.1f} |")
    reads = trail.browse_accesses(auditor, parse_trail_query({"person": "4242"}))
    print(f"reads of one person: {len(reads.events)} on the first page")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    rows = sum(1 for _ in trail.export_changes(auditor, parse_trail_query({}))) - 1
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"CSV export of every change: {rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s); "
        f"peak memory of the process {before / 1024:.0f} MB before, {after / 1024:.0f} MB after"
    )


if __name__ == "__main__":
    sys.exit(main())
