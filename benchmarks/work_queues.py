"""The casework queues at size: each queue's first page and a deep page, and the counts of the home page, on
PostgreSQL holding 1,000,000 applications, with the plan PostgreSQL chose for each queue's query.

    .venv/bin/python benchmarks/work_queues.py                        # full size (a few minutes on 2 cores)
    .venv/bin/python benchmarks/work_queues.py --applications 20000   # a smoke run
    .venv/bin/python benchmarks/work_queues.py --reuse                # keep the loaded database, only measure

It makes its own database (BORDERDESK_BENCH_QUEUES_POSTGRES, default postgresql://postgres@127.0.0.1:5432/
borderdesk_bench_queues), migrates it, and loads with INSERT ... SELECT: 20 offices, a fifth of all applications at
the first one (OF01); four years of them, so nine in ten are closed or withdrawn and the rest spread over the open
states; seven in ten open ones assigned to one of ten officers per office; an open evidence request for each case
waiting for evidence. Then it calls the queue service the page calls, in this process, as one of OF01's officers and
its senior officer: each figure is the median of five calls.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = os.environ.get(
    "BORDERDESK_BENCH_QUEUES_POSTGRES", "postgresql://postgres@127.0.0.1:5432/borderdesk_bench_queues"
)
POSTS = 20
OFFICERS = 10
PASSWORD = "work-queues-benchmark-2026"
OPEN = ["lodged", "admissible", "checks_running", "evidence_requested", "interview_scheduled", "assessment"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="keep the database loaded by an earlier run")
    parser.add_argument("--database", default=DEFAULT_URL)
    args = parser.parse_args()
    os.environ.update(
        BORDERDESK_DATABASE_URL=args.database,
        BORDERDESK_DATA_DIR=str(ROOT / "var" / "bench-queues"),
        DJANGO_SETTINGS_MODULE="borderdesk.config.settings",
    )
    sys.path.insert(0, str(ROOT / "src"))
    if not args.reuse:
        _create_database(args.database)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    loaded = None if args.reuse else _load(args.applications)
    _measure(args, loaded)
    return 0


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _load(applications: int) -> float:
    from django.db import connection

    from borderdesk.apps.accounts.actors import SystemActor
    from borderdesk.apps.accounts.services import create_user
    from borderdesk.apps.posts.services import create_post

    setup = SystemActor("work queues benchmark")
    started = time.perf_counter()
    for n in range(1, POSTS + 1):
        code = f"OF{n:02d}"
        create_post(setup, code=code, name=f"Office {n}", kind="inland_office", country="UTO", time_zone="UTC")
        for m in range(1, OFFICERS + 1):
            create_user(setup, username=f"cw{n:02d}{m:02d}", password=PASSWORD, roles=["caseworker"], posts=[code])
        create_user(setup, username=f"senior{n:02d}", password=PASSWORD, roles=["senior_officer"], posts=[code])
    open_states = "ARRAY[" + ",".join(f"'{s}'" for s in OPEN) + "]"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO travellers_traveller (id, surname, given_names, sex, nationality, created_at) "
            "SELECT g, 'PERSON' || g, 'GIVEN', 'F', 'UTO', now() FROM generate_series(1, 100000) g"
        )
        cursor.execute("SELECT id, code FROM posts_post ORDER BY code")
        posts = [pk for pk, _ in cursor.fetchall()]
        cursor.execute("SELECT id, username FROM accounts_user WHERE username LIKE 'cw%%' ORDER BY username")
        officers = [pk for pk, _ in cursor.fetchall()]
        # One in five at the first office, the rest spread; the older a case, the likelier it is closed.
        cursor.execute(
            f"""
            INSERT INTO casework_application (reference, kind, post_id, state, version, applicant_id, answers, sponsor,
                language, contact_email, channel, external_reference, fee_amount, fee_currency, fee_exempt,
                fee_receipt, lodged_on, lodged_at, decision_due, assigned_to_id, assigned_at, updated_at,
                proposed_outcome, proposed_grounds, proposed_terms, outcome, relationship)
            SELECT 'B-' || g, 'extension_of_stay', p.post, s.state, 1, 1 + mod(g, 100000), '{{}}', '{{}}', 'en', '',
                'officer', '', 80, 'UTD', false, '', d.lodged, d.lodged + time '09:00',
                CASE WHEN s.state = 'evidence_requested' THEN NULL ELSE d.lodged + 30 END,
                CASE WHEN s.state IN ('closed', 'withdrawn') OR mod(g / 5, 10) < 7
                     THEN (%s::int[])[1 + (p.idx * {OFFICERS}) + mod(g / 7, {OFFICERS})] END,
                NULL, now(), '', '[]', '{{}}', '', ''
            FROM generate_series(1, %s) g
            CROSS JOIN LATERAL (SELECT CASE WHEN mod(g, 5) = 0 THEN 0 ELSE mod(g, {POSTS}) END AS idx) i
            CROSS JOIN LATERAL (SELECT (%s::int[])[1 + i.idx] AS post, i.idx AS idx) p
            CROSS JOIN LATERAL (SELECT current_date - (1460 * g / %s) AS lodged) d
            CROSS JOIN LATERAL (SELECT CASE
                WHEN d.lodged < current_date - 120 THEN (ARRAY['closed','closed','closed','withdrawn'])[1 + mod(g, 4)]
                WHEN mod(g, 3) = 0 THEN 'decision_proposed'
                ELSE ({open_states})[1 + mod(g / 3, {len(OPEN)})] END AS state) s
            """,
            [officers, applications, posts, applications],
        )
        cursor.execute(
            "INSERT INTO casework_evidencerequest (application_id, requested_on, due_on, documents, message, "
            "requested_by_id, answered_late) SELECT id, lodged_on + 2, lodged_on + 30, '[]', '', %s, false "
            "FROM casework_application WHERE state = 'evidence_requested'",
            [officers[0]],
        )
        cursor.execute("ANALYZE casework_application; ANALYZE casework_evidencerequest")
    return time.perf_counter() - started


def _measure(args, loaded: float | None) -> None:
    from django.db import connection

    from borderdesk.apps.accounts.models import User
    from borderdesk.apps.casework.models import Application
    from borderdesk.apps.casework.services import queues
    from borderdesk.apps.posts.models import Post

    post = Post.objects.get(code="OF01")
    officer, senior = User.objects.get(username="cw0101"), User.objects.get(username="senior01")
    total, here = Application.objects.count(), Application.objects.filter(post=post).count()
    print(f"{total:,} applications, {here:,} at OF01" + (f", loaded in {loaded:.0f} s" if loaded else " (reused)"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PostgreSQL at {args.database.rsplit('@', 1)[-1]}, load average {os.getloadavg()[0]:.1f}"
    )
    counts = queues.queue_counts(senior, post=post)
    print(
        f"counts at OF01 (senior officer): {counts}; mine for {officer.username}: "
        f"{queues.queue_counts(officer, post=post)['mine']}"
    )
    print("| queue page (25 rows, with every tab's count) | page 1 median ms | page 40 median ms |\n|---|---|---|")
    for view, who in [
        ("mine", officer),
        ("team", senior),
        ("at_risk", senior),
        ("waiting", senior),
        ("approval", senior),
    ]:
        medians = []
        for page in (1, 40):
            times = []
            for _ in range(5):
                started = time.perf_counter()
                queues.work_queue(who, post=post, view=view, page=page)
                times.append((time.perf_counter() - started) * 1000)
            medians.append(statistics.median(times))
        print(f"| {view} | {medians[0]:.1f} | {medians[1]:.1f} |")
    times = []
    for _ in range(5):
        started = time.perf_counter()
        queues.queue_counts(officer, post=post)
        times.append((time.perf_counter() - started) * 1000)
    print(f"home page counts: {statistics.median(times):.1f} ms")
    print("\nPlans (EXPLAIN ANALYZE of each page-1 query):")
    today = queues.post_today(post)
    from borderdesk.apps.casework.services.queues import _approval, _at_risk, _mine, _team, _waiting
    from borderdesk.core.casework.queues import within_working_days

    until = within_working_days(today, 3, queues.calendar_of(post))
    for name, query in [
        ("mine", _mine(officer, post)),
        ("team", _team(post)),
        ("at_risk", _at_risk(post, until)),
        ("waiting", _waiting(post)),
        ("approval", _approval(post)),
    ]:
        sql, params = query[:26].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        print(f"-- {name}\n" + "\n".join("   " + line for line in plan))


if __name__ == "__main__":
    sys.exit(main())
