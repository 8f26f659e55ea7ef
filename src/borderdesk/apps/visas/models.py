"""Visas and travel authorisations: issued here (a visa on arrival at a border post) or recorded from elsewhere (a
consulate, the e-visa system), and ended early when one was issued in error (annulled) or for cause (revoked)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VisaKind(models.TextChoices):
    VISA_ON_ARRIVAL = "visa_on_arrival", _("Visa on arrival")
    E_VISA = "e_visa", _("E-visa")
    VISA = "visa", _("Short-stay visa")
    ETA = "eta", _("Electronic travel authorisation")
    LONG_STAY_VISA = "long_stay_visa", _("Long-stay visa")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")


class VisaStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    ANNULLED = "annulled", _("Annulled (issued in error)")
    REVOKED = "revoked", _("Revoked")


class Visa(models.Model):
    """A visa or authorisation on record. Only a valid one counts at the booth and the e-gate."""

    number = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=20, choices=VisaKind.choices)
    traveller = models.ForeignKey("travellers.Traveller", on_delete=models.PROTECT, related_name="visas")
    document = models.ForeignKey(
        "travellers.HeldDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="visas"
    )
    valid_from = models.DateField()
    valid_until = models.DateField()
    entries_allowed = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: multiple entries")
    duration_days = models.PositiveIntegerField(null=True, blank=True)
    issued_at_post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateTimeField(auto_now_add=True)
    fee_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    fee_currency = models.CharField(max_length=3, blank=True)
    receipt_number = models.CharField(max_length=40, blank=True)
    mrz = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=VisaStatus.choices, default=VisaStatus.VALID)
    # Set when the visa is annulled or revoked:
    ended_on = models.DateField(null=True, blank=True, help_text="The day the annulment or revocation took effect")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at_post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ended_reason = models.TextField(blank=True)
    legal_ground = models.CharField(max_length=200, blank=True, help_text="The legal ground of a revocation")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_valid(self) -> bool:
        return self.status == VisaStatus.VALID
