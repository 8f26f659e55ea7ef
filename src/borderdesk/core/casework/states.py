"""The life of an application, declared in one place: its states, what an officer (or the applicant) may do in
each, and where that leads. Anything else is refused with the actions allowed now."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    LODGED = "lodged"
    ADMISSIBLE = "admissible"
    INADMISSIBLE = "inadmissible"
    CHECKS_RUNNING = "checks_running"
    EVIDENCE_REQUESTED = "evidence_requested"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    ASSESSMENT = "assessment"
    DECISION_PROPOSED = "decision_proposed"
    APPROVED = "approved"
    REFUSED = "refused"
    APPLICANT_NOTIFIED = "applicant_notified"
    APPEAL_LODGED = "appeal_lodged"
    APPEAL_DECIDED = "appeal_decided"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    FIND_ADMISSIBLE = "find_admissible"
    FIND_INADMISSIBLE = "find_inadmissible"
    START_CHECKS = "start_checks"
    CHECKS_DONE = "checks_done"
    REQUEST_EVIDENCE = "request_evidence"
    RECEIVE_EVIDENCE = "receive_evidence"
    SCHEDULE_INTERVIEW = "schedule_interview"
    RECORD_INTERVIEW = "record_interview"
    PROPOSE_DECISION = "propose_decision"
    RETURN_FOR_ASSESSMENT = "return_for_assessment"  # the approving senior officer disagrees
    APPROVE = "approve"
    REFUSE = "refuse"
    NOTIFY = "notify"
    LODGE_APPEAL = "lodge_appeal"
    DECIDE_APPEAL = "decide_appeal"
    CLOSE = "close"
    WITHDRAW = "withdraw"


S, A = State, Action

TRANSITIONS: dict[State, dict[Action, State]] = {
    S.LODGED: {A.FIND_ADMISSIBLE: S.ADMISSIBLE, A.FIND_INADMISSIBLE: S.INADMISSIBLE},
    S.ADMISSIBLE: {A.START_CHECKS: S.CHECKS_RUNNING},
    S.INADMISSIBLE: {A.NOTIFY: S.APPLICANT_NOTIFIED},
    S.CHECKS_RUNNING: {A.CHECKS_DONE: S.ASSESSMENT, A.REQUEST_EVIDENCE: S.EVIDENCE_REQUESTED},
    S.EVIDENCE_REQUESTED: {A.RECEIVE_EVIDENCE: S.ASSESSMENT},
    S.ASSESSMENT: {
        A.REQUEST_EVIDENCE: S.EVIDENCE_REQUESTED,
        A.SCHEDULE_INTERVIEW: S.INTERVIEW_SCHEDULED,
        A.PROPOSE_DECISION: S.DECISION_PROPOSED,
    },
    S.INTERVIEW_SCHEDULED: {A.RECORD_INTERVIEW: S.ASSESSMENT, A.SCHEDULE_INTERVIEW: S.INTERVIEW_SCHEDULED},
    S.DECISION_PROPOSED: {A.APPROVE: S.APPROVED, A.REFUSE: S.REFUSED, A.RETURN_FOR_ASSESSMENT: S.ASSESSMENT},
    S.APPROVED: {A.NOTIFY: S.APPLICANT_NOTIFIED},
    S.REFUSED: {A.NOTIFY: S.APPLICANT_NOTIFIED},
    S.APPLICANT_NOTIFIED: {A.LODGE_APPEAL: S.APPEAL_LODGED, A.CLOSE: S.CLOSED},
    S.APPEAL_LODGED: {A.DECIDE_APPEAL: S.APPEAL_DECIDED},
    S.APPEAL_DECIDED: {A.CLOSE: S.CLOSED},
    S.CLOSED: {},
    S.WITHDRAWN: {},
}

# The applicant may withdraw while nothing is decided yet.
OPEN_STATES = frozenset(
    {
        S.LODGED,
        S.ADMISSIBLE,
        S.CHECKS_RUNNING,
        S.EVIDENCE_REQUESTED,
        S.INTERVIEW_SCHEDULED,
        S.ASSESSMENT,
        S.DECISION_PROPOSED,
    }
)
for _open in OPEN_STATES:
    TRANSITIONS[_open][A.WITHDRAW] = S.WITHDRAWN

# While the applicant owes evidence the decision deadline stands still.
CLOCK_STOPPED = frozenset({S.EVIDENCE_REQUESTED})
DECIDED = frozenset({S.APPROVED, S.REFUSED, S.INADMISSIBLE})
FINAL = frozenset(state for state, moves in TRANSITIONS.items() if not moves)


class TransitionRefused(ValueError):
    """An action not allowed in the application's state; ``allowed`` lists what is."""

    code = "transition_not_allowed"

    def __init__(self, state: State, action: str, allowed: list[Action]):
        self.state, self.action, self.allowed = state, action, allowed
        names = ", ".join(allowed) if allowed else "nothing (the case is final)"
        super().__init__(f"{action!r} is not allowed while the application is {state.value}; allowed: {names}.")


def allowed_actions(state: State) -> list[Action]:
    return list(TRANSITIONS[State(state)])


def next_state(state: State, action: str) -> State:
    """Where ``action`` leads from ``state``, or ``TransitionRefused`` naming the actions allowed now."""
    state = State(state)
    moves = TRANSITIONS[state]
    try:
        return moves[Action(action)]
    except (ValueError, KeyError):
        raise TransitionRefused(state, action, list(moves)) from None
