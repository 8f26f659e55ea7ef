from datetime import date

import pytest

from borderdesk.core.documents import (
    REGISTER_ERROR_CODES,
    LostStolenRegister,
    RegisterImportError,
    parse_mrz,
    parse_register_csv,
)

from .zones import TD1_LONG_NUMBER, TD3, TODAY, text

HEADER = "document_number,issuing_state,document_type,reported_on,reason\n"
GOOD = (
    HEADER + "L898902C3,UTO,P,2024-03-01,stolen\nd 2314-5890-734,uto,ID,2023-12-24,lost\n"
    "C01X00T47,DEU,P,2022-01-01,lost\n"
)


def test_loads_and_looks_up():
    register = LostStolenRegister.from_csv(GOOD)
    assert len(register) == 3
    entry = register.lookup("L898902C3", "UTO", "P")
    assert (entry.reported_on, entry.reason) == (date(2024, 3, 1), "stolen")
    assert ("L898902C3", "UTO", "PO") in register  # same document category
    assert ("L898902C3", "UTO", "I") not in register
    assert ("C01X00T47", "D", "P") in register  # DEU is read as Germany's MRZ code D


def test_checks_a_parsed_document():
    register = LostStolenRegister.from_csv(GOOD)
    assert register.check(parse_mrz(text(TD3), today=TODAY)).reason == "stolen"
    assert register.check(parse_mrz(text(TD1_LONG_NUMBER), today=TODAY)).reason == "lost"
    assert register.check(parse_mrz("junk", today=TODAY)) is None


def test_columns_in_any_order_and_blank_lines():
    source = "reason,reported_on,document_type,issuing_state,document_number\n\nstolen,2024-03-01,P,UTO,L898902C3\n"
    assert [entry.document_number for entry in parse_register_csv(source)] == ["L898902C3"]


BAD_ROWS = {
    "wrong_column_count": "L898902C3,UTO,P,2024-03-01",
    "invalid_document_number": "L898902C3!,UTO,P,2024-03-01,lost",
    "invalid_issuing_state": "L898902C3,QQQ,P,2024-03-01,lost",
    "invalid_document_type": "L898902C3,UTO,X,2024-03-01,lost",
    "invalid_reported_on": "L898902C3,UTO,P,2024-02-30,lost",
    "missing_reason": "L898902C3,UTO,P,2024-03-01,  ",
    "duplicate_entry": "L898902C3,UTO,PP,2024-03-02,lost",
}


@pytest.mark.parametrize("code", BAD_ROWS)
def test_bad_row_rejects_the_whole_file_with_its_line(code):
    source = GOOD + BAD_ROWS[code] + "\n"
    with pytest.raises(RegisterImportError) as raised:
        LostStolenRegister.from_csv(source)
    assert [(error.line, error.code) for error in raised.value.errors] == [(5, code)]


def test_every_bad_row_is_listed():
    source = HEADER + "A1,UTO,P,2024-01-01,lost\n,UTO,P,2024-01-01,lost\nB2,UTO,P,yesterday,lost\n"
    with pytest.raises(RegisterImportError) as raised:
        parse_register_csv(source)
    assert [error.to_dict()["line"] for error in raised.value.errors] == [3, 4]
    assert "line 3" in str(raised.value)


@pytest.mark.parametrize(
    "source, code",
    [
        ("", "missing_header"),
        ("number,state\nA1,UTO\n", "invalid_header"),
    ],
)
def test_header_problems(source, code):
    with pytest.raises(RegisterImportError) as raised:
        parse_register_csv(source)
    assert [(error.line, error.code) for error in raised.value.errors] == [(1, code)]


def test_a_file_that_is_not_csv_is_refused_with_its_line():
    huge = "x" * 200_000  # over the csv module's field limit
    with pytest.raises(RegisterImportError) as raised:
        parse_register_csv(HEADER + f"L898902C3,UTO,P,2024-03-01,{huge}\n")
    assert [(error.line, error.code) for error in raised.value.errors] == [(2, "malformed_csv")]


def test_every_register_error_code_is_tested():
    assert set(BAD_ROWS) | {"missing_header", "invalid_header", "malformed_csv"} == set(REGISTER_ERROR_CODES)


def test_reads_from_a_file(tmp_path):
    path = tmp_path / "sltd.csv"
    path.write_text("\ufeff" + GOOD, encoding="utf-8")
    with open(path, encoding="utf-8", newline="") as handle:
        assert len(LostStolenRegister.from_csv(handle)) == 3
