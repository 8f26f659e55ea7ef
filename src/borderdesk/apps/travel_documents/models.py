from __future__ import annotations

from django.conf import settings
from django.db import models


class RegisterVersion(models.Model):
    """One import of the lost and stolen documents register; exactly one version is current."""

    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    entry_count = models.PositiveIntegerField()
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_register_version"
            ),
        ]

    def __str__(self) -> str:
        return f"register v{self.pk} ({self.entry_count} documents, {self.source_name})"


class LostStolenDocument(models.Model):
    version = models.ForeignKey(RegisterVersion, on_delete=models.CASCADE, related_name="documents")
    document_number = models.CharField(max_length=35)
    issuing_state = models.CharField(max_length=3)
    document_type = models.CharField(max_length=1, help_text="Document category: the code's first letter")
    reported_on = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "document_number", "issuing_state", "document_type"],
                name="register_entry_once_per_version",
            ),
        ]


# --- #19 chip: the trust store ePassport chips are verified against, and the chips read ---


class TrustKind(models.TextChoices):
    CSCA = "csca", "Country signing CA"
    LINK = "link", "Link certificate (a CSCA signed by an earlier one)"
    CERTIFICATE = "certificate", "Other certificate (a document signer)"
    CRL = "crl", "Certificate revocation list"


class TrustedObject(models.Model):
    """One certificate or CRL of the trust store, as imported (DER), with where it came from. An ICAO master list is
    not kept whole: its signature is checked at import and its certificates are kept, each naming the list."""

    kind = models.CharField(max_length=12, choices=TrustKind.choices)
    der = models.BinaryField()
    sha256 = models.CharField(max_length=64, unique=True)
    country = models.CharField(max_length=3, blank=True, help_text="The subject's (or CRL issuer's) country")
    subject = models.CharField(max_length=500, blank=True)
    issuer = models.CharField(max_length=500, blank=True)
    serial = models.CharField(max_length=80, blank=True, help_text="Lower-case hex")
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True, help_text="notAfter, or a CRL's nextUpdate")
    source = models.CharField(max_length=500, help_text="The file it came from (and the master list's signer)")
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["country", "kind", "subject", "valid_from"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject} ({self.serial})"


class ChipVerdict(models.TextChoices):
    GENUINE = "genuine", "Genuine"
    NOT_GENUINE = "not_genuine", "Not genuine"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


class ChipRead(models.Model):
    """One reading of an ePassport chip and its passive authentication: the report (as `borderdesk chip verify`
    prints it) and the chip's face image, sealed at rest. Read by a chip reader (API) or uploaded at the booth."""

    read_at = models.DateTimeField()
    read_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    inspection = models.ForeignKey(
        "inspection.Inspection", null=True, blank=True, on_delete=models.PROTECT, related_name="chip_reads"
    )
    verdict = models.CharField(max_length=12, choices=ChipVerdict.choices)
    report = models.JSONField(default=dict)
    chip_mrz = models.CharField(max_length=90, blank=True)
    sod_sha256 = models.CharField(max_length=64, blank=True)
    face_content_type = models.CharField(max_length=20, blank=True, help_text="image/png once converted; '' none")
    face_key_id = models.CharField(max_length=20, blank=True)
    face_sealed = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["-read_at", "-pk"]
