"""Coordinates as patrols write them: decimal degrees and degrees-minutes(-seconds), hemispheres, ranges."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.patrols import PositionProblem, as_degrees_minutes, check_position, coordinate

LATITUDES = st.decimals(min_value=-90, max_value=90, places=6, allow_nan=False, allow_infinity=False)
LONGITUDES = st.decimals(min_value=-180, max_value=180, places=6, allow_nan=False, allow_infinity=False)


def code_of(value, axis="latitude") -> str:
    with pytest.raises(PositionProblem) as caught:
        coordinate(value, axis)
    return caught.value.code


@pytest.mark.parametrize(
    ("text", "axis", "degrees"),
    [
        ("38.7", "latitude", "38.700000"),
        ("-9.4", "longitude", "-9.400000"),
        ("+38.7", "latitude", "38.700000"),
        ("38.7N", "latitude", "38.700000"),
        ("N 38.7", "latitude", "38.700000"),
        ("36°58.2'N", "latitude", "36.970000"),
        ("36° 58.2′ N", "latitude", "36.970000"),
        ("36 58.2 S", "latitude", "-36.970000"),
        ("36°58'12\"N", "latitude", "36.970000"),
        ("36°58'12''N", "latitude", "36.970000"),
        ("9°24.0'W", "longitude", "-9.400000"),
        ("009°24.0'w", "longitude", "-9.400000"),
        ("179°59.9999'E", "longitude", "179.999998"),
        ("90", "latitude", "90.000000"),
    ],
)
def test_patrols_write_positions_in_several_ways(text, axis, degrees):
    assert coordinate(text, axis) == Decimal(degrees)


@pytest.mark.parametrize(
    ("value", "axis", "code"),
    [
        ("91", "latitude", "latitude_out_of_range"),
        ("-90.000001", "latitude", "latitude_out_of_range"),
        (91.5, "latitude", "latitude_out_of_range"),
        ("181", "longitude", "longitude_out_of_range"),
        ("180°0.1'W", "longitude", "longitude_out_of_range"),
        (1e308, "longitude", "longitude_out_of_range"),
        ("3658.2N", "latitude", "latitude_out_of_range"),  # degrees and minutes run together: not guessed at
        ("1000 30 N", "latitude", "invalid_coordinate"),
        ("38.7E", "latitude", "invalid_coordinate"),  # a longitude's hemisphere on a latitude
        ("9.4N", "longitude", "invalid_coordinate"),
        ("-38.7N", "latitude", "invalid_coordinate"),  # a sign and a hemisphere
        ("36 60 N", "latitude", "invalid_coordinate"),
        ("36.5 30 N", "latitude", "invalid_coordinate"),  # decimals before the last part
        ("38,7", "latitude", "invalid_coordinate"),
        ("", "latitude", "invalid_coordinate"),
        ("1" * 100, "latitude", "invalid_coordinate"),
        ("NaN", "latitude", "invalid_coordinate"),
        (float("nan"), "latitude", "invalid_coordinate"),
        (float("inf"), "longitude", "invalid_coordinate"),
        (Decimal("NaN"), "latitude", "invalid_coordinate"),
        (True, "latitude", "invalid_coordinate"),
        (None, "latitude", "invalid_coordinate"),
        ("٣٨", "latitude", "invalid_coordinate"),  # digits of another script
    ],
)
def test_what_cannot_be_a_position_is_refused_with_a_code(value, axis, code):
    assert code_of(value, axis) == code


def test_the_message_says_what_the_range_is():
    with pytest.raises(PositionProblem) as caught:
        check_position("95", "-9.4")
    assert caught.value.field == "latitude"
    assert caught.value.message == "Latitude 95 is out of range: a latitude is from -90 (south) to 90 (north)."


@given(LATITUDES, LONGITUDES)
def test_any_position_in_range_is_read_back_from_decimal_and_from_its_degrees_and_minutes(lat, lon):
    assert check_position(str(lat), str(lon)) == (lat, lon)
    assert check_position(float(lat), float(lon)) == (lat, lon)
    again = check_position(*as_degrees_minutes(lat, lon).split(" "))
    # written to a thousandth of a minute: within 1/60000 of a degree
    assert abs(again[0] - lat) <= Decimal("0.0000167") and abs(again[1] - lon) <= Decimal("0.0000167")


@given(st.decimals(min_value=Decimal("90.000001"), max_value=Decimal("1e6"), places=6))
def test_any_latitude_beyond_a_pole_is_out_of_range(beyond):
    assert code_of(str(beyond)) == code_of(str(-beyond)) == "latitude_out_of_range"


@given(st.text(max_size=60))
def test_any_text_is_a_latitude_in_range_or_a_problem_with_a_code(text):
    try:
        value = coordinate(text, "latitude")
    except PositionProblem as problem:
        assert problem.code in {"invalid_coordinate", "latitude_out_of_range"}
    else:
        assert -90 <= value <= 90 and value == value.quantize(Decimal("0.000001"))
