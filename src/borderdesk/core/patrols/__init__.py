"""Patrols on land and sea, in plain Python: coordinates as patrols write them, a sector's boundary, tracks with
their length and warnings, pasted position lines, and the projection that draws a sector's map.

Every error it raises on purpose is a :class:`PositionProblem` with a stable code: ``invalid_coordinate``,
``latitude_out_of_range``, ``longitude_out_of_range`` (shared with the incidents' checks), ``invalid_time``,
``invalid_line``, ``too_many_lines``, ``boundary_too_long``, ``boundary_too_few_points``,
``boundary_too_many_points``, ``boundary_repeated_point``, ``boundary_self_intersects``. Track warnings
(``implausible_jump``, ``outside_sector``) are shown to the officer, never acted on.
"""

from borderdesk.core.patrols.coordinates import PositionProblem, as_degrees_minutes, check_position, coordinate
from borderdesk.core.patrols.geometry import (
    MAX_POINTS,
    MIN_POINTS,
    check_boundary,
    distance_km,
    inside,
    parse_boundary,
    track_length_km,
)
from borderdesk.core.patrols.lines import (
    MAX_LINES,
    LineProblem,
    PositionLine,
    parse_moment,
    parse_position_lines,
    place_on_patrol,
)
from borderdesk.core.patrols.projection import BoundingBox, Projection, ScaleBar, scale_bar
from borderdesk.core.patrols.tracks import (
    LAND,
    SEA,
    SPEED_LIMITS,
    Distance,
    Fix,
    SpeedLimit,
    TrackWarning,
    speed_kmh,
    track_length,
    track_warnings,
)

__all__ = [
    "LAND",
    "MAX_LINES",
    "MAX_POINTS",
    "MIN_POINTS",
    "SEA",
    "SPEED_LIMITS",
    "BoundingBox",
    "Distance",
    "Fix",
    "LineProblem",
    "PositionLine",
    "PositionProblem",
    "Projection",
    "ScaleBar",
    "SpeedLimit",
    "TrackWarning",
    "as_degrees_minutes",
    "check_boundary",
    "check_position",
    "coordinate",
    "distance_km",
    "inside",
    "parse_boundary",
    "parse_moment",
    "parse_position_lines",
    "place_on_patrol",
    "scale_bar",
    "speed_kmh",
    "track_length",
    "track_length_km",
    "track_warnings",
]
