"""Database triggers that make the audit tables append-only, on SQLite and PostgreSQL."""

from __future__ import annotations

TABLES = ("audit_auditevent", "audit_accessevent")
MESSAGE = "the audit trail is append-only"


def install(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _install_statements(connection.vendor):
            cursor.execute(statement)


def remove(connection) -> None:
    """Only for tearing down test databases and for tests that simulate tampering."""
    with connection.cursor() as cursor:
        for statement in _remove_statements(connection.vendor):
            cursor.execute(statement)


def _install_statements(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {op} refused'); END"
            for table in TABLES
            for op in ("UPDATE", "DELETE")
        ]
    if vendor == "postgresql":
        function = (
            "CREATE OR REPLACE FUNCTION borderdesk_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}: % refused on %', TG_OP, TG_TABLE_NAME "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        statements = [function]
        for table in TABLES:
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


def _remove_statements(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {t}_no_{op}" for t in TABLES for op in ("update", "delete")]
    return [
        f"DROP TRIGGER IF EXISTS {t}_{name} ON {t}" for t in TABLES for name in ("append_only", "no_truncate")
    ]
