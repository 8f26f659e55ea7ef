"""Queues at passport control: the kinds of queue and their service levels, waits from counts and the moments
travellers reached a booth (cumulative arrival and service curves, first in first out), service-level measures,
and arrival schedules. Plain Python, no database: the queues app and the duty manager's dashboard call it.

Schedule errors carry stable codes: ``empty_schedule``, ``missing_column``, ``too_many_rows``, ``bad_csv`` (the
whole file); ``bad_row``, ``bad_service``, ``bad_terminal``, ``bad_time``, ``bad_passengers``, ``bad_share``,
``duplicate_row`` (one row, with its line number).
"""

from borderdesk.core.queues.kinds import DEFAULT_LANES, DEFAULT_SERVICE_LEVELS, QueueKind, ServiceLevel
from borderdesk.core.queues.measures import QueueMeasure, measure, percentile, share_within
from borderdesk.core.queues.schedule import (
    MAX_PASSENGERS,
    RowError,
    ScheduledArrival,
    ScheduleError,
    hourly_arrivals,
    parse_row,
    parse_schedule,
)
from borderdesk.core.queues.waits import Count, Wait, joining_moments, traveller_waits

__all__ = [
    "QueueKind",
    "ServiceLevel",
    "DEFAULT_SERVICE_LEVELS",
    "DEFAULT_LANES",
    "Count",
    "Wait",
    "joining_moments",
    "traveller_waits",
    "QueueMeasure",
    "measure",
    "percentile",
    "share_within",
    "ScheduledArrival",
    "RowError",
    "ScheduleError",
    "parse_schedule",
    "parse_row",
    "hourly_arrivals",
    "MAX_PASSENGERS",
]
