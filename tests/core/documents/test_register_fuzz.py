"""The lost and stolen register parser, given any CSV text, returns entries or a RegisterImportError naming
the bad rows, never another exception."""

from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.documents.register import COLUMNS, RegisterImportError, parse_register_csv

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "P",
            "UTO",
            "XXX",
            "2026-01-31",
            "2026-02-30",
            "lost",
            "stolen",
            "AB12345",
            '"',
            "\x00",
            "\ufeff",
            "é",
            "<<<",
            "-",
        ]
    ),
    st.text(max_size=15),
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=7).map(",".join), max_size=8).map("\n".join)


@settings(max_examples=100)
@given(with_header=st.booleans(), rows=ROWS)
def test_any_register_text_is_parsed_or_refused_with_the_rows_named(with_header, rows):
    text = (",".join(COLUMNS) + "\n" if with_header else "") + rows
    try:
        entries = parse_register_csv(text)
    except RegisterImportError as error:
        assert error.errors and all(problem.line >= 1 and problem.code for problem in error.errors)
    else:
        assert all(entry.document_number for entry in entries)
