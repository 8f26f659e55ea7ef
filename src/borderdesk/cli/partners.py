"""`borderdesk partners deliver [--once] [--json] [--interval S] [--limit N] [--timeout S]`: the webhook worker.
It sends every alert due to partner agencies, signed, and schedules a failed one again with back-off; without
--once it keeps going, looking for due alerts every --interval seconds, until stopped (Ctrl-C)."""

from __future__ import annotations

import json
import sys
import time

from borderdesk.apps.accounts.actors import command_line

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def register(subparsers) -> None:
    partners = subparsers.add_parser("partners", help="partner agencies: alerts sent by signed webhook")
    commands = partners.add_subparsers(dest="partners_command", metavar="COMMAND")
    commands.required = True
    deliver = commands.add_parser(
        "deliver",
        help="send the alerts due to partner agencies (signed webhooks; a failed one is tried again later, never lost)",
    )
    deliver.add_argument("--once", action="store_true", help="send what is due now, then stop")
    deliver.add_argument("--json", action="store_true", help="each pass's summary as a JSON line")
    deliver.add_argument("--interval", type=float, default=5.0, metavar="S", help="seconds between passes")
    deliver.add_argument("--limit", type=int, default=100, metavar="N", help="alerts sent at most per pass")
    deliver.add_argument("--timeout", type=float, default=5.0, metavar="S", help="seconds to wait for a partner")
    deliver.set_defaults(func=run_deliver)


def run_deliver(args) -> int:
    if args.limit < 1 or args.interval <= 0 or not 0 < args.timeout <= 60:
        print("error [invalid_option]: --limit is at least 1, --interval above 0, --timeout 0 to 60", file=sys.stderr)
        return EXIT_ERROR
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.cli.watchlist import ProgressBar

    actor = command_line("partners deliver")
    while True:
        bar = ProgressBar()
        try:
            report = _one_pass(actor, args, bar)
        finally:
            bar.close()
        _print(report, args.json)
        if args.once:
            return EXIT_FAILED if report.failed else EXIT_OK
        try:
            time.sleep(args.interval)
        except KeyboardInterrupt:
            return EXIT_OK


def _one_pass(actor, args, bar):
    from borderdesk.apps.partners.services import deliver_due

    return deliver_due(actor, limit=args.limit, timeout=args.timeout, progress=bar)


def _print(report, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.as_dict()), flush=True)
        return
    if not report.attempts:
        return
    print(f"Sent {len(report.attempts)} alerts: {report.delivered} delivered, {report.failed} failed.", flush=True)
    for attempt in report.attempts:
        if not attempt.delivered:
            why = attempt.error or attempt.status_code
            print(
                f"  alert {attempt.alert} to {attempt.partner} ({attempt.event}): {why}; "
                f"next attempt {attempt.next_attempt_at}",
                flush=True,
            )
