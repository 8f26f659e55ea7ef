"""`borderdesk asylum rekey [--batch-size N] [--json]`: re-seal every sealed asylum value with the current key."""

from __future__ import annotations

import json
import sys

from borderdesk.apps.accounts.actors import command_line

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def register(subparsers) -> None:
    asylum = subparsers.add_parser("asylum", help="asylum claims' restricted records")
    commands = asylum.add_subparsers(dest="asylum_command", metavar="COMMAND")
    commands.required = True
    rekey = commands.add_parser(
        "rekey",
        help="re-seal every claim narrative, decision reasons, interview record and document with the first key of "
        "BORDERDESK_ASYLUM_KEYS (safe to run again; afterwards the old keys may be removed)",
    )
    rekey.add_argument("--batch-size", type=int, default=200, metavar="N", help="values re-sealed per transaction")
    rekey.add_argument("--json", action="store_true", help="the summary as JSON")
    rekey.set_defaults(func=run_rekey)


def run_rekey(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from django.core.exceptions import ImproperlyConfigured

    from borderdesk.apps.asylum.services.sealing import rekey
    from borderdesk.apps.common.errors import BorderdeskError
    from borderdesk.cli.watchlist import ProgressBar

    if args.batch_size < 1:
        print("error [invalid_batch_size]: --batch-size is at least 1", file=sys.stderr)
        return EXIT_ERROR
    bar = ProgressBar()
    try:
        outcome = rekey(command_line("asylum rekey"), batch_size=args.batch_size, progress=bar)
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except ImproperlyConfigured as exc:
        print(f"error [asylum_keys_invalid]: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        bar.close()
    if args.json:
        print(json.dumps(outcome.as_dict()))
    else:
        print(
            f"Re-sealed {outcome.resealed} values with key {outcome.key_id}; {outcome.current} were already sealed "
            f"with it; {len(outcome.failed)} do not open."
        )
        for failed in outcome.failed:
            print(f"  {failed['record']} id {failed['id']} (key {failed['key']}): {failed['code']}")
    if outcome.failed:
        print(
            "Some values did not open and were left as they were: keep their keys configured until they are "
            "looked into.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK
