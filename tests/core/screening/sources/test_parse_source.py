import pytest

from borderdesk.core.screening.sources import FORMATS, ErrorCode, SourceError, load_source, parse_source

from .helpers import write


def test_formats():
    assert FORMATS == ("ofac-csv", "un-xml", "csl-csv", "ftm-json", "csv")


def test_unknown_format_and_missing_file_fail_at_once(tmp_path):
    with pytest.raises(SourceError) as caught:
        parse_source("sdn-xml", tmp_path)
    assert caught.value.code is ErrorCode.UNKNOWN_FORMAT
    with pytest.raises(SourceError) as caught:
        parse_source("csv", tmp_path / "absent.csv")
    assert caught.value.code is ErrorCode.FILE_NOT_FOUND and caught.value.path.endswith("absent.csv")


def test_entries_stream_and_the_report_fills_in(tmp_path):
    path = write(tmp_path, "list.csv", "id,name,aliases,nationality\nA1,Ann Lee,Annie Lee,XYZ\nA2,Bo Ng,,UTO\n")
    parsed = load_source("csv", path)
    assert [entry.entry_id for entry in parsed.entries] == ["A1", "A2"]
    assert parsed.report.as_dict() == {
        "format": "csv",
        "entries": 2,
        "by_schema": {"person": 2},
        "names": 3,
        "weak_aliases": 0,
        "birth_dates": 0,
        "documents": 0,
        "unknown_countries": {"XYZ": 1},
        "skipped": {},
        "checks": ["list.csv: ends with a line end", "list.csv: every row has the header's 4 columns"],
        "warnings": [
            "list.csv: this format states no record count and no end-of-file marker, so a file cut at"
            " a line boundary cannot be recognised from the file itself"
        ],
        "stated": {},
    }


def test_an_error_message_names_path_line_and_code(tmp_path):
    path = write(tmp_path, "list.csv", "id,name\nA1,\n")
    with pytest.raises(SourceError) as caught:
        list(parse_source("csv", path))
    assert str(caught.value) == f"{path}:2: [missing_name] entry A1 has no name"
