"""`borderdesk manifest parse`: read a carrier's manifest, PAXLST or CSV (CONTRACTS.md section 6)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

EXIT_READ, EXIT_UNREADABLE = 0, 2


def register(subparsers) -> None:
    manifest = subparsers.add_parser("manifest", help="carriers' passenger and crew manifests (PAXLST, CSV)")
    commands = manifest.add_subparsers(dest="manifest_command", metavar="SUBCOMMAND")
    commands.required = True
    parse = commands.add_parser(
        "parse",
        help="read one manifest: the flight, the part, the travellers and every error with its segment",
        description="Reads one UN/EDIFACT PAXLST interchange (D:02B or D:05B) or a CSV manifest and prints it. "
        "Exit 0 when it was read (even with errors listed), 2 when nothing at all could be read.",
    )
    parse.add_argument("file", metavar="FILE", help="the manifest ('-' for standard input)")
    parse.add_argument("--json", action="store_true", help="print the manifest as one JSON object")
    parse.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the date that decides the century of two-digit birth years (default: today)",
    )
    parse.add_argument(
        "--format",
        choices=("auto", "paxlst", "csv"),
        default="auto",
        help="auto (default): PAXLST when the file starts with UNA, UNB or UNH, CSV when its header names a "
        "surname column",
    )
    parse.set_defaults(func=run_parse)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def run_parse(args: argparse.Namespace) -> int:
    from borderdesk.core.manifests import read_manifest, unreadable

    try:
        data = _read_bytes(args.file)
    except OSError as error:
        message = f"cannot read {args.file}: {error.strerror or error}"
        print(f"borderdesk manifest parse: {message}", file=sys.stderr)
        manifest = unreadable(message)
    else:
        manifest = read_manifest(data, today=args.today or date.today(), format=args.format)
    print(json.dumps(manifest.as_dict(), ensure_ascii=False) if args.json else describe(manifest))
    return EXIT_READ if manifest.readable else EXIT_UNREADABLE


def _read_bytes(path: str) -> bytes:
    if path == "-":
        binary = getattr(sys.stdin, "buffer", None)  # absent when a caller substitutes a text stream
        return binary.read() if binary else sys.stdin.read().encode("utf-8")
    with open(path, "rb") as handle:
        return handle.read()


def describe(manifest) -> str:
    """A short account for people at a terminal."""
    flight = manifest.flight
    route = "flight unknown"
    if flight:
        departure, arrival = flight.departure, flight.arrival
        route = (
            f"{flight.carrier_flight or '?'} {departure.airport if departure else '?'} "
            f"{(departure.at if departure else None) or ''} -> {arrival.airport if arrival else '?'} "
            f"{(arrival.at if arrival else None) or ''}"
        )
    part = f"part {manifest.part.number}{' (last)' if manifest.part.last else ''}" if manifest.part else "no part"
    lines = [
        f"{(manifest.format or '').upper()} {manifest.version or ''} {manifest.list_type or 'unknown list'}, "
        f"{route}, {part}",
        f"  {len(manifest.travellers)} travellers (declared: {manifest.declared_count})",
    ]
    lines += [
        f"  {traveller.surname or '?'}, {traveller.given_names or ''}  born {traveller.birth_date or '?'}  "
        f"{traveller.nationality or '?'}  document {traveller.document.number if traveller.document else '-'}"
        for traveller in manifest.travellers
    ]
    lines += [f"  error {error.code} at {error.segment}: {error.message}" for error in manifest.errors]
    return "\n".join(lines)
