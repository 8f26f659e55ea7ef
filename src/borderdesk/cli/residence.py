"""`borderdesk residence calc`: the residence requirement of a naturalisation or permanent-residence application
(CONTRACTS.md section 4). Needs no database."""

from __future__ import annotations

import argparse
import json
import sys

from borderdesk.cli._json_input import JsonInputError, read_json


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
        assessment = assess_request(read_json(args.file))
    except (ResidenceError, JsonInputError) as exc:
        return _fail(exc.code, exc.message)
    print(json.dumps(assessment.to_dict()))
    return 0


def _fail(code: str, message: str) -> int:
    print(json.dumps({"error": {"code": code, "message": message}}))
    print(f"borderdesk residence calc: {code}: {message}", file=sys.stderr)
    return 2
