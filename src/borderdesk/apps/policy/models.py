"""Rule pack versions and their review, imported visa matrices, and every recommendation the rules gave."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PackStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved (ready to publish)")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PackVersion(models.Model):
    """One version of a rule pack: its YAML files, and where it stands in the author -> reviewer -> publish flow.

    ``number`` counts the versions of one pack (1, 2, ...); ``label`` is the pack's own ``version:`` text, unique
    among the published versions of the pack so that a recorded recommendation names exactly what was applied.
    """

    pack_id = models.CharField(max_length=60)
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=60, blank=True, help_text="The version written in pack.yaml")
    files = models.JSONField(default=dict, help_text="{file name: YAML text}")
    status = models.CharField(max_length=12, choices=PackStatus.choices, default=PackStatus.DRAFT)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    effective_from = models.DateField(null=True, blank=True)
    issues = models.JSONField(default=list, blank=True, help_text="Validation issues of the files as saved")
    review_comments = models.JSONField(default=list, blank=True)
    authored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pack_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pack_id", "number"], name="pack_version_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pack_id} v{self.number} ({self.label or '?'}, {self.status})"

    @property
    def is_editable(self) -> bool:
        return self.status == PackStatus.DRAFT


class VisaMatrixVersion(models.Model):
    """One import of a passport-index visa matrix; exactly one is current. Rows are kept zlib-compressed."""

    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField()
    passports = models.PositiveIntegerField(default=0)
    destinations = models.PositiveIntegerField(default=0)
    content = models.BinaryField(help_text="zlib-compressed CSV text (Passport,Destination,Requirement)")
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_visa_matrix"
            ),
        ]

    def __str__(self) -> str:
        return f"visa matrix v{self.pk} ({self.row_count} rows, {self.source_name})"


class Evaluation(models.Model):
    """A recommendation the rules gave: the facts, the day, the pack version and the whole answer with its trace.

    A policy simulation replays these under a draft pack to show what would change.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_username = models.CharField(max_length=150)
    post_code = models.CharField(max_length=20, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    situation = models.JSONField()
    decision_date = models.DateField()
    pack_id = models.CharField(max_length=60)
    pack_label = models.CharField(max_length=60)
    pack_version = models.ForeignKey(
        PackVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluations"
    )
    visa_matrix = models.ForeignKey(
        VisaMatrixVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=30)
    reasons = models.JSONField(default=list)
    refusal_grounds = models.JSONField(default=list, help_text="codes of the refusal grounds")
    recommendation = models.JSONField(help_text="Recommendation.to_dict(), trace included")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["pack_id", "created_at"], name="evaluation_pack_created")]

    def __str__(self) -> str:
        return f"evaluation {self.pk}: {self.outcome} ({self.pack_id} {self.pack_label}, {self.decision_date})"
