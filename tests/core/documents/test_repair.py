from borderdesk.core.documents import parse_mrz

from .zones import TD1, TD3, TODAY, changed, rechecked, text


def repaired(lines):
    return parse_mrz(text(lines), today=TODAY, repair=True)


def repairs_of(result):
    return [repair.to_dict() for repair in result.repairs]


def test_letter_o_in_a_document_number_is_repaired():
    result = repaired(changed(TD1, 0, 13, "O"))
    assert result.valid
    assert result.fields["document_number"] == "D23145890"
    assert repairs_of(result) == [{"field": "document_number", "line": 0, "column": 13, "from": "O", "to": "0"}]


def test_without_repair_nothing_is_changed():
    result = parse_mrz(text(changed(TD1, 0, 13, "O")), today=TODAY)
    assert not result.valid and result.repairs == []
    assert result.fields["document_number"] == "D2314589O"


def test_check_digit_read_as_a_letter_is_repaired():
    result = repaired(changed(TD3, 1, 9, "G"))
    assert result.valid
    assert repairs_of(result) == [{"field": "document_number", "line": 1, "column": 9, "from": "G", "to": "6"}]


def test_date_takes_digits_only():
    result = repaired(changed(TD3, 1, 15, "O"))
    assert result.valid and result.fields["birth_date"] == "1974-08-12"
    assert repairs_of(result)[0]["field"] == "birth_date"


def test_repair_in_a_long_td1_number_overflow():
    long_number = rechecked(["I<UTOD23145890<1521<<<<<<<<<<<", *TD1[1:]], "TD1")  # D23145890152
    assert parse_mrz(text(long_number), today=TODAY).valid
    result = repaired(changed(long_number, 0, 17, "Z"))
    assert result.valid and result.fields["document_number"] == "D23145890152"
    assert repairs_of(result) == [{"field": "document_number", "line": 0, "column": 17, "from": "Z", "to": "2"}]


def test_g_for_6_cannot_be_seen_by_a_check_digit():
    # G is 16 and 6 is 6: the weighted sums differ by a multiple of 10, so the check digit holds either way.
    misread = changed(rechecked(changed(TD3, 1, 0, "AB6123456"), "TD3"), 1, 2, "G")
    result = repaired(misread)
    assert result.valid and result.repairs == []
    assert result.fields["document_number"] == "ABG123456"


def test_ambiguous_misread_is_left_as_read():
    # L898902C3 read as LB98902C3: B->8 at column 1 and 8->B at column 3 both make the check digit hold.
    lines = changed(TD3, 1, 1, "B")
    result = repaired(lines)
    assert result.repairs == []
    assert not result.valid and result.fields["document_number"] == "LB98902C3"


def test_two_failing_fields_are_repaired_independently():
    lines = changed(changed(TD3, 1, 5, "O"), 1, 25, "I")  # L8989O2C3 and expiry 1204I5
    result = repaired(lines)
    assert result.valid
    assert [repair["field"] for repair in repairs_of(result)] == ["document_number", "expiry_date"]


def test_names_are_never_repaired():
    lines = changed(TD3, 0, 5, "0RIKSSON")
    result = repaired(lines)
    assert result.repairs == [] and not result.valid
    assert result.fields["surname"] == "0RIKSSON"


def test_a_failing_composite_alone_is_not_repaired():
    result = repaired(changed(TD3, 1, 43, "O"))
    assert result.repairs == []
    assert result.checks["composite"] is False and not result.valid


def test_a_non_confusable_misread_is_not_repaired():
    result = repaired(changed(TD3, 1, 0, "K"))
    assert result.repairs == [] and not result.valid
