"""The five real carriers' messages in ../shared/data/paxlst-gtas/ (US-CBP GTAS test resources), read in place:
every one gives its travellers and its errors with the segment, never a traceback."""

import json
from collections import Counter

import pytest
from pydifact.control import Characters
from pydifact.token import Token
from pydifact.tokenizer import Tokenizer

from borderdesk.core.manifests import read_paxlst
from borderdesk.core.manifests.edifact import decode, read_interchange

from .messages import TODAY

FILES = ["Test1.txt", "Test3.txt", "airline2.edi", "apisMessage.txt", "multiple_flight_leg_apis.txt"]


@pytest.fixture
def read(shared_data):
    def read(name):
        return read_paxlst((shared_data / "paxlst-gtas" / name).read_bytes(), today=TODAY).as_dict()

    return read


def codes(result):
    return Counter(error["code"] for error in result["errors"])


def test_every_real_message_reads_to_json_with_all_its_travellers(read):
    results = {name: read(name) for name in FILES}
    assert sum(len(result["travellers"]) for result in results.values()) == 282
    for name, result in results.items():
        json.dumps(result)
        assert result["version"] in ("D:02B", "D:05B"), name
        assert all(traveller["surname"] and traveller["birth_date"] for traveller in result["travellers"]), name
        assert result["errors"] == sorted(result["errors"], key=lambda error: (error["segment"], error["code"]))


def test_crew_list_with_a_wrong_unt_count_and_lower_case_under_unoa(read):
    result = read("Test1.txt")
    assert (result["list_type"], result["version"], result["declared_count"]) == ("crew", "D:02B", 8)
    assert result["part"] == {"number": 1, "last": True}
    assert result["flight"] == {
        "carrier_flight": "UA0989",
        "departure": {"airport": "FRA", "at": "2017-01-27T17:25"},
        "arrival": {"airport": "IAD", "at": "2017-01-28T07:10"},
    }
    assert len(result["travellers"]) == 8
    first = result["travellers"][0]
    assert (first["surname"], first["given_names"], first["sex"], first["birth_date"]) == (
        "Steur",
        "Andrea Pat",
        "F",
        "1978-07-06",
    )
    assert first["document"] == {
        "type": "P",
        "number": "123456789",
        "issuing_state": "GBR",
        "expiry_date": "2061-02-18",
    }
    # UNT+0000152 where UNH..UNT are 107; each crew member's NAD and LOC+180 ("Hartford USA") hold lower case
    assert codes(result) == {"bad_character": 16, "segment_count_mismatch": 1}
    assert {k: v for k, v in result["errors"][-1].items() if k != "message"} == {
        "code": "segment_count_mismatch",
        "segment": 109,
    }
    assert "152" in result["errors"][-1]["message"] and "107" in result["errors"][-1]["message"]


def test_passenger_list_part_1_with_wrong_counts_and_a_latin_1_byte(read):
    result = read("Test3.txt")
    assert (result["list_type"], result["declared_count"], len(result["travellers"])) == ("passengers", 206, 260)
    assert result["part"] == {"number": 1, "last": False}
    wrong_counts = [(e["code"], e["segment"]) for e in result["errors"] if e["code"] != "bad_character"]
    assert wrong_counts == [("declared_count_mismatch", 3132), ("segment_count_mismatch", 3133)]
    assert codes(result)["bad_character"] == 520
    novak = next(t for t in result["travellers"] if t["surname"].startswith("Nov"))
    assert novak["surname"] == "Nov\x87k" and novak["given_names"] == "Jeffrey Pat"  # byte 0x87 read as Latin-1
    novak_error = next(e for e in result["errors"] if "\\x87" in e["message"])
    assert novak_error["code"] == "bad_character"


def test_custom_separators_and_a_blank_after_a_tag(read):
    result = read("airline2.edi")
    assert result["part"] == {"number": 10, "last": True}
    assert result["flight"]["carrier_flight"] == "TN506" and result["flight"]["arrival"]["airport"] == "YEU"
    assert [t["surname"] for t in result["travellers"]][:3] == ["BETTON", "TRIBBLE", "RIDER"]
    assert [(e["code"], e["segment"]) for e in result["errors"]] == [
        ("declared_count_mismatch", 112),
        ("segment_count_mismatch", 113),
    ]


def test_legs_only(read):
    result = read("apisMessage.txt")
    assert result["errors"] == []
    assert result["flight"] == {
        "carrier_flight": "AA124",
        "departure": {"airport": "ORD", "at": "2007-02-19T18:40"},
        "arrival": {"airport": "JFK", "at": "2007-02-19T19:55"},
    }
    assert [(t["surname"], t["given_names"], t["reservation"], t["document"]) for t in result["travellers"]] == [
        ("CLARK", "MICHAEL", "TYR123", None),
        ("CLARK", "CHERYL", "TYR123", None),
    ]


def test_several_legs_and_text_after_unz(read):
    result = read("multiple_flight_leg_apis.txt")
    assert result["errors"] == []
    assert result["flight"] == {
        "carrier_flight": "QQ827",
        "departure": {"airport": "JFK", "at": "2008-08-10T20:00"},
        "arrival": {"airport": "CDG", "at": "2008-08-11T06:30"},
    }
    assert [t["document"]["number"] for t in result["travellers"]] == ["YY3478621G", "TRQWE99800"]


@pytest.mark.parametrize("name", ["Test1.txt", "Test3.txt"])
def test_our_segments_are_pydifacts_where_pydifact_reads_the_message(shared_data, name):
    """The two messages pydifact's tokenizer reads cleanly give the same segments, value for value."""
    text = decode((shared_data / "paxlst-gtas" / name).read_bytes())
    separators, body = (Characters.from_str(text[:9]), text[9:]) if text.startswith("UNA") else (Characters(), text)
    theirs, segment, element = [], [], [""]
    for token in Tokenizer().get_tokens(body, separators):
        if token.type == Token.Type.TERMINATOR:
            theirs.append([*segment, element])
            segment, element = [], [""]
        elif token.type == Token.Type.DATA_SEPARATOR:
            segment.append(element)
            element = [""]
        elif token.type == Token.Type.COMPONENT_SEPARATOR:
            element.append("")
        else:
            element[-1] += token.value
    ours = [
        [[segment.tag], *[[part or "" for part in parts] for parts in segment.elements]]
        for segment in read_interchange(text).segments
    ]
    assert len(ours) == len(theirs) > 100
    assert ours == [[[part.strip() for part in parts] for parts in segment] for segment in theirs]
