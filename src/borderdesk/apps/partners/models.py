"""Partner agencies, what is referred or handed over to them, and the alerts sent to them by signed webhook.

A referral names exactly the data shared (``shared``, a snapshot taken when it was made: the partner sees that and
nothing else). Alerts wait in an outbox (``Alert``) until the partner's endpoint accepts them; every attempt is a
``Delivery`` row, so nothing sent or failed is ever lost."""

from django.conf import settings
from django.db import models


class PartnerKind(models.TextChoices):
    POLICE = "police", "Police"
    CUSTOMS = "customs", "Customs"
    COAST_GUARD = "coast_guard", "Coast guard"
    FOREIGN_CONTACT = "foreign_contact", "Another state's contact point"
    LIST_OWNER = "list_owner", "Watchlist owner"


class Partner(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PartnerKind.choices)
    country = models.CharField(max_length=3, default="UTO")
    # The account whose API tokens act for the partner (role ``partner_agency``); one account per partner.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="partner"
    )
    webhook_url = models.URLField(max_length=500, blank=True)
    # The HMAC key, encrypted at rest (``key_id`` names the configured key that encrypted it).
    webhook_secret = models.BinaryField(blank=True, default=b"")
    webhook_key_id = models.CharField(max_length=20, blank=True)
    # Watchlists this partner owns: a confirmed hit with the action inform or arrest alerts it.
    watchlists = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferralKind(models.TextChoices):
    REFERRAL = "referral", "Referral (for the partner to act on)"
    HANDOVER = "handover", "Hand-over of custody"


class Referral(models.Model):
    reference = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=10, choices=ReferralKind.choices)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    traveller = models.ForeignKey(
        "travellers.Traveller", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Where it came from, e.g. "incident_person:12" or "inspection:345": shown to officers, never to the partner.
    source = models.CharField(max_length=60, blank=True)
    reason = models.TextField()
    shared = models.JSONField(help_text="Exactly what the partner sees: field name to value, fixed when made.")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=200, blank=True, help_text="The partner's officer, as they sign.")
    partner_reference = models.CharField(max_length=100, blank=True)
    # A hand-over: custody passes when both have signed (the officer handing over, the partner's officer taking).
    custody_passed_at = models.DateTimeField(null=True, blank=True)
    handed_over_by_signature = models.CharField(max_length=200, blank=True)
    taken_by_signature = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-made_at"]
        indexes = [models.Index(fields=["partner", "made_at"], name="referral_partner_made")]

    def __str__(self) -> str:
        return self.reference


class AlertState(models.TextChoices):
    PENDING = "pending", "Waiting to be delivered"
    DELIVERED = "delivered", "Delivered"
    FAILING = "failing", "Failing, retried later"


class Alert(models.Model):
    """A message to a partner, delivered by signed webhook. Never deleted; retried with back-off until delivered."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="alerts")
    event = models.CharField(max_length=60, help_text="e.g. referral.made, watchlist.hit")
    payload = models.JSONField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=AlertState.choices, default=AlertState.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts")

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="alert_due")]


class Delivery(models.Model):
    """One attempt to deliver an alert: what the endpoint answered, or why it could not be reached."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="deliveries")
    attempted_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["attempted_at"]


class ReferralCounter(models.Model):
    """The last referral number of a post's year (locked while counted: two referrals at once get two numbers)."""

    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "year"], name="referral_counter_post_year")]


class CallbackSignature(models.Model):
    """A signed callback received from a partner: the same signature again is a replay, refused. Kept only as long
    as a signature's timestamp is accepted (older ones are refused as expired anyway)."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    signature = models.CharField(max_length=100, unique=True)
    received_at = models.DateTimeField(db_index=True)
