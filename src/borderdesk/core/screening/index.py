"""In-memory match index: exact keys first, then a bounded set of candidates from name-token keys.

Stage (a), exact keys: a document number, and a normalised name with a date of birth, each hashed to a
64-bit integer. A hash collision only nominates one more candidate for the scorer, never a match.
Stage (b), candidates: an inverted index from name keys (each token, each pair of neighbouring tokens
written as one word, each token's metaphone, the first and last four letters of long tokens, and the year
of birth with each token's first two letters) to compact arrays of entry numbers. A query's keys vote for
entries, rare keys weighing more (inverse document frequency); the best ``max_candidates`` go to the scorer.

Frozen, the posting lists are one numpy array of entry numbers with an offset per key (keys numbered by a
dict), so a query's voting is a few vectorised operations rather than a Python loop over every posting.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from array import array
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np

from .model import ListEntry, PartialDate, Schema
from .names import name_key, name_tokens, phonetic_key
from .score import normalize_document_number

# Posting lists longer than this are probed rather than walked, unless they are the query's rarest key.
WALK_LIMIT = 2_000
# How many entries found by the rarer keys are probed in the long posting lists.
PROBE_LIMIT = 300
AFFIX_MIN_TOKEN = 6
# Listed year ranges wider than this are not expanded into year keys.
MAX_YEAR_SPAN = 5
# Token ("t") keys count in full; sounds, token ends and birth-year keys are weaker evidence.
KEY_KIND_WEIGHTS = {"p": 0.8, "b": 0.6, "e": 0.6, "y": 0.5}


@dataclass(frozen=True, slots=True)
class IndexedEntry:
    """What the scorer needs of one entry: its list, the entry, and its aliases as tokens (weak ones last)."""

    list_index: int
    entry: ListEntry
    aliases: tuple[tuple[str, ...], ...]
    weak_from: int


def name_keys(tokens: tuple[str, ...]) -> set[str]:
    keys = {"t" + token for token in tokens}
    keys.update("t" + first + second for first, second in itertools.pairwise(tokens))
    keys.update("p" + key for key in map(phonetic_key, tokens) if key)
    # Ends of long tokens: a typo in the middle of "mudacumura" leaves both ends intact.
    keys.update("b" + token[:4] for token in tokens if len(token) >= AFFIX_MIN_TOKEN)
    keys.update("e" + token[-4:] for token in tokens if len(token) >= AFFIX_MIN_TOKEN)
    return keys


def birth_year_keys(tokens: tuple[str, ...], years: Iterable[int]) -> set[str]:
    """Year of birth with the first two letters of each name part: finds a person whose every name part
    is misspelt or too common to rank, as long as the year and the starts of the parts agree."""
    starts = {token[:2] for token in tokens if len(token) >= 3}
    return {f"y{year}{start}" for year in years for start in starts}


def listed_years(dates: Iterable[PartialDate]) -> set[int]:
    years: set[int] = set()
    for date in dates:
        last = date.year_to if date.year_to and date.year_to - date.year <= MAX_YEAR_SPAN else date.year
        years.update(range(date.year, last + 1))
    return years


def key_weight(key: str) -> float:
    """How much one shared key says, relative to a shared whole name part."""
    return KEY_KIND_WEIGHTS.get(key[0], 1.0)


def exact_key(*parts: str) -> int:
    digest = hashlib.blake2b("|".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def date_keys(date: PartialDate) -> list[str]:
    """The date at each precision it has, so a year-only listed date meets a full date of birth."""
    if date.year_to is not None and date.year_to != date.year:
        return []
    keys = [f"{date.year:04d}"]
    if date.month:
        keys.append(f"{date.year:04d}-{date.month:02d}")
        if date.day:
            keys.append(f"{date.year:04d}-{date.month:02d}-{date.day:02d}")
    return keys


class MatchIndex:
    def __init__(self) -> None:
        self.list_names: list[str] = []
        self.entries: list[IndexedEntry] = []
        self._building: dict[str, list[int]] | None = {}
        # Frozen posting lists: key -> number; the entries of key number k are
        # ``posting_entries[posting_starts[k]:posting_starts[k + 1]]``, ascending.
        self.key_numbers: dict[str, int] = {}
        self.posting_starts = np.zeros(1, dtype=np.int64)
        self.posting_entries = np.zeros(0, dtype=np.uint32)
        self.entry_lists = np.zeros(0, dtype=np.uint16)
        self.exact: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, list_name: str, entry: ListEntry) -> None:
        if self._building is None:
            raise RuntimeError("the index is frozen; build a new one to add entries")
        organization = entry.schema not in (Schema.PERSON, Schema.OTHER)
        aliases = _alias_tokens(entry.names, organization)
        weak = tuple(alias for alias in _alias_tokens(entry.weak_aliases, organization) if alias not in aliases)
        if not aliases and not weak:
            return
        number = len(self.entries)
        self.entries.append(IndexedEntry(self._list_index(list_name), entry, aliases + weak, len(aliases)))
        keys: set[str] = set()
        years = listed_years(entry.birth_dates)
        for alias in aliases + weak:
            keys |= name_keys(alias) | birth_year_keys(alias, years)
        for key in keys:
            self._building.setdefault(key, []).append(number)
        self._add_exact_keys(number, entry, aliases)

    def freeze(self) -> None:
        """Pack the posting lists into one array with offsets; the index is read-only afterwards."""
        if self._building is None:
            return
        flat = array("I")
        starts = array("q", [0])
        key_numbers: dict[str, int] = {}
        for key, numbers in self._building.items():
            key_numbers[key] = len(key_numbers)
            flat.extend(numbers)
            starts.append(len(flat))
        self._building = None
        self.key_numbers = key_numbers
        self.posting_starts = np.frombuffer(starts, dtype=np.int64).copy()
        self.posting_entries = np.frombuffer(flat, dtype=np.uint32).copy()
        self.entry_lists = np.fromiter(
            (indexed.list_index for indexed in self.entries), dtype=np.uint16, count=len(self.entries)
        )

    def posting(self, key: str) -> np.ndarray:
        """Entry numbers having ``key``, ascending (empty for an unknown key)."""
        number = self.key_numbers.get(key)
        if number is None:
            return self.posting_entries[:0]
        return self.posting_entries[self.posting_starts[number] : self.posting_starts[number + 1]]

    def candidates(
        self,
        tokens: tuple[str, ...],
        birth_date: PartialDate | None,
        document_number: str | None,
        lists: Collection[int] | None,
        max_candidates: int,
    ) -> list[int]:
        """Entry numbers worth scoring: every exact-key hit, then the best-voted by name keys."""
        exact = self._exact_candidates(tokens, birth_date, document_number)
        keys = name_keys(tokens)
        if birth_date is not None:
            keys |= birth_year_keys(tokens, [birth_date.year])
        if lists is not None:
            exact = [number for number in exact if self.entries[number].list_index in lists]
        voted = self._vote(keys, max_candidates, lists)
        return list(dict.fromkeys(exact + voted))

    def _vote(self, keys: set[str], max_candidates: int, lists: Collection[int] | None = None) -> list[int]:
        """Best entries by weighted shared keys. Short posting lists are walked; long ones (common names)
        are only probed for the entries the short ones found, so a query costs about the same on a
        million entries as on a thousand. With ``lists``, only entries of those lists take part."""
        starts = self.posting_starts
        found = []
        for key in keys:
            number = self.key_numbers.get(key)
            if number is not None:
                start, end = int(starts[number]), int(starts[number + 1])
                found.append((end - start, start, end, key))
        if not found:
            return []
        found.sort()
        total = len(self.entries)
        walked, walked_weights, long_postings = [], [], []
        for rank, (length, start, end, key) in enumerate(found):
            weight = key_weight(key) * math.log(1 + total / length)
            posting = self.posting_entries[start:end]
            if rank > 0 and length > WALK_LIMIT:
                long_postings.append((posting, weight))
            else:
                walked.append(posting)
                walked_weights.append(weight)
        numbers = walked[0] if len(walked) == 1 else np.concatenate(walked)
        weights = np.repeat(np.array(walked_weights), [len(posting) for posting in walked])
        if lists is not None:
            wanted = np.zeros(len(self.list_names), dtype=bool)
            wanted[[number for number in lists if 0 <= number < len(wanted)]] = True
            keep = wanted[self.entry_lists[numbers]]
            numbers, weights = numbers[keep], weights[keep]
            if not len(numbers):
                return []
        # Sum each entry's weights in key order (the order a Python loop over the keys would add them).
        voted, where = np.unique(numbers, return_inverse=True)
        votes = np.bincount(where, weights)
        if not long_postings:
            return _top(voted, votes, max_candidates).tolist()
        shortlist = _top(voted, votes, PROBE_LIMIT)
        shortlist_votes = votes[np.searchsorted(voted, shortlist)]
        for posting, weight in long_postings:
            at = np.searchsorted(posting, shortlist)
            np.minimum(at, len(posting) - 1, out=at)
            shortlist_votes = shortlist_votes + weight * (posting[at] == shortlist)
        order = np.lexsort((shortlist, -shortlist_votes))[:max_candidates]
        return shortlist[order].tolist()

    def _exact_candidates(
        self, tokens: tuple[str, ...], birth_date: PartialDate | None, document_number: str | None
    ) -> list[int]:
        keys = []
        if document_number and normalize_document_number(document_number):
            keys.append(exact_key("doc", normalize_document_number(document_number)))
        if birth_date is not None:
            keys.extend(exact_key("name", name_key(tokens), date) for date in date_keys(birth_date))
        found: list[int] = []
        for key in keys:
            value = self.exact.get(key)
            if value is not None:
                found.extend(value if isinstance(value, list) else [value])
        return list(dict.fromkeys(found))

    def _add_exact_keys(self, number: int, entry: ListEntry, aliases: tuple[tuple[str, ...], ...]) -> None:
        keys = {exact_key("doc", normalize_document_number(doc.number)) for doc in entry.documents if doc.number}
        for alias in aliases:
            for date in entry.birth_dates:
                # A listed date is keyed only at its own precision; queries probe every precision they have.
                keys.update(exact_key("name", name_key(alias), text) for text in date_keys(date)[-1:])
        for key in keys:
            self._put_exact(key, number)

    def _put_exact(self, key: int, number: int) -> None:
        current = self.exact.get(key)
        if current is None:
            self.exact[key] = number
        elif isinstance(current, list):
            current.append(number)
        else:
            self.exact[key] = [current, number]

    def _list_index(self, list_name: str) -> int:
        if list_name not in self.list_names:
            self.list_names.append(list_name)
        return self.list_names.index(list_name)

    def list_numbers(self, names: Iterable[str]) -> set[int]:
        return {index for index, name in enumerate(self.list_names) if name in set(names)}


def _top(numbers: np.ndarray, votes: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` best-voted of ``numbers`` (ascending), best first; ties go to the lower entry number."""
    if len(votes) > count:
        # The best are those voted above the count-th best vote, then the lowest-numbered of those tied
        # with it (many entries share a vote: the same few keys in common).
        floor = np.partition(votes, len(votes) - count)[len(votes) - count]
        above = np.flatnonzero(votes > floor)
        tied = np.flatnonzero(votes == floor)[: count - len(above)]
        keep = np.sort(np.concatenate((above, tied)))
        numbers, votes = numbers[keep], votes[keep]
    # A stable sort on the negated votes keeps ascending entry numbers within a tie.
    return numbers[np.argsort(-votes, kind="stable")[:count]]


def _alias_tokens(names: Iterable[str], organization: bool) -> tuple[tuple[str, ...], ...]:
    seen: dict[tuple[str, ...], None] = {}
    for name in names:
        tokens = name_tokens(name, organization) if name else ()
        if tokens:
            seen.setdefault(tokens, None)
    return tuple(seen)
