"""A sector's boundary (a ring of points), whether a point is inside it, and distances on the Earth.

Points are ``(latitude, longitude)`` pairs in degrees. Boundaries are small (a sector spans tens of kilometres), so
lines between points are drawn straight on the latitude/longitude grid, as on the patrol's chart; sectors crossing
the 180th meridian are not handled.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise

from borderdesk.core.patrols.coordinates import PositionProblem, check_position

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
KM_PER_NAUTICAL_MILE = 1.852
MIN_POINTS = 3
MAX_POINTS = 500
BOUNDARY_TEXT_MAX = 50_000

Point = tuple[Decimal, Decimal]
XY = tuple[int, int]  # east and north, in millionths of a degree
Number = Decimal | float | int
_PAIR_SEPARATOR = re.compile(r"\s*[,;\t]\s*")


# --- boundaries -------------------------------------------------------------------------------------------------


def parse_boundary(text: str) -> tuple[Point, ...]:
    """A boundary typed one point per line (``38.95, -9.75`` or ``38°57.0'N 9°45.0'W``), checked by
    :func:`check_boundary`. A problem on a line names the line."""
    text = str(text or "")
    if len(text) > BOUNDARY_TEXT_MAX:
        raise PositionProblem(
            f"The boundary is at most {BOUNDARY_TEXT_MAX:,} characters.", code="boundary_too_long", field="boundary"
        )
    points = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            points.append(check_position(*split_pair(line)))
        except PositionProblem as problem:
            raise PositionProblem(f"Line {number}: {problem.message}", code=problem.code, field="boundary") from None
    return check_boundary(points)


def split_pair(line: str) -> tuple[str, str]:
    """``lat, lon`` (a comma, semicolon or tab between), or ``38°57.0'N 9°45.0'W`` (split after the N or S)."""
    line = line.strip()
    parts = _PAIR_SEPARATOR.split(line)
    if len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1:
        upper = line.upper()
        for index, char in enumerate(upper[:-1]):
            if char in "NS" and index > 0:
                return line[: index + 1], line[index + 1 :]
        words = line.split()
        if len(words) == 2:
            return words[0], words[1]
    raise PositionProblem(
        f"{line[:60]!r} is not a position: write the latitude, a comma, then the longitude (38.7, -9.4).",
        code="invalid_coordinate",
    )


def check_boundary(points: Sequence[Sequence]) -> tuple[Point, ...]:
    """A ring of at least 3 and at most 500 points (the first not repeated at the end: a repeat is dropped), no two
    the same, whose edges do not cross or touch except where neighbours meet, enclosing an area. Codes:
    ``boundary_too_few_points``, ``boundary_too_many_points``, ``boundary_repeated_point``,
    ``boundary_self_intersects`` (points all on one line included: the ring runs back along itself) and the
    coordinates' own."""
    if len(points) > MAX_POINTS + 1:  # before reading them: the closing repeat may make one more
        raise _too_many(len(points))
    ring = [_pair(pair) for pair in points]
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < MIN_POINTS:
        raise PositionProblem(
            f"A boundary needs at least {MIN_POINTS} points, not {len(ring)}.",
            code="boundary_too_few_points",
            field="boundary",
        )
    if len(ring) > MAX_POINTS:
        raise _too_many(len(ring))
    seen: dict[Point, int] = {}
    for number, point in enumerate(ring, start=1):
        if point in seen:
            raise PositionProblem(
                f"Points {seen[point]} and {number} are the same place: a boundary passes each place once.",
                code="boundary_repeated_point",
                field="boundary",
            )
        seen[point] = number
    crossing = first_crossing(ring)
    if crossing is not None:
        a, b = crossing
        raise PositionProblem(
            f"The boundary crosses itself: the edge from point {a + 1} and the edge from point {b + 1} meet. "
            "List the points in order around the sector.",
            code="boundary_self_intersects",
            field="boundary",
        )
    return tuple(ring)


def _too_many(count: int) -> PositionProblem:
    return PositionProblem(
        f"A boundary has at most {MAX_POINTS} points, not {count}: leave out some.",
        code="boundary_too_many_points",
        field="boundary",
    )


def _pair(pair: object) -> Point:
    if isinstance(pair, str) or not isinstance(pair, Sequence) or len(pair) != 2:
        raise PositionProblem(
            f"{str(pair)[:60]!r} is not a [latitude, longitude] pair.", code="invalid_coordinate", field="boundary"
        )
    return check_position(pair[0], pair[1])


def first_crossing(ring: Sequence[Point]) -> tuple[int, int] | None:
    """The first pair of edges (by the index of their first point) that cross or touch other than where
    neighbouring edges share a point; None for a simple ring. Exact: on whole millionths of a degree."""
    xy = [(_micro(lon), _micro(lat)) for lat, lon in ring]
    count = len(xy)
    edges = [(xy[i], xy[(i + 1) % count]) for i in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            if j == i + 1:
                meet = _turns_back(edges[i][0], edges[i][1], edges[j][1])
            elif i == 0 and j == count - 1:
                meet = _turns_back(edges[j][0], edges[j][1], edges[i][1])
            else:
                meet = _segments_meet(*edges[i], *edges[j])
            if meet:
                return i, j
    return None


def _micro(degrees: Decimal) -> int:
    return int(Decimal(degrees).scaleb(6).to_integral_value())


def _turns_back(a: XY, shared: XY, c: XY) -> bool:
    """Neighbouring edges a-shared and shared-c overlap when the ring runs back along the same line."""
    same_side = (a[0] - shared[0]) * (c[0] - shared[0]) + (a[1] - shared[1]) * (c[1] - shared[1]) > 0
    return _orientation(a, shared, c) == 0 and same_side


def _orientation(p: XY, q: XY, r: XY) -> int:
    value = (q[1] - p[1]) * (r[0] - q[0]) - (q[0] - p[0]) * (r[1] - q[1])
    return (value > 0) - (value < 0)


def _on_segment(p: XY, q: XY, r: XY) -> bool:
    """Whether ``q``, collinear with ``p`` and ``r``, lies on the segment between them."""
    return min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) and min(p[1], r[1]) <= q[1] <= max(p[1], r[1])


def _segments_meet(p1: XY, q1: XY, p2: XY, q2: XY) -> bool:
    o1, o2 = _orientation(p1, q1, p2), _orientation(p1, q1, q2)
    o3, o4 = _orientation(p2, q2, p1), _orientation(p2, q2, q1)
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(p1, p2, q1))
        or (o2 == 0 and _on_segment(p1, q2, q1))
        or (o3 == 0 and _on_segment(p2, p1, q2))
        or (o4 == 0 and _on_segment(p2, q1, q2))
    )


def inside(boundary: Sequence[Sequence], latitude: Number, longitude: Number) -> bool:
    """Whether the point is inside the ring (even-odd rule; a point exactly on an edge may fall either way)."""
    y, x = float(latitude), float(longitude)
    result = False
    count = len(boundary)
    for i in range(count):
        y1, x1 = (float(v) for v in boundary[i])
        y2, x2 = (float(v) for v in boundary[i - 1])
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


# --- distances --------------------------------------------------------------------------------------------------


def distance_km(a: Sequence, b: Sequence) -> float:
    """The great-circle distance between two ``(latitude, longitude)`` points (haversine), in kilometres."""
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def track_length_km(points: Sequence[Sequence]) -> float:
    """The length of the track through ``points`` in order, in kilometres."""
    return sum(distance_km(a, b) for a, b in pairwise(points))
