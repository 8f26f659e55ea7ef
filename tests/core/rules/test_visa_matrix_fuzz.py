"""The visa matrix parser, given any CSV text, returns a matrix or a VisaMatrixError with its code, never
another exception."""

from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.rules import VisaMatrixError
from borderdesk.core.rules.visa_matrix import HEADER, VisaMatrix

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "Germany",
            "France",
            "visa free",
            "visa required",
            "e-visa",
            "90",
            "-1",
            "visa on arrival",
            "eta",
            "no admission",
            "covid ban",
            '"',
            "\x00",
            "é",
            "30.5",
        ]
    ),
    st.text(max_size=12),
)
ROWS = st.lists(st.lists(CELLS, max_size=4).map(",".join), max_size=8).map("\n".join)


@settings(max_examples=100)
@given(with_header=st.booleans(), rows=ROWS)
def test_any_matrix_text_is_parsed_or_refused_with_a_code(with_header, rows):
    text = (",".join(HEADER) + "\n" if with_header else "") + rows
    try:
        matrix = VisaMatrix.from_csv(text)
    except VisaMatrixError as error:
        assert error.code and str(error)
    else:
        assert len(matrix) >= 0


def test_a_field_over_the_csv_limit_is_refused_with_its_line():
    text = ",".join(HEADER) + '\nDE,FR,"' + "1" * 200_000 + '"\n'
    try:
        VisaMatrix.from_csv(text)
    except VisaMatrixError as error:
        assert error.code == "malformed_csv" and "line 2" in str(error)
    else:
        raise AssertionError("a field over the csv limit was accepted")
