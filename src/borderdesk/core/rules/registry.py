"""Published pack versions, and which one is in force on a given day.

A pack reaches the registry only as a fully validated :class:`RulePack`, so a bad pack never replaces a good one::

    try:
        registry.publish(parse_pack(texts))   # parse_pack raises before publish runs
    except PackLoadError as error:
        show(error.issues)                     # the versions already published stay in force
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from borderdesk.core.rules.errors import NotInForceError, PackIssue, PackLoadError, RulesError
from borderdesk.core.rules.evaluate import Recommendation, evaluate_entry
from borderdesk.core.rules.loader import parse_pack
from borderdesk.core.rules.pack import RulePack
from borderdesk.core.rules.situation import Situation
from borderdesk.core.rules.visa_matrix import VisaMatrix


def validate_pack(documents: Mapping[str, str]) -> list[PackIssue]:
    """Every issue of a draft pack (empty when it would load), without raising: for review screens."""
    try:
        parse_pack(documents)
    except PackLoadError as error:
        return error.issues
    return []


class PackRegistry:
    def __init__(self) -> None:
        self._versions: dict[str, list[RulePack]] = {}

    def publish(self, pack: RulePack) -> RulePack:
        """Add a loaded pack version; ``duplicate_version`` if this id and version are already published."""
        versions = self._versions.setdefault(pack.id, [])
        if any(existing.version == pack.version for existing in versions):
            raise RulesError(
                "duplicate_version",
                f"pack {pack.id} version {pack.version} is already published",
                pack=pack.id,
                version=pack.version,
            )
        versions.append(pack)
        return pack

    def publish_documents(self, documents: Mapping[str, str]) -> RulePack:
        """Parse and publish in one step; on :class:`PackLoadError` nothing changes."""
        return self.publish(parse_pack(documents))

    def versions(self, pack_id: str) -> list[RulePack]:
        return list(self._versions.get(pack_id, []))

    def in_force(self, pack_id: str, on: date) -> RulePack:
        """The version whose validity covers ``on`` and starts latest (the last published wins a tie)."""
        candidates = [pack for pack in self._versions.get(pack_id, []) if pack.validity.covers(on)]
        if not candidates:
            raise NotInForceError(
                "no_rule_in_force",
                f"no version of pack {pack_id!r} is in force on {on.isoformat()}",
                pack=pack_id,
                date=on.isoformat(),
            )
        return max(reversed(candidates), key=lambda pack: pack.validity.valid_from)

    def evaluate(
        self, pack_id: str, situation: Situation, on: date, visa_matrix: VisaMatrix | None = None
    ) -> Recommendation:
        return evaluate_entry(self.in_force(pack_id, on), situation, on, visa_matrix)
