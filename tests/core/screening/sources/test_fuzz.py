"""Every watchlist source parser, given any file content, yields entries or refuses it with a SourceError (a
code, a path and a line), never another exception: an administrator's upload must not end in a 500."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.screening.sources import FORMATS, SourceError, load_source

HEADERS = {
    "csv": "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n",
    "ofac-csv": "",
    "csl-csv": "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,"
    "end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,"
    "gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,"
    "dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n",
    "un-xml": "<?xml version='1.0'?><CONSOLIDATED_LIST><INDIVIDUALS>",
    "ftm-json": '{"id": "x", "schema": "Person", "properties": {"name": [',
}
PIECES = st.sampled_from(
    [
        ",",
        "\n",
        '"',
        "<",
        ">",
        "/",
        "{",
        "}",
        "[",
        "]",
        ":",
        "\x00",
        "\ufeff",
        "é",
        "😀",
        "-0-",
        "1971-03-04",
        "19xx",
        "UKR",
        "XXX",
        "<INDIVIDUAL>",
        "</INDIVIDUAL>",
        "<FIRST_NAME>",
        "</FIRST_NAME>",
        "Sergei Volkov",
        "a.k.a.",
        "DOB 1971;",
        '"""',
        ";",
    ]
)
CONTENT = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join),
    st.binary(max_size=300).map(lambda raw: raw.decode("latin-1")),
)


@settings(max_examples=60)
@given(
    fmt=st.sampled_from(FORMATS),
    with_header=st.booleans(),
    body=CONTENT,
    encoding=st.sampled_from(["utf-8", "latin-1"]),
)
def test_any_file_is_parsed_or_refused_with_a_source_error(fmt, with_header, body, encoding):
    text = (HEADERS[fmt] if with_header else "") + body
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "source"
        path.write_bytes(text.encode(encoding, errors="replace"))
        try:
            parsed = load_source(fmt, path)
        except SourceError as error:
            assert error.code is not None and str(error)
        else:
            for entry in parsed.entries:
                assert entry.entry_id and entry.names
