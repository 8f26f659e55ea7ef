"""`borderdesk backup`, `borderdesk restore` and `borderdesk db app-role`.

A backup is a directory: the database (SQLite: a copy made with SQLite's online backup API, consistent while the
app runs; PostgreSQL: pg_dump's custom format, one consistent snapshot), a copy of the audit checkpoint file, and
manifest.json. Restoring puts both back, then verifies the audit trail against the checkpoints.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

BACKUP_FORMAT = "borderdesk-backup-1"
CHECKPOINTS_COPY = "checkpoints.jsonl"
PUBLIC_KEY_COPY = "audit_public_key.pem"  # never the private key: a stolen backup must not let anyone sign
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class CommandError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def register(subparsers) -> None:
    backup = subparsers.add_parser("backup", help="back up the database and the audit checkpoints to a directory")
    backup.add_argument("path", type=Path, help="a directory that does not exist yet (or is empty)")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser("restore", help="restore a backup, then verify the audit trail")
    restore.add_argument("path", type=Path, help="a directory `borderdesk backup` wrote")
    restore.add_argument("--force", action="store_true", help="overwrite a database that already has tables")
    restore.add_argument("--json", action="store_true", help="print the verification as JSON")
    restore.set_defaults(func=run_restore)
    db = subparsers.add_parser("db", help="database administration")
    commands = db.add_subparsers(dest="db_command", metavar="COMMAND")
    commands.required = True
    app_role = commands.add_parser(
        "app-role",
        help="PostgreSQL: create or update the login role the app runs as (it can read and append to "
        "the audit tables, never change them)",
    )
    app_role.add_argument("name")
    app_role.add_argument("--password-stdin", action="store_true", help="read the role's password from stdin")
    app_role.set_defaults(func=run_app_role)


def _reporting_errors(action) -> int:
    from borderdesk.apps.common.errors import BorderdeskError

    try:
        return action()
    except CommandError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
    except BorderdeskError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
    return 2


def run_backup(args) -> int:
    from borderdesk.cli._django import database_label, setup

    setup(as_owner=True)

    def backup() -> int:
        from django.db import connection

        target = _new_backup_directory(args.path)
        database_file = target / DATABASE_FILES[_vendor()]
        if connection.vendor == "sqlite":
            _sqlite_copy(Path(connection.settings_dict["NAME"]), database_file)
        else:
            _pg_run("pg_dump", "--format=custom", "--file", str(database_file))
        checkpoints_copied = _copy_checkpoints_into(target)
        public_key_copied = _copy_public_key_into(target)
        manifest = {
            "format": BACKUP_FORMAT,
            "vendor": connection.vendor,
            "database_file": database_file.name,
            "checkpoint_file": CHECKPOINTS_COPY if checkpoints_copied else None,
            "public_key_file": PUBLIC_KEY_COPY if public_key_copied else None,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        print(
            f"Backed up {database_label()} to {target}"
            f"{' with the audit checkpoints' if checkpoints_copied else ' (no audit checkpoint file yet)'}"
        )
        return 0

    return _reporting_errors(backup)


def run_restore(args) -> int:
    from borderdesk.cli._django import database_label, setup

    setup(as_owner=True)

    def restore() -> int:
        from django.db import connection

        manifest = _read_manifest(args.path, connection.vendor)
        if _has_tables() and not args.force:
            raise CommandError(
                "database_not_empty",
                f"{database_label()} already has tables: restore refuses to overwrite it without --force",
            )
        database_file = args.path / manifest["database_file"]
        connection.close()
        if connection.vendor == "sqlite":
            _sqlite_copy(database_file, Path(connection.settings_dict["NAME"]))
        else:
            _pg_run(
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                "--exit-on-error",
                *(["--clean", "--if-exists"] if args.force else []),
                str(database_file),
            )
        if manifest.get("checkpoint_file"):
            _merge_checkpoints(args.path / manifest["checkpoint_file"])
        print(f"Restored {args.path} into {database_label()}", file=sys.stderr)
        return _verify_after_restore(args.json, _public_key_for_restore(args.path, manifest))

    return _reporting_errors(restore)


def _public_key_for_restore(path: Path, manifest: dict) -> Path | None:
    """This install's own key when it has one; on a new machine without it, the public key the backup carries."""
    from borderdesk.apps.audit.checkpoints import signing_key_path

    if signing_key_path().exists() or not manifest.get("public_key_file"):
        return None
    print(
        f"No audit signing key here ({signing_key_path()}): checking the checkpoints with the public key in the "
        "backup. Set BORDERDESK_AUDIT_SIGNING_KEY to the agency's key file.",
        file=sys.stderr,
    )
    return path / manifest["public_key_file"]


def _verify_after_restore(as_json: bool, public_key_file: Path | None) -> int:
    from borderdesk.apps.audit.services import verify_audit
    from borderdesk.cli.audit import print_verification

    verification = verify_audit(public_key_file=public_key_file)
    if as_json:
        print(json.dumps(verification.as_dict()))
    else:
        print_verification(verification)
    return 0 if verification.intact else 1


def run_app_role(args) -> int:
    from borderdesk.cli._django import database_label, setup

    setup(as_owner=True)
    from borderdesk.apps.audit.roles import ensure_app_role

    def app_role() -> int:
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
        for statement in ensure_app_role(args.name, password):
            print(statement)
        print(
            f"Role {args.name} on {database_label()}: reads and writes every table, only reads and appends to "
            "the audit tables. Run the app with it in BORDERDESK_DATABASE_URL and keep the owner in "
            "BORDERDESK_MIGRATE_DATABASE_URL; run this again after each `borderdesk migrate`.",
            file=sys.stderr,
        )
        return 0

    return _reporting_errors(app_role)


def _vendor() -> str:
    from django.db import connection

    if connection.vendor not in DATABASE_FILES:
        raise CommandError("unsupported_database", f"no backup for {connection.vendor} databases")
    return connection.vendor


def _new_backup_directory(path: Path) -> Path:
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise CommandError("backup_exists", f"{path} exists and is not an empty directory: name a new one")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _read_manifest(path: Path, vendor: str) -> dict:
    try:
        manifest = json.loads((path / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise CommandError("not_a_backup", f"{path} is not a Borderdesk backup: {exc}") from exc
    if manifest.get("format") != BACKUP_FORMAT:
        raise CommandError("not_a_backup", f"{path} has an unknown backup format {manifest.get('format')!r}")
    if manifest.get("vendor") != vendor:
        raise CommandError(
            "wrong_database_kind", f"{path} is a {manifest.get('vendor')} backup; the database in use is {vendor}"
        )
    if not (path / manifest["database_file"]).is_file():
        raise CommandError("not_a_backup", f"{path} has no {manifest['database_file']}")
    return manifest


def _has_tables() -> bool:
    from django.db import connection

    return bool(connection.introspection.table_names())


def _sqlite_copy(source: Path, destination: Path) -> None:
    """SQLite's online backup API: a consistent copy even while other connections write to the source."""
    if not source.is_file():
        raise CommandError("database_missing", f"no SQLite database at {source}")
    destination.parent.mkdir(parents=True, exist_ok=True)
    reader, writer = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(destination)
    try:
        reader.backup(writer)
    finally:
        reader.close()
        writer.close()


def _pg_run(program: str, *arguments: str) -> None:
    from django.db import connection

    executable = shutil.which(program)
    if executable is None:
        raise CommandError(
            "pg_client_missing",
            f"{program} is not installed: install the PostgreSQL client of the "
            "server's major version (Debian: postgresql-client)",
        )
    settings = connection.settings_dict
    # The connection goes in libpq's variables, so that no password shows in the process list.
    libpq = {
        "PGDATABASE": settings["NAME"],
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
    }
    env = {**os.environ, **{name: str(value) for name, value in libpq.items() if value}}
    database_argument = ["--dbname", settings["NAME"]] if program == "pg_restore" else []
    result = subprocess.run([executable, *database_argument, *arguments], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{program.replace('_', '')}_failed", f"{program} failed: {result.stderr.strip()}")


def _copy_checkpoints_into(target: Path) -> bool:
    from borderdesk.apps.audit.checkpoints import checkpoint_file

    source = checkpoint_file()
    if not source.is_file():
        return False
    shutil.copy2(source, target / CHECKPOINTS_COPY)
    return True


def _copy_public_key_into(target: Path) -> bool:
    from borderdesk.apps.audit.checkpoints import public_key
    from borderdesk.core.audit import public_key_pem

    key = public_key()
    if key is None:
        return False
    (target / PUBLIC_KEY_COPY).write_bytes(public_key_pem(key))
    return True


def _merge_checkpoints(copy: Path) -> None:
    """Add the backup's checkpoints to this install's checkpoint file (each line once)."""
    from borderdesk.apps.audit.checkpoints import checkpoint_file

    destination = checkpoint_file()
    have = set(destination.read_text().splitlines()) if destination.is_file() else set()
    new = [line for line in copy.read_text().splitlines() if line.strip() and line not in have]
    if new:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with open(destination, "a", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in new)
