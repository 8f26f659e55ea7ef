"""The simple CSV manifest for carriers without EDIFACT."""

import pytest

from borderdesk.core.manifests import CSV_COLUMNS, detect_format, read_csv_manifest, read_manifest

from .messages import TODAY, VALID

HEADER = ",".join(CSV_COLUMNS)
ROW_1 = (
    "passengers,LH400,FRA,2026-11-29T10:30,UCX,2026-11-29 13:15,"
    "O'BRIEN,SEAN PATRICK,M,1980-04-02,IRL,P,PA1234567,IRL,2030-01-01,FRA,UCX,23A,ABC123"
)
ROW_2 = "passengers,LH400,FRA,2026-11-29T10:30,UCX,2026-11-29T13:15,ERIKSSON,ANNA MARIA,F,1974-08-12,SWE,,,,,,,,"


def read(text: str):
    return read_csv_manifest(text.encode("utf-8")).as_dict()


def codes(result):
    return [(error["code"], error["segment"]) for error in result["errors"]]


def test_a_csv_manifest_reads_like_a_paxlst_one():
    result = read(f"{HEADER}\r\n{ROW_1}\r\n{ROW_2}\r\n")
    assert result["errors"] == [] and result["format"] == "csv"
    assert (result["list_type"], result["part"], result["declared_count"]) == (
        "passengers",
        {"number": 1, "last": True},
        None,
    )
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
    assert result["travellers"][1]["document"] is None


def test_columns_in_any_order_and_case_unknown_ones_ignored_only_surname_required():
    result = read("Given_Names,SURNAME,loyalty\nANNA,ERIKSSON,gold\n\n")
    assert result["errors"] == [] and result["flight"] is None and result["list_type"] is None
    assert [(t["surname"], t["given_names"]) for t in result["travellers"]] == [("ERIKSSON", "ANNA")]


def test_latin_1_and_a_byte_order_mark():
    assert read_csv_manifest(b"surname\nM\xdcLLER\n").travellers[0].surname == "MÜLLER"
    assert read_csv_manifest("\ufeffsurname\nMÜLLER\n".encode()).travellers[0].surname == "MÜLLER"


def test_errors_carry_the_line():
    text = "\n".join(
        [
            HEADER,
            ROW_1,
            ROW_2.replace("1974-08-12", "1974-02-30").replace("LH400", "LH401"),
            "cargo,,,,,,SMITH",
            "passengers,LH400,FRA",
        ]
    )
    result = read(text)
    assert codes(result) == [
        ("bad_date", 3),
        ("flight_mismatch", 3),
        ("bad_row", 4),
        ("unknown_message_type", 4),
        ("bad_row", 5),
    ]
    assert len(result["travellers"]) == 4 and result["travellers"][1]["birth_date"] is None
    assert result["flight"]["carrier_flight"] == "LH400"


def test_a_quoted_cell_over_two_lines_counts_lines_right():
    result = read('surname,given_names,birth_date\n"SMITH\nJONES",ANN,1990-01-01\nDOE,JO,1990-13-01\n')
    assert codes(result) == [("bad_date", 4)] and result["travellers"][0]["surname"] == "SMITH\nJONES"


@pytest.mark.parametrize("text", ["", "name,birth_date\nSMITH,1990-01-01\n", "\x00\x01"])
def test_without_a_surname_column_nothing_is_read(text):
    manifest = read_csv_manifest(text.encode())
    assert not manifest.readable and [e.code for e in manifest.errors][-1] == "missing_column"


def test_format_detection():
    assert detect_format(VALID) == "paxlst"
    assert detect_format(b"\r\n  UNB+UNOA:4'") == "paxlst"
    assert detect_format(f"\ufeff{HEADER}\n".encode()) == "csv"
    assert detect_format(b'"Surname","Given_Names"\n') == "csv"
    assert detect_format(b"hello") == "paxlst"
    assert read_manifest(f"{HEADER}\n{ROW_1}\n".encode(), today=TODAY).format == "csv"
    assert read_manifest(VALID, today=TODAY, format="paxlst").format == "paxlst"
