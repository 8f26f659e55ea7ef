"""Protection (asylum) claims: the most restricted records in Borderdesk.

A claim is made wherever a traveller asks for protection (booth, secondary, patrol, office) and worked by the
asylum unit (its ``post``). Only the asylum case officers assigned to it and the senior officers of its post open
it, each time with a reason (``ClaimOpening``, an access event); everyone else learns only that a claim is
pending. The narrative, interview records, decision reasons and documents are sealed at rest (AES-256-GCM, keys
from ``BORDERDESK_ASYLUM_KEYS``; ``*_sealed`` fields hold ciphertext and ``*_key`` the id of the key that sealed
it, see services/sealing.py).

What may happen to a claim and when is said by ``borderdesk.core.casework.asylum``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderdesk.core.casework.asylum import FINAL, AdmissibilityGround, ClaimState, Outcome, Where

STATE_CHOICES = [(state.value, state.value.replace("_", " ").capitalize()) for state in ClaimState]
OUTCOME_CHOICES = [(outcome.value, outcome.value.replace("_", " ").capitalize()) for outcome in Outcome]
WHERE_CHOICES = [(where.value, where.value.capitalize()) for where in Where]
GROUND_CHOICES = [(ground.value, ground.value.replace("_", " ").capitalize()) for ground in AdmissibilityGround]
IN_WORK = ~Q(state__in=sorted(state.value for state in FINAL))
USER = settings.AUTH_USER_MODEL


class Claim(models.Model):
    """One person's claim for international protection. A household's members are claims of their own, linked
    to the principal's (``principal``), so that each has its own decision."""

    reference = models.CharField(max_length=24, unique=True)
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="asylum_claims")
    state = models.CharField(max_length=24, choices=STATE_CHOICES, default=ClaimState.CLAIMED.value)
    version = models.PositiveIntegerField(default=1, help_text="Raised by every change: two officers, one claim")
    claimant = models.ForeignKey("travellers.Traveller", on_delete=models.PROTECT, related_name="asylum_claims")
    principal = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="household", help_text="For a dependant"
    )
    relationship = models.CharField(max_length=30, blank=True, help_text="A dependant's relation to the principal")

    # Where and how the traveller asked for protection.
    made_where = models.CharField(max_length=10, choices=WHERE_CHOICES)
    made_at_post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()
    made_on = models.DateField(help_text="The day at the post where the claim was made")
    made_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    inspection = models.ForeignKey(
        "inspection.Inspection", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Registration: identity as claimed (the documented one is the claimant's travel document, if any).
    claimed_identity = models.JSONField(
        default=dict, blank=True, help_text="surname, given_names, birth_date, nationality, sex as the claimant states"
    )
    documented = models.BooleanField(default=False, help_text="Whether a travel document was seen")
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639 codes, the first the interview language")
    vulnerabilities = models.JSONField(default=list, blank=True, help_text="core.casework.asylum.Vulnerability codes")
    registration_due = models.DateField()
    registered_at = models.DateTimeField(null=True, blank=True)
    registered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_due = models.DateField(null=True, blank=True, help_text="Six months from registration")
    card_number = models.CharField(max_length=20, null=True, blank=True, unique=True)
    card_issued_on = models.DateField(null=True, blank=True)

    narrative_sealed = models.BinaryField(null=True, blank=True, help_text="The claimant's account, sealed")
    narrative_key = models.CharField(max_length=40, blank=True)

    # Admissibility, decision, review, appeal: the current ones (their history is on the timeline).
    admissibility_ground = models.CharField(max_length=40, choices=GROUND_CHOICES, blank=True)
    proposed_outcome = models.CharField(max_length=24, choices=OUTCOME_CHOICES, blank=True)
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(null=True, blank=True)
    reasons_sealed = models.BinaryField(null=True, blank=True, help_text="The decision's reasons, sealed")
    reasons_key = models.CharField(max_length=40, blank=True)
    outcome = models.CharField(max_length=24, choices=OUTCOME_CHOICES, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    notified_on = models.DateField(null=True, blank=True)
    appeal_until = models.DateField(null=True, blank=True, help_text="The last day to appeal a negative decision")
    permit = models.ForeignKey("visas.Visa", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["post", "state", "registration_due"], name="claim_queue_idx"),
            models.Index(fields=["claimant", "state"], name="claim_claimant_idx"),
        ]
        constraints = [
            # One open claim per person: asking again is added to the open one (services/making.py).
            models.UniqueConstraint(fields=["claimant"], condition=IN_WORK, name="one_open_claim_per_claimant")
        ]

    def __str__(self) -> str:
        return self.reference


class ClaimAssignment(models.Model):
    """An asylum case officer assigned to a claim: they (and the post's senior officers) may open it."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="assignments")
    officer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="asylum_assignments")
    assigned_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "officer"], condition=Q(ended_at__isnull=True), name="claim_assigned_once"
            )
        ]


class ClaimOpening(models.Model):
    """A user opened a claim, for a reason: what lets them read and work on it until ``expires_at``. An emergency
    opening (not assigned) alerts the auditors."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="openings")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=30)
    reason = models.CharField(max_length=300)
    emergency = models.BooleanField(default=False)
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["claim", "user", "expires_at"], name="claim_opening_live_idx")]


class ClaimEvent(models.Model):
    """One line of a claim's timeline (the audit trail records the same, chained, separately). Nothing personal
    beyond what the claim already holds: sealed text stays in its sealed field."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=30)
    action = models.CharField(max_length=30, blank=True)
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    text = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    note_sealed = models.BinaryField(null=True, blank=True, help_text="A senior officer's review note, sealed")
    note_key = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["at", "id"]


class ReferenceCounter(models.Model):
    """The last claim number given at an asylum unit in a year (locked while the next is taken)."""

    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "year"], name="one_claim_counter_per_post_year")]


class Interview(models.Model):
    """A personal interview with an interpreter: scheduled (the safeguard for a vulnerable claimant sealed), held
    (its record sealed), confirmed by the claimant after it was read back to them in their language (the corrections
    they asked for sealed)."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="interviews")
    scheduled_for = models.DateTimeField()
    language = models.CharField(max_length=8)
    interpreter = models.CharField(max_length=200, blank=True)
    officer = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(null=True, blank=True)
    record_sealed = models.BinaryField(null=True, blank=True)
    record_key = models.CharField(max_length=40, blank=True)
    safeguard_sealed = models.BinaryField(
        null=True, blank=True, help_text="The safeguard taken for a vulnerable claimant"
    )
    safeguard_key = models.CharField(max_length=40, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    remarks_sealed = models.BinaryField(null=True, blank=True, help_text="Corrections the claimant asked for, sealed")
    remarks_key = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["scheduled_for", "id"]


class ClaimDocument(models.Model):
    """A document the claimant gave or the unit gathered, sealed in the database."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="documents")
    title_sealed = models.BinaryField(null=True, blank=True, help_text="What the document is, sealed")
    title_key = models.CharField(max_length=40, blank=True)
    content_type = models.CharField(max_length=60)
    filename = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    sealed = models.BinaryField()
    key = models.CharField(max_length=40)
    added_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]


class CountryNote(models.Model):
    """Country of origin information: a dated, sourced note the unit relies on (not personal data)."""

    country = models.CharField(max_length=3)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    source = models.CharField(max_length=300)
    url = models.URLField(blank=True)
    published_on = models.DateField()
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["country", "-published_on", "id"]


class ClaimCountryNote(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="country_notes")
    note = models.ForeignKey(CountryNote, on_delete=models.PROTECT, related_name="+")
    relevance_sealed = models.BinaryField(null=True, blank=True, help_text="Why it matters to this claim, sealed")
    relevance_key = models.CharField(max_length=40, blank=True)
    linked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["claim", "note"], name="country_note_linked_once")]


class Appeal(models.Model):
    """An appeal against a negative decision; lodged in time it suspends removal until decided."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="appeals")
    lodged_on = models.DateField()
    lodged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    suspensive = models.BooleanField(default=True)
    court_reference = models.CharField(max_length=60, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    result = models.CharField(
        max_length=20,
        blank=True,
        choices=[("dismissed", _("Dismissed")), ("allowed", _("Allowed")), ("remitted", _("Remitted"))],
    )
    granted_outcome = models.CharField(max_length=24, choices=OUTCOME_CHOICES, blank=True)

    class Meta:
        ordering = ["lodged_on", "id"]
