"""Completeness checks: a file cut short is refused (SOURCE_TRUNCATED) where its format states enough to
notice, and the report says which checks were made and what a format leaves uncheckable."""

import pytest

from borderdesk.core.screening.sources import ErrorCode, load_source

from .helpers import source_error, write
from .test_ofac import ADD, ALT, SDN, _folder

NATIONAL = "id,name,birth_date\nN-1,Ann Lee,1970\nN-2,Bo Ng,1980\n"
UN = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ANN</FIRST_NAME><SECOND_NAME>LEE</SECOND_NAME></INDIVIDUAL>
    <INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>BO</FIRST_NAME><SECOND_NAME>NG</SECOND_NAME></INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"""
FTM = (
    '{"id": "p1", "schema": "Person", "properties": {"name": ["Ann Lee"]}}\n'
    '{"id": "p2", "schema": "Person", "properties": {"name": ["Bo Ng"]}}\n'
)


def test_a_complete_ofac_folder_reports_its_checks(tmp_path):
    report = load_source("ofac-csv", _folder(tmp_path)).report
    assert "SDN.CSV: ends with OFAC's end-of-file marker (Ctrl-Z)" in report.checks
    assert "ALT.CSV: ends with OFAC's end-of-file marker (Ctrl-Z)" in report.checks
    assert "SDN.CSV: every row has 12 columns" in report.checks
    assert any(warning.startswith("SDN_COMMENTS.CSV: OFAC publishes it without") for warning in report.warnings)


@pytest.mark.parametrize("name", ["sdn", "alt", "add"])
def test_an_ofac_file_cut_at_a_line_boundary_is_truncated(tmp_path, name):
    texts = {"sdn": SDN, "alt": ALT, "add": ADD}
    cut = texts[name][: texts[name].rindex("\r\n", 0, texts[name].rindex("\r\n")) + 2]  # last record dropped too
    error = source_error("ofac-csv", _folder(tmp_path, **{name: cut}))
    assert error.code is ErrorCode.SOURCE_TRUNCATED
    assert "end-of-file marker" in error.message and error.path.lower().endswith(f"{name}.csv")


def test_a_record_after_the_ofac_marker_is_refused(tmp_path):
    error = source_error("ofac-csv", _folder(tmp_path, sdn=SDN + '\r\n99,"LATE",-0- ' + ",-0- " * 10 + "\r\n\x1a"))
    assert error.code is ErrorCode.BAD_CSV and "after the end-of-file marker" in error.message


def test_un_xml_cut_at_an_element_boundary_is_truncated(tmp_path):
    cut = UN[: UN.index("</INDIVIDUAL>") + len("</INDIVIDUAL>\n")]
    error = source_error("un-xml", write(tmp_path, "un.xml", cut))
    assert error.code is ErrorCode.SOURCE_TRUNCATED
    assert "CONSOLIDATED_LIST/INDIVIDUALS" in error.message
    error = source_error("un-xml", write(tmp_path, "un.xml", UN[: UN.index("<FIRST_NAME>BO") + 5]))
    assert error.code is ErrorCode.SOURCE_TRUNCATED


def test_un_xml_states_its_date_and_the_root_must_close(tmp_path):
    report = load_source("un-xml", write(tmp_path, "un.xml", UN)).report
    assert report.stated == {"date_generated": "2026-02-27T00:00:09.554Z"}
    assert report.checks == ["un.xml: the root element <CONSOLIDATED_LIST> closes"] and report.warnings == []
    undated = load_source(
        "un-xml", write(tmp_path, "un.xml", UN.replace(' dateGenerated="2026-02-27T00:00:09.554Z"', ""))
    ).report
    assert undated.warnings == ["the list states no dateGenerated: its date cannot be shown"]


def test_a_malformed_un_file_is_still_bad_xml(tmp_path):
    error = source_error("un-xml", write(tmp_path, "un.xml", UN.replace("</INDIVIDUALS>", "</ENTITIES>")))
    assert error.code is ErrorCode.BAD_XML


@pytest.mark.parametrize(
    "format,name,text",
    [
        ("csv", "national.csv", NATIONAL),
        ("csl-csv", "csl.csv", "source,name,type\nDPL,Ann Lee,Individual\nDPL,Bo Ng,Individual\n"),
    ],
)
def test_a_csv_cut_inside_its_last_record_is_truncated_and_the_report_says_what_cannot_be_checked(
    tmp_path, format, name, text
):
    report = load_source(format, write(tmp_path, name, text)).report
    assert f"{name}: ends with a line end" in report.checks
    assert "cannot be recognised from the file itself" in report.warnings[0]
    error = source_error(format, write(tmp_path, name, text[:-3]))
    assert error.code is ErrorCode.SOURCE_TRUNCATED and "no line end" in error.message


def test_ftm_json_cut_inside_its_last_record_is_truncated(tmp_path):
    report = load_source("ftm-json", write(tmp_path, "e.json", FTM)).report
    assert report.checks == ["e.json: every line is a whole JSON object"] and len(report.warnings) == 1
    error = source_error("ftm-json", write(tmp_path, "e.json", FTM[:-10]))
    assert (error.code, error.line) == (ErrorCode.SOURCE_TRUNCATED, 2)
    error = source_error("ftm-json", write(tmp_path, "e.json", FTM.replace("}}\n", "}\n", 1)))
    assert error.code is ErrorCode.BAD_JSON  # a broken line that ends properly is not a cut
    assert load_source("ftm-json", write(tmp_path, "e.json", FTM[:-1])).report.entries == 2
