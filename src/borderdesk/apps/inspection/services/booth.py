"""Booth sessions: an officer opens a booth (signs in at it for a direction), closes it, and the session they
are in now."""

from __future__ import annotations

from django.utils import timezone

from borderdesk.apps.audit.services import record_change
from borderdesk.apps.briefings.services import require_acknowledged
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import service, unchecked_service
from borderdesk.apps.inspection.models import BoothSession
from borderdesk.apps.posts.models import Booth
from borderdesk.apps.posts.models import Direction as BoothDirection
from borderdesk.apps.rosters.services import duty_managers_of, on_shift
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction


@service(Perm.BORDER_INSPECTION_DECIDE, post=lambda booth, **_: booth.post.code)
def open_booth(officer, booth: Booth, *, direction: str | None = None) -> BoothSession:
    direction = direction or (booth.direction if booth.direction != BoothDirection.BOTH else "entry")
    if booth.direction != BoothDirection.BOTH and direction != booth.direction:
        raise Invalid(f"Booth {booth.code} is an {booth.direction} booth.", code="wrong_direction")
    current = current_session(officer)
    if current is not None:
        if current.booth_id == booth.pk and current.direction == direction:
            return current
        close_booth(officer)
    if BoothSession.objects.filter(booth=booth, ended_at__isnull=True).exists():
        raise Conflict(f"Another officer is signed in at booth {booth.code}.", code="booth_taken")
    _require_on_shift(officer, booth)
    require_acknowledged(officer, booth.post)  # #16: the briefings in force for the officer there, read first
    session = BoothSession.objects.create(officer=officer, booth=booth, direction=direction)
    record_change(
        officer,
        AuditAction.INSPECTION_BOOTH_OPEN,
        session,
        new={"booth": str(booth), "direction": direction},
        post_code=booth.post.code,
    )
    return session


def _require_on_shift(officer, booth: Booth) -> None:
    """Only an officer on shift at the booth's post opens it (#16: rosters): the roster says who is at work."""
    if on_shift(officer, booth.post) is not None:
        return
    managers = ", ".join(duty_managers_of(booth.post)) or "the duty manager"
    raise Conflict(
        f"You are not on shift at {booth.post.code} now, so booth {booth.code} cannot be opened. "
        f"Ask {managers} to put you on the roster (your shifts are under My schedule).",
        code="not_on_shift",
    )


@unchecked_service
def close_booth(officer) -> None:
    session = current_session(officer)
    if session is None:
        return
    session.ended_at = timezone.now()
    session.save(update_fields=["ended_at"])
    record_change(
        officer,
        AuditAction.INSPECTION_BOOTH_CLOSE,
        session,
        new={"booth": str(session.booth)},
        post_code=session.booth.post.code,
    )


def has_open_booth(user) -> bool:
    """Whether ``user`` is signed in at a booth now (their own sessions only: no one else's is read)."""
    return BoothSession.objects.filter(officer=user, ended_at__isnull=True).exists()


def current_session(officer) -> BoothSession | None:
    return BoothSession.objects.select_related("booth__post").filter(officer=officer, ended_at__isnull=True).first()
