"""Entry-condition evaluation: a recommendation, never a decision.

:func:`evaluate_entry` runs every rule of the pack in force on the decision date against a traveller's situation
and returns a :class:`Recommendation`: the outcome, the refusal grounds that support a refusal (if any), reason
codes, the date until which the traveller may be admitted, days of stay used and left, and a trace tree naming
every rule, value and fact used. A recorded decision stores ``pack_id``, ``pack_version`` and the trace.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TypeVar

from borderdesk.core.rules.entry_checks import RUN_BY_OTHER_CHECKS, RUNNERS
from borderdesk.core.rules.errors import SituationError
from borderdesk.core.rules.pack import RefusalGround, Rule, RulePack
from borderdesk.core.rules.rule_run import AdmitLimit, Context, RuleRun
from borderdesk.core.rules.situation import Situation
from borderdesk.core.rules.stay import StayResult
from borderdesk.core.rules.trace import TraceNode, to_json_value
from borderdesk.core.rules.visa_matrix import VisaMatrix


class Outcome(str, Enum):
    """Ordered from mildest to strongest; the strongest any rule reaches is the recommendation."""

    ADMIT = "admit"
    ADMIT_WITH_CONDITIONS = "admit_with_conditions"
    REFER_TO_SECONDARY = "refer_to_secondary"
    REFUSE_RECOMMENDED = "refuse_recommended"


_SEVERITY = list(Outcome)
T = TypeVar("T")


@dataclass(slots=True)
class Recommendation:
    pack_id: str
    pack_version: str
    decision_date: date
    outcome: Outcome
    refusal_grounds: list[RefusalGround]
    reasons: list[str]
    conditions: list[str]
    admit_until: date | None
    stay: StayResult | None
    trace: TraceNode
    details: dict = field(default_factory=dict)

    @property
    def days_used(self) -> int | None:
        return self.stay.days_used if self.stay else None

    @property
    def days_left(self) -> int | None:
        return self.stay.days_remaining if self.stay else None

    def to_dict(self) -> dict:
        return {
            "pack": {"id": self.pack_id, "version": self.pack_version},
            "date": self.decision_date.isoformat(),
            "outcome": self.outcome.value,
            "advisory": True,  # rules recommend; the officer decides
            "refusal_grounds": [ground.to_dict() for ground in self.refusal_grounds],
            "reasons": self.reasons,
            "conditions": self.conditions,
            "admit_until": self.admit_until.isoformat() if self.admit_until else None,
            "days_used": self.days_used,
            "days_left": self.days_left,
            "details": to_json_value(self.details),
            "trace": self.trace.to_dict(),
        }


def evaluate_entry(
    pack: RulePack, situation: Situation, on: date, visa_matrix: VisaMatrix | None = None
) -> Recommendation:
    """Recommend what to do with ``situation`` at the border on ``on`` under ``pack``.

    Raises :class:`NotInForceError` (``no_rule_in_force`` / ``no_value_in_force``) when ``on`` is outside the
    pack's rules, :class:`SituationError` for impossible facts, :class:`VisaMatrixError` for unknown nationalities.
    """
    if situation.planned_departure < on:
        raise SituationError(
            "departure_before_entry", "planned_departure is before the date of entry", path="planned_departure"
        )
    rules = pack.rules_in_force(on)
    root = TraceNode("decision", "entry", detail={"pack": pack.id, "version": pack.version, "date": on.isoformat()})
    context = Context(pack, situation, on, visa_matrix)
    own_national = situation.nationality == pack.jurisdiction
    if own_national:
        root.add("fact", "own_national", True, note=OWN_NATIONAL_NOTE)
    runs = [
        _run(rule, context, root)
        for rule in rules
        if rule.check not in RUN_BY_OTHER_CHECKS and (not own_national or rule.check in OWN_NATIONAL_CHECKS)
    ]
    if own_national:
        _no_refusal_of_own_nationals(runs)
    recommendation = _combine(pack, situation, on, runs, root)
    if own_national:
        recommendation.reasons.insert(0, "own_national")
        recommendation.admit_until = None  # a national stays as long as they like
        recommendation.conditions = [c for c in recommendation.conditions if c != "planned_departure"]
    root.result = recommendation.outcome.value
    return recommendation


# A state may not refuse its own nationals entry (ICCPR art. 12(4)); only a watchlist alert (an arrest warrant,
# say) still concerns them, and it sends them to secondary inspection instead of recommending refusal.
OWN_NATIONAL_CHECKS = frozenset({"watchlist"})
OWN_NATIONAL_NOTE = "a national of the pack's jurisdiction: right of entry, no visa or stay rules apply"


def _no_refusal_of_own_nationals(runs: list[RuleRun]) -> None:
    for run in runs:
        run.referrals.extend(run.failures)
        run.failures.clear()


def _run(rule: Rule, context: Context, root: TraceNode) -> RuleRun:
    run = RuleRun.start(rule, context, root)
    RUNNERS[rule.check](run)
    return run.finish()


def _combine(pack: RulePack, situation: Situation, on: date, runs: list[RuleRun], root: TraceNode) -> Recommendation:
    reasons = _unique(reason for run in runs for reason in run.reasons)
    conditions = _unique(condition for run in runs for condition in run.conditions)
    grounds = _unique(run.rule.grounds[failure] for run in runs for failure in run.failures)
    limits = [AdmitLimit(situation.planned_departure, "planned_departure")]
    limits += [limit for run in runs for limit in run.limits]
    binding = min(limits, key=lambda limit: limit.day)
    if binding.day < situation.planned_departure:
        conditions.append(binding.reason)
        reasons.append(binding.reason)
    outcome = _outcome(runs, conditions)
    details = {key: value for run in runs for key, value in run.extra.items()}
    return Recommendation(
        pack_id=pack.id,
        pack_version=pack.version,
        decision_date=on,
        outcome=outcome,
        refusal_grounds=[pack.ground(code) for code in grounds],
        reasons=reasons,
        conditions=conditions,
        admit_until=None if outcome is Outcome.REFUSE_RECOMMENDED else binding.day,
        stay=details.pop("stay", None),
        trace=root,
        details=details,
    )


def _outcome(runs: list[RuleRun], conditions: list[str]) -> Outcome:
    outcome = Outcome.ADMIT_WITH_CONDITIONS if conditions else Outcome.ADMIT
    for run in runs:
        if run.failures:
            candidate = Outcome.REFUSE_RECOMMENDED
        elif run.referrals:
            candidate = Outcome.REFER_TO_SECONDARY
        else:
            continue
        outcome = max(outcome, candidate, key=_SEVERITY.index)
    return outcome


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))
