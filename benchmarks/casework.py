"""Casework at size: a case's page, the work queues and lodging with its checks, on PostgreSQL holding 1,000,000
applications (issue #13: p95 under 150 ms for the pages, under 300 ms for lodging with its checks, on 2 cores).

    .venv/bin/python benchmarks/casework.py                     # full size (loads once, then reuses the database)
    .venv/bin/python benchmarks/casework.py --cases 100000      # a tenth
    .venv/bin/python benchmarks/casework.py --fresh             # load again even if the database holds the size
    .venv/bin/python benchmarks/casework.py --explain           # also print the plans of the lists' queries
    .venv/bin/python benchmarks/casework.py --cases 300 --samples 5 --warm-up 1    # a smoke run (the tests)

It makes its own database (BORDERDESK_BENCH_CASEWORK_POSTGRES, default postgresql://postgres@127.0.0.1:5432/
borderdesk_bench_casework), migrates it, creates five posts (the immigration office UTCIO and four consulates), 50
officers, and loads with COPY, in chunks: travellers and their passports, applications of every kind lodged at each
post over six years in a realistic mix of states (most closed or notified; about 6 % open, recent, a few overdue,
those past lodging mostly assigned), each with a short timeline, evidence requests for the cases waiting for the
applicant and some older ones, and check runs for the open cases past lodging and a tenth of the others. A table
``bench_casework_loaded`` records the size loaded; a later run of the same size reuses the data (``--fresh`` loads
again).

It then signs in (password and second factor, as a real session) as a caseworker of the busiest post (UTCIO) and,
through Django's test ``Client`` in this process (no HTTP server: the server's own cost, as inspection_cost.py
measures), times after a warm-up:

- the case page ``casework:case`` of random cases of that post;
- the queue page ``casework:queue`` with ``?view=mine|team|at_risk|waiting`` (reported as "not built yet" while the
  page does not exist);
- lodging (``services.lodging.lodge``) of a new application for a fresh traveller, followed by its checks
  (``services.checks.run_checks(..., stage="lodged")``) when that service exists (the output says which).

Each with p50/p95/p99/mean and the SQL statements per request. The reference beside each, in the same run: the
raw SQL floor of the same rows on a bare cursor (the application with its applicant, document, post and assignee,
its timeline and family, for the case page; the list's first page of 50 and its count for each queue, written from
the queue's definition in issue #13), and for lodging a naive ORM insert of the same application and its timeline
line (no reference counter, no checks, no permission, no audit).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = os.environ.get(
    "BORDERDESK_BENCH_CASEWORK_POSTGRES", "postgresql://postgres@127.0.0.1:5432/borderdesk_bench_casework"
)
CHUNK = 20_000
# code, name, kind, country, time zone, share of the cases, officers
POSTS = [
    ("UTCIO", "Central Immigration Office, Amaurot", "inland_office", "UTO", "Europe/Lisbon", 0.40, 20),
    ("UTBER", "Embassy in Berlin", "embassy", "DEU", "Europe/Berlin", 0.20, 10),
    ("UTBKK", "Embassy in Bangkok", "embassy", "THA", "Asia/Bangkok", 0.15, 8),
    ("UTLOS", "Consulate in Lagos", "consulate", "NGA", "Africa/Lagos", 0.15, 7),
    ("UTIST", "Consulate in Istanbul", "consulate", "TUR", "Europe/Istanbul", 0.10, 5),
]
BUSIEST = "UTCIO"
KINDS = {
    "inland_office": [
        ("extension_of_stay", 35),
        ("work_permit", 20),
        ("study_permit", 15),
        ("change_of_status", 10),
        ("family_reunification", 10),
        ("permanent_residence", 10),
    ],
    "consulate": [
        ("short_stay_visa", 70),
        ("long_stay_visa", 10),
        ("work_permit", 8),
        ("study_permit", 7),
        ("family_reunification", 5),
    ],
}
# Final or decided states (most cases) and the open working set (about 6 %).
STATES = [
    ("closed", 76),
    ("applicant_notified", 12),
    ("withdrawn", 3),
    ("approved", 1),
    ("refused", 0.5),
    ("inadmissible", 0.5),
    ("appeal_lodged", 0.5),
    ("appeal_decided", 0.5),
    ("lodged", 1),
    ("admissible", 0.5),
    ("checks_running", 1),
    ("evidence_requested", 1),
    ("interview_scheduled", 0.5),
    ("assessment", 1.5),
    ("decision_proposed", 0.5),
]
OPEN = {"lodged", "admissible", "checks_running", "evidence_requested", "interview_scheduled", "assessment"}
OPEN |= {"decision_proposed"}
UNASSIGNED = {"lodged", "admissible"}  # the team's queue: not yet taken
# How a case reached its state (the actions, in order).
_ASSESSED = ["find_admissible", "start_checks", "checks_done"]
_DECIDED = [*_ASSESSED, "propose_decision", "approve"]
PATHS = {
    "lodged": [],
    "admissible": ["find_admissible"],
    "inadmissible": ["find_inadmissible"],
    "checks_running": ["find_admissible", "start_checks"],
    "evidence_requested": ["find_admissible", "start_checks", "request_evidence"],
    "assessment": _ASSESSED,
    "interview_scheduled": [*_ASSESSED, "schedule_interview"],
    "decision_proposed": [*_ASSESSED, "propose_decision"],
    "approved": _DECIDED,
    "refused": [*_ASSESSED, "propose_decision", "refuse"],
    "applicant_notified": [*_DECIDED, "notify"],
    "appeal_lodged": [*_ASSESSED, "propose_decision", "refuse", "notify", "lodge_appeal"],
    "appeal_decided": [*_ASSESSED, "propose_decision", "refuse", "notify", "lodge_appeal", "decide_appeal"],
    "closed": [*_DECIDED, "notify", "close"],
    "withdrawn": ["find_admissible", "withdraw"],
}
NATIONALITIES = ["NGA", "TUR", "THA", "IND", "CHN", "BRA", "UKR", "PHL", "VNM", "MAR", "EGY", "PAK", "GHA", "IRN"]
GIVEN = (
    "Anan Somchai Mei Ling Wei Jun Maria Jose Ana Luis Ahmed Fatima Omar Aisha Priya Ravi Arjun Sofia Ivan "
    "Olga Kenji Yuki Min-jun Ji-woo Nguyen Linh Chinedu Ngozi Mehmet Elif Lukas Hannah Jean Claire"
).split()
FAMILY = (
    "Srisai Chaiya Tan Lim Wong Santos Reyes Garcia Silva Haddad Khan Rahman Patel Sharma Ivanov Petrova "
    "Tanaka Sato Kim Park Tran Le Okafor Adeyemi Yilmaz Kaya Mueller Schmidt Martin Dubois Rossi"
).split()
YEARS = 6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=200, help="timed requests of each kind")
    parser.add_argument("--warm-up", type=int, default=20, help="requests of each kind before timing")
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--fresh", action="store_true", help="load again even if the database holds the size")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN (ANALYZE) of the lists' queries")
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "data", help="the shared data (the real watchlists)"
    )
    args = parser.parse_args()
    name = args.database.rsplit("/", 1)[1]
    os.environ.update(
        BORDERDESK_DATABASE_URL=args.database,
        BORDERDESK_DATA_DIR=str(ROOT / "var" / "bench" / name),
        DJANGO_SETTINGS_MODULE="borderdesk.config.settings",
    )
    sys.path.insert(0, str(ROOT / "src"))
    loaded = loaded_size(args.database)
    reuse = loaded == args.cases and not args.fresh
    if not reuse:
        create_database(args.database)
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings = {"migrate_s": time.perf_counter() - started}
    if reuse:
        print(f"reusing {args.database.rsplit('@', 1)[-1]}: {loaded:,} cases loaded earlier", flush=True)
    else:
        timings.update(load(args))
    if args.explain:
        explain()
    measure(args, timings, reused=reuse)
    return 0


# ---------------------------------------------------------------- the database


def loaded_size(url: str) -> int | None:
    """The number of cases an earlier run loaded into the database (None: no such database or no finished load)."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute("SELECT to_regclass('bench_casework_loaded')").fetchone()
            if row[0] is None:
                return None
            found = conn.execute("SELECT cases FROM bench_casework_loaded").fetchone()
            return found[0] if found else None
    except psycopg.OperationalError:
        return None


def create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def load(args) -> dict:
    from django.db import connection

    timings = {}
    started = time.perf_counter()
    posts, officers = create_posts_and_officers()
    timings["posts_and_officers_s"] = time.perf_counter() - started
    started = time.perf_counter()
    lists = import_real_lists(args.data)
    timings["watchlists_s"] = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        counts = copy_cases(cursor.cursor, args.cases, posts, officers)
    timings["copy_s"] = time.perf_counter() - started
    started = time.perf_counter()
    import psycopg

    connection.close()
    with psycopg.connect(args.database, autocommit=True) as raw:  # VACUUM runs outside a transaction
        for table in ("travellers_traveller", "travellers_helddocument", *(f"casework_{t}" for t in CASEWORK_TABLES)):
            raw.execute(f"VACUUM (ANALYZE) {table}")
        raw.execute("CREATE TABLE bench_casework_loaded (cases integer NOT NULL, loaded_at timestamptz NOT NULL)")
        raw.execute("INSERT INTO bench_casework_loaded VALUES (%s, now())", [args.cases])
    timings["vacuum_analyze_s"] = time.perf_counter() - started
    print(
        f"loaded {', '.join(f'{n:,} {table}' for table, n in counts.items())}; watchlists: {lists or 'none'}",
        flush=True,
    )
    return timings


CASEWORK_TABLES = ("application", "caseevent", "evidencerequest", "checkrun", "referencecounter")


def create_posts_and_officers():
    """The five posts and their officers, through the services (each is an audited change)."""
    from borderdesk.apps.accounts.actors import SystemActor
    from borderdesk.apps.accounts.services import create_user
    from borderdesk.apps.posts.services import create_post

    setup = SystemActor("casework benchmark")
    posts, officers = {}, {}
    for code, name, kind, country, zone, _, count in POSTS:
        posts[code] = create_post(setup, code=code, name=name, kind=kind, country=country, time_zone=zone)
        role = "caseworker" if kind == "inland_office" else "consular_officer"
        officers[code] = [
            create_user(setup, username=f"{code.lower()}_officer{n:02d}", password=None, roles=[role], posts=[code]).pk
            for n in range(1, count + 1)
        ]
    return {code: post.pk for code, post in posts.items()}, officers


def import_real_lists(shared: Path) -> str:
    """The real sanctions lists from the shared data, when present: the checks screen everyone against them."""
    from borderdesk.apps.accounts.actors import SystemActor
    from borderdesk.apps.watchlists.services import import_list

    data = shared / "watchlists"
    done = []
    for fmt, path, name in (
        ("un-xml", data / "un-consolidated.xml", "un"),
        ("ofac-csv", data / "ofac-sdn" / "sdn.csv", "ofac"),
        ("csl-csv", data / "us-csl.csv", "csl"),
    ):
        if path.exists():
            import_list(SystemActor("casework benchmark"), fmt, path, list_name=name)
            done.append(name)
    return ", ".join(done)


def answers_for(kind) -> dict:
    """A complete, valid form for ``kind``: every field asked given the earlier answers, the first choice."""
    from borderdesk.core.casework import answer_problems, missing_answers
    from borderdesk.core.casework.kinds import visible_fields

    values = {"text": "As stated", "date": "2026-12-01", "number": 12, "boolean": False, "country": "DEU"}
    answers: dict = {}
    for _ in range(5):
        for field in visible_fields(kind, answers):
            if field.key not in answers:
                answers[field.key] = field.choices[0] if field.choices else values[str(field.type)]
    assert not answer_problems(kind, answers) and not missing_answers(kind, answers), (kind.id, answers)
    return answers


def _weighted(rng: random.Random, pairs):
    names, weights = zip(*pairs, strict=True)
    total = sum(weights)
    cumulative, running = [], 0.0
    for weight in weights:
        running += weight / total
        cumulative.append(running)

    def draw() -> str:
        r = rng.random()
        for name, bound in zip(names, cumulative, strict=True):
            if r < bound:
                return name
        return names[-1]

    return draw


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S+00")


def copy_cases(cur, total: int, posts: dict, officers: dict) -> dict:
    """COPY the cases in chunks (every table's rows of a chunk, then the next chunk), printing progress."""
    from borderdesk.core.casework import bundled_kinds, fee_for

    rng = random.Random(2026)
    kinds = bundled_kinds()
    answers = {kind_id: json.dumps(answers_for(kind)) for kind_id, kind in kinds.items()}
    fees: dict = {}
    draw_state = _weighted(rng, STATES)
    draw_post = _weighted(rng, [(p[0], p[5]) for p in POSTS])
    post_kind = {p[0]: ("inland_office" if p[2] == "inland_office" else "consulate") for p in POSTS}
    draw_kind = {k: _weighted(rng, v) for k, v in KINDS.items()}
    now = datetime.now(UTC).replace(microsecond=0)
    first = now - timedelta(days=365 * YEARS)
    ids = {t: _max_id(cur, t) for t in ("travellers_traveller", "travellers_helddocument", "casework_caseevent")}
    ids.update({"casework_evidencerequest": 0, "casework_checkrun": 0})
    counters: dict = {}
    counts = dict.fromkeys(("applications", "travellers", "events", "evidence requests", "check runs"), 0)
    # Cases in order of lodging: the decided ones over six years (to five days ago), then the open working set,
    # lodged within the last period and a third of the kind's decision period (so that some are overdue).
    along = {state: ["lodged", *[_after(path[: i + 1]) for i in range(len(path))]] for state, path in PATHS.items()}
    plan = [draw_state() for _ in range(total)]
    decided = sum(1 for s in plan if s not in OPEN)
    open_ages = sorted((rng.random() for _ in range(total - decided)), reverse=True)
    plan = [s for s in plan if s not in OPEN] + [s for s in plan if s in OPEN]
    started = time.perf_counter()
    case_id = 0
    for chunk_start in range(0, total, CHUNK):
        rows = {t: [] for t in ("traveller", "document", "application", "event", "evidence", "checkrun")}
        for n in range(chunk_start, min(total, chunk_start + CHUNK)):
            case_id += 1
            state = plan[n]
            code = draw_post()
            kind_id = draw_kind[post_kind[code]]()
            kind = kinds[kind_id]
            period = kind.decision_deadline.period
            calendar_days = period.days * 7 // 5 if period.working else period.days
            if state in OPEN:
                age = open_ages[n - decided] * calendar_days * 1.3
                lodged_at = now - timedelta(days=age, seconds=rng.randrange(3600))
            else:
                span = (now - timedelta(days=5) - first).total_seconds()
                lodged_at = first + timedelta(seconds=span * n / max(1, decided))
            lodged_at = lodged_at.replace(microsecond=0)
            lodged_on = lodged_at.date()
            year = lodged_on.year
            counters[(code, year)] = counters.get((code, year), 0) + 1
            reference = f"{code}-{year}-{counters[(code, year)]:06d}"
            # One applicant in ten applied before (an earlier traveller of the same chunk or an earlier one).
            if ids["travellers_traveller"] > 1000 and rng.random() < 0.1:
                traveller = rng.randrange(1, ids["travellers_traveller"])
                document = traveller + (ids["travellers_helddocument"] - ids["travellers_traveller"])
                nationality = NATIONALITIES[traveller % len(NATIONALITIES)]
            else:
                ids["travellers_traveller"] += 1
                ids["travellers_helddocument"] += 1
                traveller, document = ids["travellers_traveller"], ids["travellers_helddocument"]
                nationality = NATIONALITIES[traveller % len(NATIONALITIES)]
                born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
                rows["traveller"].append(
                    f"{traveller}\t{rng.choice(FAMILY).upper()}\t{rng.choice(GIVEN).upper()}\t{born}\t"
                    f"{rng.choice('FM')}\t{nationality}\t{_ts(lodged_at)}\n"
                )
                rows["document"].append(
                    f"{document}\t{traveller}\tP\tP\t{nationality}\tC{traveller:08d}\t{lodged_on.year + 8}-06-30\t"
                    f"{_ts(lodged_at)}\t{_ts(lodged_at)}\n"
                )
                counts["travellers"] += 1
            fee = fees.get((kind_id, nationality)) or fees.setdefault(
                (kind_id, nationality), fee_for(kind, nationality)
            )
            staff = officers[code]
            lodged_by = rng.choice(staff)
            assignee = None if state in UNASSIGNED else rng.choice(staff)
            path = PATHS[state]
            step = min(timedelta(days=3), (now - lodged_at) / (len(path) + 1))
            last = lodged_at + step * len(path)
            due = "\\N"
            if state != "evidence_requested":  # the clock stands still while the applicant owes evidence
                due = str(lodged_on + timedelta(days=calendar_days))
            decided_at = _ts(last) if state in ("approved", "refused", "applicant_notified", "closed") else "\\N"
            outcome = ("refuse" if "refuse" in path else "approve") if decided_at != "\\N" else ""
            rows["application"].append(
                "\t".join(
                    [
                        str(case_id),
                        reference,
                        kind_id,
                        str(posts[code]),
                        state,
                        str(len(path) + 1 + (assignee is not None)),
                        str(traveller),
                        str(document),
                        answers[kind_id],
                        "en",
                        "officer",
                        str(fee.amount),
                        fee.currency,
                        "t" if fee.exempt else "f",
                        str(lodged_on),
                        _ts(lodged_at),
                        str(lodged_by),
                        due,
                        str(lodged_on + timedelta(days=31)) if state == "evidence_requested" else "\\N",
                        str(assignee) if assignee else "\\N",
                        _ts(lodged_at + step / 2) if assignee else "\\N",
                        _ts(last),
                        outcome,
                        outcome,
                        str(assignee) if outcome and assignee else "\\N",
                        decided_at,
                    ]
                )
                + "\n"
            )
            counts["applications"] += 1
            # The timeline: lodged, assigned, and the last three of its moves.
            events = [(lodged_at, lodged_by, "lodged", "", "", "lodged", f"{kind.title} lodged")]
            if assignee:
                events.append((lodged_at + step / 2, assignee, "assignment", "", "", "", "Taken"))
            states = along[state]
            actor = assignee or lodged_by
            for i, action in list(enumerate(path))[-3:]:
                at = lodged_at + step * (i + 1)
                events.append((at, actor, "transition", action, states[i], states[i + 1], ""))
            for at, actor, event_kind, action, from_state, to_state, text in events:
                ids["casework_caseevent"] += 1
                rows["event"].append(
                    f"{ids['casework_caseevent']}\t{case_id}\t{_ts(at)}\t{actor}\t{_officer_name(actor)}\t{event_kind}"
                    f"\t{action}\t{from_state}\t{to_state}\t{text}\t{{}}\n"
                )
            counts["events"] += len(events)
            if state == "evidence_requested" or (state not in OPEN and rng.random() < 0.05):
                ids["casework_evidencerequest"] += 1
                asked = lodged_on + timedelta(days=1)
                answered = "\\N" if state == "evidence_requested" else str(asked + timedelta(days=10))
                rows["evidence"].append(
                    f"{ids['casework_evidencerequest']}\t{case_id}\t{asked}\t{asked + timedelta(days=30)}\t"
                    f'["means_of_subsistence"]\tBank statements of the last three months, please.\t'
                    f"{assignee or lodged_by}\t{answered}\tf\n"
                )
                counts["evidence requests"] += 1
            if "start_checks" in path and (state in OPEN or rng.random() < 0.1):
                ids["casework_checkrun"] += 1
                rows["checkrun"].append(
                    f"{ids['casework_checkrun']}\t{case_id}\tlodged\t{_ts(lodged_at + step * 2)}\t"
                    f"{assignee or lodged_by}\tt\t{CHECK_RESULTS}\n"
                )
                counts["check runs"] += 1
        _copy(cur, rows)
        done = min(total, chunk_start + CHUNK)
        elapsed = time.perf_counter() - started
        print(
            f"\r  {done:,} of {total:,} cases in {elapsed:.0f} s ({done / elapsed:,.0f}/s)",
            end="",
            file=sys.stderr,
            flush=True,
        )
    print(file=sys.stderr)
    cur.executemany(
        "INSERT INTO casework_referencecounter (post_id, year, last) VALUES (%s, %s, %s)",
        [(posts[code], year, last) for (code, year), last in counters.items()],
    )
    for table in (
        "travellers_traveller",
        "travellers_helddocument",
        "casework_application",
        "casework_caseevent",
        "casework_evidencerequest",
        "casework_checkrun",
    ):
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    cur.connection.commit()
    return counts


# What a clear run of the checks stores (the shape services/checks.py writes and the case page's checks panel
# reads: people screened, border history, earlier applications, the register, the assessment, what needs attention).
CHECK_RESULTS = json.dumps(
    {
        "people": [],
        "history": {},
        "earlier_applications": [],
        "register": {"checked": False, "document": None, "entry": None},
        "assessment": {"criteria": [], "not_met": [], "flags": [], "unknown": []},
        "attention": [],
    }
)


def _after(actions: list[str]) -> str:
    from borderdesk.core.casework import State, next_state

    state = State.LODGED
    for action in actions:
        state = next_state(state, action)
    return state.value


_NAMES: dict = {}


def _officer_name(pk: int) -> str:
    if not _NAMES:
        from borderdesk.apps.accounts.models import User

        _NAMES.update(User.objects.values_list("pk", "username"))
    return _NAMES[pk]


def _max_id(cur, table: str) -> int:
    cur.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
    return cur.fetchone()[0]


COPY_INTO = {
    "traveller": "travellers_traveller (id, surname, given_names, birth_date, sex, nationality, created_at)",
    "document": "travellers_helddocument (id, traveller_id, document_code, category, issuing_state, document_number, "
    "expiry_date, first_seen_at, last_seen_at)",
    "application": "casework_application (id, reference, kind, post_id, state, version, applicant_id, document_id, "
    "answers, language, channel, fee_amount, fee_currency, fee_exempt, lodged_on, lodged_at, lodged_by_id, "
    "decision_due, evidence_due, assigned_to_id, assigned_at, updated_at, proposed_outcome, outcome, decided_by_id, "
    "decided_at, relationship, sponsor, contact_email, external_reference, fee_receipt, proposed_grounds, "
    "proposed_terms)",
    "event": "casework_caseevent (id, application_id, at, actor_id, actor_name, kind, action, from_state, to_state, "
    "text, details)",
    "evidence": "casework_evidencerequest (id, application_id, requested_on, due_on, documents, message, "
    "requested_by_id, answered_on, answered_late)",
    "checkrun": "casework_checkrun (id, application_id, stage, run_at, run_by_id, clear, results)",
}
# The application's columns that every loaded case has empty, appended to each row.
_APPLICATION_TAIL = "\t\t{}\t\t\t\t[]\t{}\n"


def _copy(cur, rows: dict) -> None:
    for table, lines in rows.items():
        if not lines:
            continue
        if table == "application":
            lines = [line[:-1] + _APPLICATION_TAIL for line in lines]
        with cur.copy(f"COPY {COPY_INTO[table]} FROM STDIN") as copy:
            copy.write("".join(lines))


# ---------------------------------------------------------------- the queries behind the pages


QUEUE_VIEWS = ("mine", "team", "at_risk", "waiting")
# As services/queues.py reads them: in work = not closed or withdrawn; the deadline runs in the open states but
# evidence_requested (its clock stands still).
IN_WORK_SQL = "state NOT IN ('closed', 'withdrawn')"
RUNNING_SQL = "('" + "', '".join(sorted(OPEN - {"evidence_requested"})) + "')"
_ROW = "a.id, a.reference, a.kind, a.state, a.lodged_on, a.decision_due, t.surname, t.given_names"
# Each queue's first page and its count, as the queues define them (issue #13, services/queues.py): the floor any
# implementation of the page pays for its rows. %(post)s, %(me)s, %(until)s are filled in.
QUEUE_SQL = {
    "mine": (
        f"SELECT {_ROW} FROM casework_application a JOIN travellers_traveller t ON t.id = a.applicant_id "
        f"WHERE a.assigned_to_id = %(me)s AND a.post_id = %(post)s AND a.{IN_WORK_SQL} "
        "ORDER BY a.decision_due NULLS LAST, a.id LIMIT 50",
        f"SELECT count(*) FROM casework_application WHERE assigned_to_id = %(me)s AND post_id = %(post)s "
        f"AND {IN_WORK_SQL}",
    ),
    "team": (
        f"SELECT {_ROW} FROM casework_application a JOIN travellers_traveller t ON t.id = a.applicant_id "
        f"WHERE a.post_id = %(post)s AND a.assigned_to_id IS NULL AND a.{IN_WORK_SQL} ORDER BY a.lodged_at, a.id "
        "LIMIT 50",
        f"SELECT count(*) FROM casework_application WHERE post_id = %(post)s AND assigned_to_id IS NULL "
        f"AND {IN_WORK_SQL}",
    ),
    "at_risk": (
        f"SELECT {_ROW} FROM casework_application a JOIN travellers_traveller t ON t.id = a.applicant_id "
        f"WHERE a.post_id = %(post)s AND a.state IN {RUNNING_SQL} AND a.decision_due <= %(until)s "
        "ORDER BY a.decision_due, a.id LIMIT 50",
        "SELECT count(*) FROM casework_application "
        f"WHERE post_id = %(post)s AND state IN {RUNNING_SQL} AND decision_due <= %(until)s",
    ),
    "waiting": (
        f"SELECT {_ROW} FROM casework_application a JOIN travellers_traveller t ON t.id = a.applicant_id "
        "WHERE a.post_id = %(post)s AND a.state = 'evidence_requested' ORDER BY a.evidence_due NULLS LAST, a.id "
        "LIMIT 50",
        "SELECT count(*) FROM casework_application WHERE post_id = %(post)s AND state = 'evidence_requested'",
    ),
}


def queue_params(user) -> dict:
    """The busiest post, the signed-in officer and the at-risk horizon (3 working days: 5 calendar days is near
    enough for the floor's rows)."""
    return {"post": user.current_post_id, "me": user.pk, "until": date.today() + timedelta(days=5)}


def explain() -> None:
    from django.db import connection

    from borderdesk.apps.accounts.models import User

    params = queue_params(User.objects.get(username=f"{BUSIEST.lower()}_officer01"))
    with connection.cursor() as cursor:
        for view, queries in QUEUE_SQL.items():
            for sql in queries:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = "\n    ".join(row[0] for row in cursor.fetchall())
                print(f"## {view}: {sql[:90]}...\n    {plan}\n", flush=True)


def case_floor(cursor, reference: str) -> None:
    """The rows of a case's page on a bare cursor: the application with applicant, document, post and assignee,
    its timeline with the actors, its family (the floor of any page that shows them)."""
    cursor.execute(
        "SELECT a.*, t.surname, t.given_names, t.nationality, t.birth_date, d.document_number, d.expiry_date, "
        "p.code, p.name, p.country, u.username, u.first_name, u.last_name FROM casework_application a "
        "JOIN travellers_traveller t ON t.id = a.applicant_id JOIN posts_post p ON p.id = a.post_id "
        "LEFT JOIN travellers_helddocument d ON d.id = a.document_id LEFT JOIN accounts_user u ON u.id = "
        "a.assigned_to_id WHERE a.reference = %s",
        [reference],
    )
    case = cursor.fetchone()
    cursor.execute(
        "SELECT e.*, u.username FROM casework_caseevent e LEFT JOIN accounts_user u ON u.id = e.actor_id "
        "WHERE e.application_id = %s ORDER BY e.at, e.id",
        [case[0]],
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT a.reference, a.relationship, t.surname, t.given_names FROM casework_application a "
        "JOIN travellers_traveller t ON t.id = a.applicant_id WHERE a.principal_id = %s ORDER BY a.id",
        [case[0]],
    )
    cursor.fetchall()


# ---------------------------------------------------------------- measuring


def measure(args, timings: dict, *, reused: bool) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from borderdesk.apps.accounts.models import User
    from borderdesk.apps.casework.models import Application

    load_before = os.getloadavg()
    user = User.objects.select_related("current_post").get(username=f"{BUSIEST.lower()}_officer01")
    client = signed_in(Client(HTTP_HOST="localhost"), user)
    rng = random.Random(13)
    total = Application.objects.count()
    print(f"{total:,} applications" + ("" if reused else f", loaded in {sum(timings.values()):.0f} s"))
    print(f"timings: {json.dumps({k: round(v, 1) for k, v in timings.items()})}")
    print(f"machine: {machine()}, PostgreSQL {server_version()} at {args.database.rsplit('@', 1)[-1]}")
    print(f"load average before measuring: {' '.join(f'{x:.2f}' for x in load_before)}")
    n = args.warm_up + args.samples + COUNTED
    with connection.cursor() as cursor:
        cursor.execute(  # random cases of the post, the same ones each run
            "SELECT reference FROM casework_application WHERE post_id = %s ORDER BY md5(id::text) LIMIT %s",
            [user.current_post_id, n],
        )
        references = [row[0] for row in cursor.fetchall()]
    rows = []

    # The case page, and the floor of its rows.
    def page(i: int):
        return client.get(reverse("casework:case", args=[references[i % len(references)]]))

    def floor(i: int):
        with connection.cursor() as cursor:
            case_floor(cursor, references[i % len(references)])

    rows.append(("case page `casework:case`", *timed(page, args), *timed(floor, args, check=False)))

    # The queues.
    try:
        queue = reverse("casework:queue")
    except NoReverseMatch:
        queue = None
    params = queue_params(user)
    for view in QUEUE_VIEWS:
        list_sql, count_sql = QUEUE_SQL[view]

        def queue_floor(i: int, list_sql=list_sql, count_sql=count_sql):
            with connection.cursor() as cursor:
                cursor.execute(list_sql, params)
                cursor.fetchall()
                cursor.execute(count_sql, params)
                cursor.fetchone()

        reference = timed(queue_floor, args, check=False)
        if queue is None:
            rows.append((f"queue `?view={view}`", None, None, *reference))
            continue

        def listed(i: int, view=view):
            return client.get(f"{queue}?view={view}")

        rows.append((f"queue `?view={view}`", *timed(listed, args), *reference))

    # Lodging, with its checks when they exist.
    lodge_one, lodge_label = lodger(user, [fresh_traveller(rng) for _ in range(n)])
    naive = naive_lodger(user, [fresh_traveller(rng) for _ in range(n)])
    rows.append((lodge_label, *timed(lodge_one, args, check=False), *timed(naive, args, check=False)))

    removed = forget_measured(args.cases)
    load_after = os.getloadavg()
    print(f"load average after measuring: {' '.join(f'{x:.2f}' for x in load_after)}")
    print(
        f"\n| {args.samples} samples after {args.warm_up} warm-up | p50 ms | p95 ms | p99 ms | mean ms "
        "| CPU ms (this process) | SQL statements | reference: p50 / p95 ms | statements | p95 ratio |"
        "\n|---|---|---|---|---|---|---|---|---|---|"
    )
    for label, figures, statements, ref_figures, ref_statements in rows:
        ref = f"{ref_figures['p50']:.2f} / {ref_figures['p95']:.2f}"
        if figures is None:
            print(f"| {label} | not built yet | | | | | | {ref} | {ref_statements} | |")
            continue
        ratio = figures["p95"] / ref_figures["p95"] if ref_figures["p95"] else float("nan")
        print(
            f"| {label} | {figures['p50']:.1f} | {figures['p95']:.1f} | {figures['p99']:.1f} | {figures['mean']:.1f} | "
            f"{figures['cpu']:.1f} | {statements} | {ref} | {ref_statements} | {ratio:.1f}x |"
        )
    print(f"\n{removed:,} applications lodged while measuring were removed again, so that runs compare")
    print(
        "\nreferences: the case page's and the queues' are the raw SQL floor of the same rows on a bare cursor; "
        "lodging's is a naive ORM insert of the application and its timeline line"
    )


COUNTED = 5  # calls after the timed ones whose SQL statements are counted


def forget_measured(loaded: int) -> int:
    """Remove what lodging added while measuring (applications after the loaded ones, with what hangs on them):
    the next run's queues then hold what this run's held. The travellers made for them stay."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table in ("caseevent", "checkrun", "evidencerequest", "supportingfile", "appointment"):
            cursor.execute(f"DELETE FROM casework_{table} WHERE application_id > %s", [loaded])
        cursor.execute("DELETE FROM casework_application WHERE id > %s", [loaded])
        return cursor.rowcount


def timed(call, args, *, check: bool = True) -> tuple[dict, str]:
    """Warm-up calls, then ``args.samples`` timed calls; then the SQL statements of a few more (min-max)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def one(i: int) -> float | None:
        answer = call(i)
        if isinstance(answer, float):  # the call timed itself (it prepares something first)
            return answer * 1000
        if check:
            assert answer.status_code == 200, (answer.status_code, answer.content[:500])
        return None

    for i in range(args.warm_up):
        one(i)
    samples = []
    cpu = time.process_time()
    for i in range(args.samples):
        started = time.perf_counter()
        own = one(args.warm_up + i)
        samples.append(own if own is not None else (time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu) / max(1, args.samples) * 1000
    counted = []
    for i in range(COUNTED):
        with CaptureQueriesContext(connection) as queries:
            one(args.warm_up + args.samples + i)
        counted.append(len(queries.captured_queries))
    samples.sort()
    figures = {
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "p99": percentile(samples, 99),
        "mean": statistics.fmean(samples),
        "cpu": cpu,
    }
    statements = f"{min(counted)}" if min(counted) == max(counted) else f"{min(counted)}-{max(counted)}"
    return figures, statements


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def signed_in(client, user):
    """Password and second factor, as after a real sign-in: the session holds the verified device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def fresh_traveller(rng: random.Random):
    from borderdesk.apps.travellers.models import HeldDocument, Traveller

    nationality = rng.choice(NATIONALITIES)
    traveller = Traveller.objects.create(
        surname=rng.choice(FAMILY).upper(),
        given_names=rng.choice(GIVEN).upper(),
        nationality=nationality,
        birth_date=date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 40)),
        sex=rng.choice("FM"),
    )
    document = HeldDocument.objects.create(
        traveller=traveller,
        document_code="P",
        category="P",
        issuing_state=nationality,
        document_number=f"F{traveller.pk:08d}",
        expiry_date=date(2034, 1, 1),
    )
    return traveller, document


LODGED_KIND = "work_permit"


def lodger(user, travellers: list):
    """Lodge a work permit at the busiest post for a new traveller each time (made before timing starts), then its
    checks: where ``services.checks.start_checks`` exists (the checks when lodged run as the officer starts them, on
    an admissible case), the case is found admissible and its checks started; else ``run_checks(stage="lodged")``
    if that exists; else lodging alone. The label says which."""
    from borderdesk.apps.casework.services import cases
    from borderdesk.apps.casework.services.lodging import lodge
    from borderdesk.core.casework import bundled_kind

    try:
        from borderdesk.apps.casework.services import checks
    except ImportError:
        checks = None
    answers = answers_for(bundled_kind(LODGED_KIND))
    post = user.current_post

    def one(i: int) -> float:
        traveller, document = travellers[i]
        started = time.perf_counter()
        case = lodge(user, post=post, kind=LODGED_KIND, traveller=traveller, document=document, answers=answers)
        if hasattr(checks, "start_checks"):
            case = cases.act(user, case.reference, "find_admissible", version=case.version)
            checks.start_checks(user, case.reference, version=case.version)
        elif hasattr(checks, "run_checks"):
            checks.run_checks(user, case.reference, stage="lodged")
        return time.perf_counter() - started

    if hasattr(checks, "start_checks"):
        label = "lodging, found admissible, checks started (`start_checks`: the checks when lodged)"
    elif hasattr(checks, "run_checks"):
        label = "lodging and its checks (`run_checks`, stage lodged)"
    else:
        label = "lodging alone (services.checks not built yet)"
    return one, label


def naive_lodger(user, travellers: list):
    """The same application and its timeline line saved by plain ORM: what a form over the model would do."""
    from django.db import transaction
    from django.utils import timezone

    from borderdesk.apps.casework.models import Application, CaseEvent
    from borderdesk.core.casework import bundled_kind

    answers = answers_for(bundled_kind(LODGED_KIND))
    post = user.current_post

    def one(i: int) -> float:
        traveller, document = travellers[i]
        started = time.perf_counter()
        now = timezone.now()
        with transaction.atomic():
            case = Application.objects.create(
                reference=f"NAIVE-{traveller.pk}",
                kind=LODGED_KIND,
                post=post,
                applicant=traveller,
                document=document,
                answers=answers,
                fee_amount=100,
                fee_currency="UTD",
                lodged_on=now.date(),
                lodged_at=now,
                lodged_by=user,
                decision_due=now.date() + timedelta(days=42),
            )
            CaseEvent.objects.create(application=case, at=now, actor=user, actor_name=user.username, kind="lodged")
        return time.perf_counter() - started

    return one


def server_version() -> str:
    from django.db import connection

    return ".".join(str(part) for part in divmod(connection.pg_version, 10000))


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
