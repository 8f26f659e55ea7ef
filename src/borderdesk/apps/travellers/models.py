"""People who cross the border, the documents they hold, their crossings and stays (their visas are in
``apps/visas``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Traveller(models.Model):
    """One person, as their documents' machine-readable zones name them."""

    surname = models.CharField(max_length=100)
    given_names = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    nationality = models.CharField(max_length=3)
    created_at = models.DateTimeField(auto_now_add=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Set when an officer confirmed this is the same person as another record.",
    )

    class Meta:
        indexes = [models.Index(fields=["surname", "birth_date", "nationality"], name="traveller_identity_idx")]

    def __str__(self) -> str:
        return f"{self.surname}, {self.given_names} ({self.nationality} {self.birth_date or '?'})"

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()


class HeldDocument(models.Model):
    """A travel document a traveller has shown; one row per document, whoever shows it."""

    traveller = models.ForeignKey(Traveller, on_delete=models.PROTECT, related_name="documents")
    document_code = models.CharField(max_length=2)
    category = models.CharField(max_length=1, help_text="The document code's first letter (P, I, A, C, V)")
    issuing_state = models.CharField(max_length=3)
    document_number = models.CharField(max_length=35)
    expiry_date = models.DateField(null=True, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuing_state", "document_number", "category"], name="document_held_once")
        ]

    def __str__(self) -> str:
        return f"{self.document_code} {self.issuing_state} {self.document_number}"


class Direction(models.TextChoices):
    ENTRY = "entry", _("Entry")
    EXIT = "exit", _("Exit")


class CrossingOutcome(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    REFUSED = "refused", _("Refused entry")
    DETAINED = "detained", _("Detained")
    EXITED = "exited", _("Exited")
    SETTLED = "settled", _("Exit not recorded at the time, settled later")


class Crossing(models.Model):
    """One passage through border control, admitted or not."""

    # No index of its own: crossing_history_idx (traveller, occurred_at) serves every lookup by traveller, and a
    # second index on a random key costs every insert a page of its own.
    traveller = models.ForeignKey(Traveller, on_delete=models.PROTECT, related_name="crossings", db_index=False)
    document = models.ForeignKey(HeldDocument, on_delete=models.PROTECT, related_name="crossings")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=5, choices=Direction.choices)
    outcome = models.CharField(max_length=10, choices=CrossingOutcome.choices)
    occurred_at = models.DateTimeField()
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    class_of_admission = models.CharField(max_length=40, blank=True)
    admitted_until = models.DateField(null=True, blank=True)
    visa = models.ForeignKey("visas.Visa", null=True, blank=True, on_delete=models.PROTECT, related_name="crossings")
    remarks = models.CharField(max_length=300, blank=True, help_text="For a settled exit: the evidence of leaving")

    class Meta:
        indexes = [models.Index(fields=["traveller", "occurred_at"], name="crossing_history_idx")]


class Stay(models.Model):
    """Time spent in the country between an admitted entry and the exit (open while there is none)."""

    # No index of its own: stay_history_idx (traveller, entry_date) serves every lookup by traveller.
    traveller = models.ForeignKey(Traveller, on_delete=models.PROTECT, related_name="stays", db_index=False)
    entry = models.OneToOneField(Crossing, on_delete=models.PROTECT, related_name="stay_started")
    exit = models.OneToOneField(Crossing, null=True, blank=True, on_delete=models.PROTECT, related_name="stay_ended")
    entry_date = models.DateField()
    exit_date = models.DateField(null=True, blank=True)
    admitted_until = models.DateField(null=True, blank=True)
    counts_toward_limit = models.BooleanField(
        default=True, help_text="False under a long-stay visa or residence permit"
    )
    overstay_days = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["traveller", "entry_date"], name="stay_history_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["traveller"], condition=models.Q(exit__isnull=True), name="one_open_stay_per_traveller"
            )
        ]
