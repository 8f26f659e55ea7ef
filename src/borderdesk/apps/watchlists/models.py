from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WatchList(models.Model):
    """A named list (``un``, ``ofac``, ``csl``, ``national``) with its own decision thresholds."""

    name = models.SlugField(max_length=40, unique=True)
    hit_threshold = models.FloatField(default=0.85, help_text="score at or above which a match is a hit")
    possible_threshold = models.FloatField(default=0.70, help_text="score at or above which a match is reported")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    possible_threshold__gte=0, hit_threshold__lte=1, possible_threshold__lte=models.F("hit_threshold")
                ),
                name="watchlist_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ListVersion(models.Model):
    """One import of a list's source file; exactly one version per list is current."""

    watchlist = models.ForeignKey(WatchList, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    source_format = models.CharField(max_length=20)
    source_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    entry_count = models.PositiveIntegerField()
    report = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["watchlist__name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["watchlist", "number"], name="list_version_number_once"),
            models.UniqueConstraint(
                fields=["watchlist"], condition=models.Q(is_current=True), name="one_current_version_per_list"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.watchlist.name} v{self.number} ({self.entry_count} entries, {self.source_name})"


class StoredEntry(models.Model):
    """A listed person or entity of one version: the core's ``ListEntry`` as JSON, and its fingerprint."""

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="entries")
    entry_id = models.CharField(max_length=200)
    data = models.JSONField()
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "entry_id"], name="entry_once_per_version"),
        ]


class Screening(models.Model):
    """One person screened: who asked, where, why, what was asked and what came back."""

    screened_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_username = models.CharField(max_length=150)
    post_code = models.CharField(max_length=20, blank=True)
    purpose = models.CharField(max_length=200)
    query = models.JSONField()
    person_fingerprint = models.CharField(max_length=64, blank=True)
    lists = models.JSONField(default=list, help_text="list name -> version number screened against")
    hits = models.PositiveIntegerField(default=0)
    possibles = models.PositiveIntegerField(default=0)
    required_action = models.CharField(max_length=20, blank=True)
    error = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-screened_at"]


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed match")
    FALSE_MATCH_PROPOSED = "false_match_proposed", _("False match proposed, waiting for a second senior officer")
    FALSE_MATCH = "false_match", _("False match")  # confirmed by a second senior officer: suppression in force


class ScreeningMatch(models.Model):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="matches")
    list_name = models.CharField(max_length=40)
    entry_id = models.CharField(max_length=200)
    name = models.CharField(max_length=500)
    score = models.FloatField()
    decision = models.CharField(max_length=10)
    explanation = models.JSONField()
    action = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)
    entry_fingerprint = models.CharField(max_length=64)
    suppressed = models.BooleanField(default=False, help_text="not raised: already judged a false match")
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    verdict_reason = models.TextField(blank=True)
    adjudicated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adjudicated_at = models.DateTimeField(null=True, blank=True)
    second_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="who confirmed the proposed false match",
    )
    second_officer_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["screening_id", "-score", "pk"]
        indexes = [models.Index(fields=["verdict"], name="screening_match_verdict")]


class FalseMatch(models.Model):
    """A person judged not to be a listed entry by two senior officers: suppressed while both fingerprints stay
    the same."""

    list_name = models.CharField(max_length=40)
    entry_id = models.CharField(max_length=200)
    person_fingerprint = models.CharField(max_length=64)
    entry_fingerprint = models.CharField(max_length=64)
    match = models.ForeignKey(ScreeningMatch, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the senior officer who proposed it",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the second senior officer, who confirmed it",
    )
    decided_at = models.DateTimeField(auto_now=True)
    reason = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["list_name", "entry_id", "person_fingerprint"], name="false_match_once_per_person_and_entry"
            ),
        ]
        indexes = [models.Index(fields=["person_fingerprint"])]
