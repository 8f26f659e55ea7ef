"""Passport control: booth sessions, inspections, decisions with four-eyes approval, custody, alerts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BoothSession(models.Model):
    """An officer signed in to a booth for a shift."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="booth_sessions")
    booth = models.ForeignKey("posts.Booth", on_delete=models.PROTECT, related_name="sessions")
    direction = models.CharField(max_length=5, choices=[("entry", "Entry"), ("exit", "Exit")])
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["officer"], condition=Q(ended_at__isnull=True), name="one_open_booth_session_per_officer"
            ),
            models.UniqueConstraint(fields=["booth"], condition=Q(ended_at__isnull=True), name="one_officer_per_booth"),
        ]

    @property
    def post(self):
        return self.booth.post


class Channel(models.TextChoices):
    BOOTH = "booth", _("Booth")
    EGATE = "egate", _("E-gate")
    KIOSK = "kiosk", _("Kiosk")


class Status(models.TextChoices):
    OPEN = "open", _("Being inspected")
    REFERRED = "referred", _("Waiting for secondary inspection")
    IN_SECONDARY = "in_secondary", _("In secondary inspection")
    PENDING_APPROVAL = "pending_approval", _("Waiting for a senior officer's approval")
    CLOSED = "closed", _("Decided")
    SUPERSEDED = "superseded", _("Superseded by a later scan")


class Purpose(models.TextChoices):
    TOURISM = "tourism", _("Tourism")
    BUSINESS = "business", _("Business")
    STUDY = "study", _("Study")
    WORK = "work", _("Work")
    TRANSIT = "transit", _("Transit")
    FAMILY = "family", _("Family visit")
    OTHER = "other", _("Other")


class Inspection(models.Model):
    """One traveller at border control: everything the officer saw, asked and decided."""

    # post and traveller have no index of their own: inspection_post_status_idx and inspection_traveller_idx
    # begin with them and serve every lookup by either.
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+", db_index=False)
    booth = models.ForeignKey("posts.Booth", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        BoothSession, null=True, blank=True, on_delete=models.PROTECT, related_name="inspections"
    )
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.BOOTH)
    direction = models.CharField(max_length=5, choices=[("entry", "Entry"), ("exit", "Exit")])
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    traveller = models.ForeignKey(
        "travellers.Traveller", on_delete=models.PROTECT, related_name="inspections", db_index=False
    )
    document = models.ForeignKey("travellers.HeldDocument", on_delete=models.PROTECT, related_name="+")
    document_check = models.JSONField(default=dict)
    screening = models.JSONField(default=dict)
    situation = models.JSONField(default=dict)
    recommendation = models.JSONField(default=dict)
    visa_on_arrival = models.JSONField(default=dict, blank=True)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)
    # The language the traveller is interviewed and given the refusal form in; blank until the officer chooses
    # one: then the nationality's (printed.traveller_language).
    traveller_language = models.CharField(max_length=8, default="", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    referral_reason = models.TextField(blank=True)
    secondary_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secondary_notes = models.TextField(blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The later scan that closed this undecided inspection",
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised by every change: stale forms are refused")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # created_at too: every scan asks whether its post has an inspection left open too long
            # (supersede_earlier), a range of this index that is nearly always empty; without it, the question read
            # every open inspection at the post, a cost that grew with the queue.
            models.Index(fields=["post", "status", "created_at"], name="inspection_post_status_idx"),
            models.Index(fields=["traveller", "status"], name="inspection_traveller_idx"),
        ]

    def __str__(self) -> str:
        return f"inspection {self.pk} at {self.post_id}"


class DecisionKind(models.TextChoices):
    ADMIT = "admit", _("Admit")
    REFER = "refer", _("Refer to secondary")
    REFUSE = "refuse", _("Refuse entry")
    DETAIN = "detain", _("Detain")
    EXIT = "exit", _("Record exit")


class Approval(models.TextChoices):
    NOT_REQUIRED = "not_required", _("Not required")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


FOUR_EYES_KINDS = {DecisionKind.REFUSE, DecisionKind.DETAIN}


class Decision(models.Model):
    # No index of its own: decision_key_once_per_inspection (inspection, idempotency_key) serves every lookup.
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="decisions", db_index=False)
    kind = models.CharField(max_length=6, choices=DecisionKind.choices)
    idempotency_key = models.CharField(
        max_length=64, help_text="One per submitted form: a double click returns the first decision"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    class_of_admission = models.CharField(max_length=40, blank=True)
    admit_until = models.DateField(null=True, blank=True)
    conditions = models.JSONField(default=list, blank=True)
    refusal_grounds = models.JSONField(default=list, blank=True)
    remarks = models.TextField(blank=True)
    recommended_outcome = models.CharField(max_length=30, blank=True)
    departure_reason = models.TextField(blank=True, help_text="Why the officer departed from the recommendation")
    approval = models.CharField(max_length=12, choices=Approval.choices, default=Approval.NOT_REQUIRED)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_note = models.TextField(blank=True)
    crossing = models.ForeignKey(
        "travellers.Crossing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refusal_form_pdf = models.BinaryField(null=True, blank=True)
    traveller_signed = models.BooleanField(default=False)

    class Meta:
        ordering = ["decided_at"]
        # A form's key is bound to its inspection: the same key sent for another inspection finds nothing there.
        constraints = [
            models.UniqueConstraint(fields=["inspection", "idempotency_key"], name="decision_key_once_per_inspection")
        ]


class CustodyRecord(models.Model):
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="custody")
    reason = models.TextField()
    place = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=20,
        blank=True,
        choices=[("police", "Handed over to police"), ("removal", "Removed"), ("released", "Released")],
    )
    handed_over_to = models.CharField(max_length=200, blank=True)
    removal_reference = models.CharField(max_length=100, blank=True)


class AlertKind(models.TextChoices):
    APPROVAL_NEEDED = "approval_needed", _("Approval needed")
    REFERRAL = "referral", _("Referred to secondary")
    OVERSTAY = "overstay", _("Overstay at exit")
    WATCHLIST = "watchlist", _("Watchlist hit")


class Alert(models.Model):
    """Something a senior officer at the post must see at once."""

    post = models.ForeignKey(
        "posts.Post", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # open_alerts_idx
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="alerts")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["post", "acknowledged_at"], name="open_alerts_idx")]


class GateRequest(models.Model):
    """An e-gate's request sent with an idempotency key, and the answer it got. The key belongs to the gate's
    account and post: only the same caller at the same post sending the same request gets that answer again.
    Only digests are kept: the key and the request mean nothing to anyone who reads the table."""

    # No index of its own: the unique (caller, post, key_digest) serves every lookup by caller.
    caller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    key_digest = models.CharField(max_length=64)
    request_digest = models.CharField(max_length=64)
    inspection = models.ForeignKey(Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answer = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["caller", "post", "key_digest"], name="gate_key_once_per_caller_and_post")
        ]


class LivePhoto(models.Model):
    """The photo the booth's camera took of the traveller: personal (biometric) data, sealed at rest
    (``services/faces.py``) and kept only as long as ``BORDERDESK_LIVE_PHOTO_KEEP_DAYS`` says; when it is purged
    (or was never kept) the row stays, saying that a photo was taken, with no photo in it."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="live_photos")
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField(auto_now_add=True)
    image_format = models.CharField(max_length=10)
    key = models.CharField(max_length=40, blank=True)
    sealed = models.BinaryField(null=True, blank=True)
    keep_until = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["taken_at", "pk"]
        indexes = [models.Index(fields=["keep_until"], name="live_photo_keep_until_idx")]


class FaceComparison(models.Model):
    """A live photo compared with a reference portrait (the chip's DG2 image): what the model found, shown to the
    officer as advice; it decides nothing."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="face_comparisons")
    live_photo = models.ForeignKey(LivePhoto, on_delete=models.PROTECT, related_name="comparisons")
    reference_source = models.CharField(max_length=40, help_text="Where the reference portrait came from")
    distance = models.FloatField()
    threshold = models.FloatField()
    model = models.CharField(max_length=60)
    compared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    compared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["compared_at", "pk"]

    @property
    def likely_same(self) -> bool:
        return self.distance < self.threshold
