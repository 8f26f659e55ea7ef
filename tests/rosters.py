"""Putting an officer on shift, as a duty manager would, for tests that open booths: a booth opens only for an
officer on shift at its post (#16 rosters), so tests make a real shift through the roster's own service."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from borderdesk.apps.rosters.changes import create_shift
from borderdesk.apps.rosters.services import on_shift
from tests.actors import SETUP


def put_on_shift(officer, post, *, hours_before: int = 2, hours_after: int = 10, task: str = "booth"):
    """A shift of ``officer`` at ``post`` covering now (by default from 2 hours ago for 12 hours): the one they
    are already on, if any."""
    current = on_shift(officer, post)
    if current is not None:
        return current
    now = timezone.now().replace(microsecond=0)
    return create_shift(
        SETUP,
        post=post,
        officer=officer,
        starts_at=now - timedelta(hours=hours_before),
        ends_at=now + timedelta(hours=hours_after),
        task=task,
    )


def open_booth_on_shift(officer, booth, **kwargs):
    """``open_booth`` for an officer put on shift at the booth's post first."""
    from borderdesk.apps.inspection.services import open_booth

    put_on_shift(officer, booth.post)
    return open_booth(officer, booth, **kwargs)
