"""Passport-control queues of a post, the counts sensors and staff send, officers' breaks at their booths, and
the arrivals a post expects (its arrival schedule)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from borderdesk.core.queues import QueueKind

KIND_CHOICES = [(kind.value, kind.label) for kind in QueueKind]


class Queue(models.Model):
    """One queue of a post's passport control (a terminal's residents' hall on entry, say), its service level,
    and the booth lanes that serve it: the travellers inspected at booths of those lanes (e-gates: inspections
    at e-gates) in the queue's direction are the people it serves. A lane serves at most one queue of a terminal
    and direction."""

    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="queues")
    terminal = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=12, choices=KIND_CHOICES)
    direction = models.CharField(max_length=5, choices=[("entry", "Entry"), ("exit", "Exit")], default="entry")
    lanes = models.JSONField(default=list)
    target_minutes = models.PositiveSmallIntegerField()
    target_share = models.FloatField()
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["post__code", "terminal", "direction", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["post", "terminal", "kind", "direction"], name="queue_once_per_terminal")
        ]

    def __str__(self) -> str:
        return f"{self.post.code} {self.name}"

    @property
    def name(self) -> str:
        where = f"terminal {self.terminal} " if self.terminal else ""
        return f"{where}{QueueKind(self.kind).label.lower()} ({self.direction})"


class QueueCount(models.Model):
    """What a sensor or a member of staff counted at a queue at a moment: people waiting, and people who joined
    since the previous count. The sender's idempotency key is kept as a digest, with a digest of the request, so a
    replay gets the first answer and nothing is stored twice."""

    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="counts")
    counted_at = models.DateTimeField()
    waiting = models.PositiveIntegerField()
    joined = models.PositiveIntegerField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    key_digest = models.CharField(max_length=64)
    request_digest = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["queue", "counted_at"]
        constraints = [
            models.UniqueConstraint(fields=["sent_by", "key_digest"], name="queue_count_key_once_per_sender"),
            models.UniqueConstraint(fields=["queue", "counted_at"], name="queue_count_once_per_moment"),
        ]
        indexes = [models.Index(fields=["queue", "counted_at"], name="queue_count_moment")]


class BoothBreak(models.Model):
    """The officer at a booth away on a break: the booth stays theirs (its session open) but serves nobody."""

    session = models.ForeignKey("inspection.BoothSession", on_delete=models.PROTECT, related_name="breaks")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session"], condition=Q(ended_at__isnull=True), name="one_break_at_once")
        ]


class ExpectedArrival(models.Model):
    """A flight, sailing, train or coach a post expects, with its passengers and the share of residents."""

    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="expected_arrivals")
    service = models.CharField(max_length=20)
    expected_at = models.DateTimeField()
    terminal = models.CharField(max_length=20, blank=True)
    passengers = models.PositiveIntegerField()
    residents_share = models.FloatField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["expected_at", "service"]
        constraints = [
            models.UniqueConstraint(fields=["post", "service", "expected_at"], name="arrival_once_per_service_time")
        ]
        indexes = [models.Index(fields=["post", "expected_at"], name="arrival_post_time")]
