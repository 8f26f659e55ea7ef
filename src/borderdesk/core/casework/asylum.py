"""An asylum claim's life, declared in one place, after UNHCR's refugee status determination procedure and the EU
Asylum Procedures Directive (2013/32/EU): the claim is made (at the booth, in secondary, at a patrol's
apprehension, at an office), registered within 3 working days (6 when it was made to an authority that does not
register claims, Article 6(1)), found admissible or not, the claimant interviewed with an interpreter, the claim
assessed and decided within 6 months of registration (Article 31(3)), every decision reviewed by a senior officer,
and a negative one open to an appeal that suspends removal (Article 46(5)).

From the moment a claim is made until it is finally rejected, closed or withdrawn, the claimant may not be refused
or removed (non-refoulement): ``protects`` says when.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date
from enum import StrEnum

from borderdesk.core.casework.deadlines import Period, WorkingCalendar, decision_due


class ClaimState(StrEnum):
    CLAIMED = "claimed"  # made, not yet registered by the asylum unit
    REGISTERED = "registered"  # identity, household, languages, vulnerabilities recorded; admissibility next
    ADMISSIBLE = "admissible"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    ASSESSMENT = "assessment"
    DECISION_PROPOSED = "decision_proposed"  # waiting for a senior officer's review
    DECIDED = "decided"  # the outcome is in ``Outcome``; a negative one may be appealed
    APPEAL_LODGED = "appeal_lodged"  # suspensive: the claimant stays protected until it is decided
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"  # by the claimant, explicitly


class ClaimAction(StrEnum):
    REGISTER = "register"
    FIND_ADMISSIBLE = "find_admissible"
    SCHEDULE_INTERVIEW = "schedule_interview"
    RECORD_INTERVIEW = "record_interview"
    PROPOSE_DECISION = "propose_decision"  # an outcome, inadmissible and implicitly withdrawn included
    APPROVE_DECISION = "approve_decision"  # the senior officer's review agrees
    RETURN_FOR_ASSESSMENT = "return_for_assessment"  # the senior officer's review disagrees
    LODGE_APPEAL = "lodge_appeal"
    DECIDE_APPEAL = "decide_appeal"  # dismissed (the decision stands) or allowed (protection granted)
    REMIT_APPEAL = "remit_appeal"  # the court sends the claim back to be assessed again
    CLOSE = "close"
    WITHDRAW = "withdraw"


class Outcome(StrEnum):
    REFUGEE_STATUS = "refugee_status"
    SUBSIDIARY_PROTECTION = "subsidiary_protection"
    REJECTED = "rejected"
    INADMISSIBLE = "inadmissible"
    IMPLICITLY_WITHDRAWN = "implicitly_withdrawn"

    @property
    def grants_protection(self) -> bool:
        return self in {Outcome.REFUGEE_STATUS, Outcome.SUBSIDIARY_PROTECTION}

    @property
    def needs_interview(self) -> bool:
        """Only a claim found inadmissible or implicitly withdrawn may be decided without a confirmed interview."""
        return self not in {Outcome.INADMISSIBLE, Outcome.IMPLICITLY_WITHDRAWN}


class Where(StrEnum):
    """Where the traveller asked for protection."""

    BOOTH = "booth"
    SECONDARY = "secondary"
    PATROL = "patrol"
    OFFICE = "office"

    @property
    def registers_claims(self) -> bool:
        """An asylum office registers claims itself; the border and patrols only receive them (6 working days)."""
        return self is Where.OFFICE


class Vulnerability(StrEnum):
    UNACCOMPANIED_MINOR = "unaccompanied_minor"
    MINOR = "minor"
    TRAUMA = "trauma"  # survivors of torture, rape or other serious violence
    HEALTH = "health"  # serious illness, mental disorder
    DISABILITY = "disability"
    PREGNANCY = "pregnancy"
    ELDERLY = "elderly"
    TRAFFICKING = "trafficking"
    SINGLE_PARENT = "single_parent"


class AdmissibilityGround(StrEnum):
    """Article 33(2) of the Directive and the Dublin III Regulation: why a claim is not examined on its merits."""

    OTHER_STATE_RESPONSIBLE = "other_state_responsible"
    PROTECTION_ELSEWHERE = "protection_elsewhere"
    FIRST_COUNTRY_OF_ASYLUM = "first_country_of_asylum"
    SAFE_THIRD_COUNTRY = "safe_third_country"
    SUBSEQUENT_WITHOUT_NEW_ELEMENTS = "subsequent_without_new_elements"


class ClaimTransitionRefused(ValueError):
    code = "transition_not_allowed"


S, A = ClaimState, ClaimAction
_IMPLICIT_WITHDRAWAL = {A.PROPOSE_DECISION: S.DECISION_PROPOSED}  # absconded, missed the interview: from any stage

TRANSITIONS: dict[ClaimState, dict[ClaimAction, ClaimState]] = {
    S.CLAIMED: {A.REGISTER: S.REGISTERED, A.WITHDRAW: S.WITHDRAWN},
    S.REGISTERED: {A.FIND_ADMISSIBLE: S.ADMISSIBLE, **_IMPLICIT_WITHDRAWAL, A.WITHDRAW: S.WITHDRAWN},
    S.ADMISSIBLE: {A.SCHEDULE_INTERVIEW: S.INTERVIEW_SCHEDULED, **_IMPLICIT_WITHDRAWAL, A.WITHDRAW: S.WITHDRAWN},
    S.INTERVIEW_SCHEDULED: {
        A.RECORD_INTERVIEW: S.ASSESSMENT,
        A.SCHEDULE_INTERVIEW: S.INTERVIEW_SCHEDULED,
        **_IMPLICIT_WITHDRAWAL,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.ASSESSMENT: {
        A.SCHEDULE_INTERVIEW: S.INTERVIEW_SCHEDULED,
        A.PROPOSE_DECISION: S.DECISION_PROPOSED,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.DECISION_PROPOSED: {A.APPROVE_DECISION: S.DECIDED, A.RETURN_FOR_ASSESSMENT: S.ASSESSMENT},
    S.DECIDED: {A.LODGE_APPEAL: S.APPEAL_LODGED, A.CLOSE: S.CLOSED},
    S.APPEAL_LODGED: {A.DECIDE_APPEAL: S.DECIDED, A.REMIT_APPEAL: S.ASSESSMENT},
    S.CLOSED: {},
    S.WITHDRAWN: {},
}

FINAL = frozenset({S.CLOSED, S.WITHDRAWN})
# Before registration or a decision, the claim's clocks run (registration, then decision).
UNDECIDED = frozenset(set(S) - {S.DECIDED, S.APPEAL_LODGED, S.CLOSED, S.WITHDRAWN})


def allowed_actions(state: ClaimState | str) -> list[ClaimAction]:
    return list(TRANSITIONS[ClaimState(state)])


def next_state(state: ClaimState | str, action: ClaimAction | str) -> ClaimState:
    """Where ``action`` leads from ``state``; ``ClaimTransitionRefused`` (code ``transition_not_allowed``) naming the
    actions allowed now when it may not be done."""
    state = ClaimState(state)
    try:
        return TRANSITIONS[state][ClaimAction(action)]
    except (KeyError, ValueError):
        allowed = ", ".join(allowed_actions(state)) or "none (the claim is finished)"
        raise ClaimTransitionRefused(
            f"A claim that is {state.value.replace('_', ' ')} cannot take the action {str(action)[:40]!r}; "
            f"allowed now: {allowed}."
        ) from None


def protects(state: ClaimState | str, outcome: Outcome | str | None, appeal_until: date | None, on: date) -> bool:
    """Whether the claimant may not be refused or removed on ``on``: while the claim is open, while a negative
    decision may still be appealed or an appeal is pending, and for good once protection is granted."""
    state = ClaimState(state)
    if state is S.WITHDRAWN:
        return False
    if outcome and Outcome(outcome).grants_protection:
        return True
    if state is S.CLOSED:
        return False
    if state is S.DECIDED:
        return appeal_until is not None and on <= appeal_until
    return True


REGISTRATION_DAYS = 3  # working days, Article 6(1)
REGISTRATION_DAYS_ELSEWHERE = 6  # made to an authority that does not register claims
DECISION_MONTHS = 6  # Article 31(3)
APPEAL_DAYS = 30  # calendar days from notification to lodge an appeal (fictional Utopian law)
# How long the residence permit of a recognised claimant is valid (Qualification Directive 2011/95/EU, art. 24).
PERMIT_MONTHS = {Outcome.REFUGEE_STATUS: 36, Outcome.SUBSIDIARY_PROTECTION: 12}


def registration_due(made_on: date, where: Where | str, calendar: WorkingCalendar) -> date:
    days = REGISTRATION_DAYS if Where(where).registers_claims else REGISTRATION_DAYS_ELSEWHERE
    due = decision_due(made_on, Period(days, working=True), calendar)
    assert due is not None  # no pauses: the clock never stands still
    return due


def decision_due_after(registered_on: date, months: int = DECISION_MONTHS) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month_index = registered_on.month - 1 + months
    year, month = registered_on.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(registered_on.day, _calendar.monthrange(year, month)[1]))


def appeal_until(outcome: Outcome | str, notified_on: date) -> date | None:
    """The last day to appeal a negative decision notified on ``notified_on``; None for a grant of protection."""
    if Outcome(outcome).grants_protection:
        return None
    return date.fromordinal(notified_on.toordinal() + APPEAL_DAYS)


def permit_valid_until(outcome: Outcome | str, valid_from: date) -> date:
    """The last day of the residence permit a grant of ``outcome`` gives from ``valid_from``."""
    months = PERMIT_MONTHS.get(Outcome(outcome))
    if months is None:
        raise ValueError(f"{outcome} gives no residence permit")
    return date.fromordinal(decision_due_after(valid_from, months).toordinal() - 1)


def registration_warning(due: date, on: date, calendar: WorkingCalendar) -> str | None:
    """``overdue`` after the last day, ``due_soon`` on it or the working day before, else None."""
    if on > due:
        return "overdue"
    if on == due or all(not calendar.is_working_day(day) for day in _days_between(on, due)):
        return "due_soon"
    return None


def _days_between(start: date, end: date) -> list[date]:
    """The days after ``start`` and before ``end``."""
    return [date.fromordinal(n) for n in range(start.toordinal() + 1, end.toordinal())]
