"""What another context adds to the decision on a kind of application it owns the requirements of (citizenship:
a naturalisation needs its residence, its tests and the police's answer). That context registers its rules here
when it loads (its ``AppConfig.ready``); casework asks them without knowing the other context's records.

- ``check_approval(actor, case)`` raises ``Conflict`` (with a stable code) while the case may not be approved; a refusal
  is never blocked.
- ``ground_facts(case)`` gives the values of the placeholders a ground's words may hold (``{earliest_eligible_on}``),
  for the decision letter and the case's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from borderdesk.apps.casework.models import Application


@dataclass(frozen=True)
class KindRules:
    check_approval: Callable[[object, Application], None]
    ground_facts: Callable[[Application], dict[str, str]]


_RULES: dict[str, KindRules] = {}


def register(kind_id: str, rules: KindRules) -> None:
    _RULES[kind_id] = rules


def check_approval(actor, case: Application) -> None:
    rules = _RULES.get(case.kind)
    if rules is not None:
        rules.check_approval(actor, case)


def ground_text(case: Application, words: str) -> str:
    """A ground's words with the case's facts put in their placeholders."""
    rules = _RULES.get(case.kind)
    if rules is None or "{" not in words:
        return words
    for key, value in rules.ground_facts(case).items():
        words = words.replace("{" + key + "}", value)
    return words
