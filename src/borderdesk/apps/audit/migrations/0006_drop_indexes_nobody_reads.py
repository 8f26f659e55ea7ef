"""Drop two indexes per event table that every event wrote and no query reads: the actor's own index (the
(actor, occurred_at) index serves every lookup by actor) and, on PostgreSQL, the pattern index (`..._like`) made
beside the unique hash (nobody searches hashes by prefix; the unique index stays).

The tables are altered with plain DROP INDEX statements, not AlterField: on SQLite AlterField remakes the table,
which would drop the append-only triggers with it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLES = ("audit_auditevent", "audit_accessevent")


def _indexes_to_drop(connection, table: str) -> list[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        and (info["columns"] == ["actor_id"] or (info["columns"] == ["hash"] and name.endswith("_like")))
    ]


def drop(apps, schema_editor):
    connection = schema_editor.connection
    for table in TABLES:
        for name in _indexes_to_drop(connection, table):
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def restore(apps, schema_editor):
    for model_name in ("AuditEvent", "AccessEvent"):
        model = apps.get_model("audit", model_name)
        actor = model._meta.get_field("actor")
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[actor]))
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(schema_editor._create_like_index_sql(model, model._meta.get_field("hash")))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_auditoralert"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, restore)],
            state_operations=[
                migrations.AlterField(
                    model_name=model_name,
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                )
                for model_name in ("accessevent", "auditevent")
            ],
        ),
    ]
