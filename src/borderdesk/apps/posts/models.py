from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not an IANA time zone (e.g. Europe/Berlin)", code="invalid_time_zone")


class PostKind(models.TextChoices):
    AIRPORT = "airport", _("Airport")
    SEAPORT = "seaport", _("Seaport")
    LAND_CROSSING = "land_crossing", _("Land crossing")
    CONSULATE = "consulate", _("Consulate")
    EMBASSY = "embassy", _("Embassy")
    INLAND_OFFICE = "inland_office", _("In-country immigration office")
    PATROL_SECTOR = "patrol_sector", _("Patrol sector")


PORT_KINDS = {PostKind.AIRPORT, PostKind.SEAPORT, PostKind.LAND_CROSSING}


class Post(models.Model):
    """A place where the agency works. Codes follow IATA (airports) or UN/LOCODE (other places) style."""

    code = models.CharField(
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]{3,10}$", "3 to 10 capital letters or digits, e.g. UCX or UTPRT")],
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PostKind.choices)
    country = models.CharField(
        max_length=3, validators=[RegexValidator(r"^[A-Z]{3}$", "ISO 3166-1 alpha-3 code, e.g. UTO")]
    )
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_port(self) -> bool:
        return self.kind in PORT_KINDS

    def local_date(self, moment=None):
        """The date at the post at ``moment`` (now by default): a consulate abroad may be a day ahead of
        headquarters, and its deadlines, queues and letters count in its own days."""
        return timezone.localtime(moment or timezone.now(), zoneinfo.ZoneInfo(self.time_zone)).date()


class Direction(models.TextChoices):
    ENTRY = "entry", _("Entry")
    EXIT = "exit", _("Exit")
    BOTH = "both", _("Entry and exit")


class Lane(models.TextChoices):
    ALL = "all", _("All passports")
    NATIONALS = "nationals", _("Own nationals")
    VISA_EXEMPT = "visa_exempt", _("Visa-exempt nationals")
    VISA_REQUIRED = "visa_required", _("Visa holders")
    CREW = "crew", _("Crew")
    DIPLOMATIC = "diplomatic", _("Diplomatic")
    EGATE = "egate", _("E-gate")


class Booth(models.Model):
    """A desk at a port where an officer inspects travellers."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="booths")
    code = models.CharField(max_length=10, validators=[RegexValidator(r"^[A-Z0-9-]{1,10}$")])
    name = models.CharField(max_length=100, blank=True)
    direction = models.CharField(max_length=5, choices=Direction.choices, default=Direction.BOTH)
    lane = models.CharField(max_length=20, choices=Lane.choices, default=Lane.ALL)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["post__code", "code"]
        constraints = [models.UniqueConstraint(fields=["post", "code"], name="booth_code_unique_per_post")]

    def __str__(self) -> str:
        return f"{self.post.code} booth {self.code}"
