"""`borderdesk faces purge [--json]`: drop the booth's live photos kept past BORDERDESK_LIVE_PHOTO_KEEP_DAYS (run it
daily, from cron or a timer)."""

from __future__ import annotations

import json

EXIT_OK = 0


def register(subparsers) -> None:
    faces = subparsers.add_parser("faces", help="the booth's live photos of travellers")
    commands = faces.add_subparsers(dest="faces_command", metavar="COMMAND")
    commands.required = True
    purge = commands.add_parser(
        "purge", help="drop every live photo kept past its time (BORDERDESK_LIVE_PHOTO_KEEP_DAYS); safe to run again"
    )
    purge.add_argument("--json", action="store_true", help="the count as JSON")
    purge.set_defaults(func=run_purge)


def run_purge(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.accounts.actors import command_line
    from borderdesk.apps.inspection.services import purge_live_photos

    purged = purge_live_photos(command_line("faces purge"))
    print(json.dumps({"purged": purged}) if args.json else f"Purged {purged} live photo{'s' * (purged != 1)}.")
    return EXIT_OK
