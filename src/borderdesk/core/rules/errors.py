"""Errors of the rules core. Each carries a stable ``code`` that callers may match on, and a message for people."""

from __future__ import annotations

from dataclasses import dataclass


class RulesError(Exception):
    """Base of every error this package raises on purpose."""

    def __init__(self, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, **{k: v for k, v in self.details.items() if v is not None}}


class StayInputError(RulesError):
    """A stay history or question that cannot be answered: malformed dates, end before start, overlaps."""


class VisaMatrixError(RulesError):
    """A visa-requirement matrix that cannot be read (``line`` says where) or a code it does not know."""


class SituationError(RulesError):
    """Traveller facts that are missing or malformed (``path`` names the field)."""


class NotInForceError(RulesError):
    """The decision date lies outside the validity of the pack, of every rule, or of a value a rule needs."""


@dataclass(frozen=True, slots=True)
class PackIssue:
    """One thing wrong with a rule pack: which file, where in the document (``rules[2].legal_basis.url``), what."""

    file: str
    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '<document>'}: {self.code}: {self.message}"

    def to_dict(self) -> dict:
        return {"file": self.file, "path": self.path, "code": self.code, "message": self.message}


class PackLoadError(RulesError):
    """A rule pack that did not load. ``issues`` lists every problem found, not only the first."""

    def __init__(self, issues: list[PackIssue]) -> None:
        summary = "; ".join(str(issue) for issue in issues[:5])
        more = f" (and {len(issues) - 5} more)" if len(issues) > 5 else ""
        super().__init__("invalid_pack", f"rule pack rejected: {summary}{more}")
        self.issues = list(issues)

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "issues": [issue.to_dict() for issue in self.issues]}
