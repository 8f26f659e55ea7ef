"""The residence requirements in force on a day, by kind of application, from the dated rule pack
``requirements.yaml`` (package data): each kind a list of versions, each with the day it took effect, its limits
and its legal basis. The version that applies on a day is the last one in effect by then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml

from borderdesk.core.residence.assessment import Requirement
from borderdesk.core.residence.errors import ResidenceError


@dataclass(frozen=True)
class LegalBasis:
    instrument: str
    article: str
    url: str
    text: str


@dataclass(frozen=True)
class DatedRequirement:
    kind: str
    effective_from: date
    requirement: Requirement
    legal_basis: LegalBasis


def requirement_on(kind: str, on: date) -> DatedRequirement:
    """The version of ``kind`` in effect on ``on``; ResidenceError ``no_requirement`` for an unknown kind or a day
    before its first version."""
    versions = bundled_requirements().get(kind)
    if not versions:
        known = ", ".join(sorted(bundled_requirements()))
        raise ResidenceError("no_requirement", f"no residence requirement of the kind {kind!r} (known: {known})")
    in_effect = [version for version in versions if version.effective_from <= on]
    if not in_effect:
        raise ResidenceError(
            "no_requirement",
            f"no residence requirement for {kind} was in effect on {on.isoformat()}: the first took effect on "
            f"{versions[0].effective_from.isoformat()}",
        )
    return in_effect[-1]


def requirement_kinds() -> tuple[str, ...]:
    return tuple(sorted(bundled_requirements()))


@cache
def bundled_requirements() -> dict[str, tuple[DatedRequirement, ...]]:
    text = (resources.files("borderdesk.core.residence") / "requirements.yaml").read_text(encoding="utf-8")
    return load_requirements(text)


def load_requirements(text: str) -> dict[str, tuple[DatedRequirement, ...]]:
    """Every kind's versions, oldest first; ResidenceError ``invalid_requirements`` naming the first bad field."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError:
        raise _invalid("", "not valid YAML") from None
    if not isinstance(document, dict):
        raise _invalid("", "a mapping of kinds to lists of versions is expected")
    return {str(kind): _versions(str(kind), versions) for kind, versions in document.items()}


def _versions(kind: str, versions: object) -> tuple[DatedRequirement, ...]:
    if not isinstance(versions, list) or not versions:
        raise _invalid(kind, "a non-empty list of versions is expected")
    parsed = [_version(kind, f"{kind}[{index}]", version) for index, version in enumerate(versions)]
    days = [version.effective_from for version in parsed]
    if days != sorted(set(days)):
        raise _invalid(kind, "versions must be in order of effective_from, each on its own day")
    return tuple(parsed)


def _version(kind: str, where: str, version: object) -> DatedRequirement:
    if not isinstance(version, dict):
        raise _invalid(where, "a mapping is expected")
    effective_from = version.get("effective_from")
    if not isinstance(effective_from, date):
        raise _invalid(f"{where}.effective_from", "a date is expected")
    limits = version.get("requirement")
    if not isinstance(limits, dict):
        raise _invalid(f"{where}.requirement", "a mapping of limits is expected")
    try:
        requirement = Requirement(**limits)
    except (TypeError, ResidenceError) as exc:
        raise _invalid(f"{where}.requirement", str(exc)) from None
    basis = version.get("legal_basis")
    fields = ("instrument", "article", "url", "text")
    if not isinstance(basis, dict) or not all(isinstance(basis.get(name), str) and basis[name] for name in fields):
        raise _invalid(f"{where}.legal_basis", f"{', '.join(fields)} are required")
    return DatedRequirement(kind, effective_from, requirement, LegalBasis(*(basis[name].strip() for name in fields)))


def _invalid(where: str, message: str) -> ResidenceError:
    return ResidenceError("invalid_requirements", f"requirements.yaml: {where or '<document>'}: {message}")
