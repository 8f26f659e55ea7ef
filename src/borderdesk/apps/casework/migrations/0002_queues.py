# The work queues' partial indexes (services/queues.py): each queue one short index scan with LIMIT.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(
                    ("assigned_to__isnull", True), models.Q(("state__in", ["closed", "withdrawn"]), _negated=True)
                ),
                fields=["post", "lodged_at", "id"],
                name="application_team_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("state__in", ["closed", "withdrawn"]), _negated=True),
                fields=["assigned_to", "post", "decision_due", "id"],
                name="application_my_work_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(
                    (
                        "state__in",
                        [
                            "admissible",
                            "assessment",
                            "checks_running",
                            "decision_proposed",
                            "interview_scheduled",
                            "lodged",
                        ],
                    )
                ),
                fields=["post", "decision_due", "id"],
                name="application_at_risk_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("state", "decision_proposed")),
                fields=["post", "proposed_at", "id"],
                name="application_approval_idx",
            ),
        ),
    ]
