"""Staffing: how many booths each hour needs for a queue to meet its service level, by the Erlang C model
(CONTRACTS.md section 5). Plain Python, no database: the CLI and, later, the duty manager's dashboard both call it.

Every error it raises on purpose is a :class:`StaffingError` with one of these stable codes:

- ``not_an_object``: the request is not a JSON object.
- ``missing_field``: ``service_seconds``, ``target_wait_seconds``, ``target_share``, ``hours`` or an hour's
  ``hour`` or ``arrivals`` is missing (or null).
- ``wrong_type``: a field of the wrong type: a number that is not a finite number (true, "60", NaN, Infinity),
  ``hours`` not a list, an hour not an object, an hour's label not a string.
- ``share_out_of_range``: ``target_share`` not strictly between 0 and 1.
- ``non_positive_service_time``: ``service_seconds`` 0 or less.
- ``negative_target_wait``: ``target_wait_seconds`` below 0.
- ``negative_arrivals``: an hour's ``arrivals`` below 0.
- ``load_too_large``: an hour's load above :data:`MAX_LOAD_ERLANGS`.
- ``too_many_hours``: more than :data:`MAX_HOURS` hours in one request.
"""

from borderdesk.core.staffing.erlang import erlang_c
from borderdesk.core.staffing.errors import StaffingError
from borderdesk.core.staffing.plan import (
    MAX_HOURS,
    MAX_LOAD_ERLANGS,
    HourDemand,
    HourStaffing,
    StaffingPlan,
    StaffingRequest,
    plan,
    staff_hour,
)
from borderdesk.core.staffing.request import staffing_request

__all__ = [
    "HourDemand",
    "StaffingRequest",
    "staffing_request",
    "HourStaffing",
    "StaffingPlan",
    "plan",
    "staff_hour",
    "erlang_c",
    "StaffingError",
    "MAX_LOAD_ERLANGS",
    "MAX_HOURS",
]
