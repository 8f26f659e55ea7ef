"""`borderdesk residence calc`: the residence requirement of a naturalisation or permanent-residence application
(CONTRACTS.md section 4). Needs no database."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    residence = subparsers.add_parser("residence", help="residence requirements (naturalisation, permanent residence)")
    residence_commands = residence.add_subparsers(dest="residence_command", metavar="SUBCOMMAND")
    residence_commands.required = True
    calc = residence_commands.add_parser(
        "calc",
        help="absent and present days in the qualifying period, failures, earliest eligible day",
        description='Reads {"resident_since": ..., "on": ..., "absences": [{"left": ..., "returned": ...}], '
        '"requirement": {"years": 5, "max_absent_days": 450, "max_absent_days_last_year": 90, '
        '"max_single_absence_days": 364, "min_present_days": 913}} from FILE or standard input and prints the '
        'assessment as JSON. Bad input exits 2 with {"error": {"code": ..., "message": ...}}.',
    )
    calc.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    calc.add_argument("file", nargs="?", metavar="FILE", help="input JSON (default: standard input)")
    calc.set_defaults(func=run_calc)


def run_calc(args: argparse.Namespace) -> int:
    from borderdesk.core.residence import ResidenceError, assess_request

    try:
        assessment = assess_request(_read_request(args.file))
    except ResidenceError as exc:
        return _fail(exc.code, exc.message)
    print(json.dumps(assessment.to_dict()))
    return 0


def _read_request(path: str | None) -> object:
    from borderdesk.core.residence import ResidenceError

    try:
        if path is None or path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise ResidenceError("cannot_read", f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ResidenceError("malformed_input", f"the input is not UTF-8 text ({exc.reason})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResidenceError(
            "malformed_input", f"the input is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    except RecursionError:
        raise ResidenceError("malformed_input", "the input is nested too deeply to read") from None


def _fail(code: str, message: str) -> int:
    print(json.dumps({"error": {"code": code, "message": message}}))
    print(f"borderdesk residence calc: {code}: {message}", file=sys.stderr)
    return 2
