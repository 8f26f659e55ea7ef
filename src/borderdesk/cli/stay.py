"""`borderdesk stay calc`: days of stay used and left in a rolling window (CONTRACTS.md section 2)."""

from __future__ import annotations

import argparse
import json
import sys


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
        request = _read_request(args.file)
        result = calculate_stay_request(request)
    except _InputError as exc:
        return _fail(str(exc))
    except RulesError as exc:
        return _fail(f"{exc.code}: {exc.message}")
    print(json.dumps(result.to_dict()))
    return 0


class _InputError(Exception):
    pass


def _read_request(path: str | None) -> object:
    try:
        if path is None or path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise _InputError(f"cannot_read: cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise _InputError(f"malformed_input: input is not UTF-8 text ({exc.reason})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _InputError(
            f"malformed_input: input is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc


def _fail(message: str) -> int:
    print(f"borderdesk stay calc: {message}", file=sys.stderr)
    return 2
