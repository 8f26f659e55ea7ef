from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.audit import GENESIS_HASH, StoredLink, canonical_json, link_hash, verify_chain

payloads = st.dictionaries(
    st.text(min_size=1, max_size=8),
    st.one_of(st.none(), st.integers(), st.text(max_size=20), st.booleans()),
    max_size=5,
)


def build_chain(contents):
    links, prev = [], GENESIS_HASH
    for seq, payload in enumerate(contents, start=1):
        payload = {"seq": seq, **payload}
        digest = link_hash(prev, payload)
        links.append(StoredLink(seq, payload, prev, digest))
        prev = digest
    return links


def test_canonical_json_ignores_key_order_and_keeps_unicode():
    assert canonical_json({"b": 1, "a": "Ærø"}) == canonical_json({"a": "Ærø", "b": 1}) == '{"a":"Ærø","b":1}'


def test_empty_chain_is_intact():
    assert verify_chain([]) == (0, None)


@given(st.lists(payloads, max_size=12))
def test_an_untouched_chain_verifies(contents):
    links = build_chain(contents)
    assert verify_chain(links) == (len(links), None)


@given(st.lists(payloads, min_size=1, max_size=12), st.data())
def test_altering_any_event_is_found_at_that_event(contents, data):
    links = build_chain(contents)
    victim = data.draw(st.integers(0, len(links) - 1))
    original = links[victim]
    altered = StoredLink(original.seq, {**original.payload, "tampered": True}, original.prev_hash, original.hash)
    links[victim] = altered
    checked, broken = verify_chain(links)
    assert checked == victim
    assert broken.seq == original.seq and broken.reason == "hash_mismatch"


@given(st.lists(payloads, min_size=2, max_size=12), st.data())
def test_removing_an_event_is_found(contents, data):
    links = build_chain(contents)
    victim = data.draw(st.integers(0, len(links) - 2))
    del links[victim]
    _, broken = verify_chain(links)
    assert broken is not None and broken.reason == "sequence_gap"


def test_rewriting_an_event_and_its_own_hash_breaks_the_next_link():
    links = build_chain([{"a": 1}, {"a": 2}, {"a": 3}])
    forged_payload = {**links[1].payload, "a": 99}
    links[1] = StoredLink(2, forged_payload, links[1].prev_hash, link_hash(links[1].prev_hash, forged_payload))
    checked, broken = verify_chain(links)
    assert checked == 2
    assert broken.seq == 3 and broken.reason == "prev_hash_mismatch"
