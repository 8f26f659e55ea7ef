"""Whatever is wrong in a pack, loading it ends in PackLoadError with issues, never in another exception."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.rules import PackLoadError, RulePack, parse_pack

PACK_DIR = Path(str(resources.files("borderdesk.core.rules") / "packs" / "uto"))
TEXTS = {path.name: path.read_text(encoding="utf-8") for path in PACK_DIR.glob("*.yaml")}
DOCUMENTS = {name: yaml.safe_load(text) for name, text in TEXTS.items()}

JUNK = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just("2024-02-30"),
)


def test_an_untouched_round_trip_loads():
    assert parse_pack({name: yaml.safe_dump(document) for name, document in DOCUMENTS.items()}).id == "uto"


def _containers(node, found):
    if isinstance(node, (dict, list)):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            _containers(child, found)
    return found


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(sorted(DOCUMENTS)), st.data(), JUNK)
def test_any_single_corruption_is_reported_not_raised(file, data, junk):
    document = yaml.safe_load(yaml.safe_dump(DOCUMENTS[file]))  # a fresh copy
    containers = _containers(document, [])
    target = data.draw(st.sampled_from(containers))
    keys = list(target) if isinstance(target, dict) else list(range(len(target)))
    if keys:
        target[data.draw(st.sampled_from(keys))] = junk
    try:
        pack = parse_pack({**TEXTS, file: yaml.safe_dump(document)})
    except PackLoadError as error:
        assert error.issues and all(issue.code and issue.file for issue in error.issues)
    else:
        assert isinstance(pack, RulePack)
