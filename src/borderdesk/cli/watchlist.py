"""`borderdesk watchlist import --format FORMAT PATH [--list NAME] [--allow-shrink]` (CONTRACTS.md section 3)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from borderdesk.apps.accounts.actors import command_line

FORMATS = ("ofac-csv", "un-xml", "csl-csv", "ftm-json", "csv")
EXIT_OK, EXIT_REJECTED = 0, 2


def register(subparsers) -> None:
    watchlist = subparsers.add_parser("watchlist", help="watchlists: import sanctions and national lists")
    commands = watchlist.add_subparsers(dest="watchlist_command", metavar="COMMAND")
    commands.required = True
    imp = commands.add_parser("import", help="load (or replace, atomically, as a new version) a named list")
    imp.add_argument("--format", required=True, choices=FORMATS, help="the source file's format")
    imp.add_argument(
        "path", type=Path, metavar="PATH", help="the source file (OFAC: sdn.csv, with alt.csv etc. beside it)"
    )
    imp.add_argument(
        "--list",
        dest="list_name",
        metavar="NAME",
        help="the list's name (default: un, ofac, csl, ftm or national by format)",
    )
    imp.add_argument(
        "--allow-shrink",
        action="store_true",
        help="confirm a new version with sharply fewer entries than the list in force"
        " (see BORDERDESK_WATCHLIST_SHRINK_LIMIT)",
    )
    imp.set_defaults(func=run_import)


class ProgressBar:
    """A one-line progress bar on standard error, drawn only when it is a terminal."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.width = width
        self.last = 0.0
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and total != done:
            return
        self.last = now
        label = {"parse": "reading", "store": "storing"}.get(stage, stage)
        if total:
            filled = int(self.width * done / total)
            bar = "#" * filled + "-" * (self.width - filled)
            text = f"\r{label:8} [{bar}] {done}/{total}"
        else:
            text = f"\r{label:8} {done} entries"
        self.stream.write(text.ljust(60))
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def run_import(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.common.errors import BorderdeskError
    from borderdesk.apps.watchlists.services import ListRejected, import_list

    bar = ProgressBar()
    try:
        outcome = import_list(
            command_line("watchlist import"),
            args.format,
            args.path,
            list_name=args.list_name,
            progress=bar,
            allow_shrink=args.allow_shrink,
        )
    except ListRejected as exc:
        bar.close()
        print(f"error [{exc.source_code}]: {exc.message}", file=sys.stderr)
        return EXIT_REJECTED
    except BorderdeskError as exc:
        bar.close()
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return EXIT_REJECTED
    bar.close()
    version = outcome.version
    for warning in outcome.report.get("warnings", []) if outcome.changed else []:
        print(f"warning: {warning}", file=sys.stderr)
    if outcome.changed:
        replaced = f", replacing version {outcome.previous.number}" if outcome.previous else ""
        entries = "entry" if version.entry_count == 1 else "entries"
        print(
            f"Imported {version.entry_count} {entries} into list {outcome.list_name} as version {version.number}"
            f"{replaced} (format {version.source_format}, sha256 {version.sha256[:12]}, {outcome.seconds:.1f} s)"
        )
        for check in outcome.report.get("checks", []):
            print(f"  checked: {check}")
    else:
        print(
            f"Unchanged: {args.path.name} is already version {version.number} of list {outcome.list_name}"
            f" ({version.entry_count} entries)"
        )
    return EXIT_OK
