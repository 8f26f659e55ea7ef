"""The database role the app runs as on PostgreSQL: normal reads and writes everywhere, but only SELECT and INSERT
on the audit tables. Not owning them, it cannot drop or disable their triggers or alter them either.

Run by the tables' owner (`borderdesk db app-role`), again after each `borderdesk migrate` that adds tables.
SQLite has no roles: whoever can write the database file can change anything in it.
"""

from __future__ import annotations

from django.db import connection, transaction

from borderdesk.apps.audit import triggers
from borderdesk.apps.common.errors import Invalid


class AppRoleRefused(Invalid):
    code = "app_role_refused"


def ensure_app_role(name: str, password: str | None = None) -> list[str]:
    """Create or update the login role ``name``; return the statements run (never the password)."""
    if connection.vendor != "postgresql":
        raise AppRoleRefused(
            "SQLite has no database roles: the app role exists only on PostgreSQL", code="no_roles_on_sqlite"
        )
    from psycopg import sql

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner, database, schema = cursor.fetchone()
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [name])
        existing = cursor.fetchone()
    if name == owner or (existing and existing[0]):
        raise AppRoleRefused(f"{name} owns the tables or is a superuser: name a role of its own for the app")
    role, db, ns = sql.Identifier(name), sql.Identifier(database), sql.Identifier(schema)
    audit_tables = sql.SQL(", ").join(sql.Identifier(table) for table in triggers.TABLES)
    login = sql.SQL("ALTER ROLE {}" if existing else "CREATE ROLE {}").format(role)
    login += sql.SQL(" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS")
    if password:
        login += sql.SQL(" PASSWORD {}").format(sql.Literal(password))
    statements = [
        login,
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, role),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ns, role),
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(ns, role),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(ns, role),
        sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(audit_tables, role),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(ns, role),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}").format(
            ns, role
        ),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT USAGE, SELECT ON SEQUENCES TO {}").format(ns, role),
    ]
    raw = connection.connection
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.as_string(raw))
    shown = [s.as_string(raw) for s in statements]
    if password:
        shown[0] = shown[0].split(" PASSWORD ")[0] + " PASSWORD '…'"
    return shown
