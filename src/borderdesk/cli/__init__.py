"""The `borderdesk` command.

Each subcommand lives in a module of this package that exposes ``register(subparsers)``. The modules keep
their heavy imports inside the command functions, so that `borderdesk mrz check` starts without loading Django.
A command function takes the parsed arguments and returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = [
    "server", "accounts", "audit", "database", "documents", "mrz", "stay", "screening", "watchlist", "rules",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="borderdesk", description="Borderdesk border-control system")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"borderdesk.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"borderdesk.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
