"""Whatever is wrong in a kind of application, loading it ends in KindError, never in another exception; and the
mistakes a person typically makes (a key left out, a value of the wrong type, a misspelt key) are always refused."""

from __future__ import annotations

import json
from importlib import resources

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from borderdesk.core.casework import (
    ApplicationKind,
    KindError,
    answer_problems,
    bundled_kind,
    load_kind,
    missing_answers,
    required_documents,
)

KIND_DIR = resources.files("borderdesk.core.casework") / "kinds"
KINDS = {
    entry.name: json.loads(json.dumps(yaml.safe_load(entry.read_text(encoding="utf-8"))))
    for entry in KIND_DIR.iterdir()
    if entry.name.endswith(".yaml")
}
# Keys a kind may leave out: everything else is required.
OPTIONAL = {"description", "when", "overrides", "exemptions", "text", "intended_stay", "assessment"}

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.sampled_from(["D", "XXA", "refuse", "senior_officer", "2026-02-30", "tourism", "working", "both"]),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _slots(node, found):
    """Every (container, key or index) in the document."""
    if isinstance(node, dict):
        for key, child in node.items():
            found.append((node, key))
            _slots(child, found)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found.append((node, index))
            _slots(child, found)
    return found


KNOWN_KEYS = (
    OPTIONAL
    | {"equals", "in"}
    | {key for doc in KINDS.values() for node, key in _slots(doc, []) if isinstance(node, dict)}
)


def _wrong_type(value):
    if isinstance(value, dict):
        return ["not", "a", "mapping"]
    if isinstance(value, list):
        return 12345
    return {"unexpected": [1]}


def _fresh(name):
    return json.loads(json.dumps(KINDS[name]))


kinds = st.sampled_from(sorted(KINDS))


@settings(max_examples=150, deadline=None)
@given(kinds, st.data())
def test_a_required_key_left_out_is_refused(name, data):
    document = _fresh(name)
    slots = [(node, key) for node, key in _slots(document, []) if isinstance(node, dict) and key not in OPTIONAL]
    node, key = data.draw(st.sampled_from(slots))
    del node[key]
    try:
        load_kind(document)
    except KindError as error:
        # A condition without its value names the condition: it needs equals or in, whichever was dropped.
        assert error.code == "missing_field" and error.path.endswith(key if key not in ("equals", "in") else "when")
    else:
        raise AssertionError(f"{name}: dropping {key!r} was accepted")


@settings(max_examples=150, deadline=None)
@given(kinds, st.data())
def test_a_value_of_the_wrong_type_is_refused(name, data):
    document = _fresh(name)
    node, key = data.draw(st.sampled_from(_slots(document, [])))
    node[key] = _wrong_type(node[key])
    try:
        load_kind(document)
    except KindError as error:
        assert error.code and error.message
    else:
        raise AssertionError(f"{name}: a {type(node[key]).__name__} at {key!r} was accepted")


@settings(max_examples=150, deadline=None)
@given(kinds, st.data(), st.text(min_size=1, max_size=12))
def test_an_unknown_key_is_refused(name, data, key):
    document = _fresh(name)
    mappings = [document] + [child for node, slot in _slots(document, []) if isinstance(child := node[slot], dict)]
    target = data.draw(st.sampled_from(mappings))
    assume(key not in KNOWN_KEYS)  # a known key in the wrong place is refused too, but not as unknown_field
    target[key] = "typo"
    try:
        load_kind(document)
    except KindError as error:
        assert error.code == "unknown_field" and error.path.endswith(key)
    else:
        raise AssertionError(f"{name}: unknown key {key!r} was accepted")


@settings(max_examples=300, deadline=None)
@given(kinds, st.data(), JUNK)
def test_any_value_anywhere_loads_or_is_refused(name, data, junk):
    document = _fresh(name)
    node, key = data.draw(st.sampled_from(_slots(document, [])))
    node[key] = junk
    try:
        kind = load_kind(document)
    except KindError as error:
        assert error.code and error.message
    else:
        assert isinstance(kind, ApplicationKind)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.sampled_from(sorted(KINDS)).map(lambda n: yaml.safe_dump(KINDS[n])[:-40])))
def test_any_text_loads_or_is_refused(text):
    try:
        kind = load_kind(text)
    except KindError as error:
        assert error.code and error.message
    else:
        assert isinstance(kind, ApplicationKind)


ANSWERS = st.dictionaries(
    st.sampled_from(["purpose", "reason", "minor", "scholarship", "sponsor_status", "relationship", "income_source"])
    | st.text(max_size=4),
    JUNK | st.sampled_from(["family_visit", "refugee", "child", "pension", "other", "illness"]),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(kinds, ANSWERS)
def test_any_answers_get_an_answer(name, answers):
    kind = bundled_kind(name.removesuffix(".yaml"))
    owed = required_documents(kind, answers)
    assert all(document.required for document in owed)
    assert {document.code for document in kind.documents if document.required and document.when is None} <= {
        document.code for document in owed
    }
    assert set(missing_answers(kind, answers)) <= {field.key for field in kind.form if field.required}
    assert all(isinstance(message, str) and message for message in answer_problems(kind, answers).values())
