"""PAXLST parse speed: Borderdesk's manifests core against pydifact's tokenizer alone, on the same messages.

The messages: generated passenger lists of ``--passengers`` travellers each (D:05B, every traveller with a
document, some names with release characters, lines wrapped as some carriers send them), and the five real
carriers' messages in ``../shared/data/paxlst-gtas/`` when ``--data`` holds them. Our side is the whole reading:
decoding, CR/LF, UNA, tokenizing, and every PAXLST rule of CONTRACTS.md section 6 (flight, travellers, dates,
counts, character sets, errors). pydifact's side is only its ``Tokenizer`` consuming the tokens, on text made
ready for it before the clock starts (CR/LF dropped, the UNA read into its ``Characters``, the blanks before the
first tag stripped), which favours it. Both sides take the very same messages, alternating message by message so
that load from other work on the machine falls on both alike; each side's best total of ``--repeat`` runs counts.

    .venv/bin/python benchmarks/manifest_parse.py [--passengers 500] [--messages 20] [--repeat 5] [--data PATH]
    .venv/bin/python benchmarks/manifest_parse.py --passengers 20 --messages 2 --repeat 1   # the smoke run
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
from datetime import date
from pathlib import Path

from pydifact.control import Characters
from pydifact.tokenizer import Tokenizer

from borderdesk.core.manifests import read_paxlst

TODAY = date(2026, 11, 29)
SURNAMES = ["ERIKSSON", "O?'BRIEN", "NGUYEN", "GARCIA LOPEZ", "OKAFOR", "DE LA CRUZ", "AL RASHID", "MUSTERMANN"]
GIVEN_NAMES = ["ANNA:MARIA", "SEAN", "MINH", "JOSE:LUIS", "CHINEDU", "FATIMA", "ERIKA", ""]
STATES = ["IRL", "SWE", "VNM", "ESP", "NGA", "PHL", "JOR", "DEU", "UTO"]


def generated_message(rng: random.Random, passengers: int) -> bytes:
    segments = [
        "UNB+UNOA:4+LH:ZZ+UTOAPIS:ZZ+261129:0800+42++APIS",
        "UNG+PAXLST+LUFTHANSA+UTOAPIS+261129:0800+42+UN+D:05B",
        "UNH+42+PAXLST:D:05B:UN:IATA+LH400+01:F",
        "BGM+745",
        "NAD+MS+++OPS CENTRE",
        "COM+49 69 123456:TE",
        "TDT+20+LH400+++LH",
        "LOC+125+FRA",
        "DTM+189:2611291030:201",
        "LOC+87+UCX",
        "DTM+232:2611291315:201",
    ]
    for index in range(passengers):
        state = rng.choice(STATES)
        segments += [
            f"NAD+FL+++{rng.choice(SURNAMES)}:{rng.choice(GIVEN_NAMES)}",
            f"ATT+2++{rng.choice('FM')}",
            f"DTM+329:{rng.randint(30, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
            "LOC+178+FRA",
            "LOC+179+UCX",
            f"NAT+2+{state}",
            f"RFF+AVF:{rng.randrange(36**6):06X}",
            f"RFF+SEA:{index // 6 + 1}{'ABCDEF'[index % 6]}",
            f"DOC+P:110:111+{rng.randrange(10**9):09d}",
            f"DTM+36:{rng.randint(27, 36)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
            f"LOC+91+{state}",
        ]
    segments.append(f"CNT+42:{passengers}")
    segments.append(f"UNT+{len(segments) - 1}+42")
    segments += ["UNE+1+42", "UNZ+1+42"]
    return ("UNA:+.? '" + "".join(segment + "'\r\n" for segment in segments)).encode("ascii")


def real_messages(data: Path) -> list[tuple[str, bytes]]:
    folder = data / "paxlst-gtas"
    if not folder.is_dir():
        return []
    paths = sorted(path for path in folder.iterdir() if path.suffix in (".txt", ".edi") and "LICENSE" not in path.name)
    return [(path.name, path.read_bytes()) for path in paths]


def ready_for_pydifact(data: bytes) -> tuple[str, Characters]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    text = text.replace("\r", "").replace("\n", "").lstrip()
    if text.startswith("UNA"):
        return text[9:].lstrip(), Characters.from_str(text[:9])
    return text, Characters()


def time_ours(data: bytes) -> tuple[float, int]:
    started = time.perf_counter()
    manifest = read_paxlst(data, today=TODAY)
    return time.perf_counter() - started, len(manifest.travellers)


def time_theirs(text: str, characters: Characters) -> tuple[float, int | str]:
    """Seconds, and the segments pydifact's tokenizer gave (or the error that stopped it)."""
    started = time.perf_counter()
    try:
        segments = sum(1 for token in Tokenizer().get_tokens(text, characters) if token.type.name == "TERMINATOR")
    except Exception as error:  # pydifact raises on some real messages; the time up to the raise is counted
        return time.perf_counter() - started, f"{type(error).__name__}: {error}"
    return time.perf_counter() - started, segments


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
    parser.add_argument("--passengers", type=int, default=500, help="travellers per generated message (500)")
    parser.add_argument("--messages", type=int, default=20, help="generated messages (20)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per side; the best counts (5)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()

    from importlib.metadata import version

    rng = random.Random(args.seed)
    generated = [(f"generated {index + 1}", generated_message(rng, args.passengers)) for index in range(args.messages)]
    real = real_messages(args.data)
    print(f"machine: {machine()}; date: {date.today().isoformat()}; pydifact {version('pydifact')}")
    for label, messages in (("generated", generated), ("real", real)):
        if not messages:
            print(f"## {label}: none (no {args.data / 'paxlst-gtas'})")
            continue
        report(label, messages, args.repeat)


def report(label: str, messages: list[tuple[str, bytes]], repeat: int) -> None:
    prepared = [ready_for_pydifact(data) for _, data in messages]
    size = sum(len(data) for _, data in messages)
    our_best = their_best = float("inf")
    travellers: list[int] = []
    segments: list[int | str] = []
    for _ in range(repeat):
        our_total = their_total = 0.0
        travellers, segments = [], []
        for (_, data), (text, characters) in zip(messages, prepared, strict=True):
            seconds, count = time_ours(data)
            our_total += seconds
            travellers.append(count)
            seconds, result = time_theirs(text, characters)
            their_total += seconds
            segments.append(result)
        our_best, their_best = min(our_best, our_total), min(their_best, their_total)
    print(f"## {label}: {len(messages)} messages, {sum(travellers):,} travellers, {size / 1e6:.2f} MB")
    print(f"borderdesk read_paxlst (everything): {our_best * 1e3:.1f} ms, {size / 1e6 / our_best:.2f} MB/s")
    print(f"pydifact Tokenizer (tokens only):   {their_best * 1e3:.1f} ms, {size / 1e6 / their_best:.2f} MB/s")
    print(f"speed-up: {their_best / our_best:.2f}x (best of {repeat} interleaved runs each)")
    failures = [(name, result) for (name, _), result in zip(messages, segments, strict=True) if isinstance(result, str)]
    for name, error in failures:
        print(f"  pydifact stopped on {name}: {error}")


if __name__ == "__main__":
    main()
