"""`borderdesk rules import-visa-matrix PATH` and `borderdesk rules validate DIR`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from borderdesk.apps.accounts.actors import command_line


def register(subparsers) -> None:
    rules = subparsers.add_parser("rules", help="entry rules: rule packs and the visa matrix")
    commands = rules.add_subparsers(dest="rules_command", metavar="COMMAND")
    commands.required = True
    imp = commands.add_parser(
        "import-visa-matrix",
        help="make a passport-index CSV (Passport,Destination,Requirement) the visa matrix in force",
    )
    imp.add_argument("path", type=Path)
    imp.set_defaults(func=run_import)
    validate = commands.add_parser(
        "validate",
        help="check a rule pack directory (pack.yaml and the files it includes)",
        description="Lists every issue with its file and path. Exit 0: the pack loads; 1: it has issues; "
        "2: the directory cannot be read.",
    )
    validate.add_argument("directory", type=Path)
    validate.add_argument("--json", action="store_true", help="print the issues as JSON")
    validate.set_defaults(func=run_validate)


def run_validate(args) -> int:
    from borderdesk.core.rules import RulesError, parse_pack, validate_pack

    directory: Path = args.directory
    try:
        texts = _read_pack(directory)
    except OSError as exc:
        print(f"error [unreadable_pack]: {directory}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"error [unreadable_pack]: {directory}: a file is not UTF-8 text ({exc.reason})", file=sys.stderr)
        return 2
    try:
        issues = validate_pack(texts)
    except RulesError as exc:  # the core never crashes on bad input; this is only a guard
        issues = []
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 1
    if args.json:
        result = {"directory": str(directory), "valid": not issues, "issues": [i.to_dict() for i in issues]}
        if not issues:
            pack = parse_pack(texts)
            result["pack"] = {
                "id": pack.id,
                "version": pack.version,
                "rules": len(pack.rules),
                "refusal_grounds": len(pack.refusal_grounds),
            }
        print(json.dumps(result))
        return 1 if issues else 0
    if issues:
        print(f"{directory}: {len(issues)} issue{'s' if len(issues) != 1 else ''}")
        for issue in issues:
            print(f"  {issue.file}: {issue.path or '(document)'}: [{issue.code}] {issue.message}")
        return 1
    pack = parse_pack(texts)
    print(
        f"{directory}: pack {pack.id} version {pack.version} loads: {len(pack.rules)} rules, "
        f"{len(pack.refusal_grounds)} refusal grounds"
    )
    return 0


def _read_pack(directory: Path) -> dict[str, str]:
    """pack.yaml and the files it includes; a missing included file is left for the validator to report."""
    import yaml

    manifest = directory / "pack.yaml"
    texts = {"pack.yaml": manifest.read_text(encoding="utf-8")}
    try:
        document = yaml.safe_load(texts["pack.yaml"])
    except yaml.YAMLError:
        return texts
    includes = document.get("include") if isinstance(document, dict) else None
    for name in includes if isinstance(includes, list) else []:
        if isinstance(name, str) and "/" not in name and "\\" not in name and (directory / name).is_file():
            texts[name] = (directory / name).read_text(encoding="utf-8")
    return texts


def run_import(args) -> int:
    from borderdesk.cli._django import setup

    setup()
    from borderdesk.apps.common.errors import BorderdeskError
    from borderdesk.apps.policy.services import VisaMatrixRejected, import_visa_matrix

    try:
        content = args.path.read_bytes()
    except OSError as exc:
        print(f"error [unreadable_file]: {args.path}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        outcome = import_visa_matrix(command_line("rules import-matrix"), content, args.path.name)
    except VisaMatrixRejected as exc:
        print(
            "error [visa_matrix_rejected]: the file was rejected; the visa matrix in force is unchanged",
            file=sys.stderr,
        )
        for row in exc.rows[:100]:
            print(f"  line {row['line']}: [{row['code']}] {row['message']}", file=sys.stderr)
        return 2
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2
    version = outcome.version
    if outcome.changed:
        print(
            f"Imported {version.row_count} rows ({version.passports} passports, {version.destinations} "
            f"destinations) as visa matrix version {version.pk}"
        )
    else:
        print(f"Unchanged: {args.path.name} is already the visa matrix in force (version {version.pk})")
    return 0
