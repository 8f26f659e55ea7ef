"""Carriers' manifests and the flights they announce.

A ``Message`` is one interchange as a carrier sent it: its bytes exactly as received (a broken one too), known by
their SHA-256 so that the same message sent twice is recognised and stored once, with what the reader found wrong,
each error at its segment. A ``Flight`` is a designator landing at an airport on a day (its local day); the parts
of a list sent in several messages join there. A ``ManifestTraveller`` is one row of one message: a row is
``current`` while its message is the latest version of its part and no earlier row of the flight names the same
person (see ``core.manifests.identity_key``), so a part sent again replaces the rows it brought, and a person listed
twice is kept but counted once. Nothing a carrier sent is deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderdesk.core.manifests import decode


class FlightStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ARRIVED = "arrived", _("Arrived")


class Flight(models.Model):
    carrier = models.CharField(max_length=3, help_text="The carrier's IATA (2) or ICAO (3) code")
    number = models.CharField(max_length=5, help_text="Digits without leading zeros, and a suffix letter")
    departure_airport = models.CharField(max_length=5, blank=True)
    departure_local = models.CharField(
        max_length=16, blank=True, help_text="YYYY-MM-DDTHH:MM on the departure airport's clock, as sent"
    )
    arrival_airport = models.CharField(max_length=5)
    post = models.ForeignKey(
        "posts.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The post whose code is the arrival airport's; none when the agency has no post there",
    )
    arrival_date = models.DateField(help_text="The day it lands, on the arrival post's clock")
    scheduled_arrival = models.DateTimeField(null=True, blank=True)
    arrived_at = models.DateTimeField(null=True, blank=True, help_text="When an officer marked it as arrived")
    arrived_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["carrier", "number", "arrival_airport", "arrival_date"], name="flight_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["post", "arrival_date"], name="flights_of_a_day_idx")]

    def __str__(self) -> str:
        return f"{self.designator} to {self.arrival_airport} on {self.arrival_date}"

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"

    @property
    def arrival_moment(self):
        """When it arrived: marked by an officer, or else as scheduled (None when no time was sent)."""
        return self.arrived_at or self.scheduled_arrival

    def status(self, now=None) -> FlightStatus:
        moment = self.arrival_moment
        arrived = moment is not None and moment <= (now or timezone.now())
        return FlightStatus.ARRIVED if arrived else FlightStatus.SCHEDULED


class Channel(models.TextChoices):
    API = "api", _("API")
    COMMAND_LINE = "cli", _("Command line")


class Message(models.Model):
    flight = models.ForeignKey(Flight, null=True, blank=True, on_delete=models.PROTECT, related_name="messages")
    raw = models.BinaryField(help_text="The bytes exactly as received")
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField()
    format = models.CharField(max_length=6, help_text="paxlst or csv")
    filename = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=3, choices=Channel.choices)
    version = models.CharField(max_length=10, blank=True)
    list_type = models.CharField(max_length=10, blank=True, help_text="passengers, crew, or blank when unknown")
    reference = models.CharField(max_length=35, blank=True, help_text="UNH's message reference number")
    part_number = models.PositiveIntegerField(null=True, blank=True)
    last_part = models.BooleanField(default=True)
    declared_count = models.PositiveIntegerField(null=True, blank=True)
    travellers_read = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, help_text="[{code, segment, message}], by segment")
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The later version of the same part of the same list",
    )
    received_at = models.DateTimeField(default=timezone.now)
    received_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_by = models.CharField(max_length=150, help_text="The account, or the command and its operator")
    screen_total = models.PositiveIntegerField(default=0, help_text="Rows to screen before arrival")
    screened = models.PositiveIntegerField(default=0, help_text="Rows screened so far (progress: screened of total)")
    screened_at = models.DateTimeField(null=True, blank=True, help_text="When its screening last finished")
    screen_touched_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When its screening last started or moved on (a stalled one is shown as stopped)",
    )
    screen_error = models.CharField(
        max_length=200, blank=True, help_text="Why its screening stopped before the end (empty: it did not)"
    )

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["flight", "list_type", "part_number"], name="message_parts_idx")]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.format}, {self.size} bytes)"

    @property
    def parts_total(self) -> int | None:
        return self.part_number if self.last_part else None

    @property
    def text(self) -> str:
        """The bytes as text, as the reader decodes them (UTF-8 if valid, else Latin-1)."""
        return decode(bytes(self.raw))


class Kind(models.TextChoices):
    PASSENGER = "passenger", _("Passenger")
    CREW = "crew", _("Crew")


class ManifestTraveller(models.Model):
    """One traveller's row in one message. ``flags`` are codes an officer should look at twice (no document, an
    expired one, one shared with another traveller, listed already), and pre-arrival screening's codes
    (``prearrival.REASONS``), whose details are in ``reasons``."""

    flight = models.ForeignKey(Flight, null=True, blank=True, on_delete=models.PROTECT, related_name="travellers")
    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="travellers")
    kind = models.CharField(max_length=9, choices=Kind.choices)
    in_transit = models.BooleanField(default=False)
    position = models.PositiveIntegerField(help_text="1 for the message's first traveller")
    segment = models.PositiveIntegerField(null=True, blank=True, help_text="The NAD's segment (a CSV: its line)")
    surname = models.CharField(max_length=100, blank=True)
    given_names = models.CharField(max_length=100, blank=True)
    sex = models.CharField(max_length=10, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=3, blank=True)
    document_type = models.CharField(max_length=5, blank=True)
    document_number = models.CharField(max_length=35, blank=True)
    document_issuing_state = models.CharField(max_length=3, blank=True)
    document_expiry = models.DateField(null=True, blank=True)
    embarkation = models.CharField(max_length=5, blank=True)
    debarkation = models.CharField(max_length=5, blank=True)
    seat = models.CharField(max_length=10, blank=True)
    reservation = models.CharField(max_length=35, blank=True)
    key = models.CharField(max_length=64, help_text="Who the row is on the flight (core.manifests.identity_key)")
    current = models.BooleanField(default=True, help_text="Counted on the flight (see the module's words)")
    flags = models.JSONField(default=list)
    reasons = models.JSONField(
        default=list, help_text="[{code, detail}]: what pre-arrival screening found (the codes are in flags too)"
    )

    class Meta:
        ordering = ["kind", "message_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["flight", "kind", "key"], condition=models.Q(current=True), name="traveller_once_per_flight"
            )
        ]
        indexes = [
            models.Index(fields=["flight", "current"], name="flight_travellers_idx"),
            models.Index(fields=["document_number"], name="manifest_document_idx"),
            models.Index(fields=["surname", "birth_date"], name="manifest_name_birth_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.position} of message {self.message_id}"

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()


class CarrierCode(models.Model):
    """A carrier code an account (the role ``carrier``) may send manifests for."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="carrier_codes")
    code = models.CharField(max_length=3)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["user", "code"], name="carrier_code_once_per_account")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.code}"


class BoardingAnswerKind(models.TextChoices):
    BOARD = "board", _("Board")
    NO_BOARD = "no_board", _("Do not board")
    CONTACT_AUTHORITY = "contact_authority", _("Contact the authority")


class BoardingCheck(models.Model):
    """A carrier's question whether one traveller may board, and the answer given: every one is kept. The sender's
    idempotency key is kept as a digest with a digest of its question, so a replay gets the first answer."""

    reference = models.CharField(max_length=20, unique=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    key_digest = models.CharField(max_length=64)
    request_digest = models.CharField(max_length=64)
    question = models.JSONField(help_text="The body as the carrier sent it, checked")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    flight = models.ForeignKey(Flight, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=17, choices=BoardingAnswerKind.choices)
    grounds = models.JSONField(default=list, help_text="What the carrier was told")
    reasons = models.JSONField(default=list, help_text="[{code, detail}]: what was known (for officers only)")
    screening_id = models.BigIntegerField(null=True, blank=True, help_text="The watchlist screening it made")

    class Meta:
        ordering = ["asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["asked_by", "key_digest"], name="boarding_check_key_once_per_sender")
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.answer}"
