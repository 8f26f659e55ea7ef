"""Where one inspection's time goes: CPU per request and per step, in one process, against the database that
benchmarks/inspection.py loaded (run that first, once).

    .venv/bin/python benchmarks/inspection_cost.py [--inspections 300] [--travellers N] [--checkout PATH]

It sends `POST /api/v1/inspections` and `GET /api/v1/me` through Django's request handler (no HTTP server, no
load generator: this is the server's own cost), times the steps of an inspection with the process's CPU clock,
counts the SQL statements, and compares one small ORM query with the same query on a raw cursor. Together with
benchmarks/inspection.py it says how many inspections per second the machine's cores can carry at most.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import cProfile
import gc
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import inspection as load  # noqa: E402  (the load benchmark: its database and its zones)

STATEMENT_SAMPLE = 20  # inspections whose statements are counted, after the timed ones


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inspections", type=int, default=300)
    parser.add_argument("--travellers", type=int, default=1_000_000, help="as loaded by inspection.py")
    parser.add_argument("--database", default=load.DEFAULT_URL)
    parser.add_argument("--warm-up", type=int, default=50, help="inspections sent before timing")
    parser.add_argument("--me-requests", type=int, default=1000, help="GET /api/v1/me requests timed")
    parser.add_argument(
        "--profile", type=Path, help="also write a cProfile of the timed inspections to this file (and count calls)"
    )
    parser.add_argument("--sql", action="store_true", help="print the SQL statements of one inspection")
    load.add_checkout_options(parser)
    args = parser.parse_args()
    os.environ.update({**load.product_env(args), "DJANGO_SETTINGS_MODULE": "borderdesk.config.settings"})
    sys.path.insert(0, str(load.CHECKOUT / "src"))  # the measured checkout's code, not an installed one
    import django

    django.setup()
    from borderdesk.config.warmup import warm_up

    warm_up()
    client, secret = gate_client()
    load.LOADED_TRAVELLERS = args.travellers
    warm = args.warm_up
    inspect = inspector(client, secret, load.gate_traffic(args, warm + args.inspections + STATEMENT_SAMPLE))
    for i in range(warm):  # the first requests of a process load code and caches
        inspect(i)
    if args.sql:
        print_statements(lambda: inspect(warm))
    steps = timed_steps()
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    if profiler:
        profiler.enable()
    database_before = database_use()
    durations: list[float] = []
    with collections_watched() as collections_seen:
        cpu, wall, outcomes = measure(lambda i: inspect(warm + i), args.inspections, durations)
    database_after = database_use()
    calls = None
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
        calls = pstats.Stats(profiler).total_calls / args.inspections  # load does not change it, unlike CPU time
    step_cpu = {name: seconds / args.inspections * 1000 for name, seconds in steps.most_common()}
    me_cpu, _, _ = measure(
        lambda i: client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code, args.me_requests
    )
    counted = statements(lambda i: inspect(warm + args.inspections + i), STATEMENT_SAMPLE)
    print(
        json.dumps(
            {
                "inspections": args.inspections,
                "cpu_ms_per_inspection": cpu,
                "wall_ms_per_inspection": wall,
                "wall_ms_one_at_a_time": spread(durations),
                "gate_actions": dict(outcomes),
                "statements_per_inspection": counted,
                "postgres_cpu_ms_per_inspection": (database_after[0] - database_before[0]) / args.inspections * 1000,
                "wal_bytes_per_inspection": (database_after[1] - database_before[1]) / args.inspections,
                "cpu_ms_per_step": step_cpu,
                "garbage_collections": collections_seen,
                "cpu_ms_per_me_request": me_cpu,
                "function_calls_per_inspection": calls,
                "one_row_query_cpu_us": query_costs(),
            },
            indent=2,
        )
    )
    return 0


def gate_client():
    from django.test import Client

    from borderdesk.apps.accounts.models import User
    from borderdesk.apps.accounts.tokens import issue_token

    try:
        from borderdesk.apps.accounts.actors import SystemActor

        benchmark = SystemActor("cost benchmark")
    except ImportError:  # a checkout from before system actors (--checkout of an older commit) took None
        benchmark = None
    _, secret = issue_token(benchmark, User.objects.get(username="egate"), name="cost benchmark")
    return Client(HTTP_HOST="localhost"), secret


def inspector(client, secret: str, requests: list):
    """Sends the i-th request of the load benchmark's e-gate traffic (arrivals, and departures of travellers in
    the country)."""

    def inspect(i: int):
        _, path, body = requests[i % len(requests)]
        response = client.post(path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 200, response.content
        answer = json.loads(response.content)
        return f"{json.loads(body)['direction']}: {answer['gate_action']}"

    return inspect


@contextlib.contextmanager
def collections_watched():
    """The garbage collector's runs while the block runs, by generation: how many and their CPU ms (total and the
    longest). A full collection walks every object the collector tracks, so its cost shows what the warm-up left
    unfrozen."""
    seen: dict = {}
    started = {}

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started["at"] = time.process_time()
            return
        ms = (time.process_time() - started.pop("at", time.process_time())) * 1000
        runs = seen.setdefault(f"generation_{info['generation']}", {"runs": 0, "cpu_ms": 0.0, "longest_ms": 0.0})
        runs["runs"] += 1
        runs["cpu_ms"] = round(runs["cpu_ms"] + ms, 3)
        runs["longest_ms"] = round(max(runs["longest_ms"], ms), 3)

    gc.callbacks.append(callback)
    try:
        yield seen
    finally:
        gc.callbacks.remove(callback)


def measure(call, n: int, durations: list | None = None) -> tuple[float, float, collections.Counter]:
    """CPU and wall ms per call on average, what the calls answered, and each call's wall time (``durations``)."""
    outcomes = collections.Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        started = time.perf_counter()
        outcomes[call(i)] += 1
        if durations is not None:
            durations.append(time.perf_counter() - started)
    return (time.process_time() - cpu) / n * 1000, (time.perf_counter() - wall) / n * 1000, outcomes


def spread(durations: list[float]) -> dict:
    """One request at a time, so a slow one is the request's own work (or the machine's), never a queue."""
    durations = sorted(durations)
    return {f"p{p}": round(load.percentile(durations, p) * 1000, 1) for p in (50, 95, 99)} | {
        "max": round(max(durations) * 1000, 1)
    }


def timed_steps() -> collections.Counter:
    """Wrap the steps of an inspection so that each adds the CPU time it takes to a counter."""
    import importlib.util

    from borderdesk.apps.accounts import tokens
    from borderdesk.apps.audit import services as audit

    if importlib.util.find_spec("borderdesk.apps.audit.recording"):  # where the chain lives since the services split
        from borderdesk.apps.audit import recording as audit
    from borderdesk.apps.inspection import api
    from borderdesk.apps.inspection.services import egate, scan

    spent = collections.Counter()

    def timed(module, name: str, label: str) -> None:
        """Replaces the name where the caller looks it up (a step that moves makes this fail loudly)."""
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - started

        setattr(module, name, wrapper)

    timed(tokens, "user_for_token", "token check")
    timed(scan, "check_document", "MRZ and lost/stolen register")
    timed(scan, "identify", "identify the traveller")
    timed(scan, "load_history", "travel history")
    timed(scan, "screen_person", "screening (with its record)")
    timed(scan, "recommend_entry", "rules (with the stored evaluation)")
    timed(egate, "decide", "gate decision (admit/exit)")
    timed(audit, "_chain", "audit and access chains")
    timed(api, "egate_inspection", "whole service call")
    return spent


def statements(inspect, n: int) -> dict:
    """SQL statements per inspection over ``n`` more of the traffic, by what the gate did (after the timing: the
    capture costs CPU of its own)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts: dict[str, list[int]] = collections.defaultdict(list)
    for i in range(n):
        with CaptureQueriesContext(connection) as queries:
            action = inspect(i)
        counts[action].append(len(queries.captured_queries))
    return {action: sum(seen) / len(seen) for action, seen in sorted(counts.items())}


def print_statements(inspect_one) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        inspect_one()
    for n, query in enumerate(queries.captured_queries, 1):
        print(f"{n:3} {query['time']:>6}s {query['sql'][:300]}", file=sys.stderr)


def database_use() -> tuple[float, int]:
    """The CPU seconds the server process of this connection has spent (PostgreSQL runs on this machine, so its
    /proc entry can be read) and the write-ahead log written so far, in bytes."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), pg_current_wal_lsn() - '0/0'::pg_lsn")
        pid, wal = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # PostgreSQL on another machine: its CPU is not ours to read
        return float("nan"), int(wal)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), int(wal)


def query_costs() -> dict:
    from django.db import connection

    from borderdesk.apps.posts.models import Post

    def raw():
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, code, name FROM posts_post WHERE code = %s LIMIT 1", ["UCX"])
            cursor.fetchone()

    costs = {}
    for label, call in (("orm", lambda: Post.objects.filter(code="UCX").first()), ("raw_cursor", raw)):
        started = time.process_time()
        for _ in range(2000):
            call()
        costs[label] = (time.process_time() - started) / 2000 * 1e6
    return costs


if __name__ == "__main__":
    sys.exit(main())
