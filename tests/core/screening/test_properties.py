"""Properties every screening must keep, over generated names and dates."""

import string

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from borderdesk.core.screening import HIT, ListEntry, PartialDate, Query, Screener
from borderdesk.core.screening.names import HONORIFICS, PARTICLES, name_tokens

WORD = st.text(alphabet=string.ascii_lowercase, min_size=4, max_size=10).filter(
    lambda word: word not in HONORIFICS and word not in PARTICLES and not word.startswith("abd")
)
NAME = st.lists(WORD, min_size=2, max_size=4, unique=True).map(lambda words: " ".join(w.title() for w in words))
DATE = st.builds(PartialDate, st.integers(1930, 2010), st.integers(1, 12), st.integers(1, 28))
ENTRIES = st.lists(st.tuples(NAME, DATE), min_size=1, max_size=30, unique_by=lambda pair: pair[0])

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def build(pairs):
    entries = [ListEntry(f"e{number}", (name,), birth_dates=(born,)) for number, (name, born) in enumerate(pairs)]
    return Screener(("list", entry) for entry in entries), entries


@SETTINGS
@given(ENTRIES, st.data())
def test_a_listed_name_with_its_birth_date_is_always_a_hit(pairs, data):
    screener, entries = build(pairs)
    entry = data.draw(st.sampled_from(entries))
    matches = screener.screen(Query(entry.names[0], birth_date=entry.birth_dates[0]))
    assert any(match.entry_id == entry.entry_id and match.decision == HIT for match in matches)


@SETTINGS
@given(ENTRIES, st.data())
def test_a_listed_name_alone_is_always_a_hit(pairs, data):
    screener, entries = build(pairs)
    entry = data.draw(st.sampled_from(entries))
    matches = screener.screen(Query(entry.names[0]))
    assert any(match.entry_id == entry.entry_id and match.decision == HIT for match in matches)


@SETTINGS
@given(ENTRIES, st.data())
def test_one_changed_letter_still_finds_the_entry(pairs, data):
    screener, entries = build(pairs)
    entry = data.draw(st.sampled_from(entries))
    words = entry.names[0].split()
    which = data.draw(st.integers(0, len(words) - 1))
    position = data.draw(st.integers(1, len(words[which]) - 1))
    letter = data.draw(st.sampled_from(string.ascii_lowercase))
    words[which] = words[which][:position] + letter + words[which][position + 1 :]
    assume(name_tokens(" ".join(words)))
    matches = screener.screen(Query(" ".join(words), birth_date=entry.birth_dates[0]))
    assert entry.entry_id in {match.entry_id for match in matches}


@SETTINGS
@given(ENTRIES, st.data())
def test_swapped_name_order_finds_the_entry_as_a_hit(pairs, data):
    screener, entries = build(pairs)
    entry = data.draw(st.sampled_from(entries))
    words = entry.names[0].split()
    matches = screener.screen(Query(" ".join(words[1:] + words[:1])))
    assert any(match.entry_id == entry.entry_id and match.decision == HIT for match in matches)


@SETTINGS
@given(ENTRIES, NAME, st.one_of(st.none(), DATE))
def test_results_are_ordered_scored_in_range_and_above_threshold(pairs, name, born):
    screener, _ = build(pairs)
    matches = screener.screen(Query(name, birth_date=born))
    scores = [match.score for match in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert all(match.score >= screener.default_config.possible for match in matches)
    assert all(
        match.decision == ("hit" if match.score >= screener.default_config.hit else "possible") for match in matches
    )


@SETTINGS
@given(st.text(max_size=40))
def test_any_text_is_screened_or_refused_with_a_code(text):
    screener, _ = build([("Eric Badege", PartialDate(1971, 1, 1))])
    [result] = screener.screen_batch([Query(text, id="q")])
    if result.error is not None:
        assert result.error.code in {"name_empty", "name_without_letters", "name_not_transliterable"}
        assert result.matches == []
    else:
        assert all(0.0 <= match.score <= 1.0 for match in result.matches)
