"""Rosters: shift patterns turned into shifts, and the working-time rules every roster change must keep.
Plain Python, no database: the rosters app feeds it the shifts it holds and the shifts a change would make.

The rules (``check``), each refused with a stable code naming the officer and the shifts involved:

- ``shift_too_long``: a shift longer than the limit (13 hours by default).
- ``break_too_long``: a break as long as the shift or longer.
- ``double_booked``: two shifts of one officer overlap (at any post).
- ``rest_too_short``: less rest between two shifts of one officer than the minimum (11 hours by default, the EU
  Working Time Directive's daily rest).
- ``too_many_hours``: more hours worked (breaks not counted) in some 7 days than the cap (48 by default), counted
  in every window of 7 days (rolling), not by calendar week.
- ``on_leave``: a shift during the officer's approved leave.

Patterns (``parse_pattern``, ``expand``): a cycle of days, each a shift (local start time, length, break) or a
day off; refused with ``pattern_empty``, ``pattern_too_long``, ``pattern_bad_day``, ``pattern_no_shift``.
"""

from borderdesk.core.rosters.patterns import (
    MAX_CYCLE_DAYS,
    PatternDay,
    PatternError,
    ShiftTimes,
    expand,
    format_pattern,
    parse_pattern,
)
from borderdesk.core.rosters.rules import Leave, Limits, ShiftSpan, Violation, check

__all__ = [
    "MAX_CYCLE_DAYS",
    "Leave",
    "Limits",
    "PatternDay",
    "PatternError",
    "ShiftSpan",
    "ShiftTimes",
    "Violation",
    "check",
    "expand",
    "format_pattern",
    "parse_pattern",
]
