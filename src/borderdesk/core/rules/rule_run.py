"""One rule applied to one situation: the facts it read, the values it used, and what it found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from borderdesk.core.rules.pack import Rule, RulePack
from borderdesk.core.rules.situation import Situation
from borderdesk.core.rules.trace import TraceNode
from borderdesk.core.rules.visa_matrix import VisaMatrix

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Context:
    pack: RulePack
    situation: Situation
    day: date
    matrix: VisaMatrix | None = None


@dataclass(slots=True)
class AdmitLimit:
    day: date
    reason: str  # the reason code given when this limit cuts the planned stay short


@dataclass(slots=True)
class RuleRun:
    """Collects a rule's findings; ``failures`` are check failures that map to refusal grounds."""

    rule: Rule
    context: Context
    node: TraceNode
    failures: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    referrals: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    limits: list[AdmitLimit] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @classmethod
    def start(cls, rule: Rule, context: Context, parent: TraceNode) -> RuleRun:
        node = parent.add(
            "rule",
            rule.id,
            check=rule.check,
            title=rule.title,
            validity=rule.validity.to_dict(),
            legal_basis=rule.legal_basis.to_dict(),
        )
        return cls(rule, context, node)

    def fact(self, name: str, value: T) -> T:
        self.node.add("fact", name, value)
        return value

    def value(self, name: str) -> Any:  # the loader checked it against the check's spec; its type is the spec's
        dated = self.rule.value(name, self.context.day)
        self.node.add(
            "value", name, dated.value, validity=dated.validity.to_dict(), legal_basis=dated.legal_basis.to_dict()
        )
        return dated.value

    def fail(self, failure: str, reason: str) -> None:
        self.failures.append(failure)
        self.reasons.append(reason)

    def refer(self, reason: str) -> None:
        self.referrals.append(reason)
        self.reasons.append(reason)

    def condition(self, reason: str) -> None:
        self.conditions.append(reason)
        self.reasons.append(reason)

    def note(self, reason: str) -> None:
        self.reasons.append(reason)

    def limit(self, day: date, reason: str) -> None:
        self.limits.append(AdmitLimit(day, reason))
        self.node.add("fact", f"admit_limit.{reason}", day)

    @property
    def status(self) -> str:
        if self.failures:
            return "fail"
        if self.referrals:
            return "refer"
        if self.conditions:
            return "condition"
        return "pass"

    def finish(self) -> RuleRun:
        self.node.result = self.status
        if self.reasons:
            self.node.detail["reasons"] = list(self.reasons)
        if self.failures:
            self.node.detail["refusal_grounds"] = [self.rule.grounds[failure] for failure in self.failures]
        return self
