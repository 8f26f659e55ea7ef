"""The working-time rules: each refusal has its code, names the officer and the shifts; the rolling 7-day cap is
checked against a brute-force count (Hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.rosters import Leave, Limits, ShiftSpan, check

T0 = datetime(2026, 12, 1, 7, tzinfo=UTC)


def shift(key, start_hours, length_hours, officer="ana", brk=0):
    start = T0 + timedelta(hours=start_hours)
    return ShiftSpan(key, officer, start, start + timedelta(hours=length_hours), brk)


def codes(violations):
    return sorted(v.code for v in violations)


def test_a_rested_roster_keeps_every_rule():
    existing = [shift("a", 0, 12, brk=60), shift("b", 24, 12, brk=60)]
    assert check(existing, [shift("c", 48, 12, brk=60)]) == []


def test_overlapping_shifts_are_a_double_booking_naming_both():
    [violation] = check([shift("a", 0, 8)], [shift("b", 4, 8)])
    assert violation.code == "double_booked"
    assert violation.officer == "ana" and set(violation.shifts) == {"a", "b"}
    assert "two shifts at once" in violation.message


def test_a_long_shift_holding_a_short_one_is_a_double_booking():
    assert "double_booked" in codes(check([shift("long", 0, 12), shift("later", 30, 8)], [shift("x", 2, 2)]))


def test_less_than_eleven_hours_between_shifts_is_too_little_rest():
    [violation] = check([shift("a", 0, 12)], [shift("b", 22, 8)])
    assert violation.code == "rest_too_short"
    assert violation.shifts == ("a", "b") and "10 hours" in violation.message and "11" in violation.message


def test_exactly_the_minimum_rest_is_enough():
    assert check([shift("a", 0, 12)], [shift("b", 23, 8)]) == []


def test_back_to_back_shifts_leave_no_rest():
    assert codes(check([shift("a", 0, 8)], [shift("b", 8, 4)])) == ["rest_too_short"]


def test_other_officers_shifts_never_clash():
    assert check([shift("a", 0, 12, officer="ben")], [shift("b", 2, 8, officer="ana")]) == []


def test_a_shift_longer_than_the_limit_and_a_break_as_long_as_the_shift():
    assert codes(check([], [shift("a", 0, 14)])) == ["shift_too_long"]
    assert codes(check([], [shift("a", 0, 1, brk=60)])) == ["break_too_long"]


def test_more_than_48_hours_in_seven_days_is_refused_naming_the_shifts():
    week = [shift(f"d{n}", 24 * n, 12) for n in range(4)]  # 48 hours: allowed
    assert check(week[:3], week[3:]) == []
    [violation] = check(week, [shift("d4", 96, 1)])
    assert violation.code == "too_many_hours" and "d4" in violation.shifts and "49.0 hours" in violation.message


def test_the_cap_is_rolling_not_by_calendar_week():
    # 36 hours at the end of one calendar week and 24 at the start of the next: 60 hours in 4 days.
    shifts = [shift(f"s{n}", 24 * n, 12) for n in range(5)]
    assert codes(check(shifts[:4], shifts[4:])) == ["too_many_hours"]


def test_breaks_are_not_counted_as_hours_worked():
    five = [shift(f"d{n}", 24 * n, 10, brk=30) for n in range(5)]  # 47.5 hours worked
    assert check(five[:4], five[4:]) == []


def test_old_violations_are_not_blamed_on_a_new_unrelated_shift():
    clash = [shift("a", 0, 8), shift("b", 4, 8)]
    assert check(clash, [shift("c", 24 * 20, 8)]) == []


def test_a_shift_during_approved_leave_is_refused():
    leave = [Leave("ana", T0 - timedelta(days=1), T0 + timedelta(days=2), label="1-2 Dec")]
    [violation] = check([], [shift("a", 24, 8)], leave=leave)
    assert violation.code == "on_leave" and "1-2 Dec" in violation.message


def test_limits_come_from_settings():
    limits = Limits(min_rest=timedelta(hours=8), max_hours_per_7_days=60, max_shift=timedelta(hours=14))
    assert check([shift("a", 0, 14)], [shift("b", 23, 13)], limits) == []


def worked_in_window(shifts, lo, hi):
    return sum((s.worked_within(lo, hi) for s in shifts), timedelta(0))


spans = st.lists(st.tuples(st.integers(0, 24 * 14), st.integers(1, 13), st.integers(0, 59)), min_size=1, max_size=12)


@given(spans)
def test_the_rolling_cap_matches_a_brute_force_count_every_quarter_hour(raw):
    shifts = [shift(f"s{n}", start, length, brk=brk) for n, (start, length, brk) in enumerate(raw)]
    flagged = "too_many_hours" in codes(check([], shifts, Limits(min_rest=timedelta(0))))
    # A brute force over window starts every quarter hour finds any overage the exact check finds, up to the
    # drift of a window misaligned by under 15 minutes; shifts here start on the hour, so the breakpoints align.
    worst = max(
        worked_in_window(shifts, T0 + timedelta(minutes=15 * q) - timedelta(days=7), T0 + timedelta(minutes=15 * q))
        for q in range(4 * 24 * 22)
    )
    assert flagged == (worst > timedelta(hours=48))


@given(spans, spans)
def test_every_violation_involves_a_proposed_shift(old_raw, new_raw):
    old = [shift(f"o{n}", s, n_h, brk=b) for n, (s, n_h, b) in enumerate(old_raw)]
    new = [shift(f"n{n}", s, n_h, brk=b) for n, (s, n_h, b) in enumerate(new_raw)]
    for violation in check(old, new):
        assert any(key.startswith("n") for key in violation.shifts)
        assert violation.officer == "ana" and violation.message


@given(spans)
def test_a_roster_without_overlaps_or_short_rests_is_what_check_accepts(raw):
    shifts = sorted((shift(f"s{n}", s, n_h, brk=b) for n, (s, n_h, b) in enumerate(raw)), key=lambda s: s.starts_at)
    pairs_ok = all(
        b.starts_at >= a.ends_at + timedelta(hours=11) for i, a in enumerate(shifts) for b in shifts[i + 1 :]
    )
    pair_codes = {"double_booked", "rest_too_short"} & set(codes(check([], shifts)))
    assert pairs_ok == (not pair_codes)
