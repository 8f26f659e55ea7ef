"""`borderdesk screen --json [--list NAME ...] [--from PATH --format FORMAT] [--threshold T] [FILE]`
(CONTRACTS.md section 3): JSON lines of people in, one JSON line per person out, in input order.

With ``--from`` it screens against the file directly and never sets up Django or a database."""

from __future__ import annotations

import argparse
import json
import sys

from borderdesk.apps.accounts.actors import command_line

FORMATS = ("ofac-csv", "un-xml", "csl-csv", "ftm-json", "csv")
EXIT_OK, EXIT_ERROR = 0, 2


def register(subparsers) -> None:
    screen = subparsers.add_parser("screen", help="screen people (JSON lines) against watchlists")
    screen.add_argument("file", nargs="?", metavar="FILE", help="JSON lines of people (default: standard input)")
    screen.add_argument("--json", action="store_true", help="print JSON lines (the only output there is)")
    screen.add_argument(
        "--list",
        dest="lists",
        action="append",
        metavar="NAME",
        help="screen against this list only (repeatable; default: every list in force)",
    )
    screen.add_argument("--from", dest="source", metavar="PATH", help="screen against this file, without a database")
    screen.add_argument("--format", choices=FORMATS, help="the format of the --from file")
    screen.add_argument(
        "--threshold",
        type=_threshold,
        metavar="T",
        help="report matches scoring at least T (0..1) on every list; a hit still needs the list's hit threshold",
    )
    screen.set_defaults(func=run_screen)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("the threshold must be between 0 and 1")
    return value


def _fail(code: str, message: str) -> int:
    print(f"borderdesk screen: error [{code}]: {message}", file=sys.stderr)
    return EXIT_ERROR


def read_people(path: str | None):
    """(raw id, Query or None, error dict or None) per non-blank input line."""
    from borderdesk.apps.watchlists.codec import QueryError, query_from_dict

    if path is None or path == "-":
        binary = getattr(sys.stdin, "buffer", None)
        text = binary.read().decode("utf-8", errors="replace") if binary else sys.stdin.read()
    else:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig", errors="replace")
    people = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            people.append((None, None, {"code": "invalid_json", "message": f"line {number}: not JSON ({exc.msg})."}))
            continue
        raw_id = data.get("id") if isinstance(data, dict) else None
        try:
            people.append((raw_id, query_from_dict(data), None))
        except QueryError as exc:
            error = exc.to_dict()
            error["message"] = f"line {number}: {error['message']}"
            people.append((raw_id, None, error))
    return people


def run_screen(args) -> int:
    if args.source and not args.format:
        return _fail("format_required", "--from needs --format (one of " + ", ".join(FORMATS) + ").")
    if args.format and not args.source:
        return _fail("from_required", "--format names the format of a --from file; give --from PATH too.")
    try:
        people = read_people(args.file)
    except OSError as exc:
        return _fail("unreadable_file", f"cannot read {args.file}: {exc.strerror or exc}")
    if args.source:
        return _screen_file(args, people)
    return _screen_database(args, people)


def _emit(raw_id, result: dict) -> None:
    result = {"id": raw_id, **{key: value for key, value in result.items() if key != "id"}}
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


def _screen_file(args, people) -> int:
    from borderdesk.apps.watchlists.codec import DEFAULT_LIST_NAMES
    from borderdesk.core.screening import Screener
    from borderdesk.core.screening.sources import SourceError, load_source

    try:
        parsed = load_source(args.format, args.source)
    except SourceError as exc:
        where = f" line {exc.line}" if exc.line is not None else ""
        return _fail(exc.code.value, f"{args.source}{where}: {exc.message}")
    except OSError as exc:
        return _fail("unreadable_file", f"cannot read {args.source}: {exc.strerror or exc}")
    list_name = args.lists[0] if args.lists else DEFAULT_LIST_NAMES[args.format]
    screener = Screener((list_name, entry) for entry in parsed.entries)
    queries = [query for _, query, _ in people if query is not None]
    results = iter(screener.screen_batch(queries, threshold=args.threshold))
    for raw_id, query, error in people:
        if query is None:
            _emit(raw_id, {"matches": [], "error": error})
        else:
            _emit(raw_id, next(results).to_dict())
    return EXIT_OK


def _screen_database(args, people) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.common.errors import BorderdeskError
    from borderdesk.apps.watchlists.services import screen_batch

    queries = [query for _, query, _ in people if query is not None]
    try:
        outcomes = iter(
            screen_batch(
                command_line("screen"),
                queries,
                post_code=None,
                purpose="command line",
                lists=args.lists,
                threshold=args.threshold,
            )
        )
    except BorderdeskError as exc:
        return _fail(exc.code, exc.message)
    for raw_id, query, error in people:
        if query is None:
            _emit(raw_id, {"matches": [], "error": error})
            continue
        outcome = next(outcomes).as_dict()
        result = {
            "matches": outcome["matches"],
            "screening_id": outcome["screening_id"],
            "hits": outcome["hits"],
            "possibles": outcome["possibles"],
            "required_action": outcome["required_action"],
            "suppressed": outcome["suppressed"],
        }
        if "error" in outcome:
            result["error"] = outcome["error"]
        _emit(raw_id, result)
    return EXIT_OK
