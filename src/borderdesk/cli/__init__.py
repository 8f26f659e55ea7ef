"""The `borderdesk` command.

Each subcommand lives in a module of this package that exposes ``register(subparsers)``. The modules keep
their heavy imports inside the command functions, so that `borderdesk mrz check` starts without loading Django.
A command function takes the parsed arguments and returns the exit status. A command module that cannot be
imported stops every command (exit 70) with a message naming the module and the error: its commands never just
go missing.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

COMMAND_MODULES = [
    "server",
    "accounts",
    "audit",
    "database",
    "documents",
    "mrz",
    "manifest",
    "chip",
    "stay",
    "residence",
    "staffing",
    "screening",
    "watchlist",
    "rules",
    "asylum",
    "partners",  # #17 partners
    "faces",  # #19 face comparison
]

EX_SOFTWARE = 70  # sysexits.h: not an answer about the input (the commands' own 1 and 2 are)


class BrokenCommandModule(Exception):
    """A command module could not be imported or registers nothing: the installation or the code is broken."""


def import_command_modules(names: Sequence[str] = COMMAND_MODULES, package: str = __name__) -> list[ModuleType]:
    modules = []
    for name in names:
        qualified = f"{package}.{name}"
        try:
            module = importlib.import_module(qualified)
        except Exception as exc:  # a missing package and a syntax error alike: never a silently missing command
            raise BrokenCommandModule(
                f"the command module {qualified} failed to import: {type(exc).__name__}: {exc}"
            ) from exc
        if not callable(getattr(module, "register", None)):
            raise BrokenCommandModule(f"the command module {qualified} has no register(subparsers)")
        modules.append(module)
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="borderdesk", description="Borderdesk border-control system")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module in import_command_modules():
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        parser = build_parser()
    except BrokenCommandModule as exc:
        traceback.print_exception(exc.__cause__ or exc, file=sys.stderr)
        print(f"borderdesk: {exc}", file=sys.stderr)
        return EX_SOFTWARE
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
