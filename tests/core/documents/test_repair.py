from datetime import date

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from borderdesk.core.documents import MrzFields, generate_mrz, parse_mrz
from borderdesk.core.documents.layout import LAYOUTS, span_cells

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


# A letter in a field that takes digits only: dates, whose G weighs the same as a 6 modulo 10.

LETTER_FOR = {"0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G"}


def test_g_read_for_6_in_a_date_is_repaired_though_its_check_digit_holds():
    born_in_76 = rechecked(changed(TD3, 1, 13, "760812"), "TD3")
    misread = changed(born_in_76, 1, 13, "7G0812")
    as_read = parse_mrz(text(misread), today=TODAY)
    assert as_read.checks["birth_date"] is True and "invalid_date" in as_read.issue_codes()
    result = repaired(misread)
    assert result.valid and result.fields["birth_date"] == "1976-08-12"
    assert list(result.lines) == born_in_76
    assert repairs_of(result) == [{"field": "birth_date", "line": 1, "column": 14, "from": "G", "to": "6"}]


def test_a_date_with_two_letters_is_left_as_read():
    lines = changed(rechecked(changed(TD3, 1, 13, "760812"), "TD3"), 1, 13, "7GO812")
    result = repaired(lines)
    assert result.repairs == [] and not result.valid


FORMATS = {"TD1": "I", "TD2": "I", "TD3": "P", "MRVA": "V", "MRVB": "V"}


@st.composite
def valid_zones(draw):
    format = draw(st.sampled_from(sorted(FORMATS)))
    fields = MrzFields(
        document_code=FORMATS[format],
        issuing_state="UTO",
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        document_number=draw(st.text(alphabet="ABCDEFGHJKLMNPQRTUVWXY0123456789", min_size=6, max_size=9)),
        nationality="UTO",
        birth_date=draw(st.dates(date(1931, 1, 1), date(2009, 12, 31))),
        sex=draw(st.sampled_from("FM")),
        expiry_date=draw(st.dates(date(2010, 1, 2), date(2039, 12, 31))),
    )
    lines = generate_mrz(format, fields)
    assert parse_mrz(text(lines), today=TODAY).valid
    return format, lines


def digits_only_cells(format: str) -> list[tuple[str, tuple[int, int]]]:
    """Every cell that takes a digit only, with the field whose check digit judges it."""
    layout = LAYOUTS[format]
    cells = [(field, cell) for field in ("birth_date", "expiry_date") for cell in span_cells(getattr(layout, field))]
    return cells + [(field, cell) for field, cell in layout.check_cells().items() if field != "composite"]


@settings(max_examples=300, deadline=None)
@given(valid_zones(), st.data())
def test_a_digit_misread_as_its_letter_where_only_digits_stand_is_repaired(zone, data):
    format, lines = zone
    cells = [(f, c) for f, c in digits_only_cells(format) if lines[c[0]][c[1]] in LETTER_FOR]
    assume(cells)
    field, (line, column) = data.draw(st.sampled_from(cells))
    digit = lines[line][column]
    result = repaired(changed(lines, line, column, LETTER_FOR[digit]))
    assert result.valid and list(result.lines) == lines
    assert repairs_of(result) == [
        {"field": field, "line": line, "column": column, "from": LETTER_FOR[digit], "to": digit}
    ]


@settings(max_examples=300, deadline=None)
@given(valid_zones(), st.data())
def test_a_letter_in_a_date_is_never_turned_into_a_digit_the_check_digit_refuses(zone, data):
    format, lines = zone
    layout = LAYOUTS[format]
    field = data.draw(st.sampled_from(["birth_date", "expiry_date"]))
    line, column = data.draw(st.sampled_from(span_cells(getattr(layout, field))))
    letter = data.draw(st.sampled_from(sorted(set(LETTER_FOR.values()) - {LETTER_FOR.get(lines[line][column])})))
    result = repaired(changed(lines, line, column, letter))
    assert not result.valid
    assert field not in [repair.field for repair in result.repairs]
    assert result.lines[line][column] == letter
