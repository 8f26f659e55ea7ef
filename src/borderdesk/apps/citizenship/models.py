"""What a naturalisation adds to its casework application (``casework.Application`` of kind ``naturalisation``):
the residence checks computed from the applicant's crossings, the language and civics test results, the police's
criminal-record certificate (asked and answered; the details of convictions sealed at rest), and, once approved,
the ceremony, the oath and the certificate of naturalisation. From the oath the person is a Utopian citizen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidenceCheck(models.Model):
    """One computation of the residence requirement, with everything it used: the absences from the crossings,
    the requirement in force and its legal basis (the rule pack's dated version), and the figures that decide.
    Not ``assessed`` when the crossing history has gaps: then ``problems`` says which crossings are missing."""

    application = models.ForeignKey("casework.Application", on_delete=models.PROTECT, related_name="residence_checks")
    checked_at = models.DateTimeField()
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    on = models.DateField(help_text="The day the requirement is assessed on")
    resident_since = models.DateField()
    assessed = models.BooleanField()
    eligible = models.BooleanField(default=False)
    earliest_eligible_on = models.DateField(null=True, blank=True)
    inputs = models.JSONField(default=dict, help_text="The absences and the first entry, from the crossings")
    rule = models.JSONField(default=dict, help_text="The requirement, its effective date and legal basis")
    figures = models.JSONField(default=dict, blank=True, help_text="The assessment: period, days, failed limits")
    problems = models.JSONField(default=list, blank=True, help_text="Gaps in the crossing history")

    class Meta:
        ordering = ["checked_at", "pk"]


class TestKind(models.TextChoices):
    LANGUAGE = "language", _("Utopian language test")
    CIVICS = "civics", _("Civic knowledge test (Life in Utopia)")


class TestResult(models.Model):
    application = models.ForeignKey("casework.Application", on_delete=models.PROTECT, related_name="test_results")
    test = models.CharField(max_length=10, choices=TestKind.choices)
    taken_on = models.DateField()
    score = models.CharField(max_length=20, help_text="A score or a level (B1, 18/24)")
    passed = models.BooleanField()
    certificate_number = models.CharField(max_length=40, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["taken_on", "pk"]


class PoliceAnswer(models.TextChoices):
    NO_RECORD = "no_record", _("No criminal record")
    CONVICTIONS = "convictions", _("Convictions on record")


class PoliceCertificate(models.Model):
    """The request for a criminal-record certificate and, when it comes, the police's answer. The details of
    convictions are sealed (AES-256-GCM, the casework file keys) under ``sealed_name``."""

    application = models.ForeignKey("casework.Application", on_delete=models.PROTECT, related_name="police_checks")
    authority = models.CharField(max_length=120)
    requested_on = models.DateField()
    reference = models.CharField(max_length=60)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField(null=True, blank=True)
    answer = models.CharField(max_length=12, choices=PoliceAnswer.choices, blank=True)
    details_sealed = models.BinaryField(null=True, blank=True)
    details_key_id = models.CharField(max_length=20, blank=True)
    sealed_name = models.CharField(max_length=60, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["requested_on", "pk"]


class Naturalisation(models.Model):
    """After the approval: the ceremony booked, the oath taken and the certificate issued. ``citizen`` is the
    traveller; from ``oath_on`` on the booth treats them as a Utopian citizen."""

    application = models.OneToOneField("casework.Application", on_delete=models.PROTECT, related_name="ceremony")
    citizen = models.ForeignKey("travellers.Traveller", on_delete=models.PROTECT, related_name="naturalisations")
    ceremony_on = models.DateField()
    ceremony_post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    booked_at = models.DateTimeField()
    oath_on = models.DateField(null=True, blank=True)
    certificate_number = models.CharField(max_length=20, unique=True, null=True, blank=True)
    oath_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["citizen", "oath_on"], name="naturalised_citizen_idx")]


class CertificateCounter(models.Model):
    """The last certificate number given in a year (locked while the next is taken)."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)
