"""`borderdesk mrz check` and `borderdesk mrz read`: judge machine-readable zones (CONTRACTS.md section 1) and
read them from images (section 8)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

EXIT_VALID, EXIT_INVALID, EXIT_NOT_MRZ = 0, 1, 2


def register(subparsers) -> None:
    mrz = subparsers.add_parser("mrz", help="machine-readable zones of travel documents")
    commands = mrz.add_subparsers(dest="mrz_command", metavar="SUBCOMMAND")
    commands.required = True
    check = commands.add_parser("check", help="parse and validate an MRZ (ICAO Doc 9303)")
    check.add_argument("file", nargs="?", metavar="FILE", help="file holding the zone (default: standard input)")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument(
        "--batch",
        action="store_true",
        help="FILE holds many zones separated by blank lines; print one JSON object per line",
    )
    check.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="date for century inference and expiry warnings (default: today)",
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="repair single OCR confusions (O/0, I/1, B/8, S/5, Z/2, G/6) a check digit proves",
    )
    check.set_defaults(func=run_check)
    read = commands.add_parser("read", help="find and read the MRZ on photos or scans (JPEG, PNG)")
    read.add_argument("images", nargs="+", metavar="IMAGE", help="JPEG or PNG files of data pages")
    read.add_argument("--json", action="store_true", required=True, help="print one JSON object per image")
    read.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="date for century inference and expiry warnings (default: today)",
    )
    read.set_defaults(func=run_read)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _read_input(path: str | None) -> str:
    if path is None or path == "-":
        binary = getattr(sys.stdin, "buffer", None)  # absent when a caller substitutes a text stream
        return binary.read().decode("utf-8", errors="replace") if binary else sys.stdin.read()
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", errors="replace")


def split_batch(text: str) -> list[str]:
    """Zones separated by one or more blank (or white-space only) lines."""
    zones, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            zones.append("\n".join(current))
            current = []
    if current:
        zones.append("\n".join(current))
    return zones


def run_check(args: argparse.Namespace) -> int:
    from borderdesk.core.documents import parse_mrz

    try:
        text = _read_input(args.file)
    except OSError as error:
        return _unreadable(args, f"cannot read {args.file}: {error.strerror or error}")
    today = args.today or date.today()
    if args.batch:
        for zone in split_batch(text):
            result = parse_mrz(zone, today=today, repair=args.repair)
            print(json.dumps(result.to_dict(), ensure_ascii=False))
        return EXIT_VALID
    result = parse_mrz(text, today=today, repair=args.repair)
    print(json.dumps(result.to_dict(), ensure_ascii=False) if args.json else describe(result))
    if result.format is None:
        return EXIT_NOT_MRZ
    return EXIT_VALID if result.valid else EXIT_INVALID


def run_read(args: argparse.Namespace) -> int:
    """`borderdesk mrz read` (CONTRACTS.md section 8): one JSON line per image, in order."""
    today = args.today or date.today()
    every_image_read = True
    for path in args.images:
        record = read_one_image(path, today)
        every_image_read &= "lines" in record
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return EXIT_VALID if every_image_read else EXIT_NOT_MRZ


def read_one_image(path: str, today: date) -> dict:
    from borderdesk.core.documents.image_reader import MAX_IMAGE_BYTES, MrzImageError, read_mrz_image

    try:
        size = os.path.getsize(path)
        if size > MAX_IMAGE_BYTES:  # refused before reading it into memory
            raise MrzImageError("image_too_large", f"{size} bytes: at most {MAX_IMAGE_BYTES} are read")
        with open(path, "rb") as handle:
            read = read_mrz_image(handle.read(), today)
    except OSError as error:
        return {"image": path, "error": {"code": "unreadable_image", "message": f"cannot read: {error.strerror}"}}
    except MrzImageError as error:
        return {"image": path, "error": {"code": error.code, "message": error.message}}
    return {"image": path, "lines": read.lines, **read.result.to_dict()}


def _unreadable(args: argparse.Namespace, message: str) -> int:
    print(f"borderdesk mrz check: {message}", file=sys.stderr)
    if args.json and not args.batch:
        print(
            json.dumps(
                {
                    "format": None,
                    "valid": False,
                    "fields": {},
                    "checks": {},
                    "errors": [{"code": "unreadable_input", "field": None, "message": message}],
                    "warnings": [],
                    "repairs": [],
                }
            )
        )
    return EXIT_NOT_MRZ


def describe(result) -> str:
    """A short verdict for people at a terminal."""
    if result.format is None:
        return "NOT AN MRZ: " + "; ".join(issue.message for issue in result.errors)
    fields = result.fields
    lines = [
        f"{result.format}: {'VALID' if result.valid else 'INVALID'}",
        f"  {fields['surname']}, {fields['given_names']}  {fields['document_code']} {fields['issuing_state']} "
        f"{fields['document_number']}",
        f"  born {fields['birth_date'] or '?'}  sex {fields['sex'] or '?'}  nationality {fields['nationality']}"
        f"  expires {fields['expiry_date'] or '?'}",
    ]
    lines += [f"  error {issue.code}: {issue.message}" for issue in result.errors]
    lines += [f"  warning {issue.code}: {issue.message}" for issue in result.warnings]
    lines += [
        f"  repaired {repair.field}: line {repair.line} column {repair.column} {repair.before} -> {repair.after}"
        for repair in result.repairs
    ]
    return "\n".join(lines)
