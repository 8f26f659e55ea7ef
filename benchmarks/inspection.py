"""Inspection API under load: POST /api/v1/inspections (the e-gate/kiosk endpoint, the booth's same checks) against
PostgreSQL holding 1,000,000 travellers and 10,000,000 crossings and a 1,000,000-entry watchlist.

    .venv/bin/python benchmarks/inspection.py                 # full size (about 20 minutes on 2 cores)
    .venv/bin/python benchmarks/inspection.py --quick         # 100,000 travellers, 1,000,000 crossings
    .venv/bin/python benchmarks/inspection.py --reuse         # keep the loaded database, only run the load
    .venv/bin/python benchmarks/inspection.py --travellers 200 --crossings 400 --watchlist 50 --rate 10 \
        --duration 1 --warm-up 2                                 # a smoke run of a few seconds (the tests do this)
    .venv/bin/python benchmarks/inspection.py --checkout ../base # the product's code of another checkout

It makes its own database (BORDERDESK_BENCH_POSTGRES, default postgresql://postgres@127.0.0.1:5432/
borderdesk_bench), loads it with COPY, starts `borderdesk serve` on a free local port, and sends inspections at a
fixed rate (open loop: a slow answer does not slow the sender, so queueing shows in the latencies, unlike a
closed-loop tool such as wrk). The reference in the same run is the cheapest authenticated endpoint of the same
server (GET /api/v1/me) at the same rate: the floor that Django, the token check and the network cost. Requests
carry an API token, as an e-gate's do.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
# The checkout whose product (its `src`, its migrations) is measured: this one unless --checkout names another,
# so that one fixed script can measure an older commit.
CHECKOUT = ROOT
DEFAULT_URL = os.environ.get("BORDERDESK_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/borderdesk_bench")
PASSWORD = "bench-password-2026"
NATIONALITIES = ["THA", "MYS", "SGP", "PHL", "VNM", "UTO", "DEU", "FRA", "IND", "CHN", "BRA", "TUR"]
GIVEN = (
    "Anan Somchai Mei Ling Wei Jun Maria Jose Ana Luis Ahmed Fatima Omar Aisha Priya Ravi Arjun Sofia Ivan "
    "Olga Kenji Yuki Min-jun Ji-woo Nguyen Linh Chinedu Ngozi Mehmet Elif Lukas Hannah Jean Claire"
).split()
FAMILY = (
    "Srisai Chaiya Tan Lim Wong Santos Reyes Garcia Silva Haddad Khan Rahman Patel Sharma Ivanov Petrova "
    "Tanaka Sato Kim Park Tran Le Okafor Adeyemi Yilmaz Kaya Mueller Schmidt Martin Dubois Rossi"
).split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--travellers", type=int, default=1_000_000)
    parser.add_argument("--crossings", type=int, default=10_000_000)
    parser.add_argument("--watchlist", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=200.0, help="inspections per second (open loop)")
    parser.add_argument("--rates", help="several rates, one after the other on the same server (e.g. 20,60,100)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, help="threads per worker (default: the server's; 1 = sync workers)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep the database loaded by an earlier run")
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--warm-up", type=int, default=40, help="inspections sent before timing (4 a second)")
    add_checkout_options(parser)
    args = parser.parse_args()
    if args.quick:
        args.travellers, args.crossings, args.watchlist, args.duration = 100_000, 1_000_000, 100_000, 30.0
    env = product_env(args)
    timings = {}
    if args.reuse:
        run([PY, "-m", "borderdesk.cli", "migrate"], env)  # the loaded data stays; newer tables are added
    else:
        timings.update(prepare_database(args, env))
    port = free_port()
    server = start_server(env, port, args.workers, args.threads)
    try:
        timings["server_ready_s"] = wait_ready(port)
        auth = f"Authorization: Bearer {gate_token(env)}\r\n"
        warm_up(port, auth, args, args.warm_up)
        for n, rate in enumerate(float(r) for r in (args.rates or str(args.rate)).split(",")):
            if n:
                time.sleep(10)  # the queue of the rate before drains
            args.rate = rate
            floor = run_load(port, auth, args, reference=True, server=server.pid)
            load = run_load(port, auth, args, reference=False, server=server.pid)
            report(args, timings, load, floor)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


def add_checkout_options(parser) -> None:
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the checkout whose code to measure")
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "data", help="the shared data (the real watchlists)"
    )


def product_env(args) -> dict:
    """The environment of the product's commands: the database, its own data folder (its keys and checkpoint
    file, so that runs on other databases do not mix), and the code of the checkout being measured (first on the
    import path, ahead of any editable install of another checkout)."""
    global CHECKOUT
    CHECKOUT = args.checkout.resolve()
    name = urllib.parse.urlparse(args.database).path.lstrip("/")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(CHECKOUT / "src"), os.environ.get("PYTHONPATH")])),
        "BORDERDESK_DATABASE_URL": args.database,
        "BORDERDESK_EGATE_NATIONALITIES": ",".join(NATIONALITIES),
        "BORDERDESK_DATA_DIR": str(CHECKOUT / "var" / "bench" / name),
    }


# ---------------------------------------------------------------- the database


def prepare_database(args, env) -> dict:
    import psycopg

    timings = {}
    url = urllib.parse.urlparse(args.database)
    name = url.path.lstrip("/")
    admin = args.database.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    run([PY, "-m", "borderdesk.cli", "demo", "--no-serve"], env)
    create_gate_user(env)
    timings["migrate_and_demo_s"] = time.perf_counter() - started
    started = time.perf_counter()
    with psycopg.connect(args.database) as conn:
        load_travellers(conn, args.travellers, args.crossings)
    timings["copy_travellers_and_crossings_s"] = time.perf_counter() - started
    started = time.perf_counter()
    load_watchlist(args.watchlist, args.data, env)
    timings["watchlist_import_s"] = time.perf_counter() - started
    return timings


def create_gate_user(env) -> None:
    subprocess.run(
        [
            PY,
            "-m",
            "borderdesk.cli",
            "createuser",
            "egate",
            "--role",
            "border_officer",
            "--post",
            "UCX",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
        env=env,
        text=True,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def person(rng: random.Random, i: int) -> tuple:
    nationality = NATIONALITIES[i % len(NATIONALITIES)]
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))
    return (rng.choice(FAMILY).upper(), rng.choice(GIVEN).upper(), born, rng.choice("FM"), nationality, f"B{i:08d}")


def load_travellers(conn, travellers: int, crossings: int) -> None:
    """COPY travellers, their passports, crossings (entry/exit pairs) and stays; ids are assigned here."""
    rng = random.Random(2026)
    post_id = conn.execute("SELECT id FROM posts_post WHERE code = 'UCX'").fetchone()[0]
    officer_id = conn.execute("SELECT id FROM accounts_user WHERE username = 'officer'").fetchone()[0]
    per_traveller = max(2, crossings // travellers)
    now = "2026-11-01 00:00:00+00"
    # The demo already holds a few travellers: the loaded ones come after them.
    base = {
        table: conn.execute(f"SELECT coalesce(max(id), 0) FROM travellers_{table}").fetchone()[0]
        for table in ("traveller", "helddocument", "crossing", "stay")
    }
    with conn.cursor() as cur:
        with cur.copy(
            "COPY travellers_traveller (id, surname, given_names, birth_date, sex, nationality, created_at) FROM STDIN"
        ) as copy:
            for i in range(1, travellers + 1):
                surname, given, born, sex, nat, _ = person(rng, i)
                copy.write(f"{base['traveller'] + i}\t{surname}\t{given}\t{born}\t{sex}\t{nat}\t{now}\n")
        rng = random.Random(2026)
        with cur.copy(
            "COPY travellers_helddocument (id, traveller_id, document_code, category, issuing_state, "
            "document_number, expiry_date, first_seen_at, last_seen_at) FROM STDIN"
        ) as copy:
            for i in range(1, travellers + 1):
                _, _, _, _, nat, number = person(rng, i)
                copy.write(
                    f"{base['helddocument'] + i}\t{base['traveller'] + i}\tP\tP\t{nat}\t{number}\t2032-01-01"
                    f"\t{now}\t{now}\n"
                )
        write_crossings(cur, travellers, per_traveller, post_id, officer_id, base)
        for table in ("travellers_traveller", "travellers_helddocument", "travellers_crossing", "travellers_stay"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    conn.commit()
    # As a database in service would be: statistics gathered and rows marked visible to all (hint bits), so the
    # first inspections do not pay for writing them.
    conn.autocommit = True
    for table in ("traveller", "helddocument", "crossing", "stay"):
        conn.execute(f"VACUUM (ANALYZE) travellers_{table}")


def trips(travellers: int, pairs: int, base: dict):
    """Every loaded trip, the same each time it is asked for: (traveller, document, entry day, exit day,
    entry crossing id, exit crossing id, stay id)."""
    crossing_id, stay_id = base["crossing"], base["stay"]
    for i in range(1, travellers + 1):
        day = date(2016, 1, 1) + timedelta(days=i % 300)
        for _ in range(pairs):
            leave = day + timedelta(days=7 + i % 20)
            crossing_id += 2
            stay_id += 1
            yield base["traveller"] + i, base["helddocument"] + i, day, leave, crossing_id - 1, crossing_id, stay_id
            day = leave + timedelta(days=180 + i % 90)


def write_crossings(cur, travellers: int, per_traveller: int, post_id: int, officer_id: int, base: dict) -> None:
    pairs = per_traveller // 2
    with cur.copy(
        "COPY travellers_crossing (id, traveller_id, document_id, post_id, direction, outcome, occurred_at, "
        "officer_id, class_of_admission, admitted_until, remarks) FROM STDIN"
    ) as copy:
        for traveller, document, entry, leave, entry_id, exit_id, _ in trips(travellers, pairs, base):
            until = entry + timedelta(days=29)
            copy.write(
                f"{entry_id}\t{traveller}\t{document}\t{post_id}\tentry\tadmitted\t{entry} 08:00:00+00"
                f"\t{officer_id}\tvisitor\t{until}\t\n"
                f"{exit_id}\t{traveller}\t{document}\t{post_id}\texit\texited\t{leave} 18:00:00+00"
                f"\t{officer_id}\t\t\\N\t\n"
            )
    with cur.copy(
        "COPY travellers_stay (id, traveller_id, entry_id, exit_id, entry_date, exit_date, admitted_until, "
        "counts_toward_limit, overstay_days) FROM STDIN"
    ) as copy:
        for traveller, _, entry, leave, entry_id, exit_id, stay_id in trips(travellers, pairs, base):
            copy.write(
                f"{stay_id}\t{traveller}\t{entry_id}\t{exit_id}\t{entry}\t{leave}\t{entry + timedelta(days=29)}\tt\t0\n"
            )


def load_watchlist(size: int, shared: Path, env) -> None:
    """The real lists from the shared data when present, plus generated people up to ``size`` entries."""
    data = shared / "watchlists"
    real = [
        ("un-xml", data / "un-consolidated.xml", "un"),
        ("ofac-csv", data / "ofac-sdn" / "sdn.csv", "ofac"),
        ("csl-csv", data / "us-csl.csv", "csl"),
    ]
    for fmt, path, name in real:
        if path.exists():
            run([PY, "-m", "borderdesk.cli", "watchlist", "import", "--format", fmt, str(path), "--list", name], env)
    generated = Path(env["BORDERDESK_DATA_DIR"]) / "generated-list.csv"
    generated.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    with generated.open("w") as out:
        out.write("id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n")
        for i in range(size):
            born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 60))
            name = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)} {rng.choice(FAMILY)}{rng.choice(FAMILY).lower()}"
            out.write(f"G{i},{name},,{born},{rng.choice(NATIONALITIES)},{rng.choice('FM')},,generated,inform\n")
    run(
        [PY, "-m", "borderdesk.cli", "watchlist", "import", "--format", "csv", str(generated), "--list", "generated"],
        env,
    )


def run(command: list[str], env) -> None:
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, cwd=CHECKOUT)


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, port: int, workers: int, threads: int | None = None) -> subprocess.Popen:
    threads_env = {} if threads is None else {"BORDERDESK_THREADS": str(threads)}  # an older checkout ignores it
    return subprocess.Popen(
        [PY, "-m", "borderdesk.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env={**env, **threads_env, "BORDERDESK_LOG_LEVEL": "ERROR"},
        cwd=CHECKOUT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_ready(port: int, timeout: float = 600) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
            return time.perf_counter() - started
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def gate_token(env) -> str:
    """An API token for the e-gate account, as an e-gate holds one (`borderdesk token issue`)."""
    issued = subprocess.run(
        [PY, "-m", "borderdesk.cli", "token", "issue", "egate", "--name", "benchmark e-gate"],
        env=env,
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        check=True,
    )
    return issued.stdout.strip()


# ---------------------------------------------------------------- the load


def mrz_pool(args, size: int = 5000) -> list[str]:
    """Zones of travellers on record (as the database was loaded) and of new ones, 4 to 1."""
    from borderdesk.core.documents import MrzFields, generate_mrz

    rng = random.Random(99)
    zones = []
    for n in range(size):
        if n % 5:
            i = rng.randrange(1, args.travellers + 1)
            surname, given, born, sex, nat, number = known_person(i)
        else:
            surname, given, born, sex, nat, number = person(rng, args.travellers + 1 + n)
            number = f"N{n:08d}"
        fields = MrzFields(
            document_code="P",
            issuing_state=nat,
            surname=surname,
            given_names=given,
            document_number=number,
            nationality=nat,
            birth_date=born,
            sex=sex,
            expiry_date=date(2032, 1, 1),
        )
        zones.append("\n".join(generate_mrz("TD3", fields)))
    return zones


_KNOWN: dict[int, tuple] = {}


def known_person(i: int) -> tuple:
    """The i-th traveller exactly as load_travellers wrote them (the same seeded sequence)."""
    if not _KNOWN:
        rng = random.Random(2026)
        for k in range(1, LOADED_TRAVELLERS + 1):
            _KNOWN[k] = person(rng, k)
    return _KNOWN[i]


LOADED_TRAVELLERS = 0


def warm_up(port: int, auth: str, args, count: int) -> None:
    """One inspection per worker thread so every process has its watchlist index in memory before timing."""
    global LOADED_TRAVELLERS
    LOADED_TRAVELLERS = args.travellers
    zones = mrz_pool(args, size=count)
    asyncio.run(
        send_all(
            port,
            auth,
            [("POST", "/api/v1/inspections", inspection_body(z, f"warm-{i}")) for i, z in enumerate(zones)],
            rate=4.0,
        )
    )


def inspection_body(zone: str, key: str, direction: str = "entry") -> bytes:
    return json.dumps({"mrz": zone, "post": "UCX", "idempotency_key": key, "direction": direction}).encode()


def run_load(port: int, auth: str, args, *, reference: bool, server: int) -> dict:
    count = int(args.rate * args.duration)
    if reference:
        requests = [("GET", "/api/v1/me", b"")] * count
    else:
        requests = gate_traffic(args, count)
    before = cpu_use(server)
    result = asyncio.run(send_all(port, auth, requests, rate=args.rate))
    result["cpu_ms_per_request"] = cpu_spent(before, cpu_use(server), len(requests))
    return result


def cpu_use(server: int) -> dict:
    """CPU seconds spent so far by the server (gunicorn's master and its workers), by each PostgreSQL process on
    this machine, by this sender, and by the whole machine (busy time over all cores), from /proc: where the cores
    went during a run, so that a capacity can be explained (empty where /proc cannot be read)."""
    use: dict = {"server": 0.0, "postgres": {}, "sender": time.process_time()}
    tick = os.sysconf("SC_CLK_TCK")
    try:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                name, fields = (entry / "stat").read_text().rsplit(")", 1)
            except OSError:  # the process ended meanwhile
                continue
            fields = fields.split()
            seconds = (int(fields[11]) + int(fields[12])) / tick
            if int(entry.name) == server or int(fields[1]) == server:
                use["server"] += seconds
            elif name.endswith("(postgres"):
                use["postgres"][entry.name] = seconds
        busy = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        use["machine"] = (sum(map(int, busy)) - int(busy[3]) - int(busy[4])) / tick
    except OSError:
        return {}
    return use


def cpu_spent(before: dict, after: dict, requests: int) -> dict:
    """Ms of CPU per request between two readings of ``cpu_use``. PostgreSQL counts its processes alive at the
    end (a connection closed during the run takes its share with it: a floor); ``other`` is the rest of the
    machine's busy time (PostgreSQL's closed connections, the kernel, anything else running)."""
    if not before or not after:
        return {}
    spent = {
        "server": after["server"] - before["server"],
        "postgres": sum(seconds - before["postgres"].get(pid, 0.0) for pid, seconds in after["postgres"].items()),
        "sender": after["sender"] - before["sender"],
        "machine": after["machine"] - before["machine"],
    }
    spent["other"] = spent["machine"] - spent["server"] - spent["postgres"] - spent["sender"]
    return {who: round(seconds / requests * 1000, 2) for who, seconds in spent.items()}


def gate_traffic(args, count: int) -> list:
    """Travellers in the country leave through the exit gates, the others arrive: every run starts from the
    database as the last run left it, so runs compare."""
    zones = mrz_pool(args)
    inside = travellers_inside(args.database, {document_number(zone) for zone in zones})
    run, requests = time.time(), []
    for i in range(count):
        zone = zones[i % len(zones)]
        number = document_number(zone)
        direction = "exit" if number in inside else "entry"
        inside ^= {number}  # as if the gate let them through; one it sends to a booth comes back the same way
        requests.append(("POST", "/api/v1/inspections", inspection_body(zone, f"load-{run}-{i}", direction)))
    return requests


def document_number(zone: str) -> str:
    return zone.splitlines()[1][:9].rstrip("<")


def travellers_inside(database: str, numbers: set[str]) -> set[str]:
    """Document numbers of travellers with a stay still open (entered, not yet left)."""
    import psycopg

    with psycopg.connect(database) as conn:
        rows = conn.execute(
            "SELECT d.document_number FROM travellers_helddocument d JOIN travellers_stay s "
            "ON s.traveller_id = d.traveller_id AND s.exit_id IS NULL "
            "WHERE d.document_number = ANY(%s)",
            [list(numbers)],
        ).fetchall()
    return {number for (number,) in rows}


async def send_all(port: int, auth: str, requests: list, rate: float) -> dict:
    """Send each request at its scheduled time on its own keep-alive connection from a pool; measure from the
    scheduled time, so time spent waiting for a free connection counts as latency."""
    pool: asyncio.Queue = asyncio.Queue()
    for _ in range(64):
        pool.put_nowait(None)
    latencies, statuses = [], {}
    started = time.perf_counter()

    async def one(index: int, method: str, path: str, body: bytes):
        scheduled = started + index / rate
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        connection = await pool.get()
        try:
            connection, status = await request(port, connection, auth, method, path, body)
        except (OSError, asyncio.IncompleteReadError):
            connection, status = None, "error"
        pool.put_nowait(connection)
        latencies.append((time.perf_counter() - scheduled) * 1000)
        statuses[status] = statuses.get(status, 0) + 1

    await asyncio.gather(*(one(i, *r) for i, r in enumerate(requests)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "elapsed_s": elapsed,
        "achieved_rate": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "max_ms": latencies[-1],
        "statuses": statuses,
    }


async def request(port, connection, auth, method, path, body):
    """One request on a kept-alive connection; one that the server closed while idle is opened again."""
    if connection is not None:
        try:
            return await _exchange(port, connection, auth, method, path, body)
        except (ConnectionError, IndexError, asyncio.IncompleteReadError):
            connection[1].close()
    return await _exchange(port, await asyncio.open_connection("127.0.0.1", port), auth, method, path, body)


async def _exchange(port, connection, auth, method, path, body):
    reader, writer = connection
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{auth}Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    writer.write(head.encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length, close = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
        if name.lower() == "connection" and value.strip().lower() == "close":
            close = True
    await reader.readexactly(length)
    if close:
        writer.close()
        connection = None
    return connection, status


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


# ---------------------------------------------------------------- the report


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def report(args, timings: dict, load: dict, floor: dict) -> None:
    print(
        json.dumps(
            {
                "machine": machine(),
                "date": date.today().isoformat(),
                "travellers": args.travellers,
                "crossings": args.crossings,
                "watchlist": args.watchlist,
                "rate": args.rate,
                "server": {"workers": args.workers, "threads": args.threads or "default"},
                "timings": timings,
                "inspections": load,
                "reference_me": floor,
                "p99_ratio_to_reference": load["p99_ms"] / floor["p99_ms"] if floor["p99_ms"] else None,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
