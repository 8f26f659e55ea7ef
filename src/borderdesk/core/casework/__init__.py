"""Casework: the life of a visa, permit or status application (its states and the actions that move it), when its
decision is due (legal periods in calendar or working days, the clock stopped while evidence is owed), and the
appointments an office offers (slots, capacity, interpreters, the iCalendar invitation).

Plain Python: the casework app stores applications; this package says what may happen to them and when.
"""

from borderdesk.core.casework.appointments import (
    BookingRefused,
    OpeningHours,
    Schedule,
    Slot,
    check_booking,
    free_slots,
    invitation_ics,
    slots_on,
)
from borderdesk.core.casework.deadlines import (
    UTOPIA_HOLIDAYS,
    Pause,
    Period,
    WorkingCalendar,
    days_left,
    decision_due,
)
from borderdesk.core.casework.states import (
    CLOCK_STOPPED,
    DECIDED,
    FINAL,
    OPEN_STATES,
    TRANSITIONS,
    Action,
    State,
    TransitionRefused,
    allowed_actions,
    next_state,
)

__all__ = [
    "BookingRefused",
    "OpeningHours",
    "Schedule",
    "Slot",
    "check_booking",
    "free_slots",
    "invitation_ics",
    "slots_on",
    "CLOCK_STOPPED",
    "DECIDED",
    "FINAL",
    "OPEN_STATES",
    "TRANSITIONS",
    "UTOPIA_HOLIDAYS",
    "Action",
    "Pause",
    "Period",
    "State",
    "TransitionRefused",
    "WorkingCalendar",
    "allowed_actions",
    "days_left",
    "decision_due",
    "next_state",
]
