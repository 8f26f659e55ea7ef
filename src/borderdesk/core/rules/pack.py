"""What a rule pack is once loaded: dated rules and values, each with its legal basis.

Objects here are immutable; :mod:`borderdesk.core.rules.loader` builds them from YAML and checks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from borderdesk.core.rules.errors import NotInForceError, VisaMatrixError
from borderdesk.core.rules.visa_matrix import Requirement, VisaMatrix, VisaRequirement


@dataclass(frozen=True, slots=True)
class LegalBasis:
    instrument: str
    article: str
    url: str
    text: str = ""

    def to_dict(self) -> dict:
        result = {"instrument": self.instrument, "article": self.article, "url": self.url}
        if self.text:
            result["text"] = self.text
        return result


@dataclass(frozen=True, slots=True)
class Validity:
    """From ``valid_from`` to ``valid_to``, both included; ``valid_to=None`` means until further notice."""

    valid_from: date
    valid_to: date | None = None

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, other: Validity) -> bool:
        starts_before_other_ends = other.valid_to is None or self.valid_from <= other.valid_to
        ends_after_other_starts = self.valid_to is None or other.valid_from <= self.valid_to
        return starts_before_other_ends and ends_after_other_starts

    def to_dict(self) -> dict:
        return {
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }


@dataclass(frozen=True, slots=True)
class DatedValue:
    value: object
    validity: Validity
    legal_basis: LegalBasis


@dataclass(frozen=True, slots=True)
class Parameter:
    """A value that changes over time, e.g. the daily amount of means of subsistence."""

    name: str
    values: tuple[DatedValue, ...]

    def on(self, day: date) -> DatedValue:
        for dated in self.values:
            if dated.validity.covers(day):
                return dated
        raise NotInForceError(
            "no_value_in_force",
            f"parameter {self.name} has no value in force on {day.isoformat()}",
            parameter=self.name,
            date=day.isoformat(),
        )


@dataclass(frozen=True, slots=True)
class RefusalGround:
    code: str
    title: str
    text: str
    legal_basis: LegalBasis

    def to_dict(self) -> dict:
        return {"code": self.code, "title": self.title, "text": self.text, "legal_basis": self.legal_basis.to_dict()}


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: a built-in ``check`` (see :data:`borderdesk.core.rules.checks.CHECKS`) with its dated parameters,
    and the refusal ground that each of the check's failures maps to in this pack's catalogue."""

    id: str
    check: str
    title: str
    validity: Validity
    legal_basis: LegalBasis
    grounds: Mapping[str, str] = field(default_factory=dict)
    parameters: Mapping[str, Parameter] = field(default_factory=dict)

    def value(self, name: str, day: date) -> DatedValue:
        return self.parameters[name].on(day)


@dataclass(frozen=True, slots=True)
class VisaGroup:
    """Nationalities that share one requirement during one period (e.g. visa-free for 90 days)."""

    id: str
    requirement: VisaRequirement
    validity: Validity
    legal_basis: LegalBasis
    nationalities: frozenset[str]


@dataclass(frozen=True, slots=True)
class VisaDetermination:
    requirement: VisaRequirement
    source: str  # the group id, "default", or the matrix's source name
    legal_basis: LegalBasis

    def to_dict(self) -> dict:
        return {**self.requirement.to_dict(), "source": self.source, "legal_basis": self.legal_basis.to_dict()}


@dataclass(frozen=True, slots=True)
class VisaPolicy:
    """Who needs what to enter ``destination``: the pack's own dated lists, or an imported matrix."""

    source: str  # "lists" or "matrix"
    destination: str
    legal_basis: LegalBasis
    groups: tuple[VisaGroup, ...] = ()
    default: VisaRequirement | None = None
    known_nationalities: frozenset[str] = frozenset()

    def determine(self, nationality: str, day: date, matrix: VisaMatrix | None = None) -> VisaDetermination:
        if self.source == "matrix":
            return self._from_matrix(nationality, matrix)
        if nationality not in self.known_nationalities:
            raise VisaMatrixError(
                "unknown_nationality", f"{nationality!r} is not a known nationality code", nationality=nationality
            )
        for group in self.groups:
            if nationality in group.nationalities and group.validity.covers(day):
                return VisaDetermination(group.requirement, group.id, group.legal_basis)
        if self.default is None:
            raise NotInForceError(
                "no_value_in_force",
                f"no visa rule for {nationality} on {day.isoformat()}",
                nationality=nationality,
                date=day.isoformat(),
            )
        return VisaDetermination(self.default, "default", self.legal_basis)

    def _from_matrix(self, nationality: str, matrix: VisaMatrix | None) -> VisaDetermination:
        if matrix is None:
            raise VisaMatrixError(
                "visa_matrix_required",
                f"this pack takes visa requirements from an imported matrix for {self.destination}",
            )
        if nationality == self.destination:
            return VisaDetermination(VisaRequirement(Requirement.OWN_COUNTRY), matrix.source, self.legal_basis)
        return VisaDetermination(matrix.requirement(nationality, self.destination), matrix.source, self.legal_basis)


@dataclass(frozen=True, slots=True)
class RulePack:
    id: str
    version: str
    title: str
    jurisdiction: str
    validity: Validity
    rules: tuple[Rule, ...]
    refusal_grounds: Mapping[str, RefusalGround]
    visa_policy: VisaPolicy
    description: str = ""

    def rules_in_force(self, day: date) -> tuple[Rule, ...]:
        """Rules valid on ``day``; ``no_rule_in_force`` when the day lies outside the pack or every rule."""
        if not self.validity.covers(day):
            raise NotInForceError(
                "no_rule_in_force",
                f"pack {self.id} {self.version} is not in force on {day.isoformat()} "
                f"(valid {_describe(self.validity)})",
                pack=self.id,
                date=day.isoformat(),
            )
        in_force = tuple(rule for rule in self.rules if rule.validity.covers(day))
        if not in_force:
            raise NotInForceError(
                "no_rule_in_force",
                f"no rule of pack {self.id} is in force on {day.isoformat()}",
                pack=self.id,
                date=day.isoformat(),
            )
        return in_force

    def rule_for_check(self, check: str, day: date) -> Rule | None:
        return next((rule for rule in self.rules if rule.check == check and rule.validity.covers(day)), None)

    def ground(self, code: str) -> RefusalGround:
        return self.refusal_grounds[code]


def _describe(validity: Validity) -> str:
    return f"from {validity.valid_from.isoformat()}" + (
        f" to {validity.valid_to.isoformat()}" if validity.valid_to else ""
    )
