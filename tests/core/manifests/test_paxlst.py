"""The reading rules of CONTRACTS.md section 6, on hand-written messages."""

import pytest

from borderdesk.core.manifests import ERROR_CODES, read_paxlst

from .messages import SEGMENTS, TODAY, VALID, message, replaced


def read(data: bytes, today=TODAY):
    return read_paxlst(data, today=today).as_dict()


def codes(result) -> list[tuple[str, int]]:
    return [(error["code"], error["segment"]) for error in result["errors"]]


def test_a_valid_message_reads_whole_and_without_errors():
    result = read(VALID)
    assert result["errors"] == []
    assert (result["version"], result["list_type"], result["declared_count"]) == ("D:05B", "passengers", 2)
    assert result["part"] == {"number": 1, "last": True}
    assert result["flight"] == {
        "carrier_flight": "LH400",
        "departure": {"airport": "FRA", "at": "2026-11-29T10:30"},
        "arrival": {"airport": "UCX", "at": "2026-11-29T13:15"},
    }
    assert result["travellers"][0] == {
        "surname": "O'BRIEN",
        "given_names": "SEAN PATRICK",
        "sex": "M",
        "birth_date": "1980-04-02",
        "nationality": "IRL",
        "document": {"type": "P", "number": "PA1234567", "issuing_state": "IRL", "expiry_date": "2030-01-01"},
        "embarkation": "FRA",
        "debarkation": "UCX",
        "seat": "23A",
        "reservation": "ABC123",
    }
    second = result["travellers"][1]
    assert (second["surname"], second["given_names"], second["birth_date"]) == ("ERIKSSON", "ANNA MARIA", "1974-08-12")
    assert second["document"] == {
        "type": "P",
        "number": "L898902C3",
        "issuing_state": "SWE",
        "expiry_date": "2031-04-15",
    }
    assert (second["seat"], second["reservation"], second["embarkation"]) == (None, None, None)


def test_crew_list_and_d02b():
    result = read(message([s.replace("D:05B", "D:02B") for s in replaced("BGM+745", "BGM+250+C")]))
    assert (result["list_type"], result["version"]) == ("crew", "D:02B")


# Separators, release characters, blanks, line breaks, character sets


def test_cr_and_lf_are_dropped_everywhere_even_after_a_release_character():
    wrapped = VALID.replace(b"O?'BRIEN", b"O?\r\n'BR\nIEN").replace(b"LOC+125+FRA", b"LO\r\nC+125+F\nRA")
    result = read(wrapped)
    assert result["errors"] == []
    assert result["travellers"][0]["surname"] == "O'BRIEN" and result["flight"]["departure"]["airport"] == "FRA"


def test_blanks_before_tags_and_around_values_are_ignored():
    spaced = b"  " + VALID.replace(b"'", b"'\r\n   ").replace(b"?'\r\n   ", b"?'").replace(b"+LH400+", b"+ LH400 +")
    result = read(spaced)
    assert result["errors"] == [] and result["flight"]["carrier_flight"] == "LH400"
    assert len(result["travellers"]) == 2


def test_una_sets_the_separators():
    custom = [
        segment.replace("?'", "\0").replace("+", "*").replace("'", "'").replace("\0", "?'") for segment in SEGMENTS
    ]
    data = ("UNA:*.? $\r\n" + "".join(segment + "$\r\n" for segment in custom)).encode()
    result = read(data)
    assert result["errors"] == []
    assert result["travellers"][0]["surname"] == "O'BRIEN" and result["declared_count"] == 2


def test_a_space_as_release_character_means_none():
    segments = [s.replace("O?'BRIEN", "O?BRIEN") for s in SEGMENTS]
    result = read(message(segments, una="UNA:+.  '"))
    assert result["errors"] == [] and result["travellers"][0]["surname"] == "O?BRIEN"


def test_anything_after_unz_is_ignored():
    assert read(VALID + b"\r\n13Nov09\r\n")["errors"] == []
    assert read(VALID + b"UNB+UNOA:4+X'UNH+1+PAXLST:D:05B:UN:IATA'")["errors"] == []


def test_latin_1_when_not_utf_8_and_the_syntax_level_decides_what_is_a_bad_character():
    name = replaced("NAD+FL+++ERIKSSON:ANNA:MARIA", "NAD+FL+++M\xdcLLER:ANNA")
    unoc = read(message([s.replace("UNOA", "UNOC") for s in name]))
    assert unoc["travellers"][1]["surname"] == "MÜLLER" and unoc["errors"] == []
    unoa = read(message(name))
    assert unoa["travellers"][1]["surname"] == "MÜLLER" and codes(unoa) == [("bad_character", 22)]
    utf8 = read(("UNA:+.? '" + "".join(s.replace("UNOA", "UNOC") + "'" for s in name)).encode())
    assert utf8["travellers"][1]["surname"] == "MÜLLER" and utf8["errors"] == []


def test_lower_case_is_bad_under_unoa_but_not_unob_and_other_levels_are_not_checked():
    lower = replaced("NAD+FL+++ERIKSSON:ANNA:MARIA", "NAD+FL+++Eriksson:Anna:Maria")
    result = read(message(lower))
    assert codes(result) == [("bad_character", 22)] and result["travellers"][1]["surname"] == "Eriksson"
    assert read(message([s.replace("UNOA", "UNOB") for s in lower]))["errors"] == []
    control = [s.replace("UNOA", "UNOB") for s in replaced("ATT+2++F", "ATT+2++F\x07")]
    assert codes(read(message(control))) == [("bad_character", 23)]
    assert read(message([s.replace("UNOB", "UNOW") for s in control]))["errors"] == []


def test_one_bad_character_error_per_segment():
    result = read(message(replaced("NAD+FL+++ERIKSSON:ANNA:MARIA", "NAD+FL+++eriksson:anna:maria~~")))
    assert codes(result) == [("bad_character", 22)]


# The header: version, list type, part


@pytest.mark.parametrize(
    ("transfer", "part"),
    [
        ("", {"number": 1, "last": True}),
        ("+LH400+01:C", {"number": 1, "last": False}),
        ("+LH400+02:C", {"number": 2, "last": False}),
        ("+LH400+10:F", {"number": 10, "last": True}),
        ("+LH400", {"number": 1, "last": True}),
    ],
)
def test_part_number_of_a_multi_part_message(transfer, part):
    header = "UNH+42+PAXLST:D:05B:UN:IATA"
    assert read(message(replaced(header, header + transfer)))["part"] == part


def test_unknown_message_type_at_bgm_still_reads_the_travellers():
    result = read(message(replaced("BGM+745", "BGM+380")))
    assert result["list_type"] is None and codes(result) == [("unknown_message_type", 4)]
    assert len(result["travellers"]) == 2


# The flight


def test_legs_only_take_the_last_tdt_group_first_to_last_place():
    legs = [
        *SEGMENTS[:5],
        "TDT+20+AA123+++AA",
        "LOC+92+ATL",
        "DTM+189:0702191540:201",
        "LOC+92+ORD",
        "DTM+232:0702191740:201",
        "TDT+20+AA124+++AA",
        "LOC+92+ORD",
        "DTM+189:0702191840:201",
        "LOC+92+JFK",
        "DTM+232:0702191955:201",
        *SEGMENTS[10:29],
        "UNT+33+42",
        "UNE+1+42",
        "UNZ+1+42",
    ]
    result = read(message(legs))
    assert result["errors"] == []
    assert result["flight"] == {
        "carrier_flight": "AA124",
        "departure": {"airport": "ORD", "at": "2007-02-19T18:40"},
        "arrival": {"airport": "JFK", "at": "2007-02-19T19:55"},
    }


def test_the_group_with_departure_and_arrival_wins_over_legs():
    legs = [*SEGMENTS[:5], "TDT+20+QQ877", "LOC+92+MIA", "LOC+92+IAD", *SEGMENTS[5:29], "UNT+31+42", *SEGMENTS[30:]]
    result = read(message(legs))
    assert result["errors"] == [] and result["flight"]["carrier_flight"] == "LH400"


def test_times_by_format_code_or_length():
    cases = {
        "DTM+189:202611291030:203": "2026-11-29T10:30",
        "DTM+189:2611291030": "2026-11-29T10:30",
        "DTM+189:202611291030": "2026-11-29T10:30",
    }
    for segment, at in cases.items():
        result = read(message(replaced("DTM+189:2611291030:201", segment)))
        assert result["flight"]["departure"]["at"] == at and result["errors"] == []


def test_no_tdt_no_flight():
    result = read(
        message([s for s in SEGMENTS if not s.startswith(("TDT", "LOC+125", "LOC+87", "DTM+189", "DTM+232"))])
    )
    assert result["flight"] is None and codes(result) == [("segment_count_mismatch", 25)]


# Travellers


def test_name_joins_every_further_non_empty_component_and_ignores_the_address():
    result = read(
        message(replaced("NAD+FL+++ERIKSSON:ANNA:MARIA", "NAD+FL+++ERIKSSON::ANNA: :MARIA+1 MAIN ST+AMAUROT"))
    )
    assert (result["travellers"][1]["surname"], result["travellers"][1]["given_names"]) == ("ERIKSSON", "ANNA MARIA")


def test_crew_and_in_transit_qualifiers_are_travellers_other_nad_are_not():
    for qualifier in ("FM", "DDT", "DDU"):
        result = read(message(replaced("NAD+FL+++ERIKSSON:ANNA:MARIA", f"NAD+{qualifier}+++ERIKSSON:ANNA")))
        assert len(result["travellers"]) == 2
    result = read(message(replaced("NAD+FL+++ERIKSSON:ANNA:MARIA", "NAD+ZZ+++ERIKSSON:ANNA")))
    assert len(result["travellers"]) == 1 and codes(result) == [("declared_count_mismatch", 29)]


@pytest.mark.parametrize(
    ("yymmdd", "born"),
    [
        ("250101", "2025-01-01"),
        ("261129", "2026-11-29"),
        ("261130", "1926-11-30"),
        ("800402", "1980-04-02"),
        ("000229", "2000-02-29"),
    ],
)
def test_a_two_digit_birth_year_is_20yy_unless_after_today(yymmdd, born):
    result = read(message(replaced("DTM+329:800402", f"DTM+329:{yymmdd}")))
    assert result["travellers"][0]["birth_date"] == born


def test_expiry_is_always_20yy_and_the_issue_date_is_not_the_expiry():
    doc = ["DOC+P:110:111+PA1234567", "DTM+182:150101", "DTM+36:950101", "LOC+91+IRL"]
    segments = SEGMENTS[:18] + doc + SEGMENTS[21:29] + ["UNT+29+42"] + SEGMENTS[30:]
    result = read(message(segments))
    assert result["errors"] == []
    assert result["travellers"][0]["document"]["expiry_date"] == "2095-01-01"


def test_the_first_document_with_its_own_expiry_and_issuing_state():
    second_doc = ["DOC+V+V1234", "DTM+36:290101", "LOC+91+UTO"]
    segments = [*SEGMENTS[:18], "DOC+P:110:111+PA1234567", "LOC+91+IRL", *second_doc, *SEGMENTS[21:29]]
    segments += ["UNT+30+42", *SEGMENTS[30:]]
    document = read(message(segments))["travellers"][0]["document"]
    assert document == {"type": "P", "number": "PA1234567", "issuing_state": "IRL", "expiry_date": None}


def test_a_traveller_without_a_document():
    segments = [s for s in SEGMENTS if s not in ("DOC+P+L898902C3", "DTM+36:20310415:102", "LOC+91+SWE")]
    result = read(message([s.replace("UNT+28", "UNT+25") for s in segments]))
    assert result["errors"] == [] and result["travellers"][1]["document"] is None


# Each error code


def test_truncated_inside_a_segment_drops_it_and_keeps_everything_before():
    cut = VALID[: VALID.index(b"ATT+2++F") + 5]
    result = read(cut)
    assert codes(result) == [("truncated", 23)]
    assert [t["surname"] for t in result["travellers"]] == ["O'BRIEN", "ERIKSSON"]
    assert result["travellers"][1]["sex"] is None


def test_truncated_cleanly_before_unt_is_one_past_the_last_segment():
    result = read(VALID[: VALID.index(b"UNT")])
    assert codes(result) == [("truncated", 30)] and result["declared_count"] == 2


def test_truncated_on_a_dangling_release_character():
    assert codes(read(VALID[: VALID.index(b"O?'") + 2])) == [("truncated", 11)]


def test_no_trailer_errors_for_what_never_arrived():
    assert codes(read(VALID[: VALID.index(b"UNZ") + 5])) == [("truncated", 32)]
    assert codes(read(VALID[: VALID.index(b"CNT")])) == [("truncated", 29)]


def test_segment_count_mismatch_at_unt():
    assert codes(read(message(replaced("UNT+28+42", "UNT+27+42")))) == [("segment_count_mismatch", 30)]
    assert codes(read(message(replaced("UNT+28+42", "UNT+0000028+42")))) == []
    assert codes(read(message(replaced("UNT+28+42", "UNT++42")))) == [("segment_count_mismatch", 30)]


@pytest.mark.parametrize(("cnt", "declared"), [("CNT+42:3", 3), ("CNT+41+3", 3), ("CNT+41:X", None)])
def test_declared_count_mismatch_at_cnt(cnt, declared):
    result = read(message(replaced("CNT+42:2", cnt)))
    assert result["declared_count"] == declared and codes(result) == [("declared_count_mismatch", 29)]


def test_cnt_plus_41_plus_count_reads_the_second_element():
    result = read(message(replaced("CNT+42:2", "CNT+41+2")))
    assert result["declared_count"] == 2 and result["errors"] == []


def test_missing_interchange_trailer():
    result = read(message(SEGMENTS[:-1]))
    assert codes(result) == [("missing_interchange_trailer", 32)]


@pytest.mark.parametrize(
    ("old", "new", "position"),
    [
        ("DTM+329:800402", "DTM+329:801332", 13),
        ("DTM+329:800402", "DTM+329:8004", 13),
        ("DTM+329:800402", "DTM+329:800402:203", 13),
        ("DTM+36:300101", "DTM+36:300230", 20),
        ("DTM+189:2611291030:201", "DTM+189:2611291060:201", 8),
        ("DTM+189:2611291030:201", "DTM+189:2611292430", 8),
        ("DTM+189:2611291030:201", "DTM+189:261129:201", 8),
        ("DTM+232:2611291315:201", "DTM+232", 10),
        ("DTM+329:19740812:102", "DTM+329:19740812:101", 24),
    ],
)
def test_bad_date_leaves_the_field_null(old, new, position):
    result = read(message(replaced(old, new)))
    assert codes(result) == [("bad_date", position)]


def test_errors_sorted_by_segment_then_code_with_every_code_known():
    broken = replaced("BGM+745", "BGM+999")
    broken = [
        s.replace("CNT+42:2", "CNT+42:7").replace("UNT+28", "UNT+9").replace("ERIKSSON", "eriksson") for s in broken
    ]
    result = read(message(broken[:-1]))
    assert codes(result) == [
        ("unknown_message_type", 4),
        ("bad_character", 22),
        ("declared_count_mismatch", 29),
        ("segment_count_mismatch", 30),
        ("missing_interchange_trailer", 32),
    ]
    assert all(error["code"] in ERROR_CODES and error["message"] for error in result["errors"])


# Nothing readable


@pytest.mark.parametrize("data", [b"", b"   \r\n", b"UNA:+", b"hello world", bytes(range(256)), b"'''"])
def test_nothing_readable(data):
    manifest = read_paxlst(data, today=TODAY)
    assert not manifest.readable and manifest.travellers == []


def test_a_message_without_envelope_is_readable():
    manifest = read_paxlst(message(SEGMENTS[2:30], una=""), today=TODAY)
    assert manifest.readable and len(manifest.travellers) == 2
    assert [(e.code, e.segment) for e in manifest.errors] == [("missing_interchange_trailer", 29)]
