"""The demo's roster at Utopia City airport (UCX): 12-hour shifts from the hour the demo is loaded, so the border
officer is on shift (and may open a booth) right away; senior officers cover the other half of the day, and the
duty manager's week shows where no one is rostered. Loaded again later, it plans again from that hour."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from django.utils import timezone

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.accounts.models import User
from borderdesk.apps.posts.models import Post
from borderdesk.apps.rosters.changes import apply_pattern, cancel_shift, create_pattern
from borderdesk.apps.rosters.models import Shift, ShiftPattern
from borderdesk.apps.rosters.services import on_shift

DAYS = 8
# (officer, which half of the day, the pattern's cycle of 8 days)
PLAN = [
    ("officer", 0, "on on on on off off off off"),
    ("senior", 12, "on on off off on on off off"),
    ("senior2", 12, "off off on on off off off off"),
]


def load_demo_rosters(progress) -> None:
    post = Post.objects.get(code="UCX")
    officer = User.objects.get(username="officer")
    if on_shift(officer, post) is not None:
        return
    now = timezone.now()
    for shift in Shift.objects.filter(
        post=post,
        officer__username__in=[name for name, _, _ in PLAN],
        cancelled_at__isnull=True,
        ends_at__gt=now - timedelta(days=8),
    ):
        cancel_shift(DEMO, shift)  # plan afresh from this hour (the rest and 7-day rules count recent shifts)
    today = post.local_date(now)
    hour = timezone.localtime(now, zoneinfo.ZoneInfo(post.time_zone)).hour
    for username, half, days in PLAN:
        start = (hour + half) % 24
        cycle = ", ".join(f"{start:02d}:00 12h 60m" if day == "on" else "off" for day in days.split())
        name = f"Demo {username}: 12 hours from {start:02d}:00"
        pattern = ShiftPattern.objects.filter(post=post, name=name).first()
        if pattern is None:
            pattern = create_pattern(DEMO, post=post, name=name, days=cycle)
        apply_pattern(
            DEMO,
            pattern,
            officers=[(User.objects.get(username=username), 0)],
            first_day=today,
            last_day=today + timedelta(days=DAYS - 1),
        )
        progress(f"  roster: {username} at UCX, 12-hour shifts from {start:02d}:00")
