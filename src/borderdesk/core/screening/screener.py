"""Screening people against several watchlists held in memory at once.

screener = Screener([("un", entry), ("ofac", other)], configs={"un": ListConfig(hit=0.9, possible=0.75)})
matches = screener.screen(Query(name="Eric Badege", birth_date=PartialDate(1971)))
results = screener.screen_batch(queries)        # one ScreenResult per query, errors included
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .index import IndexedEntry, MatchIndex
from .model import ListEntry, Query, Schema
from .names import UnscreenableName, check_screenable, load_name_tables, name_tokens
from .score import (
    MAX_BONUS,
    Feature,
    alias_feature,
    best_alias,
    birth_date_feature,
    combine,
    document_feature,
    nationality_feature,
    sex_feature,
)

HIT = "hit"
POSSIBLE = "possible"
DEFAULT_MAX_CANDIDATES = 20


@dataclass(frozen=True, slots=True)
class ListConfig:
    """Per-list decision thresholds: ``score >= hit`` is a hit, ``score >= possible`` a possible match."""

    hit: float = 0.85
    possible: float = 0.70
    schemas: frozenset[Schema] = frozenset({Schema.PERSON, Schema.OTHER})

    def __post_init__(self) -> None:
        if not 0.0 <= self.possible <= self.hit <= 1.0:
            raise ValueError(f"thresholds must satisfy 0 <= possible <= hit <= 1, got {self.possible}, {self.hit}")

    @classmethod
    def from_dict(cls, data: Mapping) -> ListConfig:
        """From configuration such as ``{"hit": 0.9, "possible": 0.75, "schemas": ["person"]}``."""
        defaults = cls()
        schemas = data.get("schemas")
        return cls(
            hit=float(data.get("hit", defaults.hit)),
            possible=float(data.get("possible", defaults.possible)),
            schemas=frozenset(Schema(name) for name in schemas) if schemas is not None else defaults.schemas,
        )

    def decide(self, score: float, threshold: float | None = None) -> str | None:
        floor = self.possible if threshold is None else threshold
        if score >= max(self.hit, floor):
            return HIT
        if score >= floor:
            return POSSIBLE
        return None


def list_configs(data: Mapping[str, Mapping]) -> dict[str, ListConfig]:
    """Per-list configuration from a mapping of list name to settings (as read from YAML or JSON)."""
    return {list_name: ListConfig.from_dict(settings) for list_name, settings in data.items()}


@dataclass(frozen=True, slots=True)
class Match:
    list: str
    entry_id: str
    name: str
    score: float
    decision: str
    explanation: dict[str, dict]
    entry: ListEntry = field(repr=False, compare=False)

    def to_dict(self) -> dict:
        return {
            "list": self.list,
            "entry_id": self.entry_id,
            "name": self.name,
            "score": round(self.score, 3),
            "decision": self.decision,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class ScreenResult:
    """One screened person's outcome: matches, or an error when the name cannot be screened."""

    id: str | None
    matches: list[Match]
    error: UnscreenableName | None = None

    def to_dict(self) -> dict:
        result: dict = {"id": self.id, "matches": [match.to_dict() for match in self.matches]}
        if self.error is not None:
            result["error"] = self.error.to_dict()
        return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector off while an index of millions of objects is built: each full collection would walk
    all that was built so far and free nothing (at a million entries, 23 of them took 8 s of a server's start)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Screener:
    """An index over entries of several lists; ``screen`` returns matches above each list's threshold."""

    def __init__(
        self,
        entries: Iterable[tuple[str, ListEntry]],
        configs: Mapping[str, ListConfig] | None = None,
        default_config: ListConfig = ListConfig(),
        max_candidates: int = DEFAULT_MAX_CANDIDATES,
    ):
        self.configs = dict(configs or {})
        self.default_config = default_config
        self.max_candidates = max_candidates
        self.index = MatchIndex()
        with _collector_paused():
            for list_name, entry in entries:
                if entry.schema in self.config(list_name).schemas:
                    self.index.add(list_name, entry)
            self.index.freeze()
        load_name_tables()
        # The index is large and never changes: keep the cyclic garbage collector from walking it again
        # and again (a full collection over a million entries pauses a query for seconds).
        gc.freeze()

    def __len__(self) -> int:
        return len(self.index)

    @property
    def list_names(self) -> list[str]:
        return list(self.index.list_names)

    def config(self, list_name: str) -> ListConfig:
        return self.configs.get(list_name, self.default_config)

    def screen(self, query: Query, lists: Collection[str] | None = None, threshold: float | None = None) -> list[Match]:
        """Matches for one person, best first. Raises `UnscreenableName` for an empty or letterless name.

        ``threshold`` overrides every list's ``possible`` threshold (a hit still needs the list's ``hit``).
        """
        check_screenable(query.name)
        tokens = name_tokens(query.name)
        if not tokens:
            raise UnscreenableName("name_not_transliterable", f"No comparable letters in {query.name!r}.")
        list_numbers = None if lists is None else self.index.list_numbers(lists)
        numbers = self.index.candidates(
            tokens, query.birth_date, query.document_number, list_numbers, self.max_candidates
        )
        matches = [m for m in (self._score(query, tokens, self.index.entries[n], threshold) for n in numbers) if m]
        matches.sort(key=lambda match: (-match.score, match.list, match.entry_id))
        return matches

    def screen_batch(
        self, queries: Iterable[Query], lists: Collection[str] | None = None, threshold: float | None = None
    ) -> list[ScreenResult]:
        """Screen many people in input order; an unscreenable name gives an error result, the rest go on."""
        return [self._screen_one(query, lists, threshold) for query in queries]

    def _screen_one(self, query: Query, lists: Collection[str] | None, threshold: float | None) -> ScreenResult:
        try:
            return ScreenResult(query.id, self.screen(query, lists, threshold))
        except UnscreenableName as error:
            return ScreenResult(query.id, [], error)

    def _score(
        self, query: Query, tokens: tuple[str, ...], indexed: IndexedEntry, threshold: float | None
    ) -> Match | None:
        name_score, alias_index = best_alias(tokens, indexed.aliases, indexed.weak_from)
        list_name = self.index.list_names[indexed.list_index]
        config = self.config(list_name)
        floor = config.possible if threshold is None else threshold
        if name_score + MAX_BONUS < floor and not query.document_number:
            return None  # nothing but a listed document could lift this name to the threshold
        features = {"name": Feature(name_score, ""), **secondary_features(query, indexed.entry)}
        score = combine(features)
        decision = config.decide(score, threshold)
        if decision is None:
            return None
        # Explanations are written only for the matches that are reported.
        features["name"] = alias_feature(tokens, indexed.aliases, alias_index, indexed.weak_from)
        explanation = {key: feature.to_dict() for key, feature in features.items()}
        explanation["name"]["compared"] = f"{' '.join(tokens)} / {' '.join(indexed.aliases[alias_index])}"
        entry = indexed.entry
        primary = entry.names[0] if entry.names else entry.weak_aliases[0]
        return Match(list_name, entry.entry_id, primary, score, decision, explanation, entry)

    def save(self, path: str | Path) -> None:
        """Write the built screener to ``path`` (pickle: load only files this program wrote)."""
        with open(path, "wb") as handle:
            pickle.dump(self, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: str | Path) -> Screener:
        with open(path, "rb") as handle, _collector_paused():
            screener = pickle.load(handle)
        if not isinstance(screener, cls):
            raise TypeError(f"{path} does not hold a Screener")
        # As after a build: name tables loaded now, not during the first screening, and the collector kept
        # from walking the loaded index on every full collection.
        load_name_tables()
        gc.freeze()
        return screener


def secondary_features(query: Query, entry: ListEntry) -> dict[str, Feature]:
    """Date of birth, nationality, sex and documents: each one only when the query and the entry both have it."""
    features = {
        "birth_date": birth_date_feature(query.birth_date, entry.birth_dates),
        "nationality": nationality_feature(query.nationality, entry.nationalities),
        "sex": sex_feature(query.sex, entry.sex),
        "document": document_feature(query.document_number, query.document_issuing_state, entry.documents),
    }
    return {key: feature for key, feature in features.items() if feature is not None}
