"""The append-only, hash-chained audit trail: what changed (AuditEvent) and who looked (AccessEvent).

The database itself refuses UPDATE and DELETE on these tables (see triggers.py); rows are only ever
written by ``borderdesk.apps.audit.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ChainedEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    # No index of its own: each event table's (actor, occurred_at) index serves every lookup by actor.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    actor_username = models.CharField(max_length=150)
    post_code = models.CharField(max_length=10, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    prev_hash = models.CharField(max_length=64)
    # Unique, but without the pattern index PostgreSQL gets beside a unique text column (migration 0006 drops it):
    # nobody searches hashes by prefix, and every event would write a random page of a second index.
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        abstract = True
        ordering = ["seq"]

    def chain_payload(self) -> dict:
        return {
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_username": self.actor_username,
            "post_code": self.post_code,
            "object_type": self.object_type,
            "object_id": self.object_id,
            **self.own_payload(),
        }

    def own_payload(self) -> dict:
        raise NotImplementedError


class AuditEvent(ChainedEvent):
    """A change: who did what to which object, where, with the values before and after."""

    action = models.CharField(max_length=100)
    old_values = models.JSONField(null=True, blank=True)
    new_values = models.JSONField(null=True, blank=True)

    class Meta(ChainedEvent.Meta):
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "occurred_at"]),
            # The auditors' filters, each read newest first by sequence number.
            models.Index(fields=["action", "seq"], name="auditevent_action_seq"),
            models.Index(fields=["actor_username", "seq"], name="auditevent_officer_seq"),
            models.Index(fields=["post_code", "seq"], name="auditevent_post_seq"),
            models.Index(fields=["occurred_at"], name="auditevent_occurred"),
        ]

    def own_payload(self) -> dict:
        return {"action": self.action, "old_values": self.old_values, "new_values": self.new_values}

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} by {self.actor_username}"


class AccessEvent(ChainedEvent):
    """A read of a person's record: who looked at whose record, where, and why."""

    purpose = models.CharField(max_length=100)
    detail = models.CharField(max_length=300, blank=True)

    class Meta(ChainedEvent.Meta):
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "occurred_at"]),
            models.Index(fields=["actor_username", "seq"], name="accessevent_officer_seq"),
            models.Index(fields=["post_code", "seq"], name="accessevent_post_seq"),
            models.Index(fields=["occurred_at"], name="accessevent_occurred"),
        ]

    def own_payload(self) -> dict:
        return {"purpose": self.purpose, "detail": self.detail}

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_username} read {self.object_type} {self.object_id}"


class Checkpoint(models.Model):
    """A signed statement of a chain's head (see borderdesk.core.audit.checkpoint), also kept outside the database.

    Fields hold exactly what was signed: ``created_at`` is the signed ISO 8601 text, not a parsed time.
    """

    chain = models.CharField(max_length=20)
    seq = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)
    created_at = models.CharField(max_length=40)
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=100)

    class Meta:
        db_table = "audit_checkpoint"
        ordering = ["id"]
        indexes = [models.Index(fields=["chain", "seq"])]

    def __str__(self) -> str:
        return f"{self.chain} #{self.seq} at {self.created_at}"


class AuditorAlert(models.Model):
    """Something an auditor must look at at once (an emergency opening of a restricted record, ...): shown to the
    auditors until one acknowledges it. Not part of the chained trail, which records the same act itself."""

    kind = models.CharField(max_length=40)
    message = models.CharField(max_length=500)
    raised_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_username = models.CharField(max_length=150)
    post_code = models.CharField(max_length=10, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["acknowledged_at", "raised_at"], name="auditor_alert_open_idx")]

    def __str__(self) -> str:
        return f"{self.kind} at {self.raised_at:%Y-%m-%d %H:%M}"
