"""A message shown as sent, segment by segment, numbered as its errors name the segments."""

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.manifests import decode, segments_as_sent
from borderdesk.core.manifests.edifact import read_interchange

from .messages import VALID, message


def test_numbered_as_the_reader_numbers_them():
    shown = segments_as_sent(decode(VALID))
    assert [position for position, _ in shown] == [s.position for s in read_interchange(decode(VALID)).segments]
    assert shown[0] == (1, "UNB+UNOA:4+LH:ZZ+UTOAPIS:ZZ+261129:0800+42++APIS")
    assert shown[10] == (11, "NAD+FL+++O?'BRIEN:SEAN:PATRICK")  # as sent: the release character kept


def test_line_breaks_blanks_and_what_follows_unz_are_left_out():
    text = "UNA:+.? '\r\n UNB+UNOA:4'\n  UNH+1+PAXLST:D:05B'UNZ+1+1'13Nov09\n"
    assert segments_as_sent(text) == [(1, "UNB+UNOA:4"), (2, "UNH+1+PAXLST:D:05B"), (3, "UNZ+1+1")]


def test_the_piece_a_cut_message_ends_inside_comes_last_with_the_cuts_number():
    cut = decode(VALID)[:200]
    shown = segments_as_sent(cut)
    interchange = read_interchange(cut)
    assert shown[-1][0] == interchange.cut_at and cut.endswith(shown[-1][1])


def test_a_custom_una_and_an_empty_text():
    assert segments_as_sent("UNA:*.? $UNB*UNOA:4$UNH*1$") == [(1, "UNB*UNOA:4"), (2, "UNH*1")]
    assert segments_as_sent("") == [] and segments_as_sent("UNA:+") == [(1, "UNA:+")]


@given(st.binary(max_size=300))
def test_any_bytes_are_shown_without_raising(data):
    for position, text in segments_as_sent(decode(data)):
        assert position >= 1 and isinstance(text, str)


def test_a_message_from_the_test_helpers_round_trips():
    assert len(segments_as_sent(decode(message()))) == 32
