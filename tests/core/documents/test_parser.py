from datetime import date

import pytest

from borderdesk.core.documents import ERROR_CODES, WARNING_CODES, compute_check_digit, parse_mrz

from .zones import MRVA, MRVB, SPECIMENS, TD1, TD1_LONG_NUMBER, TD2, TD3, TODAY, changed, rechecked, text


def parse(lines, today=TODAY, **options):
    return parse_mrz(text(lines), today=today, **options)


def error_codes(result):
    return [issue.code for issue in result.errors]


def warning_codes(result):
    return [issue.code for issue in result.warnings]


def test_check_digits_of_the_icao_specimen():
    assert compute_check_digit("L898902C3") == "6"
    assert compute_check_digit("740812") == "2"
    assert compute_check_digit("120415") == "9"
    assert compute_check_digit("ZE184226B<<<<<") == "1"
    assert compute_check_digit("L898902C36" + "7408122" + "1204159" + "ZE184226B<<<<<1") == "0"


def test_td3_specimen_gives_the_contract_json():
    result = parse(TD3, today=date(2026, 1, 1))
    assert result.to_dict() == {
        "format": "TD3",
        "valid": True,
        "fields": {
            "document_code": "P",
            "issuing_state": "UTO",
            "surname": "ERIKSSON",
            "given_names": "ANNA MARIA",
            "document_number": "L898902C3",
            "nationality": "UTO",
            "birth_date": "1974-08-12",
            "sex": "F",
            "expiry_date": "2012-04-15",
            "optional_data": "ZE184226B",
            "optional_data_2": "",
        },
        "checks": {
            "document_number": True,
            "birth_date": True,
            "expiry_date": True,
            "optional_data": True,
            "composite": True,
        },
        "errors": [],
        "warnings": [
            {"code": "document_expired", "field": "expiry_date", "message": "the document expired on 2012-04-15"}
        ],
        "repairs": [],
    }


@pytest.mark.parametrize(
    "format, checks",
    [
        ("TD1", ["document_number", "birth_date", "expiry_date", "composite"]),
        ("TD2", ["document_number", "birth_date", "expiry_date", "composite"]),
        ("TD3", ["document_number", "birth_date", "expiry_date", "optional_data", "composite"]),
        ("MRVA", ["document_number", "birth_date", "expiry_date"]),
        ("MRVB", ["document_number", "birth_date", "expiry_date"]),
    ],
)
def test_every_specimen_is_valid_with_the_checks_of_its_format(format, checks):
    result = parse(SPECIMENS[format])
    assert (result.format, result.valid, result.errors) == (format, True, [])
    assert list(result.checks) == checks and all(result.checks.values())
    assert (result.fields["surname"], result.fields["given_names"]) == ("ERIKSSON", "ANNA MARIA")


def test_td1_fields_including_the_second_optional_data():
    lines = rechecked(changed(TD1, 1, 18, "AB12"), "TD1")
    fields = parse(lines).fields
    assert fields["document_number"] == "D23145890"
    assert fields["optional_data_2"] == "AB12"
    assert (fields["birth_date"], fields["expiry_date"], fields["nationality"]) == ("1974-08-12", "2012-04-15", "UTO")


def test_visa_fields():
    fields = parse(MRVA).fields
    assert fields["document_code"] == "V"
    assert (fields["document_number"], fields["nationality"]) == ("L8988901C", "XXX")
    assert (fields["birth_date"], fields["expiry_date"]) == ("1940-09-07", "1996-12-10")
    assert fields["optional_data"] == "6ZE184226B"
    assert parse(MRVB).fields["optional_data"] == ""


def test_td1_long_document_number_joins_the_overflow():
    result = parse(TD1_LONG_NUMBER)
    assert result.valid
    assert result.fields["document_number"] == "D23145890734"
    assert result.fields["optional_data"] == ""
    assert result.checks["document_number"]


def test_td1_long_document_number_with_wrong_overflow_check_digit():
    result = parse(changed(TD1_LONG_NUMBER, 0, 18, "8"))
    assert not result.checks["document_number"]
    assert error_codes(result)[0] == "check_digit_mismatch"
    assert (result.errors[0].line, result.errors[0].column) == (0, 18)


def test_td1_overflow_marker_without_overflow_is_an_invalid_document_number():
    result = parse(changed(TD1, 0, 14, "<"))
    assert "invalid_document_number" in error_codes(result)
    assert result.checks["document_number"] is False


def test_scanner_noise_is_ignored():
    noisy = (
        "\r\n  \n  p<utoeriksson<<anna<maria<<< <<<<<<<<<<<<<<<<   \r\n"
        "\tL898902C36UTO7408122F1204159ZE184226B<<<<<10 \n\n\n"
    )
    result = parse_mrz(noisy, today=TODAY)
    assert result.valid and result.fields["document_number"] == "L898902C3"


def test_sex_filler_and_x_read_as_x():
    assert parse(rechecked(changed(TD3, 1, 20, "<"), "TD3")).fields["sex"] == "X"
    assert parse(rechecked(changed(TD3, 1, 20, "X"), "TD3")).fields["sex"] == "X"


def test_germany_is_d_without_fillers():
    lines = rechecked(changed(changed(TD3, 0, 2, "D<<"), 1, 10, "D<<"), "TD3")
    result = parse(lines)
    assert (result.fields["issuing_state"], result.fields["nationality"]) == ("D", "D")
    assert result.valid and result.warnings == []


def test_unused_personal_number_check_digit_may_be_filler_or_zero():
    blank = changed(TD3, 1, 28, "<" * 14)
    for check in "<0":
        lines = rechecked(changed(blank, 1, 42, check), "TD3")
        lines = changed(lines, 1, 42, check)  # rechecked computes 0; keep the filler under test
        lines = rechecked_composite_only(lines)
        result = parse(lines)
        assert result.checks["optional_data"] and result.valid, check


def rechecked_composite_only(lines):
    data = lines[1][0:10] + lines[1][13:20] + lines[1][21:43]
    return changed(lines, 1, 43, compute_check_digit(data))


def test_filler_check_digit_does_not_pass_for_a_used_personal_number():
    result = parse(rechecked_composite_only(changed(TD3, 1, 42, "<")))
    assert result.checks["optional_data"] is False


@pytest.mark.parametrize(
    "mrz_date, today, expected",
    [
        ("250101", date(2025, 1, 1), "2025-01-01"),  # on today: still the 2000s
        ("250102", date(2025, 1, 1), "1925-01-02"),  # one day after today: the 1900s
        ("000229", date(2000, 3, 1), "2000-02-29"),
        ("991231", date(2026, 6, 1), "1999-12-31"),
    ],
)
def test_birth_date_century(mrz_date, today, expected):
    lines = rechecked(changed(TD3, 1, 13, mrz_date), "TD3")
    assert parse(lines, today=today).fields["birth_date"] == expected


def test_birth_on_29_february_1900_is_not_a_real_date():
    lines = rechecked(changed(TD3, 1, 13, "000229"), "TD3")
    result = parse(lines, today=date(1999, 12, 31))
    assert result.fields["birth_date"] is None
    assert "invalid_date" in error_codes(result)


@pytest.mark.parametrize(
    "mrz_date, expected",
    [
        ("751231", "2075-12-31"),  # 49 years and 364 days after today
        ("760101", "1976-01-01"),  # exactly 50 years after today
        ("100101", "2010-01-01"),
    ],
)
def test_expiry_date_century(mrz_date, expected):
    lines = rechecked(changed(TD3, 1, 21, mrz_date), "TD3")
    assert parse(lines, today=date(2026, 1, 1)).fields["expiry_date"] == expected


def test_expired_document_is_a_warning_not_an_error():
    result = parse(TD3, today=date(2012, 4, 16))
    assert result.valid and warning_codes(result) == ["document_expired"]
    assert warning_codes(parse(TD3, today=date(2012, 4, 15))) == []


NOT_MRZ_CASES = {
    "empty_input": "",
    "wrong_line_count": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "wrong_line_length": text([TD3[0], TD3[1][:-1]]),
}


@pytest.mark.parametrize("code", NOT_MRZ_CASES)
def test_not_an_mrz(code):
    result = parse_mrz(NOT_MRZ_CASES[code], today=TODAY)
    assert (result.format, result.valid, error_codes(result)) == (None, False, [code])
    assert result.to_dict()["fields"] == {}


def test_blank_lines_only_is_empty_input():
    assert error_codes(parse_mrz(" \n\t\n", today=TODAY)) == ["empty_input"]


def test_non_text_is_unreadable():
    assert error_codes(parse_mrz(b"P<UTO", today=TODAY)) == ["unreadable_input"]


INVALID_ZONES = {
    "invalid_character": (changed(TD3, 1, 37, "-"), "optional_data"),
    "check_digit_mismatch": (changed(TD3, 1, 19, "3"), "birth_date"),
    "invalid_date": (rechecked(changed(TD3, 1, 13, "741312"), "TD3"), "birth_date"),
    "invalid_sex": (rechecked(changed(TD3, 1, 20, "Q"), "TD3"), "sex"),
    "invalid_document_code": (changed(TD3, 0, 0, "1"), "document_code"),
    "invalid_country_code": (changed(TD3, 0, 2, "U1O"), "issuing_state"),
    "invalid_name": (changed(TD3, 0, 5, "ER1KSSON"), "surname"),
    "invalid_document_number": (rechecked(changed(TD3, 1, 0, "<" * 9), "TD3"), "document_number"),
}


@pytest.mark.parametrize("code", INVALID_ZONES)
def test_each_error_code_makes_the_zone_invalid(code):
    lines, field = INVALID_ZONES[code]
    result = parse(lines)
    assert result.format == "TD3" and not result.valid
    assert any(issue.code == code and issue.field == field for issue in result.errors), result.errors


def test_every_error_code_is_documented_and_tested():
    tested = set(INVALID_ZONES) | set(NOT_MRZ_CASES) | {"unreadable_input"}
    assert tested == set(ERROR_CODES)


def test_invalid_character_points_at_line_and_column():
    issue = parse(changed(TD3, 1, 37, "-")).errors[0]
    assert (issue.code, issue.line, issue.column) == ("invalid_character", 1, 37)


def test_name_without_primary_identifier_is_invalid():
    result = parse(changed(TD3, 0, 5, "<<ANNA<MARIA<<<<<"))
    assert [(issue.code, issue.field) for issue in result.errors] == [("invalid_name", "surname")]


def test_each_check_digit_failure_names_its_field():
    cells = {
        "document_number": (1, 9),
        "birth_date": (1, 19),
        "expiry_date": (1, 27),
        "optional_data": (1, 42),
        "composite": (1, 43),
    }
    for field, (line, column) in cells.items():
        wrong = "1" if TD3[line][column] != "1" else "2"
        result = parse(changed(TD3, line, column, wrong))
        assert result.checks[field] is False
        mismatch = [issue for issue in result.errors if issue.field == field]
        assert mismatch[0].code == "check_digit_mismatch"


WARNING_ZONES = {
    "document_expired": (TD3, date(2020, 1, 1)),
    "unknown_issuing_state": (rechecked(changed(TD3, 0, 2, "ZZZ"), "TD3"), TODAY),
    "unknown_nationality": (rechecked(changed(TD3, 1, 10, "ZZZ"), "TD3"), TODAY),
    "name_truncated": (changed(TD3, 0, 5, "ERIKSSON<<ANNA<MARIA<ALEXANDRA<CHRISTIN"), TODAY),
    "unusual_document_code": (changed(TD3, 0, 0, "I<"), TODAY),
    "expiry_before_birth": (rechecked(changed(TD3, 1, 13, "120415"), "TD3"), date(2012, 4, 15)),
}


@pytest.mark.parametrize("code", WARNING_ZONES)
def test_each_warning_leaves_the_zone_valid(code):
    lines, today = WARNING_ZONES[code]
    result = parse(lines, today=today)
    assert result.valid, result.errors
    assert warning_codes(result) == [code]


def test_every_warning_code_is_documented_and_tested():
    assert set(WARNING_ZONES) == set(WARNING_CODES)


def test_truncated_name_keeps_what_fits():
    lines, today = WARNING_ZONES["name_truncated"]
    assert parse(lines, today=today).fields["given_names"] == "ANNA MARIA ALEXANDRA CHRISTIN"


def test_v_as_second_letter_of_an_identity_card_code_is_unusual():
    assert warning_codes(parse(changed(TD1, 0, 0, "IV"))) == ["unusual_document_code"]
    assert warning_codes(parse(changed(TD1, 0, 0, "AC"))) == []  # crew member certificate


def test_td2_and_mrvb_are_told_apart_by_the_visa_letter():
    assert parse(TD2).format == "TD2"
    assert parse(MRVB).format == "MRVB"
    assert parse(changed(TD1, 0, 0, "V")).format == "TD1"
