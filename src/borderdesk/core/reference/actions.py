"""What an alert asks of the officer, and which alert outweighs which (watchlists, the register, the booth)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class AlertAction(str, Enum):
    """Declared weakest first: this order is the severity order (inform < discreet_check < refuse_entry < arrest)."""

    INFORM = "inform"
    DISCREET_CHECK = "discreet_check"
    REFUSE_ENTRY = "refuse_entry"
    ARREST = "arrest"


SEVERITY_ORDER: tuple[AlertAction, ...] = tuple(AlertAction)


def severity(action: AlertAction | str) -> int:
    """0 for the weakest action; raises ValueError for a word that is no action."""
    return SEVERITY_ORDER.index(AlertAction(action))


def strongest_action(actions: Iterable[AlertAction | str | None]) -> AlertAction | None:
    """The most severe of the actions given (empty values ignored), or None when there is none."""
    present = [AlertAction(action) for action in actions if action]
    return max(present, key=severity, default=None)
