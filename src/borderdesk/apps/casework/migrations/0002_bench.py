"""Indexes for the work queues at 1,000,000 cases (benchmarks/casework.py, RESULTS.md): an officer's open cases and a
post's open cases by due date, a post's unassigned open cases by age; unanswered evidence requests by due date."""

from django.db import migrations, models

OPEN = [
    "admissible",
    "assessment",
    "checks_running",
    "decision_proposed",
    "evidence_requested",
    "interview_scheduled",
    "lodged",
]


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(state__in=OPEN),
                fields=["assigned_to", "decision_due"],
                name="application_mine_open_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(state__in=OPEN), fields=["post", "decision_due"], name="application_open_due_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(assigned_to__isnull=True, state__in=OPEN),
                fields=["post", "lodged_at"],
                name="application_unassigned_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="evidencerequest",
            index=models.Index(
                condition=models.Q(answered_on__isnull=True), fields=["due_on"], name="evidence_open_due_idx"
            ),
        ),
    ]
