"""Seal a claim document's title ("Medical report on scars", ...) and why a country information note matters to a
claim: both say something about the claimant. The plain values are sealed into the new fields (the current key of
BORDERDESK_ASYLUM_KEYS) and removed; going back opens them again."""

from django.db import migrations, models


def _check_now(schema_editor):
    """PostgreSQL refuses to alter a table with deferred checks pending (the fields removed next): run them now."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def seal_plain_text(apps, schema_editor):
    from borderdesk.apps.asylum.services.sealing import seal_text

    for model, field in (("ClaimDocument", "title"), ("ClaimCountryNote", "relevance")):
        for record in apps.get_model("asylum", model).objects.exclude(**{field: ""}):
            key, sealed = seal_text(record, field, getattr(record, field))
            setattr(record, f"{field}_key", key)
            setattr(record, f"{field}_sealed", sealed)
            record.save(update_fields=[f"{field}_key", f"{field}_sealed"])
    _check_now(schema_editor)


def open_sealed_text(apps, schema_editor):
    from borderdesk.apps.asylum.services.sealing import unseal_text

    for model, field in (("ClaimDocument", "title"), ("ClaimCountryNote", "relevance")):
        for record in apps.get_model("asylum", model).objects.exclude(**{f"{field}_key": ""}):
            opened = unseal_text(record, field, getattr(record, f"{field}_sealed"), getattr(record, f"{field}_key"))
            setattr(record, field, opened)
            record.save(update_fields=[field])
    _check_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("asylum", "0002_sealed_notes_and_remarks")]

    operations = [
        migrations.AddField(
            model_name="claimcountrynote",
            name="relevance_key",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="claimcountrynote",
            name="relevance_sealed",
            field=models.BinaryField(blank=True, help_text="Why it matters to this claim, sealed", null=True),
        ),
        migrations.AddField(
            model_name="claimdocument",
            name="title_key",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="claimdocument",
            name="title_sealed",
            field=models.BinaryField(blank=True, help_text="What the document is, sealed", null=True),
        ),
        # Going back, the plain fields come back empty (so with a default) before the sealed values are opened into them.
        migrations.AlterField(
            model_name="claimdocument", name="title", field=models.CharField(blank=True, default="", max_length=200)
        ),
        migrations.AlterField(
            model_name="claimcountrynote",
            name="relevance",
            field=models.CharField(blank=True, default="", max_length=300),
        ),
        migrations.RunPython(seal_plain_text, open_sealed_text),
        migrations.RemoveField(model_name="claimcountrynote", name="relevance"),
        migrations.RemoveField(model_name="claimdocument", name="title"),
    ]
