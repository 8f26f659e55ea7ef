"""Applications for visas and permits and everything that happens to them: the application (its kind, state,
applicant, answers, fee, deadline and officer), its timeline, the evidence asked of the applicant, the files they
sent (encrypted at rest), the checks run, the appointments booked and the offices' appointment schedules.

What may happen to an application, and when its decision is due, is said by ``borderdesk.core.casework``; this
app stores it and is the one way to change it (``apps/casework/services``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from borderdesk.core.casework import CLOCK_STOPPED, FINAL, OPEN_STATES, State

STATE_CHOICES = [(state.value, state.value.replace("_", " ").capitalize()) for state in State]

# What the work queues read (services/queues.py), each with a partial index so a queue stays one short index scan
# however many cases a post has closed: cases still in work (not closed or withdrawn), and cases whose decision
# deadline is running (undecided, no evidence owed).
IN_WORK = ~models.Q(state__in=sorted(state.value for state in FINAL))
DEADLINE_RUNNING = models.Q(state__in=sorted(state.value for state in OPEN_STATES - CLOCK_STOPPED))


class Outcome(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REFUSE = "refuse", _("Refuse")


class Channel(models.TextChoices):
    OFFICER = "officer", _("Lodged with an officer")
    API = "api", _("Sent by another system")


class Application(models.Model):
    """One person's application of one kind, lodged and worked at one office or consulate (its ``post``)."""

    reference = models.CharField(max_length=24, unique=True)
    kind = models.CharField(max_length=40, help_text="The id of a kind of application (core/casework/kinds)")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="applications")
    state = models.CharField(max_length=24, choices=STATE_CHOICES, default=State.LODGED.value)
    version = models.PositiveIntegerField(default=1, help_text="Raised by every change: two officers, one case")

    applicant = models.ForeignKey("travellers.Traveller", on_delete=models.PROTECT, related_name="applications")
    document = models.ForeignKey(
        "travellers.HeldDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    principal = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="family",
        help_text="For a family member: the application they join",
    )
    relationship = models.CharField(max_length=30, blank=True, help_text="A family member's relation to the principal")
    answers = models.JSONField(default=dict, blank=True, help_text="The kind's form, as answered")
    sponsor = models.JSONField(
        default=dict, blank=True, help_text="Sponsor or employer: kind, name, birth date, nationality, address, id"
    )
    language = models.CharField(max_length=8, default="en", help_text="The applicant's language for letters")
    contact_email = models.EmailField(blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.OFFICER)
    external_reference = models.CharField(
        max_length=80, blank=True, help_text="The sending system's own reference (API): sent twice, lodged once"
    )

    fee_amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    fee_currency = models.CharField(max_length=3, blank=True)
    fee_exempt = models.BooleanField(default=False)
    fee_receipt = models.CharField(max_length=40, blank=True)

    lodged_on = models.DateField()
    lodged_at = models.DateTimeField()
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_due = models.DateField(null=True, blank=True, help_text="Empty while the clock stands still")
    evidence_due = models.DateField(
        null=True, blank=True, help_text="While the applicant owes evidence: the day it is due"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_applications"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The decision: proposed by the officer, approved by a senior officer where the kind asks four eyes.
    proposed_outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    proposed_grounds = models.JSONField(default=list, blank=True, help_text="Codes from the grounds catalogue")
    proposed_terms = models.JSONField(default=dict, blank=True, help_text="For an approval: validity, entries, days")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The senior officer who approved the decision (four eyes)",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    visa = models.ForeignKey(
        "visas.Visa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text="What an approval issued: a visa, or a residence permit's card",
    )

    class Meta:
        indexes = [
            models.Index(fields=["post", "state", "lodged_at"], name="application_queue_idx"),
            models.Index(fields=["assigned_to", "state", "decision_due"], name="application_mine_idx"),
            models.Index(fields=["post", "decision_due"], name="application_due_idx"),
            models.Index(fields=["applicant", "lodged_at"], name="application_applicant_idx"),
            models.Index(
                fields=["post", "lodged_at", "id"],
                condition=models.Q(assigned_to__isnull=True) & IN_WORK,
                name="application_team_idx",
            ),
            models.Index(
                fields=["assigned_to", "post", "decision_due", "id"], condition=IN_WORK, name="application_my_work_idx"
            ),
            models.Index(
                fields=["post", "decision_due", "id"], condition=DEADLINE_RUNNING, name="application_at_risk_idx"
            ),
            models.Index(
                fields=["post", "evidence_due", "id"],
                condition=models.Q(state=State.EVIDENCE_REQUESTED.value),
                name="application_waiting_idx",
            ),
            models.Index(
                fields=["post", "proposed_at", "id"],
                condition=models.Q(state=State.DECISION_PROPOSED.value),
                name="application_approval_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "external_reference"],
                condition=~models.Q(external_reference=""),
                name="application_sent_once",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class EventKind(models.TextChoices):
    LODGED = "lodged", _("Lodged")
    TRANSITION = "transition", _("State changed")
    ASSIGNMENT = "assignment", _("Assigned")
    NOTE = "note", _("Note")
    DOCUMENT = "document", _("Document")
    CHECK = "check", _("Checks")
    ASSESSMENT = "assessment", _("Assessment")
    EVIDENCE = "evidence", _("Evidence")
    APPOINTMENT = "appointment", _("Appointment")
    DECISION = "decision", _("Decision")
    LETTER = "letter", _("Letter")


class CaseEvent(models.Model):
    """One line of a case's timeline: what happened, who did it and when (the audit trail keeps the same, chained;
    this is the caseworker's reading of it)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    action = models.CharField(max_length=40, blank=True)
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    text = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["application", "at"], name="case_event_timeline_idx")]
        ordering = ["at", "pk"]


class EvidenceRequest(models.Model):
    """Evidence asked of the applicant: the decision deadline stands still from ``requested_on`` until the answer."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="evidence_requests")
    requested_on = models.DateField()
    due_on = models.DateField()
    documents = models.JSONField(default=list, blank=True, help_text="Codes of the supporting documents asked for")
    message = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField(null=True, blank=True)
    answered_late = models.BooleanField(default=False)

    class Meta:
        ordering = ["requested_on", "pk"]


class SupportingFile(models.Model):
    """A file the applicant sent (PDF, JPEG or PNG), stored encrypted outside the database; only its description
    is here. Each download is an access event."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="files")
    document_code = models.CharField(max_length=40, help_text="Which supporting document of the kind it is")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=80, unique=True)
    key_id = models.CharField(max_length=20, help_text="Which configured key encrypted it")
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]


class CheckStage(models.TextChoices):
    LODGED = "lodged", _("When lodged")
    BEFORE_DECISION = "before_decision", _("Before the decision")


class CheckRun(models.Model):
    """The checks run on an application at one stage: screening of everyone on it, border history, earlier
    applications, the lost and stolen register; and the assessment against the kind's rules."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="check_runs")
    stage = models.CharField(max_length=16, choices=CheckStage.choices)
    run_at = models.DateTimeField()
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    clear = models.BooleanField(help_text="Nothing found that needs an officer's attention")
    results = models.JSONField(default=dict)

    class Meta:
        ordering = ["run_at", "pk"]


class AppointmentSchedule(models.Model):
    """When an office or consulate sees applicants (see core/casework/appointments.Schedule)."""

    post = models.OneToOneField("posts.Post", on_delete=models.PROTECT, related_name="appointment_schedule")
    hours = models.JSONField(default=list, help_text='[{"weekday": 0, "opens": "09:00", "closes": "12:30"}, ...]')
    slot_minutes = models.PositiveIntegerField(default=30)
    per_slot = models.PositiveIntegerField(default=1, help_text="Applicants seen at once (the counters)")
    interpreters = models.JSONField(default=dict, blank=True, help_text='{"0": ["ar", "fr"], ...} by weekday')
    closed_days = models.JSONField(default=list, blank=True, help_text="ISO dates the office itself is shut")


class AppointmentPurpose(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    BIOMETRICS = "biometrics", _("Biometrics (photograph and fingerprints)")


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    RESCHEDULED = "rescheduled", _("Moved to another time")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")


class Appointment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="appointments")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=12, choices=AppointmentPurpose.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    interpreter_language = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=12, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    booked_at = models.DateTimeField()
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["post", "starts_at"], name="appointment_day_idx")]
        ordering = ["starts_at", "pk"]


class ReferenceCounter(models.Model):
    """The last application number given at a post in a year (locked while the next is taken)."""

    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "year"], name="one_counter_per_post_year")]
