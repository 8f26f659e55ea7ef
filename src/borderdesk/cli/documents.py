"""`borderdesk documents import-lost-stolen PATH`."""

from __future__ import annotations

import sys
from pathlib import Path

from borderdesk.apps.accounts.actors import command_line


def register(subparsers) -> None:
    documents = subparsers.add_parser("documents", help="travel documents: the lost and stolen register")
    commands = documents.add_subparsers(dest="documents_command", metavar="COMMAND")
    commands.required = True
    imp = commands.add_parser("import-lost-stolen", help="replace the lost and stolen register by a CSV file")
    imp.add_argument("path", type=Path)
    imp.set_defaults(func=run_import)


def run_import(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.common.errors import BorderdeskError
    from borderdesk.apps.travel_documents.services import RegisterRejected, import_lost_stolen

    try:
        content = args.path.read_bytes()
    except OSError as exc:
        print(f"error [unreadable_file]: {args.path}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        outcome = import_lost_stolen(command_line("documents import-register"), content, source_name=args.path.name)
    except RegisterRejected as exc:
        print("error [register_rejected]: the file was rejected; the register in force is unchanged", file=sys.stderr)
        for row in exc.rows:
            print(f"  line {row['line']}: [{row['code']}] {row['message']}", file=sys.stderr)
        return 2
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2
    if outcome.changed:
        print(f"Imported {outcome.version.entry_count} documents as register version {outcome.version.pk}")
    else:
        print(f"Unchanged: {args.path.name} is already the register in force (version {outcome.version.pk})")
    return 0
