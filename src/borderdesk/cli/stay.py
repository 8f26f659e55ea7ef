"""`borderdesk stay calc`: days of stay used and left in a rolling window (CONTRACTS.md section 2)."""

from __future__ import annotations

import argparse
import json
import sys

from borderdesk.cli._json_input import JsonInputError, read_json


def register(subparsers: argparse._SubParsersAction) -> None:
    stay = subparsers.add_parser("stay", help="short-stay calculations (90 days in any 180)")
    stay_commands = stay.add_subparsers(dest="stay_command", metavar="SUBCOMMAND")
    stay_commands.required = True
    calc = stay_commands.add_parser(
        "calc",
        help="days used, days remaining, overstay and latest permitted exit",
        description='Reads {"stays": [{"entry": ..., "exit": ...}], "on": ..., "entry_on": ..., "limit": 90, '
        '"window": 180} from FILE or standard input and prints the answer as JSON. A stay may add "basis": '
        '"long_stay_visa" or "residence_permit" to be left out of the count.',
    )
    calc.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    calc.add_argument("file", nargs="?", metavar="FILE", help="input JSON (default: standard input)")
    calc.set_defaults(func=run_calc)


def run_calc(args: argparse.Namespace) -> int:
    from borderdesk.core.rules import RulesError, calculate_stay_request

    try:
        request = read_json(args.file)
        result = calculate_stay_request(request)
    except JsonInputError as exc:
        return _fail(f"{exc.code}: {exc.message}")
    except RulesError as exc:
        return _fail(f"{exc.code}: {exc.message}")
    print(json.dumps(result.to_dict()))
    return 0


def _fail(message: str) -> int:
    print(f"borderdesk stay calc: {message}", file=sys.stderr)
    return 2
