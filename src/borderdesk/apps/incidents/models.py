"""Incidents: what a patrol saw or did at a place and time, the people involved and the items seized.

Each person met is screened at once (``screening``) and gets a person record (``traveller``: found or created),
to which what follows is linked: a protection claim, a referral or hand-over to a partner agency."""

from django.conf import settings
from django.db import models


class IncidentKind(models.TextChoices):
    SIGHTING = "sighting", "Sighting"
    INTERCEPTION = "interception", "Interception"
    APPREHENSION = "apprehension", "Apprehension"
    RESCUE = "rescue", "Rescue at sea"


class Incident(models.Model):
    reference = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=20, choices=IncidentKind.choices)
    sector = models.ForeignKey("patrols.Sector", on_delete=models.PROTECT, related_name="incidents")
    patrol = models.ForeignKey(
        "patrols.Patrol", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    occurred_at = models.DateTimeField()
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=10, decimal_places=6)
    place = models.CharField(max_length=200, blank=True, help_text="In words: a landmark, a beach, a grid square.")
    circumstances = models.TextField(blank=True)
    people_estimated = models.PositiveIntegerField(null=True, blank=True, help_text="For a sighting: how many seen.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["sector", "occurred_at"], name="incident_sector_when")]
        constraints = [
            models.CheckConstraint(condition=models.Q(latitude__gte=-90, latitude__lte=90), name="incident_latitude"),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180), name="incident_longitude"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class InvolvedPerson(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="people")
    traveller = models.ForeignKey("travellers.Traveller", on_delete=models.PROTECT, related_name="+")
    # What is known of them, as recorded (the document's zone when one was found and read).
    surname = models.CharField(max_length=100, blank=True)
    given_names = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=3, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    document_mrz = models.TextField(blank=True)
    document_number = models.CharField(max_length=20, blank=True)
    health_needs = models.TextField(blank=True)
    remarks = models.TextField(blank=True)
    screening = models.ForeignKey(
        "watchlists.Screening", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    claim = models.ForeignKey("asylum.Claim", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # When they asked for protection: the claim made then (``claim``), or none when one was already pending for them
    # (the asylum unit has it; the patrol is told only that).
    protection_asked_at = models.DateTimeField(null=True, blank=True)
    # The document's check as the booth shows it (zone verdict, findings, lost and stolen register), when one was read.
    document_check = models.JSONField(default=dict, blank=True)
    # What follows that has no record of its own here, in words (e.g. "Removal to Morocco arranged").
    outcome = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class ReferenceCounter(models.Model):
    """The last incident number given in a sector in a year (locked while the next is taken)."""

    sector = models.ForeignKey("patrols.Sector", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sector", "year"], name="one_incident_counter_per_sector_year")]


class SeizedItem(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="seized")
    description = models.CharField(max_length=300)
    quantity = models.CharField(max_length=60, blank=True)
    held_by = models.CharField(max_length=200, blank=True, help_text="Where it is kept, or who took it.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
