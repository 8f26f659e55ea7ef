"""Rosters: who works where and when. A shift is one officer's time at one post; the roster of a post is its
shifts. Booths may only be opened by an officer on shift at that post, and the duty manager's staffing table
counts the shifts against the booths needed."""

from django.conf import settings
from django.db import models


class Task(models.TextChoices):
    BOOTH = "booth", "Passport control (booth)"
    SECONDARY = "secondary", "Secondary inspection"
    SUPERVISION = "supervision", "Supervision"


class Shift(models.Model):
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shifts")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    break_minutes = models.PositiveSmallIntegerField(default=0)
    task = models.CharField(max_length=12, choices=Task.choices, default=Task.BOOTH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["post", "starts_at"], name="shift_post_start"),
            models.Index(fields=["officer", "starts_at"], name="shift_officer_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.officer} at {self.post_id} {self.starts_at:%Y-%m-%d %H:%M}-{self.ends_at:%H:%M}"


class ShiftPattern(models.Model):
    """A post's cycle of days, each a shift or a day off, written as ``core.rosters.patterns`` reads it."""

    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="shift_patterns")
    name = models.CharField(max_length=80)
    days = models.TextField(help_text="e.g. 07:00 12h 60m, 19:00 12h 60m, off, off")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["post", "name"], name="pattern_name_once_per_post")]

    def __str__(self) -> str:
        return f"{self.name} ({self.post_id})"


class LeaveStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class Leave(models.Model):
    """Days off an officer asks for (local days of the post, both included); a duty manager of the post approves.
    Approved leave cancels the officer's shifts in it and keeps them off the roster."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="leave")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="leave")
    first_day = models.DateField()
    last_day = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.REQUESTED)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")), name="leave_in_order")
        ]


class SwapStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed, waiting for the colleague"
    ACCEPTED = "accepted", "Accepted, waiting for the duty manager"
    APPROVED = "approved", "Approved: the shifts are swapped"
    DECLINED = "declined", "Declined by the colleague"
    REFUSED = "refused", "Refused by the duty manager"


class Swap(models.Model):
    """One officer's shift for a colleague's, at one post: proposed, accepted by the colleague, approved by a duty
    manager of the post; only then do the two shifts change officers (both at once)."""

    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="swaps")
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="swaps_proposed")
    colleague = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="swaps_asked")
    proposer_shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="+")
    colleague_shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=SwapStatus.choices, default=SwapStatus.PROPOSED)
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]


class CalendarFeed(models.Model):
    """The secret address of an officer's calendar feed: only its SHA-256 digest is kept; the address is shown
    when made, and making a new one ends the old."""

    officer = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)
