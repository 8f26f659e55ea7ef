"""The trace's values as JSON data: plain leaves pass through, enums give their values (a str or int enum too),
dates their ISO text, sets their sorted items, nested containers and ``to_dict`` objects are converted."""

from __future__ import annotations

import json
from datetime import date
from enum import Enum, IntEnum, StrEnum

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.rules.trace import TraceNode, to_json_value


class Colour(StrEnum):
    RED = "red"


class Size(IntEnum):
    BIG = 3


class Plain(Enum):
    ONE = 1


class Ground:
    def to_dict(self) -> dict:
        return {"code": "G1"}


def test_every_kind_of_value_becomes_json_data():
    value = {
        1: [Colour.RED, Size.BIG, Plain.ONE, date(2026, 11, 30), {"b", "a"}, (True, None, 1.5)],
        "ground": Ground(),
    }
    assert to_json_value(value) == {
        "1": ["red", 3, 1, "2026-11-30", ["a", "b"], [True, None, 1.5]],
        "ground": {"code": "G1"},
    }
    assert type(to_json_value(Colour.RED)) is str and type(to_json_value(Size.BIG)) is int


leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(), st.dates())
trees = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4))


@given(trees)
def test_a_converted_tree_is_json_and_keeps_its_plain_values(tree):
    converted = to_json_value(tree)
    assert json.loads(json.dumps(converted)) == converted
    node = TraceNode("fact", "x", tree, {"value": tree})
    assert node.to_dict()["result"] == converted
