"""A carrier's board-check: board, do not board, or contact the authority, from the codes of what is known about the
traveller before arrival (the application's ``manifests.prearrival`` finds them).

Do not board only on clear grounds a carrier can act on (no document, one expired or reported lost or stolen, a
visa or authorisation needed and none on record, a nationality the rules admit not) or on a watchlist hit whose
action is to refuse entry; any other hit, and any possible match, is for the authority to look at. What the carrier
is told names the document and visa grounds only: a watchlist is never named (``NOT_ADMISSIBLE`` says no more).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

BOARD, NO_BOARD, CONTACT_AUTHORITY = "board", "no_board", "contact_authority"
ANSWERS = (BOARD, NO_BOARD, CONTACT_AUTHORITY)
REFUSE_ENTRY = "refuse_entry"
NOT_ADMISSIBLE = "not_admissible"
# A reason's code -> what the carrier is told of it.
CLEAR_GROUNDS = {
    "no_document": "document_missing",
    "document_expired": "document_expired",
    "lost_stolen_document": "document_not_valid",
    "visa_required_none_on_record": "visa_required",
    "no_admission": "visa_required",
}
WATCHLIST_HIT, WATCHLIST_POSSIBLE = "watchlist_hit", "watchlist_possible"


@dataclass(frozen=True)
class BoardingAnswer:
    answer: str
    grounds: tuple[str, ...]  # what the carrier may be told, sorted


def boarding_answer(codes: Iterable[str], watchlist_action: str | None) -> BoardingAnswer:
    found = set(codes)
    grounds = {CLEAR_GROUNDS[code] for code in found if code in CLEAR_GROUNDS}
    if WATCHLIST_HIT in found and watchlist_action == REFUSE_ENTRY:
        grounds.add(NOT_ADMISSIBLE)
    if grounds:
        return BoardingAnswer(NO_BOARD, tuple(sorted(grounds)))
    if found & {WATCHLIST_HIT, WATCHLIST_POSSIBLE}:
        return BoardingAnswer(CONTACT_AUTHORITY, ())
    return BoardingAnswer(BOARD, ())
