"""A 500-passenger manifest parsed, stored and screened before arrival against a 1,000,000-entry watchlist (#18
item 6), PAXLST parsing against pydifact in the same run, and a carrier's board-check's latency (item 4).

The whole of what happens to a carrier's message is timed: ``receive_manifest`` (reading every PAXLST rule, the
flight, 500 rows stored, the audit event) and ``screen_message`` (watchlists, the lost and stolen register, visas,
overstays and refusals on record; one stored screening and access event a traveller; the rows' flags), on a
database of its own (SQLite in a temporary folder unless ``--database`` names a PostgreSQL one). The watchlist index
is built in memory from generated people (names made of syllables, some planted to match passengers) and installed
as the index a warm worker holds for the list version in force: its million rows are not written to the database
(benchmarks/screening.py and the watchlist import measure that). The board-check's figures are whole API requests
(token, JSON, the answer stored and audited) through Django's test client.

    .venv/bin/python benchmarks/manifest.py [--entries 1000000] [--passengers 500] [--runs 5] [--checks 200]
    .venv/bin/python benchmarks/manifest.py --quick   # the smoke run: 2,000 entries, 40 passengers
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from manifest_parse import generated_message, machine, ready_for_pydifact, time_ours, time_theirs  # noqa: E402

POST = "UCX"  # where manifest_parse's generated flights land
LIST = "benchmark"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 entries, 40 passengers, 2 runs, 20 checks")
    parser.add_argument("--entries", type=int, help="watchlist entries (1,000,000)")
    parser.add_argument("--passengers", type=int, help="travellers in the manifest (500)")
    parser.add_argument("--runs", type=int, help="manifests sent, one flight each (5)")
    parser.add_argument("--checks", type=int, help="board-check requests timed (200)")
    parser.add_argument("--database", default="", help="a PostgreSQL URL (default: SQLite in a temporary folder)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    entries = args.entries or (2_000 if args.quick else 1_000_000)
    passengers = args.passengers or (40 if args.quick else 500)
    runs = args.runs or (2 if args.quick else 5)
    checks = args.checks or (20 if args.quick else 200)
    with tempfile.TemporaryDirectory(prefix="bench-manifest-") as folder:
        setup_django(args.database or f"sqlite:///{folder}/bench.sqlite3", folder)
        rng = random.Random(args.seed)
        messages = [retitled(generated_message(rng, passengers), run) for run in range(runs)]
        print(f"machine: {machine()}; date: {date.today().isoformat()}; database: {database_vendor()}")
        install_watchlist(rng, entries, messages[0])
        manifests(messages)
        parsing(messages)
        board_checks(rng, messages[0], checks)
    return 0


def setup_django(url: str, folder: str) -> None:
    os.environ.update(
        BORDERDESK_DATABASE_URL=url,
        BORDERDESK_DATA_DIR=folder,
        DJANGO_SETTINGS_MODULE="borderdesk.config.settings",
        BORDERDESK_MANIFEST_SCREEN_IN_BACKGROUND="0",
    )
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    from borderdesk.apps.accounts.actors import SystemActor
    from borderdesk.apps.policy.services import ensure_bundled_packs
    from borderdesk.apps.posts.services import create_post

    create_post(
        SystemActor("benchmark"), code=POST, name="Utopia Central", kind="airport", country="UTO", time_zone="UTC"
    )
    ensure_bundled_packs()
    print(f"database made and migrated in {time.perf_counter() - started:.1f} s")


def database_vendor() -> str:
    from django.db import connection

    return (
        f"{connection.vendor} {'.'.join(map(str, connection.Database.sqlite_version_info))}"
        if (connection.vendor == "sqlite")
        else connection.vendor
    )


def retitled(data: bytes, run: int) -> bytes:
    """A message of its own flight (LH400, LH401, ...): each run is a new list, not a part sent again."""
    return data.replace(b"LH400", f"LH{400 + run}".encode())


def install_watchlist(rng: random.Random, count: int, message: bytes) -> None:
    """``count`` entries: generated people and, planted among them, every tenth passenger of the first message."""
    from borderdesk.apps.watchlists import services as watchlists
    from borderdesk.apps.watchlists.models import ListVersion, WatchList
    from borderdesk.core.manifests import read_paxlst
    from borderdesk.core.screening import ListConfig, ListEntry, PartialDate, Screener

    planted = []
    for index, traveller in enumerate(read_paxlst(message, today=date(2026, 11, 29)).travellers[::10]):
        born = date.fromisoformat(traveller.birth_date) if traveller.birth_date else None
        planted.append(
            ListEntry(
                f"planted-{index}",
                (f"{traveller.given_names} {traveller.surname}",),
                birth_dates=(PartialDate(born.year, born.month, born.day),) if born else (),
            )
        )
    started = time.perf_counter()
    screener = Screener((LIST, entry) for entry in [*planted, *generated_people(rng, count - len(planted))])
    built = time.perf_counter() - started
    watchlist = WatchList.objects.create(name=LIST)
    version = ListVersion.objects.create(
        watchlist=watchlist,
        number=1,
        source_format="generated",
        source_name="benchmarks/manifest.py",
        sha256=f"{count:064d}",
        entry_count=len(screener),
        is_current=True,
    )
    config = ListConfig(hit=watchlist.hit_threshold, possible=watchlist.possible_threshold)
    screener.configs = {LIST: config}
    watchlists._built = watchlists._Built(  # the index a worker holds for the version in force
        ((version.pk, version.sha256),),
        ((LIST, config.hit, config.possible),),
        screener,
        {LIST: 1},
    )
    assert watchlists.current_screener().screener is screener
    print(f"watchlist: {len(screener):,} entries ({len(planted)} planted) indexed in {built:.1f} s", flush=True)


SYLLABLES = (
    "ka ri mo va le na to shi an el da mi ro su ha be li go ne ya zu fa ke di lo ma te ru si no"
    " vi po ju ce ta ba mu ze re hi do ga lu ni ko pe wa so ar en is or um ol ib ek"
).split()


def generated_people(rng: random.Random, count: int):
    """People with names of 2 to 4 syllables (given) and 2 to 4 (surname): hundreds of thousands of distinct names,
    as a real list's are (benchmarks/screening.py's names of many cultures need Faker, which this venv lacks; its
    built-in fallback has some 200 names, which would make every query's candidates thousands of namesakes)."""
    from borderdesk.core.screening import ListEntry, PartialDate

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    for number in range(count):
        born = PartialDate(rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28))
        yield ListEntry(f"gen-{number}", (f"{word()} {word()}",), birth_dates=(born,))


def manifests(messages: list[bytes]) -> None:
    from borderdesk.apps.accounts.actors import SystemActor
    from borderdesk.apps.manifests.models import ManifestTraveller
    from borderdesk.apps.manifests.screening import screen_message
    from borderdesk.apps.manifests.services import receive_manifest

    actor = SystemActor("benchmark")
    rows = []
    for data in messages:
        parse, _ = time_ours(data)
        started = time.perf_counter()
        received = receive_manifest(actor, data, screen=False)
        stored = time.perf_counter() - started
        started = time.perf_counter()
        screen_message(actor, received.message.pk)
        screened = time.perf_counter() - started
        flagged = ManifestTraveller.objects.filter(message=received.message).exclude(reasons=[]).count()
        rows.append((parse, stored - parse, screened, stored + screened, received.counted, flagged))
    print(f"\n## A {rows[0][4]}-passenger manifest, each run a new flight ({len(rows)} runs)")
    print("| run | parse | store | screen and store findings | total | flagged |")
    print("|---|---|---|---|---|---|")
    for run, (parse, store, screen, total, _, flagged) in enumerate(rows, start=1):
        print(f"| {run} | {parse:.3f} s | {store:.3f} s | {screen:.3f} s | **{total:.3f} s** | {flagged} |")
    totals = sorted(row[3] for row in rows)
    print(f"total: median {totals[len(totals) // 2]:.3f} s, worst {totals[-1]:.3f} s (target < 2 s)")


def parsing(messages: list[bytes]) -> None:
    ours = theirs = 0.0
    for data in messages:
        text, characters = ready_for_pydifact(data)
        best_ours = min(time_ours(data)[0] for _ in range(3))
        best_theirs = min(time_theirs(text, characters)[0] for _ in range(3))
        ours, theirs = ours + best_ours, theirs + best_theirs
    size = sum(len(data) for data in messages) / 1e6
    print(f"\n## PAXLST parsing, the same {len(messages)} messages ({size:.2f} MB), best of 3 each")
    print(f"borderdesk read_paxlst (everything): {ours * 1e3:.1f} ms; pydifact Tokenizer (tokens only): ", end="")
    print(f"{theirs * 1e3:.1f} ms; ratio {theirs / ours:.2f}x")


def board_checks(rng: random.Random, message: bytes, count: int) -> None:
    from django.test import Client

    from borderdesk.apps.accounts.actors import SystemActor
    from borderdesk.apps.accounts.services import create_user
    from borderdesk.apps.accounts.tokens import issue_token
    from borderdesk.apps.manifests.services import set_carrier_codes
    from borderdesk.core.manifests import read_paxlst

    setup = SystemActor("benchmark")
    carrier = create_user(setup, username="carrier", password=None, roles=["carrier"], posts=[])
    set_carrier_codes(setup, "carrier", ["LH"])
    _, secret = issue_token(setup, carrier, name="benchmark")
    client = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {secret}")
    travellers = read_paxlst(message, today=date(2026, 11, 29)).travellers
    answers: dict[str, int] = {}
    timings = []
    for number in range(count + 5):
        traveller = rng.choice(travellers)
        body = {
            "flight": "LH400",
            "arrival_airport": POST,
            "traveller": {
                "surname": traveller.surname,
                "given_names": traveller.given_names or "",
                "birth_date": traveller.birth_date,
                "nationality": traveller.nationality or "",
            },
            "document": {
                "number": traveller.document.number,
                "issuing_state": traveller.document.issuing_state or traveller.nationality,
                "expiry_date": traveller.document.expiry_date,
            },
            "idempotency_key": f"bench-{number}",
        }
        started = time.perf_counter()
        response = client.post("/api/v1/carriers/board-check", body, content_type="application/json")
        elapsed = time.perf_counter() - started
        assert response.status_code == 201, response.content[:300]
        if number >= 5:  # the first few warm the caches
            timings.append(elapsed)
            answer = response.json()["answer"]
            answers[answer] = answers.get(answer, 0) + 1
    timings.sort()
    p50, p95 = timings[len(timings) // 2], timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(f"\n## Board-check: {len(timings)} requests, one traveller each")
    print(f"p50 {p50 * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms, max {timings[-1] * 1e3:.1f} ms (target p95 < 200 ms)")
    print(f"answers: {', '.join(f'{answer} {n}' for answer, n in sorted(answers.items()))}")


if __name__ == "__main__":
    sys.exit(main())
