"""`borderdesk chip verify`: passive authentication of an ePassport chip (CONTRACTS.md section 7), with a trust
folder; and `borderdesk chip trust import FILE...` / `list`: the trust store the booth and the API verify against."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

EXIT_USAGE = 2
CHIP_FILES = ("EF.COM", "EF.SOD", *(f"DG{number}" for number in range(1, 17)))


def register(subparsers: argparse._SubParsersAction) -> None:
    chip = subparsers.add_parser("chip", help="ePassport chips (ICAO Doc 9303 parts 10-12)")
    commands = chip.add_subparsers(dest="chip_command", metavar="SUBCOMMAND")
    commands.required = True
    verify = commands.add_parser(
        "verify",
        help="passive authentication: data group hashes, SOD signature, chain to a trusted CSCA, revocation",
        description="Reads EF.COM, EF.SOD and DG1 ... DG16 from CASE_DIR and prints the verdict (genuine, "
        "not_genuine or unverifiable), each step and the errors as one JSON object. Exit 0 whatever the verdict.",
    )
    verify.add_argument("case_dir", metavar="CASE_DIR", help="folder holding the files read from the chip")
    verify.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    verify.add_argument(
        "--trust", required=True, metavar="DIR", help="trust folder: CSCA and link certificates, CRLs, master lists"
    )
    verify.add_argument("--printed-mrz", metavar="FILE", help="the MRZ read from the data page (2 or 3 lines)")
    verify.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD", help='the date for "now" (default: UTC today)')
    verify.set_defaults(func=run_verify)
    trust = commands.add_parser("trust", help="the trust store the booth and the API verify chips against")
    trust_commands = trust.add_subparsers(dest="trust_command", metavar="SUBCOMMAND")
    trust_commands.required = True
    imp = trust_commands.add_parser(
        "import",
        help="add CSCA and link certificates, CRLs (PEM or DER) and ICAO master lists, all or nothing",
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.set_defaults(func=run_trust_import)
    listing = trust_commands.add_parser("list", help="what the store holds, by country, and until when")
    listing.set_defaults(func=run_trust_list)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _usage_error(message: str) -> int:
    print(f"borderdesk chip verify: {message}", file=sys.stderr)
    return EXIT_USAGE


def _trust_files(folder: Path):
    for path in sorted(folder.rglob("*")):
        try:
            if path.is_file():
                yield path.read_bytes()
        except OSError:  # an unreadable file is not trust material
            continue


def run_verify(args: argparse.Namespace) -> int:
    from borderdesk.core.documents.chip import build_trust_store, verify_chip

    case_dir, trust_dir = Path(args.case_dir), Path(args.trust)
    if not case_dir.is_dir():
        return _usage_error(f"{case_dir} is not a folder")
    if not trust_dir.is_dir():
        return _usage_error(f"{trust_dir} is not a folder")
    printed = None
    if args.printed_mrz is not None:
        try:
            printed = Path(args.printed_mrz).read_bytes().decode("utf-8", errors="replace")
        except OSError as error:
            return _usage_error(f"cannot read {args.printed_mrz}: {error.strerror or error}")
    files = {}
    for name in CHIP_FILES:
        path = case_dir / name
        if path.is_file():
            try:
                files[name] = path.read_bytes()
            except OSError:  # a file that cannot be read was not read from the chip either
                continue
    report = verify_chip(files, build_trust_store(_trust_files(trust_dir)), printed_mrz=printed, today=args.today)
    print(json.dumps(report.to_dict()))
    return 0


def run_trust_import(args: argparse.Namespace) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.actors import command_line
    from borderdesk.apps.common.errors import BorderdeskError
    from borderdesk.apps.travel_documents.trust_store import import_trust_files

    files = []
    for path in args.files:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            print(f"error [unreadable_file]: {path}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
    try:
        outcome = import_trust_files(command_line("chip trust import"), files)
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message} Nothing was imported.", file=sys.stderr)
        return EXIT_USAGE
    for item in outcome.added:
        print(f"added {item.kind} {item.country or '?'} {item.subject} (serial {item.serial or '-'})")
    print(f"{len(outcome.added)} added, {outcome.already_trusted} already in the store")
    return 0


def run_trust_list(args: argparse.Namespace) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.actors import command_line
    from borderdesk.apps.travel_documents.trust_store import trust_listing

    for row in trust_listing(command_line("chip trust list")):
        item = row.item
        until = item.valid_until.date().isoformat() if item.valid_until else "-"
        state = "expired" if row.expired else "expires soon" if row.expiring_soon else ""
        trusted = "trusted" if row.trusted else ""
        print("\t".join([item.country or "?", item.kind, item.subject, item.serial or "-", until, trusted, state]))
    return 0
