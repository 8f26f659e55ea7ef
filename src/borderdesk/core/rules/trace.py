"""Decision trace: a tree naming every rule, value and fact an evaluation used, serialisable to JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


@dataclass(slots=True)
class TraceNode:
    kind: str  # "decision", "rule", "determination", "value", "fact"
    name: str
    result: object = None
    detail: dict = field(default_factory=dict)
    children: list[TraceNode] = field(default_factory=list)

    def add(self, kind: str, name: str, result: object = None, **detail: object) -> TraceNode:
        child = TraceNode(kind, name, result, {key: value for key, value in detail.items() if value is not None})
        self.children.append(child)
        return child

    def to_dict(self) -> dict:
        node = {"kind": self.kind, "name": self.name, "result": to_json_value(self.result)}
        if self.detail:
            node["detail"] = to_json_value(self.detail)
        if self.children:
            node["children"] = [child.to_dict() for child in self.children]
        return node

    def names(self, kind: str) -> list[str]:
        """Names of every node of ``kind`` in the tree, depth first (handy for checking what was used)."""
        found = [self.name] if self.kind == kind else []
        for child in self.children:
            found.extend(child.names(kind))
        return found


# The trace's leaves are mostly these: returned at once (an Enum member of str or int is not of these types).
_PLAIN = frozenset((str, int, float, bool, type(None)))


def to_json_value(value: object) -> object:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [to_json_value(item) for item in items]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value
