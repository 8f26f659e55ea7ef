# A visa's status (valid, annulled, revoked) replaces the ``cancelled`` flag: a cancelled visa becomes a revoked
# one, its reason saying so (nothing set the flag, but a database may hold one set by hand).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def status_from_cancelled(apps, schema_editor):
    Visa = apps.get_model("visas", "Visa")
    Visa.objects.filter(cancelled=True).update(
        status="revoked", ended_reason="Cancelled before visas had a status (migrated)."
    )


def cancelled_from_status(apps, schema_editor):
    Visa = apps.get_model("visas", "Visa")
    Visa.objects.exclude(status="valid").update(cancelled=True)


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0001_initial"),
        ("travellers", "0003_visa_moves_to_visas"),
        ("visas", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="visa",
            name="status",
            field=models.CharField(
                choices=[("valid", "Valid"), ("annulled", "Annulled (issued in error)"), ("revoked", "Revoked")],
                default="valid",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="visa",
            name="ended_on",
            field=models.DateField(blank=True, help_text="The day the annulment or revocation took effect", null=True),
        ),
        migrations.AddField(model_name="visa", name="ended_at", field=models.DateTimeField(blank=True, null=True)),
        migrations.AddField(
            model_name="visa",
            name="ended_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="visa",
            name="ended_at_post",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="posts.post"
            ),
        ),
        migrations.AddField(model_name="visa", name="ended_reason", field=models.TextField(blank=True)),
        migrations.AddField(
            model_name="visa",
            name="legal_ground",
            field=models.CharField(blank=True, help_text="The legal ground of a revocation", max_length=200),
        ),
        migrations.RunPython(status_from_cancelled, cancelled_from_status),
        migrations.RemoveField(model_name="visa", name="cancelled"),
    ]
