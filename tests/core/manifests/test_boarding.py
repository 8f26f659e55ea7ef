"""The board-check's answer from what is known (#18 item 4)."""

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.manifests.boarding import (
    BOARD,
    CLEAR_GROUNDS,
    CONTACT_AUTHORITY,
    NO_BOARD,
    NOT_ADMISSIBLE,
    boarding_answer,
)

CODES = [*CLEAR_GROUNDS, "watchlist_hit", "watchlist_possible", "earlier_overstay", "earlier_refusal"]
ACTIONS = [None, "inform", "discreet_check", "refuse_entry", "arrest"]


def said(codes, action):
    answer = boarding_answer(codes, action)
    return answer.answer, answer.grounds


def test_nothing_known_boards():
    assert boarding_answer([], None).answer == BOARD
    assert boarding_answer(["earlier_overstay", "earlier_refusal"], None).answer == BOARD


def test_clear_grounds_do_not_board_and_are_named():
    assert said(["document_expired"], None) == (NO_BOARD, ("document_expired",))
    assert said(["lost_stolen_document"], None) == (NO_BOARD, ("document_not_valid",))
    assert said(["visa_required_none_on_record"], None) == (NO_BOARD, ("visa_required",))


def test_a_hit_to_refuse_entry_does_not_board_without_naming_the_list():
    assert said(["watchlist_hit"], "refuse_entry") == (NO_BOARD, (NOT_ADMISSIBLE,))


def test_a_possible_match_or_another_hit_is_for_the_authority():
    assert boarding_answer(["watchlist_possible"], None).answer == CONTACT_AUTHORITY
    assert said(["watchlist_hit"], "arrest") == (CONTACT_AUTHORITY, ())


@given(st.sets(st.sampled_from(CODES)), st.sampled_from(ACTIONS))
def test_the_answer_is_no_board_exactly_on_clear_grounds_and_never_names_a_list(codes, action):
    answer = boarding_answer(codes, action)
    clear = bool(codes & set(CLEAR_GROUNDS)) or ("watchlist_hit" in codes and action == "refuse_entry")
    assert (answer.answer == NO_BOARD) == clear
    assert not any("watchlist" in ground for ground in answer.grounds)
    assert answer.grounds == () or answer.answer == NO_BOARD
