"""Reading the roster: whether an officer is on shift at a post, and how many officers a post has rostered for
booths in each hour (the staffing table's supply side). Changing it is in ``rosters.changes``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from borderdesk.apps.rosters.models import Shift, Task


def live_shifts():
    return Shift.objects.filter(cancelled_at__isnull=True)


def on_shift(officer, post, at: datetime | None = None) -> Shift | None:
    """The officer's shift at ``post`` that covers ``at`` (now by default), if any."""
    at = at or timezone.now()
    return live_shifts().filter(officer=officer, post=post, starts_at__lte=at, ends_at__gt=at).first()


def rostered_booth_officers(post, start: datetime, hours: int) -> list[int]:
    """For each of ``hours`` hours from ``start``: officers rostered for booths at ``post`` for the whole hour."""
    end = start + timedelta(hours=hours)
    shifts = list(
        live_shifts()
        .filter(post=post, task=Task.BOOTH, starts_at__lt=end, ends_at__gt=start)
        .values_list("starts_at", "ends_at")
    )
    counts = []
    for h in range(hours):
        lo, hi = start + timedelta(hours=h), start + timedelta(hours=h + 1)
        counts.append(sum(1 for s, e in shifts if s <= lo and e >= hi))
    return counts


def duty_managers_of(post) -> list[str]:
    """The usernames of the post's duty managers (whom an officer asks to be put on the roster)."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(posts=post, is_active=True, role_grants__role="duty_manager")
        .order_by("username")
        .values_list("username", flat=True)
        .distinct()
    )
