# The Visa model moves here from travellers with its rows: this migration only tells Django's state that the model
# is now visas.Visa; travellers 0003 renames the table travellers_visa to visas_visa (the foreign keys to it follow).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("posts", "0001_initial"),
        ("travellers", "0002_settled_exits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Visa",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.CharField(max_length=20, unique=True)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("visa_on_arrival", "Visa on arrival"),
                                    ("e_visa", "E-visa"),
                                    ("visa", "Short-stay visa"),
                                    ("eta", "Electronic travel authorisation"),
                                    ("long_stay_visa", "Long-stay visa"),
                                    ("residence_permit", "Residence permit"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("valid_from", models.DateField()),
                        ("valid_until", models.DateField()),
                        (
                            "entries_allowed",
                            models.PositiveIntegerField(blank=True, help_text="Empty: multiple entries", null=True),
                        ),
                        ("duration_days", models.PositiveIntegerField(blank=True, null=True)),
                        ("issued_on", models.DateTimeField(auto_now_add=True)),
                        ("fee_amount", models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True)),
                        ("fee_currency", models.CharField(blank=True, max_length=3)),
                        ("receipt_number", models.CharField(blank=True, max_length=40)),
                        ("mrz", models.TextField(blank=True)),
                        ("cancelled", models.BooleanField(default=False)),
                        (
                            "document",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="visas",
                                to="travellers.helddocument",
                            ),
                        ),
                        (
                            "issued_at_post",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="posts.post",
                            ),
                        ),
                        (
                            "issued_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "traveller",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="visas",
                                to="travellers.traveller",
                            ),
                        ),
                    ],
                ),
            ],
            database_operations=[],
        ),
    ]
