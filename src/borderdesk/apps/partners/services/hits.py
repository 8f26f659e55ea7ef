"""A confirmed watchlist hit whose listed action is to inform the list's owner or to arrest alerts the partners
that own the list (EU SIS: a hit is reported to the issuing authority), once per match."""

from __future__ import annotations

from borderdesk.apps.common.services import service
from borderdesk.apps.partners.models import Alert, Partner
from borderdesk.apps.partners.services.outbox import queue_alert
from borderdesk.core.access import Perm

ALERTED_ACTIONS = frozenset({"inform", "arrest"})


def _screening_post(match, *_, **__) -> str:
    return match.screening.post_code


def list_owners(list_name: str) -> list[Partner]:
    return [partner for partner in Partner.objects.filter(is_active=True) if list_name in (partner.watchlists or [])]


@service(Perm.SCREENING_MATCH_ADJUDICATE, post=_screening_post)
def alert_list_owners(actor, match) -> list[Alert]:
    """Called in the transaction that confirms ``match`` (a ``ScreeningMatch``) as a true hit: an alert
    ``watchlist.hit`` for each active partner owning its list, when the listed action is inform or arrest. The
    owner learns what it needs to act: the list and entry, where and when, the action, the officer's verdict, and
    the person as screened (it asked to be told when this person is met)."""
    if match.action not in ALERTED_ACTIONS:
        return []
    screening = match.screening
    person = screening.query or {}
    payload = {
        "list": match.list_name,
        "entry_id": match.entry_id,
        "post": screening.post_code,
        "screened_at": screening.screened_at.isoformat(),
        "confirmed_at": match.adjudicated_at.isoformat() if match.adjudicated_at else None,
        "action": match.action,
        "verdict": match.verdict,
        "verdict_reason": match.verdict_reason,
        "person": {key: person.get(key, "") for key in ("name", "birth_date", "document_number")},
    }
    return [
        queue_alert(actor, partner, "watchlist.hit", payload, key=f"watchlist.hit:{match.pk}:{partner.pk}")
        for partner in list_owners(match.list_name)
    ]
