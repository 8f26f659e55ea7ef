import random

from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.documents import ERROR_CODES, WARNING_CODES, parse_mrz

from .zones import TODAY

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def assert_well_formed(result):
    assert set(result.issue_codes()) <= set(ERROR_CODES) | set(WARNING_CODES)
    assert result.valid == (not result.errors)
    if result.format is None:
        assert not result.valid and result.errors
    data = result.to_dict()
    assert set(data) >= {"format", "valid", "fields", "checks", "errors", "warnings"}


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_gives_a_result(text):
    assert_well_formed(parse_mrz(text, today=TODAY, repair=True))


# Lines of every MRZ length and its neighbours, mostly MRZ characters with some strangers, so that the
# fuzzing reaches the field parsers and not only the shape check.
LINE = st.integers(min_value=28, max_value=46).flatmap(
    lambda length: st.text(alphabet=st.sampled_from(MRZ_ALPHABET) | st.characters(), min_size=length, max_size=length)
)


@settings(max_examples=1000, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(lambda count: st.lists(LINE, min_size=count, max_size=count)),
    st.booleans(),
)
def test_zone_shaped_junk_gives_a_result(lines, repair):
    assert_well_formed(parse_mrz("\n".join(lines), today=TODAY, repair=repair))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([(3, 30), (2, 36), (2, 44)]).flatmap(
        lambda shape: st.lists(
            st.text(alphabet=MRZ_ALPHABET, min_size=shape[1], max_size=shape[1]), min_size=shape[0], max_size=shape[0]
        )
    )
)
def test_random_zones_of_the_right_shape_get_a_format(lines):
    result = parse_mrz("\n".join(lines), today=TODAY, repair=True)
    assert result.format is not None
    assert_well_formed(result)


def test_megabytes_of_junk():
    generator = random.Random(9303)
    junk = "".join(chr(generator.randrange(0, 0x3000)) for _ in range(2_000_000))
    result = parse_mrz(junk, today=TODAY)
    assert result.format is None and result.errors[0].code in ERROR_CODES


def test_one_huge_line():
    result = parse_mrz("<" * 3_000_000, today=TODAY)
    assert [issue.code for issue in result.errors] == ["wrong_line_count"]
