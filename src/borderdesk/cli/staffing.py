"""`borderdesk staffing calc`: the booths each hour needs for a queue's service level, by Erlang C (CONTRACTS.md
section 5). Needs no database."""

from __future__ import annotations

import argparse
import json
import sys

from borderdesk.cli._json_input import JsonInputError, read_json


def register(subparsers: argparse._SubParsersAction) -> None:
    staffing = subparsers.add_parser("staffing", help="staffing forecasts (booths per hour)")
    staffing_commands = staffing.add_subparsers(dest="staffing_command", metavar="SUBCOMMAND")
    staffing_commands.required = True
    calc = staffing_commands.add_parser(
        "calc",
        help="booths needed per hour to meet a queue's service level (Erlang C)",
        description='Reads {"service_seconds": 60, "target_wait_seconds": 1500, "target_share": 0.95, '
        '"hours": [{"hour": "06:00", "arrivals": 600}]} from FILE or standard input and prints, for each hour in '
        "order, the booths needed, the load in Erlangs, the share within the target wait, the mean wait and the "
        'occupancy as JSON. Bad input exits 2 with {"error": {"code": ..., "message": ...}}.',
    )
    calc.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    calc.add_argument("file", nargs="?", metavar="FILE", help="input JSON (default: standard input)")
    calc.set_defaults(func=run_calc)


def run_calc(args: argparse.Namespace) -> int:
    from borderdesk.core.staffing import StaffingError, plan, staffing_request

    try:
        staffing = plan(staffing_request(read_json(args.file)))
    except (StaffingError, JsonInputError) as exc:
        return _fail(exc.code, exc.message)
    print(json.dumps(staffing.to_dict()))
    return 0


def _fail(code: str, message: str) -> int:
    print(json.dumps({"error": {"code": code, "message": message}}))
    print(f"borderdesk staffing calc: {code}: {message}", file=sys.stderr)
    return 2
