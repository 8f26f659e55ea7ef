"""Patrol sectors (a post of kind ``patrol_sector``, or a land crossing's stretch of border, with its boundary),
units, patrols with their crew, and the positions a patrol reports. Coordinates are WGS 84 degrees."""

from django.conf import settings
from django.db import models


class Terrain(models.TextChoices):
    LAND = "land", "Land"
    SEA = "sea", "Sea"


class Sector(models.Model):
    """The area a post patrols. ``boundary`` is a closed ring of ``[latitude, longitude]`` pairs (first point not
    repeated), checked by ``core.patrols`` when saved."""

    post = models.OneToOneField("posts.Post", on_delete=models.PROTECT, related_name="sector")
    terrain = models.CharField(max_length=4, choices=Terrain.choices)
    boundary = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Sector {self.post.code}"


class UnitKind(models.TextChoices):
    FOOT = "foot", "Foot patrol"
    VEHICLE = "vehicle", "Vehicle"
    BOAT = "boat", "Boat"
    PARTNER_VESSEL = "partner_vessel", "Partner's vessel (coast guard)"


class Unit(models.Model):
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="units")
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    call_sign = models.CharField(max_length=40)
    name = models.CharField(max_length=120, blank=True)
    # A coast-guard vessel or another agency's unit working with ours.
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["call_sign"]
        constraints = [models.UniqueConstraint(fields=["sector", "call_sign"], name="unit_call_sign_once_per_sector")]

    def __str__(self) -> str:
        return self.call_sign


class Patrol(models.Model):
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="patrols")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="patrols")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    tasking = models.CharField(max_length=300, blank=True, help_text="What the patrol was sent to do.")
    remarks = models.TextField(blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["sector", "started_at"], name="patrol_sector_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gt=models.F("started_at")),
                name="patrol_ends_after_start",
            ),
            # A unit is on one patrol at a time (two officers starting one at once: one stands).
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(ended_at__isnull=True), name="one_open_patrol_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"Patrol {self.pk} ({self.unit})"


class CrewMember(models.Model):
    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="crew")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=60, blank=True, help_text="e.g. commander, coxswain, driver")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["patrol", "officer"], name="crew_member_once")]


class PositionSource(models.TextChoices):
    FORM = "form", "Typed by the crew"
    PASTED = "pasted", "Pasted by the crew"
    TRACKER = "tracker", "The unit's tracker"


class Position(models.Model):
    """Where the patrol was: reported by the crew or the unit's tracker. Never edited: a wrong one is withdrawn.

    A tracker's idempotency key is kept as a digest with a digest of its request, so a replay gets the first answer
    and nothing is stored twice."""

    patrol = models.ForeignKey(Patrol, on_delete=models.PROTECT, related_name="positions")
    at = models.DateTimeField()
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=10, decimal_places=6)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=PositionSource.choices, default=PositionSource.FORM)
    key_digest = models.CharField(max_length=64, blank=True)
    request_digest = models.CharField(max_length=64, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at"]
        indexes = [models.Index(fields=["patrol", "at"], name="position_patrol_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["patrol", "at"], condition=models.Q(withdrawn_at__isnull=True), name="position_once_per_moment"
            ),
            models.UniqueConstraint(
                fields=["reported_by", "key_digest"],
                condition=~models.Q(key_digest=""),
                name="position_key_once_per_sender",
            ),
            models.CheckConstraint(condition=models.Q(latitude__gte=-90, latitude__lte=90), name="position_latitude"),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180), name="position_longitude"
            ),
        ]
