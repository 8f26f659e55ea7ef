"""`borderdesk audit verify`."""

from __future__ import annotations

import json


def register(subparsers) -> None:
    audit = subparsers.add_parser("audit", help="the audit trail")
    commands = audit.add_subparsers(dest="audit_command", metavar="COMMAND")
    commands.required = True
    verify = commands.add_parser("verify", help="walk the hash chains and report the first broken link")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=run_verify)


def run_verify(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.audit.services import verify_trail

    reports = verify_trail()
    if args.json:
        print(json.dumps({"intact": all(r.broken is None for r in reports),
                          "chains": [r.as_dict() for r in reports]}))
    else:
        for report in reports:
            if report.broken:
                b = report.broken
                print(f"{report.name}: BROKEN at event #{b.seq} ({b.reason}): {b.message}; "
                      f"{report.checked} events before it are intact")
            else:
                print(f"{report.name}: {report.checked} events, every link intact")
    return 0 if all(r.broken is None for r in reports) else 1
