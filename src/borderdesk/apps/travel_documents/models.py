from __future__ import annotations

from django.conf import settings
from django.db import models


class RegisterVersion(models.Model):
    """One import of the lost and stolen documents register; exactly one version is current."""

    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    entry_count = models.PositiveIntegerField()
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_register_version"
            ),
        ]

    def __str__(self) -> str:
        return f"register v{self.pk} ({self.entry_count} documents, {self.source_name})"


class LostStolenDocument(models.Model):
    version = models.ForeignKey(RegisterVersion, on_delete=models.CASCADE, related_name="documents")
    document_number = models.CharField(max_length=35)
    issuing_state = models.CharField(max_length=3)
    document_type = models.CharField(max_length=1, help_text="Document category: the code's first letter")
    reported_on = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "document_number", "issuing_state", "document_type"],
                name="register_entry_once_per_version",
            ),
        ]
