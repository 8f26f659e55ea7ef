"""Incidents: what a patrol saw or did at a place and time. Plain Python, no database: an incident's report checked
before it is stored (its kind, when it happened on the post's clock, what happened, how many people were seen; its
position is the patrols core's ``check_position``), the notes kept on a person met and the items seized.

Every error it raises on purpose is an :class:`IncidentProblem` with a stable code: ``unknown_kind``,
``invalid_date``, ``invalid_time``, ``time_in_future``, ``time_too_old``, ``people_estimated_invalid``,
``description_required`` and ``<field>_too_long`` for each text.
"""

from borderdesk.core.incidents.checks import (
    CLOCK_SKEW,
    DAYS_BACK,
    KINDS,
    LIMITS,
    IncidentProblem,
    Report,
    Seized,
    check_people_estimated,
    check_report,
    check_seized,
    check_text,
    when_on_post_clock,
)

__all__ = [
    "CLOCK_SKEW",
    "DAYS_BACK",
    "KINDS",
    "LIMITS",
    "IncidentProblem",
    "Report",
    "Seized",
    "check_people_estimated",
    "check_report",
    "check_seized",
    "check_text",
    "when_on_post_clock",
]
