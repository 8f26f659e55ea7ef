"""The application's states and transitions: declared once, every state reachable, refusals name what is allowed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.casework import (
    FINAL,
    OPEN_STATES,
    TRANSITIONS,
    Action,
    State,
    TransitionRefused,
    allowed_actions,
    next_state,
)


def test_every_state_is_reachable_from_lodging_and_every_path_can_end():
    reached, frontier = {State.LODGED}, [State.LODGED]
    while frontier:
        for target in TRANSITIONS[frontier.pop()].values():
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(State)
    for state in State:  # from anywhere, a final state can still be reached
        seen, todo = {state}, [state]
        while todo:
            for target in TRANSITIONS[todo.pop()].values():
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        assert seen & FINAL


def test_the_applicant_may_withdraw_until_a_decision_and_not_after():
    for state in State:
        assert (Action.WITHDRAW in allowed_actions(state)) == (state in OPEN_STATES)
    assert next_state(State.EVIDENCE_REQUESTED, "withdraw") is State.WITHDRAWN


def test_a_happy_path_from_lodging_to_closing():
    state = State.LODGED
    for action in ["find_admissible", "start_checks", "checks_done", "propose_decision", "approve", "notify", "close"]:
        state = next_state(state, action)
    assert state is State.CLOSED and allowed_actions(state) == []


@given(st.sampled_from(list(State)), st.text(max_size=30) | st.sampled_from(list(Action)))
def test_an_action_not_allowed_now_is_refused_with_the_allowed_ones(state, action):
    if action in TRANSITIONS[state]:
        assert next_state(state, action) == TRANSITIONS[state][Action(action)]
        return
    with pytest.raises(TransitionRefused) as refused:
        next_state(state, action)
    assert refused.value.allowed == allowed_actions(state) and refused.value.code == "transition_not_allowed"
    assert state.value in str(refused.value)
