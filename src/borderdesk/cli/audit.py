"""`borderdesk audit verify`, `audit checkpoint`, `audit export-checkpoints` and `audit public-key`."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    audit = subparsers.add_parser("audit", help="the audit trail")
    commands = audit.add_subparsers(dest="audit_command", metavar="COMMAND")
    commands.required = True
    verify = commands.add_parser(
        "verify", help="walk the hash chains, check the signed checkpoints and the append-only triggers"
    )
    verify.add_argument(
        "--checkpoints",
        metavar="FILE",
        help="checkpoints to check (JSON lines) besides the database's; default: the checkpoint "
        "file in BORDERDESK_AUDIT_CHECKPOINT_DIR",
    )
    verify.add_argument("--public-key", metavar="PEM", help="check signatures with this public key, not the agency's")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=run_verify)
    checkpoint = commands.add_parser(
        "checkpoint", help="sign each chain's head; store it and append it to the checkpoint file (run it from cron)"
    )
    checkpoint.add_argument("--json", action="store_true")
    checkpoint.set_defaults(func=run_checkpoint)
    export = commands.add_parser("export-checkpoints", help="write every stored checkpoint to a new file")
    export.add_argument("file", type=Path)
    export.set_defaults(func=run_export_checkpoints)
    public_key = commands.add_parser("public-key", help="print the agency's audit public key (PEM)")
    public_key.add_argument("--out", type=Path, help="write it to this file instead")
    public_key.set_defaults(func=run_public_key)


def _with_errors(action) -> int:
    from borderdesk.apps.common.errors import BorderdeskError

    try:
        return action()
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2


def run_verify(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.audit.services import verify_audit

    def verify() -> int:
        verification = verify_audit(args.checkpoints, args.public_key)
        if args.json:
            print(json.dumps(verification.as_dict()))
        else:
            print_verification(verification)
        return 0 if verification.intact else 1

    return _with_errors(verify)


def print_verification(verification, out=sys.stdout) -> None:
    for report in verification.chains:
        if report.broken:
            b = report.broken
            print(
                f"{report.name}: BROKEN at event #{b.seq} ({b.reason}): {b.message}; "
                f"{report.checked} events before it are intact",
                file=out,
            )
        else:
            print(f"{report.name}: {report.checked} events, every link intact", file=out)
        print(
            f"  {report.checkpoints_checked} signed checkpoints checked; head #{report.last_seq} {report.last_hash}",
            file=out,
        )
        for problem in report.checkpoint_problems:
            print(f"  FAILED [{problem.code}]: {problem.message}", file=out)
        for name in report.missing_triggers:
            print(f"  FAILED [trigger_missing]: the append-only trigger {name} is missing or disabled", file=out)
    for problem in verification.problems:
        print(f"FAILED [{problem.code}]: {problem.message}", file=out)
    print(f"checkpoints read from: {', '.join(verification.checkpoint_sources)}", file=out)
    print(f"database: {verification.database['note']}", file=out)
    print("INTACT" if verification.intact else "NOT INTACT", file=out)


def run_checkpoint(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.audit import checkpoints

    def checkpoint() -> int:
        try:
            written = checkpoints.checkpoint_heads()
        except OSError as exc:  # stored in the database, but the file outside it could not be written
            print(f"error [checkpoint_file_unwritable]: {checkpoints.checkpoint_file()}: {exc}", file=sys.stderr)
            return 2
        for checkpoint in written:
            print(
                json.dumps(checkpoint.as_dict())
                if args.json
                else f"{checkpoint.chain}: signed #{checkpoint.seq} {checkpoint.hash} at {checkpoint.created_at}"
            )
        if not args.json:
            print(f"appended to {checkpoints.checkpoint_file()}", file=sys.stderr)
        return 0

    return _with_errors(checkpoint)


def run_export_checkpoints(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.audit import checkpoints

    def export() -> int:
        try:
            count = checkpoints.export(args.file)
        except FileExistsError:
            print(f"error [file_exists]: {args.file} exists already; name a new file", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"error [file_unwritable]: {args.file}: {exc}", file=sys.stderr)
            return 2
        print(f"Wrote {count} checkpoints to {args.file}")
        return 0

    return _with_errors(export)


def run_public_key(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.audit import checkpoints
    from borderdesk.core.audit import public_key_pem

    def show() -> int:
        pem = public_key_pem(checkpoints.signing_key().public_key())
        if args.out:
            args.out.write_bytes(pem)
            print(f"Wrote the audit public key to {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(pem.decode("ascii"))
        return 0

    return _with_errors(show)
