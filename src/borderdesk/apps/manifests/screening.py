"""Screening a stored manifest before arrival, as a batch: every counted row of the message is asked
``prearrival.what_is_known`` in chunks, each chunk stored in its own transaction with the message's progress
(``screened`` of ``screen_total``), so that the flight's page shows it as it goes. The findings replace the row's
earlier screening codes in its ``flags`` (and their details in ``reasons``): screening a message again changes
nothing that was right, and doubles nothing.

A message received through the API is screened once its transaction commits, in a background thread
(``screen_after_commit``); the command line screens before it returns.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from borderdesk.apps.accounts.actors import SystemActor
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.manifests.models import ManifestTraveller, Message
from borderdesk.apps.manifests.prearrival import REASONS, Announced, what_is_known
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction

logger = logging.getLogger(__name__)
SCREEN = Perm.SCREENING_PERSON_SCREEN
CHUNK = 100
SCREENER = SystemActor("pre-arrival screening")
PURPOSE = "pre-arrival screening"
# A screening that has not moved on for this long has stopped (a chunk of 100 rows takes about a second).
STALLED_AFTER = timedelta(minutes=5)


def announced(row: ManifestTraveller) -> Announced:
    return Announced(
        surname=row.surname,
        given_names=row.given_names,
        birth_date=row.birth_date,
        nationality=row.nationality,
        sex=row.sex,
        document_type=row.document_type,
        document_number=row.document_number,
        document_issuing_state=row.document_issuing_state,
        document_expiry=row.document_expiry,
    )


@service(SCREEN, atomic=False)
def screen_message(actor, message_id, *, progress: Callable[[int, int], None] | None = None) -> Message:
    """Screen the message's counted rows; ``progress(done, total)`` after each chunk."""
    message = Message.objects.select_related("flight__post").get(pk=pk_of(message_id, field="message"))
    rows = list(message.travellers.filter(current=True).order_by("position"))
    flight = message.flight
    post_code = flight.post.code if flight and flight.post else None
    on = flight.arrival_date if flight else timezone.now().date()
    Message.objects.filter(pk=message.pk).update(
        screen_total=len(rows), screened=0, screened_at=None, screen_touched_at=timezone.now(), screen_error=""
    )
    found = {"rows": len(rows), "flagged": 0}
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        with transaction.atomic():
            known = what_is_known(actor, [announced(r) for r in chunk], on=on, post_code=post_code, purpose=PURPOSE)
            for row, what in zip(chunk, known, strict=True):
                mine = [reason for reason in what.reasons if reason["code"] in REASONS]
                row.flags = [f for f in row.flags if f not in REASONS] + [r["code"] for r in mine]
                row.reasons = mine
                found["flagged"] += bool(mine)
            ManifestTraveller.objects.bulk_update(chunk, ["flags", "reasons"])
            Message.objects.filter(pk=message.pk).update(screened=start + len(chunk), screen_touched_at=timezone.now())
        if progress:
            progress(start + len(chunk), len(rows))
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(screened_at=timezone.now())
        record_change(actor, AuditAction.MANIFESTS_MESSAGE_SCREENED, message, new=found, post_code=post_code or "")
    message.refresh_from_db()
    return message


def screen_after_commit(message_id: int) -> None:
    """Screen the message once the transaction that stored it commits: in a background thread, or at the commit
    itself when ``BORDERDESK_MANIFEST_SCREEN_IN_BACKGROUND`` is off."""

    def start() -> None:
        if settings.BORDERDESK_MANIFEST_SCREEN_IN_BACKGROUND:
            threading.Thread(target=_screen_in_thread, args=(message_id,), name=f"screen-{message_id}").start()
        else:
            screen_message(SCREENER, message_id)

    transaction.on_commit(start)


def _screen_in_thread(message_id: int) -> None:
    close_old_connections()
    try:
        screen_message(SCREENER, message_id)
    except Exception as exc:  # a thread's failure reaches no one else: logged, and the flight page offers a retry
        logger.exception("pre-arrival screening of message %s failed", message_id)
        Message.objects.filter(pk=message_id).update(screen_error=f"stopped by an error ({type(exc).__name__})")
    finally:
        connection.close()


def stopped(message: Message, now) -> bool:
    """Whether the message's screening ended before the end: an error, or no progress for ``STALLED_AFTER`` (the
    server stopped while a thread worked, or before it began)."""
    if message.screened_at is not None:
        return False
    return bool(message.screen_error) or (message.screen_touched_at or message.received_at) < now - STALLED_AFTER
