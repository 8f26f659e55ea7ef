"""Database triggers that make the audit tables append-only, on SQLite and PostgreSQL, and a check that they are
still there (someone with database access can drop or disable them; `borderdesk audit verify` reports it)."""

from __future__ import annotations

EVENT_TABLES = ("audit_auditevent", "audit_accessevent")
CHECKPOINT_TABLE = "audit_checkpoint"
TABLES = (*EVENT_TABLES, CHECKPOINT_TABLE)
MESSAGE = "the audit trail is append-only"


def install(connection, tables: tuple[str, ...] = TABLES) -> None:
    with connection.cursor() as cursor:
        for statement in _install_statements(connection.vendor, tables):
            cursor.execute(statement)


def remove(connection, tables: tuple[str, ...] = TABLES) -> None:
    """Only for tearing down test databases and for tests that simulate tampering."""
    with connection.cursor() as cursor:
        for statement in _remove_statements(connection.vendor, tables):
            cursor.execute(statement)


def expected_names(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [f"{table}_no_update", f"{table}_no_delete"]
    return [f"{table}_append_only", f"{table}_no_truncate"]


def missing(connection, tables: tuple[str, ...] = TABLES) -> dict[str, list[str]]:
    """The append-only triggers of each table that are absent, disabled, or no longer refuse anything."""
    working = _working_triggers(connection, tables)
    return {
        table: [name for name in expected_names(connection.vendor, table) if name not in working.get(table, set())]
        for table in tables
    }


def _working_triggers(connection, tables: tuple[str, ...]) -> dict[str, set[str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            placeholders = ",".join("%s" for _ in tables)
            cursor.execute(
                "SELECT tbl_name, name, sql FROM sqlite_master "
                f"WHERE type = 'trigger' AND tbl_name IN ({placeholders})",
                list(tables),
            )
            rows = [(table, name) for table, name, sql in cursor.fetchall() if "RAISE(ABORT" in sql.upper()]
        else:
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE c.relname = ANY(%s) AND c.relnamespace = current_schema()::regnamespace "
                "AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND p.prosrc ILIKE '%%RAISE EXCEPTION%%'",
                [list(tables)],
            )
            rows = cursor.fetchall()
    working: dict[str, set[str]] = {}
    for table, name in rows:
        working.setdefault(table, set()).add(name)
    return working


def _install_statements(vendor: str, tables: tuple[str, ...]) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {op} refused'); END"
            for table in tables
            for op in ("UPDATE", "DELETE")
        ]
    if vendor == "postgresql":
        function = (
            "CREATE OR REPLACE FUNCTION borderdesk_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}: % refused on %', TG_OP, TG_TABLE_NAME "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        statements = [function]
        for table in tables:
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION borderdesk_refuse_audit_change()",
                f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION borderdesk_refuse_audit_change()",
            ]
        return statements
    raise NotImplementedError(f"no append-only triggers for database vendor {vendor!r}")


def _remove_statements(vendor: str, tables: tuple[str, ...]) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {t}_no_{op}" for t in tables for op in ("update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {t}_{name} ON {t}" for t in tables for name in ("append_only", "no_truncate")]
