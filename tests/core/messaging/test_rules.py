import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.messaging import BODY_MAX, CallState, MessageProblem, answer_call, clean_body, close_call


def problem(function, *args) -> str:
    with pytest.raises(MessageProblem) as caught:
        function(*args)
    return caught.value.code


def test_a_body_is_trimmed_and_kept_as_typed():
    assert clean_body("  <b>Booth 3</b>\r\nnow \n") == "<b>Booth 3</b>\nnow"


@pytest.mark.parametrize(
    ("text", "code"), [("", "body_required"), (" \n ", "body_required"), ("a\x00b", "nul_character")]
)
def test_empty_or_binary_bodies_are_refused(text, code):
    assert problem(clean_body, text) == code


def test_the_limit_is_exact():
    assert len(clean_body("x" * BODY_MAX)) == BODY_MAX
    assert problem(clean_body, "x" * (BODY_MAX + 1)) == "body_too_long"


@given(st.text(max_size=BODY_MAX + 50))
def test_any_text_is_either_kept_within_the_limit_or_refused_with_a_code(text):
    try:
        body = clean_body(text)
    except MessageProblem as exc:
        assert exc.code in {"body_required", "body_too_long", "nul_character"}
    else:
        assert 0 < len(body) <= BODY_MAX and body == body.strip()


def test_a_call_is_answered_once_then_closed():
    assert answer_call(CallState.OPEN) is CallState.ANSWERED
    assert problem(answer_call, CallState.ANSWERED) == "call_already_answered"
    assert close_call(CallState.ANSWERED) is CallState.CLOSED
    assert close_call(CallState.OPEN) is CallState.CLOSED
    assert problem(answer_call, CallState.CLOSED) == "call_closed"
    assert problem(close_call, CallState.CLOSED) == "call_closed"
