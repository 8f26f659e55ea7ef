"""The numpy candidate voting against a plain-Python statement of the same rule."""

import math
import random

import pytest

from borderdesk.core.screening import ListEntry, PartialDate
from borderdesk.core.screening import index as index_module
from borderdesk.core.screening.index import MatchIndex, birth_year_keys, key_weight, name_keys
from borderdesk.core.screening.names import name_tokens

FIRST = "ali omar hassan maria anna john wei fatima ivan olga peter chen".split()
LAST = "smith khan garcia ivanova haddad patel silva tanaka rossi petrov nguyen brown".split()


def reference_vote(index: MatchIndex, keys: set[str], count: int, walk_limit: int, probe_limit: int, lists=None):
    """The rule, written out: walk the rarest key and every short posting list, probe the long ones for the
    ``probe_limit`` best so far; ties go to the lower entry number."""
    # Rarest key first (equal lengths in the order the keys were first seen while building).
    present = sorted(
        (key for key in keys if key in index.key_numbers),
        key=lambda key: (len(index.posting(key)), index.key_numbers[key]),
    )
    found = [(list(index.posting(key)), key) for key in present]
    if lists is not None:
        found = [([n for n in posting if index.entries[n].list_index in lists], key) for posting, key in found]
    votes: dict[int, float] = {}
    long_postings = []
    for rank, (posting, key) in enumerate(found):
        weight = key_weight(key) * math.log(1 + len(index) / len(index.posting(key)))
        if rank > 0 and len(index.posting(key)) > walk_limit:
            long_postings.append((set(posting), weight))
            continue
        for number in posting:
            votes[number] = votes.get(number, 0.0) + weight
    best = sorted(votes, key=lambda number: (-votes[number], number))
    if long_postings:
        best = best[:probe_limit]
        for posting, weight in long_postings:
            for number in best:
                votes[number] += weight * (number in posting)
        best = sorted(best, key=lambda number: (-votes[number], number))
    return best[:count]


@pytest.fixture
def index():
    rng = random.Random(5)
    built = MatchIndex()
    for number in range(3000):
        name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"
        entry = ListEntry(f"e{number}", (name,), birth_dates=(PartialDate(1960 + number % 30),))
        built.add(rng.choice(["a", "b", "c"]), entry)
    built.freeze()
    return built


@pytest.mark.parametrize("walk_limit", [10, 200, 5000])
@pytest.mark.parametrize("lists", [None, {1}, {0, 2}])
def test_vote_matches_the_plain_rule(index, monkeypatch, walk_limit, lists):
    monkeypatch.setattr(index_module, "WALK_LIMIT", walk_limit)
    monkeypatch.setattr(index_module, "PROBE_LIMIT", 40)
    for name in ["Ali Khan", "Maria Anna Garcia", "Olga Ivanova", "Wei Chen Tanaka", "Zyx Unknown", "Petr Smitth"]:
        tokens = name_tokens(name)
        keys = name_keys(tokens) | birth_year_keys(tokens, [1970])
        got = index._vote(keys, 15, lists)
        want = reference_vote(index, keys, 15, walk_limit, 40, lists)
        assert got == want
        if lists is not None:
            assert all(index.entries[number].list_index in lists for number in got)


def test_posting_lists_are_ascending_and_unknown_keys_empty(index):
    posting = index.posting("tali")
    assert len(posting) > 0 and list(posting) == sorted(posting)
    assert len(index.posting("tnever")) == 0


def test_frozen_index_refuses_entries(index):
    with pytest.raises(RuntimeError):
        index.add("a", ListEntry("late", ("Late Comer",)))


def test_top_breaks_ties_by_lower_entry_number():
    import numpy as np

    from borderdesk.core.screening.index import _top

    rng = random.Random(3)
    numbers = np.array(sorted(rng.sample(range(10_000), 500)), dtype=np.uint32)
    votes = np.array([rng.choice([0.5, 1.0, 1.5, 2.0]) for _ in numbers])
    for count in (1, 7, 20, 300, 600):
        want = sorted(range(len(numbers)), key=lambda at: (-votes[at], numbers[at]))[:count]
        assert _top(numbers, votes, count).tolist() == [int(numbers[at]) for at in want]
