"""`borderdesk migrate`, `borderdesk serve` and `borderdesk demo`."""

from __future__ import annotations

import os
import sys


def register(subparsers) -> None:
    migrate = subparsers.add_parser("migrate", help="create or upgrade the database's tables")
    migrate.set_defaults(func=run_migrate)

    serve = subparsers.add_parser("serve", help="serve the officer web app and the API")
    _add_server_options(serve)
    serve.set_defaults(func=run_serve)

    demo = subparsers.add_parser("demo", help="prepare the database with Utopia demo data and serve it")
    _add_server_options(demo)
    demo.add_argument("--no-serve", action="store_true", help="load the demo data, print the logins, and stop")
    demo.set_defaults(func=run_demo)


def _add_server_options(parser) -> None:
    # Defaults from the environment stay strings: argparse converts them only when this command runs, so a bad
    # value is this command's usage error (exit 2), not a crash of every command.
    parser.add_argument("--host", default=os.environ.get("BORDERDESK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=os.environ.get("BORDERDESK_PORT", "8000"))
    parser.add_argument("--workers", type=int, default=os.environ.get("BORDERDESK_WORKERS", "2"))
    parser.add_argument(
        "--threads",
        type=int,
        default=os.environ.get("BORDERDESK_THREADS", "4"),
        help="threads per worker; 1 runs gunicorn's sync workers (one request at a time each, no keep-alive)",
    )


def run_migrate(args) -> int:
    from borderdesk.cli._django import database_label, setup

    setup(as_owner=True)
    from django.core.management import call_command

    print(f"Preparing {database_label()}", flush=True)
    call_command("migrate", interactive=False, verbosity=1)
    return 0


def run_serve(args) -> int:
    command = gunicorn_command(args)
    from borderdesk.cli._django import setup

    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        print("The database is not up to date: run `borderdesk migrate` first.", file=sys.stderr)
        return 2
    call_command("check", deploy=False, fail_level="ERROR")
    print(f"Borderdesk is at http://{args.host}:{args.port}/  (Ctrl-C stops it)", flush=True)
    os.execv(sys.executable, command)
    return 0  # not reached


def gunicorn_command(args) -> list[str]:
    if args.workers < 1 or args.threads < 1:
        raise SystemExit("--workers and --threads must be at least 1")
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "borderdesk.config.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "10",
        # Load the app (and warm its watchlist index) once, then fork: workers start warm and share memory.
        "--preload",
    ]


def run_demo(args) -> int:
    run_migrate(args)
    from borderdesk.demo import DEMO_PASSWORD, load_demo_data, login_lines, second_factor_instructions

    load_demo_data(progress=lambda message: print(message, flush=True))
    print(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
    print("\n".join(login_lines()))
    print("\n" + "\n".join(second_factor_instructions()))
    from borderdesk.demo.travellers import samples

    print("\nPassports to scan at a booth (paste both lines into the scan field):")
    for sample in samples():
        print(f"  {sample.label}:\n    " + sample.mrz.replace("\n", "\n    "))
    if args.no_serve:
        return 0
    print()
    return run_serve(args)
