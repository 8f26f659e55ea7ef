"""Screening benchmark: name-matching quality, recall on perturbed UN names, false hits, speed at 1M entries.

    .venv/bin/python benchmarks/screening.py            # full run: 1,000,000 entries
    .venv/bin/python benchmarks/screening.py --quick    # 100,000 entries, fewer queries
    .venv/bin/python benchmarks/screening.py --entries 2000 --queries 5 --innocents 20   # a smoke run (the tests)

Reads the shared data where it lies (../shared/data from the project root, or --data) and skips a part with a
clear message when its file is absent (without the UN list: the index of generated people alone, no recall).
Optional comparisons: nomenklatura (logic-v2) and Faker (names of many cultures); without Faker the generated
names come from a small built-in pool.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rapidfuzz import fuzz, utils

from borderdesk.core.screening import ListConfig, ListEntry, PartialDate, Query, Schema, Screener
from borderdesk.core.screening.score import compare_names

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
NAME_BENCH = Path("name-matching") / "name_bench_cases.csv"  # this and the lists: within the shared data
LISTS = {
    "un": ("un-xml", Path("watchlists") / "un-consolidated.xml"),
    "ofac": ("ofac-csv", Path("watchlists") / "ofac-sdn"),
    "csl": ("csl-csv", Path("watchlists") / "us-csl.csv"),
}
LOCALES = [
    "en_US",
    "en_GB",
    "de_DE",
    "fr_FR",
    "es_ES",
    "es_MX",
    "pt_BR",
    "it_IT",
    "nl_NL",
    "pl_PL",
    "ro_RO",
    "ru_RU",
    "uk_UA",
    "el_GR",
    "tr_TR",
    "az_AZ",
    "uz_UZ",
    "ar_AA",
    "ar_SA",
    "fa_IR",
    "he_IL",
    "hi_IN",
    "en_IN",
    "bn_BD",
    "ne_NP",
    "zh_CN",
    "ja_JP",
    "ko_KR",
    "vi_VN",
    "th_TH",
    "id_ID",
    "yo_NG",
    "ha_NG",
    "zu_ZA",
    "ka_GE",
    "hy_AM",
]
FALLBACK_FIRST = "James Maria Wei Fatima Olga Ahmed Priya Kenji Ana Chinedu Mehmet Nguyen Sofia Ivan Aisha".split()
FALLBACK_LAST = "Smith Garcia Wang Khan Ivanova Haddad Patel Tanaka Silva Okafor Yilmaz Tran Rossi Petrov".split()
SPELLING_SWAPS = [
    ("mohammed", "muhammad"),
    ("muhammad", "mohamed"),
    ("mohamed", "mohammad"),
    ("yusuf", "yousef"),
    ("ahmed", "ahmad"),
    ("hussein", "husayn"),
    ("hassan", "hasan"),
    ("abdul", "abdel"),
    ("omar", "umar"),
    ("osama", "usama"),
    ("ou", "u"),
    ("kh", "h"),
    ("ee", "i"),
    ("ph", "f"),
    ("y", "i"),
]


# ---------------------------------------------------------------- machine and data


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_lists(data: Path) -> dict[str, list[ListEntry]]:
    from borderdesk.core.screening.sources import load_source

    loaded = {}
    for list_name, (format_name, relative) in LISTS.items():
        path = data / relative
        if not path.exists():
            print(f"  skip {list_name}: {path} not found")
            continue
        loaded[list_name] = list(load_source(format_name, path).entries)
        print(f"  {list_name}: {len(loaded[list_name])} entries from {path}")
    return loaded


# ---------------------------------------------------------------- generated people of many cultures


class NamePool:
    def __init__(self, rng: random.Random, per_locale: int):
        self.rng = rng
        self.pools = self._faker_pools(per_locale) or [(FALLBACK_FIRST, FALLBACK_LAST)]

    def _faker_pools(self, per_locale: int):
        try:
            from faker import Faker
        except ImportError:
            print("  Faker not installed: generated names come from a small built-in pool")
            return []
        pools = []
        for locale in LOCALES:
            fake = Faker(locale)
            fake.seed_instance(self.rng.randrange(1 << 30))
            pools.append(
                ([fake.first_name() for _ in range(per_locale)], [fake.last_name() for _ in range(per_locale)])
            )
        return pools

    def name(self) -> str:
        first, last = self.rng.choice(self.pools)
        given = self.rng.choice(first)
        if self.rng.random() < 0.3:
            given += " " + self.rng.choice(first)
        return f"{given} {self.rng.choice(last)}"

    def birth_date(self) -> PartialDate:
        day = date(1940, 1, 1) + timedelta(days=self.rng.randrange(365 * 65))
        return PartialDate(day.year, day.month, day.day)


def filler_entries(pool: NamePool, count: int):
    for number in range(count):
        birth = pool.birth_date()
        if pool.rng.random() < 0.2:
            birth = PartialDate(birth.year)
        yield ListEntry(f"gen-{number}", (pool.name(),), birth_dates=(birth,))


# ---------------------------------------------------------------- name bench (pairs)


def name_bench(data: Path) -> None:
    path = data / NAME_BENCH
    print("\n## Name pairs:", path)
    if not path.exists():
        print("  skipped: file not found")
        return
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    persons = [row for row in rows if row["schema"] == "Person"]
    compare_names("warm up", "rigour's name tables")
    started = time.perf_counter()
    ours = [compare_names(row["name1"], row["name2"], row["schema"] != "Person").score for row in rows]
    per_pair_us = (time.perf_counter() - started) / len(rows) * 1e6
    fuzzy = [fuzz.token_sort_ratio(row["name1"], row["name2"], processor=utils.default_process) / 100 for row in rows]
    scorers = {
        "borderdesk (hit 0.85)": (ours, 0.85),
        "borderdesk (possible 0.70)": (ours, 0.70),
        "rapidfuzz token_sort_ratio >= 85": (fuzzy, 0.85),
    }
    nk_scores, nk_note = nomenklatura_scores(rows)
    if nk_scores is not None:
        scorers["nomenklatura logic-v2 (0.70)"] = (nk_scores, 0.70)
    print(f"  {len(rows)} pairs ({len(persons)} persons); borderdesk {per_pair_us:.0f} us/pair; {nk_note}")
    print("  | matcher | all: P | R | F1 | persons: P | R | F1 |")
    print("  |---|---|---|---|---|---|---|")
    person_mask = [row["schema"] == "Person" for row in rows]
    truth = [row["is_match"].lower() == "true" for row in rows]
    for label, (scores, threshold) in scorers.items():
        every = prf(scores, truth, threshold)
        only = prf(
            [s for s, p in zip(scores, person_mask, strict=True) if p],
            [t for t, p in zip(truth, person_mask, strict=True) if p],
            threshold,
        )
        print(f"  | {label} | " + " | ".join(f"{v:.3f}" for v in every + only) + " |")


def prf(scores, truth, threshold) -> tuple[float, float, float]:
    tp = sum(1 for s, t in zip(scores, truth, strict=True) if s >= threshold and t)
    fp = sum(1 for s, t in zip(scores, truth, strict=True) if s >= threshold and not t)
    fn = sum(1 for s, t in zip(scores, truth, strict=True) if s < threshold and t)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def nomenklatura_scores(rows):
    try:
        from followthemoney import model
        from nomenklatura.matching import LogicV2, ScoringConfig
    except ImportError as error:
        return None, f"nomenklatura not available ({error})"
    config = ScoringConfig.defaults()

    def entity(schema, name, key):
        made = model.make_entity(schema)
        made.id = key
        made.add("name", name)
        return made

    started = time.perf_counter()
    scores = [
        LogicV2.compare(
            entity(r["schema"], r["name1"], f"a{i}"), entity(r["schema"], r["name2"], f"b{i}"), config
        ).score
        for i, r in enumerate(rows)
    ]
    per_pair_us = (time.perf_counter() - started) / len(rows) * 1e6
    return scores, f"nomenklatura logic-v2 {per_pair_us:.0f} us/pair"


# ---------------------------------------------------------------- perturbed list names


def perturb(name: str, kind: str, rng: random.Random, to_cyrillic) -> str | None:
    words = name.split()
    if kind == "order" and len(words) >= 2:
        return " ".join(words[1:] + words[:1])
    if kind == "drop_middle" and len(words) >= 3:
        return " ".join(words[:1] + words[2:])
    if kind == "typo":
        return typo(name, rng)
    if kind == "join" and len(words) >= 3:
        at = rng.randrange(len(words) - 1)
        return " ".join([*words[:at], words[at] + words[at + 1].lower(), *words[at + 2 :]])
    if kind == "split":
        long_words = [i for i, w in enumerate(words) if len(w) >= 8]
        if long_words:
            at = rng.choice(long_words)
            cut = len(words[at]) // 2
            return " ".join([*words[:at], words[at][:cut], words[at][cut:], *words[at + 1 :]])
    if kind == "spelling":
        lowered = name.lower()
        for old, new in SPELLING_SWAPS:
            if old in lowered:
                return lowered.replace(old, new, 1)
    if kind == "cyrillic" and to_cyrillic is not None:
        return to_cyrillic(name)
    return None


def typo(name: str, rng: random.Random) -> str:
    positions = [i for i, char in enumerate(name) if char.isalpha()]
    at = rng.choice(positions[1:-1] or positions)
    operation = rng.choice(("substitute", "delete", "transpose", "insert"))
    if operation == "substitute":
        return name[:at] + rng.choice("aeioubdgkmnrst") + name[at + 1 :]
    if operation == "delete":
        return name[:at] + name[at + 1 :]
    if operation == "insert":
        return name[:at] + rng.choice("aeioubdgkmnrst") + name[at:]
    if at + 1 < len(name):
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    return name[:at]


def cyrillic_transliterator():
    try:
        import icu
    except ImportError:
        print("  PyICU not installed: no Cyrillic variants")
        return None
    return icu.Transliterator.createInstance("Latin-Cyrillic").transliterate


def query_birth_date(entry: ListEntry, rng: random.Random) -> PartialDate | None:
    if not entry.birth_dates:
        return None
    listed = rng.choice(entry.birth_dates)
    year = rng.randint(listed.year, listed.year_to) if listed.year_to else listed.year
    month = listed.month or rng.randint(1, 12)
    day = listed.day or rng.randint(1, 28)
    return PartialDate(year, month, day)


def perturbed_recall(screener: Screener, un_entries: list[ListEntry], rng: random.Random, limit: int) -> list[float]:
    print("\n## Perturbed UN names (screened against the whole index)")
    to_cyrillic = cyrillic_transliterator()
    kinds = ["order", "drop_middle", "typo", "join", "split", "spelling", "cyrillic"]
    people = [e for e in un_entries if e.schema == Schema.PERSON and e.names]
    rng.shuffle(people)
    outcomes: dict[str, list[str]] = {kind: [] for kind in kinds}
    latencies, misses = [], []
    for entry in people[:limit]:
        birth = query_birth_date(entry, rng)
        if birth is None:
            continue
        for kind in kinds:
            variant = perturb(rng.choice(entry.names), kind, rng, to_cyrillic)
            if not variant:
                continue
            matches, took = timed(screener.screen, Query(variant, birth_date=birth), lists=["un"])
            latencies.append(took)
            decision = next((m.decision for m in matches if m.entry_id == entry.entry_id), "missed")
            outcomes[kind].append(decision)
            if decision != "hit":
                misses.append(f"{kind}: {variant!r} -> {entry.names[0]!r} ({decision})")
    every = [d for ds in outcomes.values() for d in ds]
    print(f"  {len(every)} queries with a date of birth from {min(limit, len(people))} listed persons")
    print("  | variant | queries | hit | hit or possible |")
    print("  |---|---|---|---|")
    for kind, decisions in [*outcomes.items(), ("all", every)]:
        if decisions:
            hits = decisions.count("hit") / len(decisions)
            found = sum(d != "missed" for d in decisions) / len(decisions)
            print(f"  | {kind} | {len(decisions)} | {hits:.3f} | {found:.3f} |")
    for line in misses[:12]:
        print("   miss", line)
    return latencies


def innocent_rate(screener: Screener, pool: NamePool, count: int) -> list[float]:
    print(f"\n## Innocent travellers: {count} generated names of {len(pool.pools)} locales, random dates of birth")
    hits = possibles = 0
    examples, latencies = [], []
    for _ in range(count):
        query = Query(pool.name(), birth_date=pool.birth_date())
        found, took = timed(screener.screen, query)
        latencies.append(took)
        matches = [m for m in found if not m.entry_id.startswith("gen-")]
        decisions = {m.decision for m in matches}
        hits += "hit" in decisions
        possibles += bool(decisions)
        if "hit" in decisions and len(examples) < 8:
            examples.append(f"{query.name!r} -> {matches[0].name!r} {matches[0].score:.2f}")
    print(f"  with a hit on a real list: {hits / count:.4f} ({hits}); with hit or possible: {possibles / count:.4f}")
    for line in examples:
        print("   hit", line)
    return latencies


# ---------------------------------------------------------------- speed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(function, *args, **kwargs):
    """Result, and (wall-clock seconds, CPU seconds of this process): on a shared machine the CPU time
    shows what the code costs, the wall time what an officer would have waited."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - wall, time.process_time() - cpu)


def speed(screener: Screener, pool: NamePool, groups: dict[str, list[tuple[float, float]]]) -> None:
    print(f"\n## Speed on {len(screener):,} indexed entries (load average before: {os.getloadavg()[0]:.2f})")
    for label, timings in groups.items():
        for clock, values in (("wall", [t[0] for t in timings]), ("cpu", [t[1] for t in timings])):
            print(
                f"  one person, {label}, {clock}: p50 {percentile(values, 0.5) * 1e3:.2f} ms,"
                f" p99 {percentile(values, 0.99) * 1e3:.2f} ms, max {max(values) * 1e3:.2f} ms"
                f" over {len(values)} queries"
            )
    manifest = [Query(pool.name(), id=str(i), birth_date=pool.birth_date()) for i in range(500)]
    _, (wall, cpu) = timed(screener.screen_batch, manifest)
    print(f"  500-person manifest: {wall:.3f} s wall, {cpu:.3f} s CPU (load average after: {os.getloadavg()[0]:.2f})")


def persistence(screener: Screener) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "screener.pickle"
        started = time.perf_counter()
        screener.save(path)
        saved = time.perf_counter() - started
        started = time.perf_counter()
        loaded = Screener.load(path)
        print(
            f"\n## Saved index: {path.stat().st_size / 1e6:,.0f} MB written in {saved:.1f} s,"
            f" loaded in {time.perf_counter() - started:.1f} s ({len(loaded):,} entries)"
        )


def build(real: dict[str, list[ListEntry]], pool: NamePool, total: int) -> Screener:
    screened = ListConfig().schemas
    stream = [(name, entry) for name, entries in real.items() for entry in entries if entry.schema in screened]
    real_count = len(stream)
    filler = ((("generated"), entry) for entry in filler_entries(pool, max(0, total - real_count)))
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    screener = Screener(iter(stream + list(filler)) if total < 200_000 else _chain(stream, filler))
    elapsed = time.perf_counter() - started
    gc.collect()
    print(
        f"\n## Index: {len(screener):,} entries ({real_count:,} listed persons, the rest generated)"
        f" built in {elapsed:.1f} s;"
        f" memory {rss_mb() - before:,.0f} MB (RSS growth, entries included)"
    )
    return screener


def _chain(first, second):
    yield from first
    yield from second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 entries and fewer queries")
    parser.add_argument("--entries", type=int, help="index size (default 1,000,000; 100,000 with --quick)")
    parser.add_argument("--queries", type=int, help="listed UN persons to perturb (default 730; 150 with --quick)")
    parser.add_argument("--innocents", type=int, help="generated travellers (default 5,000; 1,000 with --quick)")
    parser.add_argument("--pickle", action="store_true", help="also time saving and loading the index")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data (default ../shared/data)")
    args = parser.parse_args()
    total = args.entries or (100_000 if args.quick else 1_000_000)
    rng = random.Random(args.seed)
    print(f"# Screening benchmark {date.today()} on {machine()}")
    name_bench(args.data)
    print("\n## Lists")
    real = load_lists(args.data)
    pool = NamePool(rng, 300 if args.quick else 1500)
    screener = build(real, pool, total)
    timings = {}
    if "un" in real:
        timings["perturbed UN names"] = perturbed_recall(
            screener, real["un"], rng, args.queries or (150 if args.quick else 730)
        )
    else:
        print("\nUN list absent: no recall on perturbed UN names")
    timings["innocent travellers"] = innocent_rate(screener, pool, args.innocents or (1000 if args.quick else 5000))
    timings["all"] = [t for group in timings.values() for t in group]
    speed(screener, pool, timings)
    if args.pickle:
        persistence(screener)


if __name__ == "__main__":
    sys.exit(main())
