"""Pasted ``time,lat,lon`` lines: good lines kept, bad ones named by line number; times on the patrol's day."""

from datetime import datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.patrols import MAX_LINES, PositionProblem, parse_moment, parse_position_lines, place_on_patrol


def test_good_lines_are_kept_and_bad_ones_listed_by_number():
    text = "time,lat,lon\n06:40, 38.7, -9.4\n0650, 91, -9.4\n\n07:00;38°42.0'N;9°20.0'W\nhello\n25:10,38.7,-9.4\n"
    good, bad = parse_position_lines(text)
    assert [(line.number, line.moment, line.latitude) for line in good] == [
        (2, time(6, 40), Decimal("38.700000")),
        (5, time(7, 0), Decimal("38.700000")),
    ]
    assert [(problem.number, problem.code) for problem in bad] == [
        (3, "latitude_out_of_range"),
        (6, "invalid_line"),
        (7, "invalid_time"),
    ]
    assert bad[0].text == "0650, 91, -9.4" and "out of range" in bad[0].message


def test_too_many_lines_are_refused_whole():
    with pytest.raises(PositionProblem) as caught:
        parse_position_lines("06:40,38.7,-9.4\n" * (MAX_LINES + 1))
    assert caught.value.code == "too_many_lines"


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("06:40", time(6, 40)),
        ("6:40", time(6, 40)),
        ("0640", time(6, 40)),
        ("06:40:15", time(6, 40, 15)),
        ("2026-05-04 06:40", datetime(2026, 5, 4, 6, 40)),
        ("2026-05-04T06:40:15", datetime(2026, 5, 4, 6, 40, 15)),
    ],
)
def test_times_as_crews_write_them(text, moment):
    assert parse_moment(text) == moment


@pytest.mark.parametrize("text", ["", "24:00", "06:60", "6.40", "2026-02-30 06:40", "noon", "06:40 pm"])
def test_what_is_not_a_time_is_refused(text):
    with pytest.raises(PositionProblem) as caught:
        parse_moment(text)
    assert caught.value.code == "invalid_time"


def test_a_bare_time_falls_on_the_patrols_day_or_past_midnight():
    start, end = datetime(2026, 5, 4, 22, 0), datetime(2026, 5, 5, 4, 0)
    assert place_on_patrol(time(23, 30), start, end) == datetime(2026, 5, 4, 23, 30)
    assert place_on_patrol(time(1, 15), start, end) == datetime(2026, 5, 5, 1, 15)
    # before the start and not within the night: left on the start's day, where the check says "before the start"
    assert place_on_patrol(time(21, 0), start, end) == datetime(2026, 5, 4, 21, 0)
    assert place_on_patrol(datetime(2026, 5, 6, 1, 0), start, end) == datetime(2026, 5, 6, 1, 0)


@given(st.text(max_size=300))
def test_any_paste_splits_into_good_lines_and_numbered_problems(text):
    good, bad = parse_position_lines(text)
    numbers = [line.number for line in good] + [problem.number for problem in bad]
    assert len(numbers) == len(set(numbers)) and all(1 <= n <= len(text.splitlines()) for n in numbers)
    assert all(-90 <= line.latitude <= 90 and -180 <= line.longitude <= 180 for line in good)
