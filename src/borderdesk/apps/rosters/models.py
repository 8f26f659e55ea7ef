"""Rosters: who works where and when. A shift is one officer's time at one post; the roster of a post is its
shifts. Booths may only be opened by an officer on shift at that post, and the duty manager's staffing table
counts the shifts against the booths needed."""

from django.conf import settings
from django.db import models


class Task(models.TextChoices):
    BOOTH = "booth", "Passport control (booth)"
    SECONDARY = "secondary", "Secondary inspection"
    SUPERVISION = "supervision", "Supervision"


class Shift(models.Model):
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shifts")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    break_minutes = models.PositiveSmallIntegerField(default=0)
    task = models.CharField(max_length=12, choices=Task.choices, default=Task.BOOTH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["post", "starts_at"], name="shift_post_start"),
            models.Index(fields=["officer", "starts_at"], name="shift_officer_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.officer} at {self.post_id} {self.starts_at:%Y-%m-%d %H:%M}-{self.ends_at:%H:%M}"
