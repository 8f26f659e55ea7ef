"""The app's own PostgreSQL role can read and append to the audit trail, never change it (finding 9)."""

import pytest
from django.db import connection

from borderdesk.apps.audit.roles import AppRoleRefused, ensure_app_role
from borderdesk.apps.audit.services import record_change
from borderdesk.core.audit.actions import AuditAction

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app_role():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no database roles")
    name = f"{connection.settings_dict['NAME']}_app"
    yield name
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
        if cursor.fetchone():
            cursor.execute(f'DROP OWNED BY "{name}"')
            cursor.execute(f'DROP ROLE "{name}"')


def connect_as(role):
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        dbname=settings["NAME"],
        user=role,
        password="app-role-password",
        autocommit=True,
    )


def test_the_app_role_appends_to_the_trail_but_cannot_change_it(app_role, officer):
    import psycopg

    record_change(officer, AuditAction.POSTS_POST_UPDATE, new={})
    ensure_app_role(app_role, "app-role-password")
    ensure_app_role(app_role, "app-role-password")  # again, e.g. after a migration: the same grants
    with connect_as(app_role) as app:
        app.execute(
            "INSERT INTO audit_auditevent (seq, occurred_at, actor_username, post_code, object_type, "
            "object_id, prev_hash, hash, action) VALUES (1000, now(), 'app', '', '', '', 'p', 'h', 'x')"
        )
        assert app.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] >= 2
        app.execute("UPDATE accounts_user SET first_name = 'Ann' WHERE username = 'officer'")  # other tables: DML
        forbidden = [
            "DELETE FROM audit_auditevent",
            "UPDATE audit_auditevent SET action = 'forged'",
            "TRUNCATE audit_accessevent",
            "DELETE FROM audit_checkpoint",
            "DROP TRIGGER audit_auditevent_append_only ON audit_auditevent",
            "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
            "DROP TABLE audit_accessevent",
        ]
        for statement in forbidden:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)
        cannot_alter = app.execute(
            "SELECT bool_or(has_table_privilege(t, 'UPDATE') OR has_table_privilege(t, 'DELETE')) "
            "FROM unnest(ARRAY['audit_auditevent', 'audit_accessevent', 'audit_checkpoint']) AS t"
        ).fetchone()[0]
        assert cannot_alter is False


def test_the_owner_is_never_made_the_app_role(app_role, db):
    with pytest.raises(AppRoleRefused):
        ensure_app_role(connection.settings_dict["USER"] or "postgres")


def test_sqlite_has_no_roles(db):
    if connection.vendor != "sqlite":
        pytest.skip("on PostgreSQL the role is made")
    with pytest.raises(AppRoleRefused) as refused:
        ensure_app_role("borderdesk_app")
    assert refused.value.code == "no_roles_on_sqlite"
