"""MRZ parse + validate throughput: Borderdesk's documents core against the PyPI `mrz` package.

Generates zones of all five formats (TD1, TD2, TD3, MRV-A, MRV-B), most valid and some corrupted, times
``parse_mrz`` and ``mrz.checker`` on the very same zones in the same run, and compares the two verdicts
zone by zone, grouping the disagreements by the kind of zone and by what each side objected to.

    .venv/bin/python benchmarks/mrz.py [--count 100000] [--seed 9303] [--corrupt 0.2]
    .venv/bin/python benchmarks/mrz.py --count 500 --repeat 1     # a smoke run (the tests do this)

The comparison needs the `mrz` package (`pip install mrz`, the project's `bench` extra); without it only
Borderdesk's side is timed, and the script says so.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

# This file is itself called mrz.py: drop its folder from the import path so `import mrz` finds the package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]

from borderdesk.core.documents import MrzFields, compute_check_digit, generate_mrz, parse_mrz  # noqa: E402
from borderdesk.core.documents.countries import COUNTRY_CODES, ICAO_CODES, ISO_3166_ALPHA_3  # noqa: E402
from borderdesk.core.documents.layout import LAYOUTS  # noqa: E402

TODAY = date(2026, 11, 23)
FORMATS = ("TD1", "TD2", "TD3", "MRVA", "MRVB")
DOCUMENT_CODES = {
    "TD1": ["I", "ID", "AC", "C"],
    "TD2": ["I", "ID", "A"],
    "TD3": ["P", "PO", "PD"],
    "MRVA": ["V", "VS"],
    "MRVB": ["V", "VT"],
}
SURNAMES = [
    "ERIKSSON",
    "MUSTERMANN",
    "NGUYEN",
    "GARCIA LOPEZ",
    "OKAFOR",
    "SMITH",
    "DE LA CRUZ",
    "KOWALSKA",
    "VAN DER BERG",
    "AL RASHID",
    "TANAKA",
    "O BRIEN",
    "PETROVA",
    "HAKKINEN",
    "DOS SANTOS",
]
GIVEN_NAMES = [
    "ANNA MARIA",
    "ERIKA",
    "MINH",
    "JOSE LUIS",
    "CHINEDU",
    "JOHN PAUL",
    "MARIA",
    "AGNIESZKA",
    "PIETER",
    "FATIMA",
    "YUKI",
    "SEAN",
    "OLGA",
    "MIKA",
    "",
]
COMMON_STATES = sorted(code for code in ISO_3166_ALPHA_3 if code in COUNTRY_CODES)
ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _random_fields(rng: random.Random, format: str, long_number: bool) -> MrzFields:
    layout = LAYOUTS[format]
    _, start, stop = layout.optional_data
    number_length = rng.randint(10, 12) if long_number else rng.randint(6, 9)
    room = stop - start - (number_length - 9 + 2 if long_number else 0)
    state = rng.choice(COMMON_STATES) if rng.random() < 0.97 else rng.choice(sorted(ICAO_CODES))
    birth = TODAY - timedelta(days=rng.randint(0, 95 * 365))
    expiry = TODAY + timedelta(days=rng.randint(-8 * 365, 10 * 365))
    if expiry <= birth:  # a real document is issued after birth
        expiry = birth + timedelta(days=rng.randint(365, 10 * 365))
    return MrzFields(
        document_code=rng.choice(DOCUMENT_CODES[format]),
        issuing_state=state,
        surname=rng.choice(SURNAMES),
        given_names=rng.choice(GIVEN_NAMES),
        document_number="".join(rng.choice(ALPHANUMERIC) for _ in range(number_length)),
        nationality=state if rng.random() < 0.9 else rng.choice(COMMON_STATES),
        birth_date=birth,
        sex=rng.choice("FFMMX"),
        expiry_date=expiry,
        optional_data="".join(rng.choice(ALPHANUMERIC) for _ in range(rng.randint(0, min(room, 9)))),
        optional_data_2="".join(rng.choice(ALPHANUMERIC) for _ in range(rng.randint(0, 6))) if format == "TD1" else "",
    )


def _replace(lines: list[str], cell: tuple[int, int], character: str) -> list[str]:
    line, column = cell
    lines = list(lines)
    lines[line] = lines[line][:column] + character + lines[line][column + 1 :]
    return lines


def _recheck(lines: list[str], format: str) -> list[str]:
    """Recompute the date and composite check digits, so that only the planted fault remains."""
    layout = LAYOUTS[format]
    for span, cell in ((layout.birth_date, layout.birth_date_check), (layout.expiry_date, layout.expiry_date_check)):
        line, start, stop = span
        lines = _replace(lines, cell, compute_check_digit(lines[line][start:stop]))
    if layout.composite_check:
        data = "".join(lines[line][start:stop] for line, start, stop in layout.composite_spans)
        lines = _replace(lines, layout.composite_check, compute_check_digit(data))
    return lines


def _corrupt(rng: random.Random, lines: list[str], format: str) -> tuple[list[str], str]:
    layout = LAYOUTS[format]
    kind = rng.choice(["misread_character", "wrong_check_digit", "impossible_date", "bad_sex"])
    if kind == "misread_character":
        line, start, stop = rng.choice([layout.document_number, layout.birth_date, layout.expiry_date])
        column = rng.randrange(start, stop)
        original = lines[line][column]
        replacement = rng.choice([c for c in "0123456789" if c != original])
        return _replace(lines, (line, column), replacement), kind
    if kind == "wrong_check_digit":
        cell = rng.choice([layout.birth_date_check, layout.expiry_date_check])
        original = lines[cell[0]][cell[1]]
        return _replace(lines, cell, rng.choice([c for c in "0123456789" if c != original])), kind
    if kind == "impossible_date":
        line, start, _ = rng.choice([layout.birth_date, layout.expiry_date])
        lines = _replace(_replace(lines, (line, start + 2), "1"), (line, start + 3), "3")  # month 13
        return _recheck(lines, format), kind
    return _recheck(_replace(lines, (layout.sex[0], layout.sex[1]), "Q"), format), kind


def make_zones(count: int, seed: int, corrupt_share: float) -> list[tuple[str, str, str]]:
    """(format, zone text, kind) triples; kind says how the zone was made."""
    rng = random.Random(seed)
    zones = []
    for index in range(count):
        format = FORMATS[index % len(FORMATS)]
        long_number = LAYOUTS[format].long_document_numbers and rng.random() < 0.02
        lines = generate_mrz(format, _random_fields(rng, format, long_number))
        kind = "valid_long_document_number" if long_number else "valid"
        if rng.random() < corrupt_share:
            lines, kind = _corrupt(rng, lines, format)
        zones.append((format, "\n".join(lines), kind))
    return zones


def _their_checkers():
    from mrz.checker.mrva import MRVACodeChecker
    from mrz.checker.mrvb import MRVBCodeChecker
    from mrz.checker.td1 import TD1CodeChecker
    from mrz.checker.td2 import TD2CodeChecker
    from mrz.checker.td3 import TD3CodeChecker

    return {
        "TD1": TD1CodeChecker,
        "TD2": TD2CodeChecker,
        "TD3": TD3CodeChecker,
        "MRVA": MRVACodeChecker,
        "MRVB": MRVBCodeChecker,
    }


def time_ours(texts: list[str]) -> tuple[float, list[bool]]:
    """Only the verdict is kept, as a service answering one zone at a time would: keeping 100,000 full
    results alive would time the garbage collector instead of the parser (for both sides)."""
    started = time.perf_counter()
    verdicts = [parse_mrz(text, today=TODAY).valid for text in texts]
    return time.perf_counter() - started, verdicts


def their_check(checker_class, text: str):
    try:
        return checker_class(text)
    except Exception as error:  # the package raises on some inputs; count that as a rejection
        return error


def time_theirs(texts: list[str], checker_classes: list) -> tuple[float, list[bool]]:
    """The `mrz` package is told each zone's format (it cannot find it itself); that choice is made before
    the clock starts, which favours it slightly."""
    started = time.perf_counter()
    verdicts = [
        not isinstance(result, Exception) and bool(result) for result in map(their_check, checker_classes, texts)
    ]
    return time.perf_counter() - started, verdicts


def their_reasons(result) -> tuple[str, ...]:
    if isinstance(result, Exception):
        return (f"raised {type(result).__name__}",)
    return tuple(sorted(description for description, ok in result.report.falses))


def compare(zones, checker_classes, our_verdicts, their_verdicts) -> Counter:
    """Group the zones the two sides judge differently; each is judged again, outside the clock, for the
    reasons."""
    disagreements = Counter()
    for (format, text, kind), checker_class, our_valid, their_valid in zip(
        zones, checker_classes, our_verdicts, their_verdicts, strict=True
    ):
        if our_valid == their_valid:
            continue
        ours = parse_mrz(text, today=TODAY)
        our_reasons = tuple(sorted({f"{issue.code}:{issue.field}" for issue in ours.errors}))
        reasons = their_reasons(their_check(checker_class, text))
        disagreements[(format, kind, our_valid, our_reasons, reasons)] += 1
    return disagreements


def interleaved_timing(texts: list[str], checker_classes: list, repeat: int, chunk: int = 2000):
    """Time both sides over the same zones, alternating chunk by chunk, so that load from other work on the
    machine falls on both alike; each side's best total of ``repeat`` runs counts."""
    our_totals, their_totals = [], []
    our_verdicts, their_verdicts = [], []
    for run in range(repeat):
        our_seconds = their_seconds = 0.0
        for start in range(0, len(texts), chunk):
            seconds, ours = time_ours(texts[start : start + chunk])
            our_seconds += seconds
            seconds, theirs = time_theirs(texts[start : start + chunk], checker_classes[start : start + chunk])
            their_seconds += seconds
            if run == 0:
                our_verdicts += ours
                their_verdicts += theirs
        our_totals.append(our_seconds)
        their_totals.append(their_seconds)
    return min(our_totals), our_verdicts, min(their_totals), their_verdicts


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="number of zones (default 100000)")
    parser.add_argument("--seed", type=int, default=9303)
    parser.add_argument("--corrupt", type=float, default=0.2, help="share of corrupted zones (default 0.2)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per side; the best counts (default 3)")
    args = parser.parse_args()

    zones = make_zones(args.count, args.seed, args.corrupt)
    texts = [text for _, text, _ in zones]
    print(f"machine: {machine()}; date: {date.today().isoformat()}")
    print(f"zones: {len(zones)} ({Counter(kind for _, _, kind in zones).most_common()})")
    try:
        checkers = _their_checkers()
    except ImportError:
        our_seconds, ours = min(time_ours(texts) for _ in range(args.repeat))
        print(f"borderdesk parse_mrz: {our_seconds:.2f} s, {len(zones) / our_seconds:,.0f} zones/s, {sum(ours)} valid")
        print("the mrz package is not installed (BORDERDESK_LOCK=requirements-bench.lock scripts/setup): no comparison")
        return
    checker_classes = [checkers[format] for format, _, _ in zones]
    our_seconds, ours, their_seconds, theirs = interleaved_timing(texts, checker_classes, args.repeat)

    print(f"borderdesk parse_mrz: {our_seconds:.2f} s, {len(zones) / our_seconds:,.0f} zones/s, {sum(ours)} valid")
    print(
        f"mrz {_mrz_version()} checker: {their_seconds:.2f} s, {len(zones) / their_seconds:,.0f} zones/s, "
        f"{sum(theirs)} valid"
    )
    print(f"speed-up: {their_seconds / our_seconds:.2f}x (best of {args.repeat} interleaved runs each)")
    disagreements = compare(zones, checker_classes, ours, theirs)
    print(f"disagreements on validity: {sum(disagreements.values())} of {len(zones)}")
    for (format, kind, our_valid, our_reasons, their_reasons), count in disagreements.most_common():
        print(
            f"  {count:6d}  {format:4s} {kind:27s} ours={'valid' if our_valid else 'invalid'} "
            f"{list(our_reasons)}  theirs={'invalid' if our_valid else 'valid'} {list(their_reasons)}"
        )


def _mrz_version() -> str:
    from importlib.metadata import version

    return version("mrz")


if __name__ == "__main__":
    main()
