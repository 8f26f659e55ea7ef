from borderdesk.core.screening.model import Action, IdentityDocument, PartialDate, Schema
from borderdesk.core.screening.sources import ErrorCode, load_source

from .helpers import entries_by_id, source_error, write

HEADER = "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"
GOOD = HEADER + (
    "UTO-1,Anna Maria Eriksson,Anna Eriksson;A. M. Eriksson,1974-08-12,UTO,F,L898902C3:UTO;X123,Wanted,arrest\n"
    "UTO-2,Ivan Petrov,,1960-03,RUS,m,P12345,,\n"
    '"UTO-3","Jean ""Le Loup"" Martin","Jean Martin",1955;1956,FR;Atlantis,X,,"Fraud, forgery",inform\n'
)


def test_reads_every_column(tmp_path):
    entries = entries_by_id("csv", write(tmp_path, "list.csv", GOOD))
    anna = entries["UTO-1"]
    assert anna.names == ("Anna Maria Eriksson", "Anna Eriksson", "A. M. Eriksson")
    assert anna.schema is Schema.PERSON
    assert anna.birth_dates == (PartialDate(1974, 8, 12),)
    assert anna.nationalities == ("UTO",)
    assert anna.sex == "F"
    assert anna.documents == (IdentityDocument("L898902C3", "UTO"), IdentityDocument("X123"))
    assert (anna.reason, anna.action) == ("Wanted", Action.ARREST)


def test_empty_action_means_refuse_entry_and_partial_dates_stay_partial(tmp_path):
    ivan = entries_by_id("csv", write(tmp_path, "list.csv", GOOD))["UTO-2"]
    assert ivan.action is Action.REFUSE_ENTRY
    assert ivan.birth_dates == (PartialDate(1960, 3),)
    assert ivan.sex == "M"


def test_quoted_fields_several_dates_and_unknown_countries(tmp_path):
    parsed = load_source("csv", write(tmp_path, "list.csv", GOOD))
    jean = next(entry for entry in parsed.entries if entry.entry_id == "UTO-3")
    assert jean.names == ('Jean "Le Loup" Martin', "Jean Martin")
    assert jean.birth_dates == (PartialDate(1955), PartialDate(1956))
    assert jean.nationalities == ("FRA",)
    assert parsed.report.unknown_countries == {"Atlantis": 1}
    assert (jean.reason, jean.action, jean.sex) == ("Fraud, forgery", Action.INFORM, "X")


def test_optional_columns_may_be_left_out(tmp_path):
    entries = entries_by_id("csv", write(tmp_path, "list.csv", "name,id\nJohn Smith,N1\n"))
    assert entries["N1"].names == ("John Smith",)
    assert entries["N1"].action is Action.REFUSE_ENTRY


def _error(tmp_path, text):
    return source_error("csv", write(tmp_path, "list.csv", text))


def test_bad_action_names_its_line(tmp_path):
    error = _error(tmp_path, GOOD + "UTO-4,Bob Stone,,,,,,,shoot\n")
    assert (error.code, error.line) == (ErrorCode.BAD_ACTION, 5)
    assert "shoot" in error.message and str(error).startswith(f"{tmp_path / 'list.csv'}:5:")


def test_line_numbers_count_physical_lines_of_multiline_fields(tmp_path):
    text = HEADER + 'A1,Ann Lee,,,,,,"line one\nline two",inform\nA2,Bo Ng,,,,,,,nope\n'
    assert _error(tmp_path, text).line == 4


def test_each_malformed_row_has_its_code(tmp_path):
    cases = {
        "A1,Ann Lee,,1974-13-01,,,,,\n": ErrorCode.BAD_DATE,
        "A1,Ann Lee,,12/08/1974,,,,,\n": ErrorCode.BAD_DATE,
        "A1,Ann Lee,,,,W,,,\n": ErrorCode.BAD_SEX,
        ",Ann Lee,,,,,,,\n": ErrorCode.MISSING_ID,
        "A1, ,,,,,,,\n": ErrorCode.MISSING_NAME,
        "A1,Ann Lee,,,\n": ErrorCode.BAD_COLUMN_COUNT,
    }
    for row, code in cases.items():
        error = _error(tmp_path, HEADER + row)
        assert (error.code, error.line) == (code, 2), row


def test_duplicate_id_points_at_the_second_row(tmp_path):
    error = _error(tmp_path, "id,name\nA1,Ann Lee\nA2,Bo Ng\nA1,Other\n")
    assert (error.code, error.line) == (ErrorCode.DUPLICATE_ID, 4)
    assert "line 2" in error.message


def test_header_problems(tmp_path):
    assert _error(tmp_path, "").code is ErrorCode.MISSING_HEADER
    assert _error(tmp_path, "id,aliases\nA1,x\n").code is ErrorCode.MISSING_COLUMN
    error = _error(tmp_path, "id,name,alias\nA1,Ann,x\n")
    assert (error.code, error.line) == (ErrorCode.UNKNOWN_COLUMN, 1) and "alias" in error.message


def test_a_header_without_rows_is_an_empty_source(tmp_path):
    assert _error(tmp_path, HEADER).code is ErrorCode.EMPTY_SOURCE


def test_not_utf8_is_rejected_with_its_line(tmp_path):
    path = write(tmp_path, "list.csv", "id,name\nA1,Ann\nA2,Jos\u00e9\n", encoding="latin-1")
    error = source_error("csv", path)
    assert (error.code, error.line) == (ErrorCode.BAD_ENCODING, 3)
