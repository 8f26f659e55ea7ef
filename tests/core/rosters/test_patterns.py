"""Shift patterns: read from their text, written back the same, and expanded into shifts on the post's clocks
(night shifts across midnight, the clocks' changes)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.rosters import PatternDay, PatternError, expand, format_pattern, parse_pattern

FOUR_ON_FOUR_OFF = "07:00 12h 60m, 07:00 12h 60m, 19:00 12h 60m, 19:00 12h 60m, off, off, off, off"
LISBON = ZoneInfo("Europe/Lisbon")


def test_a_four_on_four_off_reads_as_eight_days():
    cycle = parse_pattern(FOUR_ON_FOUR_OFF)
    assert len(cycle) == 8 and cycle[4:] == (None,) * 4
    assert cycle[2] == PatternDay(time(19), 12 * 60, 60)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "pattern_empty"),
        ("off, off", "pattern_no_shift"),
        ("07:00 12h, sometimes", "pattern_bad_day"),
        ("25:00 8h", "pattern_bad_day"),
        ("07:00 25h", "pattern_bad_day"),
        ("07:00 8h 480m", "pattern_bad_day"),
        ("07:00 8h75", "pattern_bad_day"),
        (", ".join(["07:00 8h"] * 57), "pattern_too_long"),
    ],
)
def test_patterns_that_cannot_be_read_are_refused_with_a_code(text, code):
    with pytest.raises(PatternError) as error:
        parse_pattern(text)
    assert error.value.code == code


def test_a_night_shift_crosses_midnight():
    [night] = expand(parse_pattern("19:00 12h 60m"), date(2026, 12, 1), date(2026, 12, 1), LISBON)
    assert night.starts_at == datetime(2026, 12, 1, 19, tzinfo=UTC)
    assert night.ends_at == datetime(2026, 12, 2, 7, tzinfo=UTC) and night.break_minutes == 60


def test_a_night_shift_lasts_an_hour_longer_when_the_clocks_go_back():
    # Lisbon goes back from 02:00 WEST to 01:00 WET on 25 October 2026.
    [night] = expand(parse_pattern("20:00 12h"), date(2026, 10, 24), date(2026, 10, 24), LISBON)
    assert night.ends_at - night.starts_at == timedelta(hours=13)
    assert night.ends_at.astimezone(LISBON).time() == time(8)


def test_a_night_shift_lasts_an_hour_less_when_the_clocks_go_forward():
    [night] = expand(parse_pattern("20:00 12h"), date(2026, 3, 28), date(2026, 3, 28), LISBON)
    assert night.ends_at - night.starts_at == timedelta(hours=11)


def test_a_start_the_clocks_skip_is_taken_after_the_change():
    [early] = expand(parse_pattern("01:30 4h"), date(2026, 3, 29), date(2026, 3, 29), LISBON)
    assert early.starts_at.astimezone(LISBON).time() == time(2, 30)


def test_the_offset_starts_the_cycle_part_way():
    cycle = parse_pattern(FOUR_ON_FOUR_OFF)
    first = date(2026, 12, 1)
    assert expand(cycle, first, first + timedelta(days=3), LISBON, offset=4) == []
    assert len(expand(cycle, first, first + timedelta(days=3), LISBON, offset=2)) == 2


days = st.one_of(
    st.none(),
    st.builds(
        lambda h, m, length, brk: PatternDay(time(h, m), length, min(brk, length - 1)),
        st.integers(0, 23),
        st.integers(0, 59),
        st.integers(1, 24 * 60),
        st.integers(0, 999),
    ),
)
cycles = st.lists(days, min_size=1, max_size=56).filter(lambda c: any(d is not None for d in c)).map(tuple)
zones = st.sampled_from(["Europe/Lisbon", "America/New_York", "Australia/Lord_Howe", "UTC", "Asia/Kolkata"])


@given(cycles)
def test_a_pattern_written_out_reads_back_the_same(cycle):
    assert parse_pattern(format_pattern(cycle)) == cycle


@given(cycles, st.dates(date(2020, 1, 1), date(2035, 1, 1)), st.integers(0, 60), zones, st.integers(0, 100))
def test_expansion_makes_one_shift_per_working_day_in_order_within_an_hour_of_its_length(
    cycle, first, span, zone, offset
):
    last = first + timedelta(days=span)
    shifts = expand(cycle, first, last, ZoneInfo(zone), offset)
    working = [first + timedelta(days=n) for n in range(span + 1) if cycle[(n + offset) % len(cycle)] is not None]
    assert [s.day for s in shifts] == working
    for s in shifts:
        planned = cycle[((s.day - first).days + offset) % len(cycle)]
        assert planned is not None
        assert abs((s.ends_at - s.starts_at) - timedelta(minutes=planned.minutes)) <= timedelta(hours=1)
        assert s.starts_at.tzinfo is not None and s.ends_at > s.starts_at
