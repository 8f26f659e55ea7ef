"""Tracks: length in the terrain's unit, implausible jumps and positions outside the sector as warnings."""

from datetime import datetime, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.patrols import SPEED_LIMITS, Fix, speed_kmh, track_length, track_warnings

START = datetime(2026, 5, 4, 6, 0)
SECTOR = [(38.6, -9.8), (39.0, -9.8), (39.0, -9.2), (38.6, -9.2)]


def fix(minutes, lat, lon, key=None):
    return Fix(START + timedelta(minutes=minutes), Decimal(str(lat)), Decimal(str(lon)), key)


def test_a_sea_track_is_counted_in_nautical_miles_and_a_land_track_in_kilometres():
    fixes = [fix(0, 38.7, -9.5), fix(30, 38.7 + 10 / 60, -9.5)]  # ten minutes of latitude north
    at_sea, on_land = track_length(fixes, "sea"), track_length(fixes, "land")
    assert at_sea.unit == "nm" and at_sea.value == pytest.approx(10.0, abs=0.02)
    assert on_land.unit == "km" and on_land.value == pytest.approx(18.53, abs=0.03)
    assert str(at_sea) == "10.0 nm"


def test_the_track_follows_time_not_the_order_reported():
    late_first = [fix(20, 38.8, -9.5), fix(0, 38.7, -9.5), fix(10, 38.75, -9.5)]
    in_order = sorted(late_first, key=lambda f: f.at)
    assert track_length(late_first, "sea").km == pytest.approx(track_length(in_order, "sea").km)


@pytest.mark.parametrize(
    ("kind", "minutes", "north_km", "warned"),
    [
        ("boat", 10, 18, False),  # 108 km/h: 58 knots
        ("boat", 10, 20, True),  # 120 km/h: 65 knots
        ("partner_vessel", 10, 20, True),
        ("vehicle", 60, 140, False),
        ("vehicle", 60, 160, True),
        ("foot", 60, 14, False),
        ("foot", 60, 16, True),
    ],
)
def test_a_jump_faster_than_the_unit_moves_is_a_warning(kind, minutes, north_km, warned):
    degrees = north_km / 111.195
    fixes = [fix(0, 38.7, -9.5, key=1), fix(minutes, 38.7 + degrees, -9.5, key=2)]
    warnings = track_warnings(fixes, kind)
    assert [w.code for w in warnings] == (["implausible_jump"] if warned else [])
    if warned:
        assert warnings[0].keys == (1, 2) and "06:00" in warnings[0].message
        assert "Check the position" in warnings[0].message


def test_the_jump_is_said_in_knots_for_a_boat_and_kmh_on_land():
    slip = [fix(0, 38.7, -9.5), fix(5, 39.7, -9.5)]  # a degree typed wrong
    boat = track_warnings(slip, "boat")[0].message
    vehicle = track_warnings(slip, "vehicle")[0].message
    assert "knots" in boat and "nm" in boat and "(at most 60 knots)" in boat
    assert "km/h" in vehicle and "(at most 150 km/h)" in vehicle


def test_positions_at_one_moment_in_two_places_is_a_jump_in_no_time():
    warnings = track_warnings([fix(0, 38.7, -9.5), fix(0, 38.8, -9.5)], "boat")
    assert warnings[0].code == "implausible_jump" and "in no time" in warnings[0].message
    assert speed_kmh(fix(0, 38.7, -9.5), fix(0, 38.7, -9.5)) == 0


def test_a_position_outside_the_sector_is_a_warning_naming_it():
    warnings = track_warnings([fix(0, 38.7, -9.5, key=7), fix(30, 38.5, -9.5, key=8)], "boat", SECTOR)
    assert [(w.code, w.keys) for w in warnings] == [("outside_sector", (8,))]
    assert "38°30.000'N 9°30.000'W" in warnings[0].message


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=24 * 60),
            st.decimals(min_value=38, max_value=39, places=5),
            st.decimals(min_value=-10, max_value=-9, places=5),
        ),
        max_size=15,
    ),
    st.sampled_from(sorted(SPEED_LIMITS)),
)
def test_every_jump_warned_is_one_too_fast_and_nothing_is_dropped(rows, kind):
    fixes = [Fix(START + timedelta(minutes=m), lat, lon, key=n) for n, (m, lat, lon) in enumerate(rows)]
    ordered = sorted(fixes, key=lambda f: f.at)
    too_fast = {(a.key, b.key) for a, b in pairwise(ordered) if speed_kmh(a, b) > SPEED_LIMITS[kind].kmh}
    warned = {w.keys for w in track_warnings(fixes, kind)}
    assert warned == too_fast
    assert track_length(fixes, "sea").km >= 0
