# Visas have their own app now (visas 0001 took the model into its state). Here the crossings' foreign key is
# pointed at visas.Visa and the model leaves this app's state; in the database the table is only renamed to
# visas_visa, so every visa on record stays, with its id, and the foreign key constraint follows the rename
# (PostgreSQL keeps constraints by table, SQLite 3.26+ rewrites the references).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("travellers", "0002_settled_exits"),
        ("visas", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="crossing",
                    name="visa",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="crossings",
                        to="visas.visa",
                    ),
                ),
                migrations.DeleteModel(name="Visa"),
            ],
            database_operations=[migrations.AlterModelTable(name="Visa", table="visas_visa")],
        ),
    ]
