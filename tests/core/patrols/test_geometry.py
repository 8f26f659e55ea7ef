"""Boundaries (a simple ring of 3 to 500 points), point in polygon, haversine distances."""

import math
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from borderdesk.core.patrols import (
    MAX_POINTS,
    PositionProblem,
    check_boundary,
    distance_km,
    inside,
    parse_boundary,
    track_length_km,
)

SQUARE = [(0, 0), (0, 1), (1, 1), (1, 0)]
POINTS = st.tuples(
    st.decimals(min_value=-80, max_value=80, places=4), st.decimals(min_value=-170, max_value=170, places=4)
)


def code_of(points) -> str:
    with pytest.raises(PositionProblem) as caught:
        check_boundary(points)
    return caught.value.code


def convex_ring(centre, radius, count, start_angle=0.0):
    """``count`` points on a circle around ``centre``, in order: a convex ring."""
    lat, lon = centre
    return [
        (
            round(lat + radius * math.sin(start_angle + 2 * math.pi * n / count), 6),
            round(lon + radius * math.cos(start_angle + 2 * math.pi * n / count), 6),
        )
        for n in range(count)
    ]


def test_a_ring_is_kept_in_order_and_its_closing_repeat_dropped():
    ring = check_boundary([*SQUARE, SQUARE[0]])
    assert ring == tuple((Decimal(lat).quantize(Decimal("0.000001")), Decimal(lon)) for lat, lon in SQUARE)


@pytest.mark.parametrize(
    ("points", "code"),
    [
        ([(0, 0), (1, 1)], "boundary_too_few_points"),
        ([(0, 0), (1, 1), (0, 0)], "boundary_too_few_points"),  # two points and the closing repeat
        ([(0, 0), (1, 1), (0, 1), (1, 0)], "boundary_self_intersects"),  # a bow tie
        ([(0, 0), (1, 1), (2, 2)], "boundary_self_intersects"),  # on one line: no area
        ([(0, 0), (0, 2), (0, 1), (1, 1)], "boundary_self_intersects"),  # runs back along an edge
        ([(0, 0), (0, 2), (1, 2), (0, 1), (-1, 1)], "boundary_self_intersects"),  # a point on another edge
        ([(0, 0), (0, 1), (1, 1), (0, 1), (1, 0)], "boundary_repeated_point"),
        ([(0, 0), (0, 1), (91, 1)], "latitude_out_of_range"),
        ([(0, 0), (0, 1), "1,1"], "invalid_coordinate"),
        ([(0, 0), (0, 1), (1, 1, 1)], "invalid_coordinate"),
        ([(n, n) for n in range(MAX_POINTS + 5)], "boundary_too_many_points"),
    ],
)
def test_what_is_not_a_simple_ring_is_refused_with_a_code(points, code):
    assert code_of(points) == code


def test_a_boundary_is_typed_one_point_per_line_in_either_notation():
    text = "38.95, -9.75\n\n38°57.0'N 9°21.0'W\n38.70;-9.30\n38.70\t-9.75\n"
    ring = parse_boundary(text)
    assert ring[1] == (Decimal("38.950000"), Decimal("-9.350000")) and len(ring) == 4


def test_a_bad_line_of_a_typed_boundary_is_named():
    with pytest.raises(PositionProblem) as caught:
        parse_boundary("38.95, -9.75\n38.95, -9.35\n38.70, -200\n")
    assert caught.value.code == "longitude_out_of_range" and caught.value.message.startswith("Line 3: ")
    with pytest.raises(PositionProblem) as caught:
        parse_boundary("38.95 -9.75 12")
    assert caught.value.code == "invalid_coordinate"
    with pytest.raises(PositionProblem) as caught:
        parse_boundary("1, 1\n" * 20_000)
    assert caught.value.code == "boundary_too_long"


@given(
    st.decimals(min_value=-60, max_value=60, places=3),
    st.decimals(min_value=-170, max_value=170, places=3),
    st.floats(min_value=0.01, max_value=2),
    st.integers(min_value=3, max_value=60),
    st.floats(min_value=0, max_value=6.28),
)
def test_any_convex_ring_is_a_boundary_in_either_direction_and_holds_its_centre(lat, lon, radius, count, turn):
    ring = convex_ring((float(lat), float(lon)), radius, count, turn)
    assume(len(set(ring)) == count)
    assert len(check_boundary(ring)) == count
    assert len(check_boundary(list(reversed(ring)))) == count
    assert inside(ring, lat, lon)
    assert not inside(ring, float(lat) + radius * 1.01, lon)
    assert not inside(ring, lat, float(lon) - radius * 1.01)


@given(st.lists(POINTS, min_size=3, max_size=12))
def test_any_list_of_points_is_a_boundary_or_a_problem_with_a_code(points):
    try:
        ring = check_boundary(points)
    except PositionProblem as problem:
        assert problem.code.startswith("boundary_")
    else:
        assert 3 <= len(ring) <= len(points)


@given(POINTS, POINTS)
def test_inside_a_rectangle_is_between_its_sides(corner, probe):
    south, west = corner
    ring = [(south, west), (south + 1, west), (south + 1, west + 2), (south, west + 2)]
    lat, lon = probe
    assume(lat not in (south, south + 1) and lon not in (west, west + 2))  # on an edge it may fall either way
    assert inside(ring, lat, lon) == (south < lat < south + 1 and west < lon < west + 2)


def test_known_distances():
    # one minute of latitude is one nautical mile (1.852 km), give or take the Earth's shape
    assert distance_km((38, -9), (38 + 1 / 60, -9)) == pytest.approx(1.853, abs=0.002)
    # a degree of longitude at the equator
    assert distance_km((0, 0), (0, 1)) == pytest.approx(111.195, abs=0.001)
    assert distance_km((0, 0), (0, 180)) == pytest.approx(math.pi * 6371.0088)


@given(POINTS, POINTS, POINTS)
def test_distances_are_symmetric_non_negative_and_keep_the_triangle_inequality(a, b, c):
    ab, ba = distance_km(a, b), distance_km(b, a)
    assert ab == pytest.approx(ba) and ab >= 0
    assert distance_km(a, a) == 0
    assert ab <= distance_km(a, c) + distance_km(c, b) + 1e-6
    assert ab <= math.pi * 6371.0088 + 1e-6


@given(st.lists(POINTS, min_size=2, max_size=20))
def test_a_track_is_at_least_as_long_as_from_its_start_to_its_end(points):
    assert track_length_km(points) >= distance_km(points[0], points[-1]) - 1e-6
    assert track_length_km(points[:1]) == 0
