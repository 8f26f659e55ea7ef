"""The sector's map: an equirectangular projection of the bounding box onto the SVG canvas, and its scale bar."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.patrols import BoundingBox, Projection, distance_km, scale_bar

WIDTH, HEIGHT, PADDING = 800, 600, 20
POINT = st.tuples(st.floats(min_value=-70, max_value=70), st.floats(min_value=-170, max_value=170))


@given(st.lists(POINT, min_size=1, max_size=20))
def test_every_point_lands_on_the_canvas_north_up_and_east_right(points):
    box = BoundingBox.around(points)
    projection = Projection.fit(box, WIDTH, HEIGHT, PADDING)
    for lat, lon in points:
        x, y = projection.to_svg(lat, lon)
        assert PADDING - 0.1 <= x <= WIDTH - PADDING + 0.1 and PADDING - 0.1 <= y <= HEIGHT - PADDING + 0.1
    north = max(points)
    south = min(points)
    assert projection.to_svg(*north)[1] <= projection.to_svg(*south)[1]
    east = max(points, key=lambda p: p[1])
    west = min(points, key=lambda p: p[1])
    assert projection.to_svg(*east)[0] >= projection.to_svg(*west)[0]


def test_no_points_no_box_and_one_point_a_small_box_around_it():
    assert BoundingBox.around([]) is None
    box = BoundingBox.around([(38.7, -9.4)])
    assert box.south < 38.7 < box.north and box.west < -9.4 < box.east
    assert Projection.fit(box, WIDTH, HEIGHT).to_svg(38.7, -9.4) == (WIDTH / 2, HEIGHT / 2)


@pytest.mark.parametrize("latitude", [0, 38.7, 60])
def test_the_map_is_true_to_scale_at_its_middle_both_ways(latitude):
    box = BoundingBox(latitude - 0.1, -9.6, latitude + 0.1, -9.4)
    projection = Projection.fit(box, WIDTH, HEIGHT)
    x1, y1 = projection.to_svg(latitude, -9.55)
    x2, _ = projection.to_svg(latitude, -9.45)
    _, y2 = projection.to_svg(latitude - 0.05, -9.55)
    east_west = distance_km((latitude, -9.55), (latitude, -9.45))
    north_south = distance_km((latitude, -9.55), (latitude - 0.05, -9.55))
    assert (x2 - x1) / east_west == pytest.approx((y2 - y1) / north_south, rel=0.01)
    assert (x2 - x1) / east_west == pytest.approx(projection.pixels_per_km, rel=0.01)


@given(st.floats(min_value=0.001, max_value=20), st.sampled_from(["sea", "land"]))
def test_the_scale_bar_is_a_round_length_that_fits(span, terrain):
    box = BoundingBox(38.0, -9.5, 38.0 + span, -9.5 + span)
    projection = Projection.fit(box, WIDTH, HEIGHT)
    bar = scale_bar(projection, terrain, 200)
    assert bar.unit == ("nm" if terrain == "sea" else "km")
    assert bar.pixels <= 200 or bar.value == 0.01
    assert f"{bar.value:g}".lstrip("0.").rstrip("0")[:1] in {"1", "2", "5"}
    km = bar.value * (1.852 if terrain == "sea" else 1)
    assert bar.pixels == pytest.approx(km * projection.pixels_per_km, abs=0.1)
