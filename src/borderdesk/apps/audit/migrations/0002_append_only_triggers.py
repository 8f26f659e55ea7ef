from django.db import migrations

from borderdesk.apps.audit import triggers

# The tables this migration knows: later migrations add triggers to the tables they create.
TABLES = ("audit_auditevent", "audit_accessevent")


def install(apps, schema_editor):
    triggers.install(schema_editor.connection, TABLES)


def remove(apps, schema_editor):
    triggers.remove(schema_editor.connection, TABLES)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
