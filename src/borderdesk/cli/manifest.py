"""`borderdesk manifest parse`: read a carrier's manifest, PAXLST or CSV (CONTRACTS.md section 6).
`borderdesk manifest import`: store carriers' manifests in the database, as `POST /api/v1/manifests` does.
`borderdesk manifest carrier`: the carrier codes an airline's account sends manifests for."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from borderdesk.apps.accounts.actors import command_line

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
    register_import(commands)


def register_import(commands) -> None:
    imp = commands.add_parser(
        "import",
        help="store manifests in the database (one message a file), as carriers' systems send them to the API",
        description="Stores each FILE (one PAXLST interchange or CSV manifest) as received: a broken one is kept "
        "with its errors, the same message again is recognised and stored once, a part sent again replaces its "
        "earlier version. Exit 0 when every file was stored (or was held already), 2 when one could not be.",
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a manifest file")
    imp.add_argument("--json", action="store_true", help="one JSON object a file, as the API answers, with its name")
    imp.add_argument("--format", choices=("auto", "paxlst", "csv"), default="auto", help="as for parse")
    imp.set_defaults(func=run_import)
    carrier = commands.add_parser(
        "carrier",
        help="set the carrier codes an account of the carrier role sends manifests for (replacing its codes)",
    )
    carrier.add_argument("username")
    carrier.add_argument("codes", nargs="*", metavar="CODE", help="IATA (LH) or ICAO (DLH) codes; none: no carrier")
    carrier.set_defaults(func=run_carrier)


def run_import(args: argparse.Namespace) -> int:
    from borderdesk.cli._django import setup

    setup()
    from django.core.serializers.json import DjangoJSONEncoder

    from borderdesk.apps.common.errors import BorderdeskError
    from borderdesk.apps.manifests.api import answer
    from borderdesk.apps.manifests.models import Channel
    from borderdesk.apps.manifests.screening import screen_message
    from borderdesk.apps.manifests.services import check_size, receive_manifest
    from borderdesk.cli.watchlist import ProgressBar

    actor = command_line("manifest import")
    bar = ProgressBar()
    failed = 0
    for done, path in enumerate(args.files):
        bar("importing", done, len(args.files))
        try:
            check_size(path.stat().st_size)
            received = receive_manifest(
                actor,
                path.read_bytes(),
                channel=Channel.COMMAND_LINE,
                filename=path.name,
                format=args.format,
                screen=False,
            )
            if not received.duplicate:  # screened here, before the command returns, with its progress shown
                screen_message(actor, received.message.pk, progress=lambda n, of: bar("screening", n, of))
        except OSError as exc:
            failed += 1
            _refused(args, bar, path, "unreadable_file", f"cannot read {path}: {exc.strerror or exc}")
            continue
        except BorderdeskError as exc:
            failed += 1
            _refused(args, bar, path, exc.code, exc.message)
            continue
        if args.json:
            print(json.dumps({"file": str(path), **answer(received)}, cls=DjangoJSONEncoder, ensure_ascii=False))
        else:
            print(_account(path, received))
    bar("importing", len(args.files), len(args.files))
    bar.close()
    return 2 if failed else 0


def _refused(args, bar, path: Path, code: str, message: str) -> None:
    if args.json:
        print(json.dumps({"file": str(path), "error": {"code": code, "message": message}}, ensure_ascii=False))
    else:
        bar.close()
        print(f"{path}: error [{code}]: {message}", file=sys.stderr)


def _account(path: Path, received) -> str:
    """One line for people: what the file was, where it went, what is wrong in it."""
    from borderdesk.apps.manifests.services import part_gaps

    message, flight = received.message, received.flight
    if received.duplicate:
        return (
            f"{path}: held already as message {message.pk} (received {message.received_at:%Y-%m-%d %H:%M} UTC by "
            f"{message.received_by}): nothing stored"
        )
    what = {"passengers": "passenger list", "crew": "crew list"}.get(message.list_type, "list of unknown type")
    single = message.part_number == 1 and message.last_part
    part = f" part {message.part_number}{' (last)' if message.last_part else ''}" if not single else ""
    where = "no flight"
    if flight is not None:
        post = f"post {flight.post.code}" if flight.post else "no post of the agency"
        route = f"{flight.departure_airport or '?'} -> {flight.arrival_airport}"
        where = f"{flight.designator} {route} {flight.arrival_date} ({post})"
    counts = {}
    for error in received.errors:
        counts[error["code"]] = counts.get(error["code"], 0) + 1
    errors = ", ".join(f"{code} {count}" for code, count in counts.items()) or "none"
    listed = f", {received.already_listed} listed already" if received.already_listed else ""
    missing = ""
    if received.parts is not None and not received.parts.complete:
        missing = f"; not received yet: {', '.join(part_gaps(received.parts))}"
    return (
        f"{path}: stored as message {message.pk}: {what}{part} of {where}: {received.counted} travellers counted"
        f"{listed}; errors: {errors}{missing}"
    )


def run_carrier(args: argparse.Namespace) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.common.errors import BorderdeskError
    from borderdesk.apps.manifests.services import set_carrier_codes

    try:
        codes = set_carrier_codes(command_line("manifest carrier"), args.username, args.codes)
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2
    print(f"{args.username} sends manifests for {', '.join(codes) or 'no carrier'}")
    return 0


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
