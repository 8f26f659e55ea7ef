"""Random byte-level damage to a valid message never raises: the reader always gives a JSON object whose errors
are well-formed, sorted and known; a message cut anywhere before its end always says so."""

import json

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.manifests import ERROR_CODES, read_paxlst
from borderdesk.core.manifests.edifact import read_interchange

from .messages import TODAY, VALID

KEYS = {"version", "list_type", "flight", "part", "declared_count", "travellers", "errors", "format"}
# Bytes that matter to the reader: separators, release, CR/LF, blanks, a non-UTF-8 byte, NUL, and tag letters.
SPECIAL = st.sampled_from(
    [b"'", b"+", b":", b"?", b"\r", b"\n", b" ", b"\t", b"\x87", b"\x00", b"UNA", b"UNZ", b"\xc3"]
)


@st.composite
def damaged(draw):
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "cut"]))
        piece = draw(st.one_of(SPECIAL, st.binary(min_size=1, max_size=4)))
        if kind == "insert":
            data[at:at] = piece
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "replace":
            data[at : at + len(piece)] = piece
        else:
            del data[at:]
    return bytes(data)


def check(data: bytes):
    manifest = read_paxlst(data, today=TODAY)
    result = json.loads(json.dumps(manifest.as_dict()))
    assert set(result) == KEYS
    for error in result["errors"]:
        assert error["code"] in ERROR_CODES and error["message"]
        assert isinstance(error["segment"], int) and error["segment"] >= 1
    assert result["errors"] == sorted(result["errors"], key=lambda error: (error["segment"], error["code"]))
    for traveller in result["travellers"]:
        assert traveller["birth_date"] is None or len(traveller["birth_date"]) == 10
    return manifest, result


@given(damaged())
def test_damage_never_raises_and_always_gives_json(data):
    check(data)


@given(st.integers(0, len(VALID) - 2))
def test_a_cut_anywhere_before_the_end_is_an_error(at):
    manifest, result = check(VALID[:at])
    assert result["errors"], VALID[:at]
    if manifest.readable:
        # Everything before the cut is kept: the travellers whose NAD arrived whole are all there.
        whole_nads = read_interchange(VALID[:at].decode("latin-1")).segments
        assert len(result["travellers"]) == sum(1 for s in whole_nads if s.tag == "NAD" and s.qualifier == "FL")


@given(st.binary(max_size=300))
def test_any_bytes_at_all(data):
    check(data)
