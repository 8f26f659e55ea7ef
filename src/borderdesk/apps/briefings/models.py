"""Briefings: what officers must read and acknowledge before opening a booth. A briefing is never edited once
published: a correction is a new version (``supersedes`` the one it replaces, which is withdrawn), and officers
acknowledge the new version again."""

from django.conf import settings
from django.db import models

from borderdesk.core.briefings import PRIORITIES, Audience, Period


class Priority(models.TextChoices):
    ROUTINE = PRIORITIES[0], "Routine"
    IMPORTANT = PRIORITIES[1], "Important"
    URGENT = PRIORITIES[2], "Urgent"


class Briefing(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.ROUTINE)
    effective_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    roles = models.JSONField(default=list, help_text="The roles it is for (role codes).")
    all_posts = models.BooleanField(default=False)
    posts = models.ManyToManyField("posts.Post", blank=True, related_name="briefings")
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-effective_on", "-published_at"]
        indexes = [models.Index(fields=["withdrawn_at", "effective_on"], name="briefing_in_force")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=models.F("effective_on")),
                name="briefing_expires_after_effect",
            )
        ]

    def __str__(self) -> str:
        return f"Briefing {self.pk}: {self.title}"

    @property
    def post_codes(self) -> frozenset[str]:
        return frozenset(post.code for post in self.posts.all())

    @property
    def audience(self) -> Audience:
        return Audience(frozenset(self.roles), self.post_codes, self.all_posts)

    @property
    def period(self) -> Period:
        return Period(self.effective_on, self.expires_on)


class Acknowledgement(models.Model):
    """An officer has read a briefing (the first time counts: one row per officer and briefing)."""

    briefing = models.ForeignKey(Briefing, on_delete=models.PROTECT, related_name="acknowledgements")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["briefing", "officer"], name="briefing_acknowledged_once")]

    def __str__(self) -> str:
        return f"{self.officer} acknowledged {self.briefing_id}"
