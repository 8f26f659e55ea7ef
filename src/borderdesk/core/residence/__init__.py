"""Residence: whether an applicant for naturalisation or permanent residence has lived in the country long enough
and been away little enough (CONTRACTS.md section 4), when they will have, and the requirement in force on a day.

Plain Python: the travellers app turns crossings into absences, the citizenship app stores applications; this
package judges. Every error it raises on purpose is a :class:`ResidenceError` with one of these stable codes:

- ``not_an_object``: the request is not a JSON object.
- ``missing_field``: ``resident_since``, ``on`` or an absence's ``left`` is missing.
- ``invalid_date``: a date that is not ISO 8601 ``YYYY-MM-DD`` (or not a real date).
- ``invalid_absences``: ``absences`` is not a list of objects.
- ``returned_before_left``: an absence returned before the day it left.
- ``overlapping_absences``: an absence left before the one before it returned (or one that never returned).
- ``invalid_requirement``: ``requirement`` is not an object.
- ``unknown_limit``: a requirement key that is not one of the five limits.
- ``invalid_limit``: a limit that is not a whole number.
- ``negative_limit``: a limit below zero.
- ``date_out_of_range``: a period that would begin before the first year of the calendar.
- ``no_requirement``: no requirement of that kind, or none in effect yet on that day.
- ``invalid_requirements``: the rule pack itself is malformed (a bug in the package data, never the user's input).
"""

from borderdesk.core.residence.assessment import (
    Absence,
    Assessment,
    MonthOfAbsence,
    Requirement,
    absence_calendar,
    assess,
)
from borderdesk.core.residence.errors import ResidenceError
from borderdesk.core.residence.request import assess_request
from borderdesk.core.residence.requirements import (
    DatedRequirement,
    LegalBasis,
    requirement_kinds,
    requirement_on,
)

__all__ = [
    # assessment
    "Absence",
    "Requirement",
    "Assessment",
    "assess",
    "assess_request",
    "ResidenceError",
    # the dated rule pack
    "LegalBasis",
    "DatedRequirement",
    "requirement_on",
    "requirement_kinds",
    # the calendar of absences
    "MonthOfAbsence",
    "absence_calendar",
]
