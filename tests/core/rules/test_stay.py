"""Stay calculator: worked examples, errors, and properties against a naive day-by-day reference."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.rules import Stay, StayBasis, StayInputError, calculate_stay, calculate_stay_request

D = date.fromisoformat


def naive_days(stays: list[Stay], on: date) -> set[date]:
    days: set[date] = set()
    for stay in stays:
        if not stay.counted:
            continue
        day, last = stay.entry, stay.exit or on
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return days


def naive_used(days: set[date], on: date, window: int) -> int:
    return sum(1 for offset in range(window) if on - timedelta(days=offset) in days)


def naive_latest_exit(stays: list[Stay], on: date, entry_on: date, limit: int, window: int) -> date | None:
    days = {day for day in naive_days(stays, on) if day < entry_on}
    latest = None
    day = entry_on
    while True:
        days.add(day)
        if naive_used(days, day, window) > limit:
            return latest
        latest = day
        day += timedelta(days=1)


def test_contract_example():
    result = calculate_stay_request(
        {"stays": [{"entry": "2014-08-15", "exit": "2014-09-30"}], "on": "2014-12-01", "entry_on": "2015-01-01"}
    )
    assert result.to_dict() == {
        "on": "2014-12-01",
        "days_used": 47,
        "days_remaining": 43,
        "overstay_days": 0,
        "entry_on": "2015-01-01",
        "latest_exit": "2015-03-31",
        "limit": 90,
        "window": 180,
        "stays_not_counted": 0,
    }


def test_entry_and_exit_days_both_count():
    assert calculate_stay([Stay(D("2025-01-01"), D("2025-01-01"))], on=D("2025-01-01")).days_used == 1
    assert calculate_stay([Stay(D("2025-01-01"), D("2025-01-02"))], on=D("2025-03-01")).days_used == 2


def test_window_edge_day_is_inside_and_day_before_is_out():
    stays = [Stay(D("2025-01-01"), D("2025-01-01"))]
    assert calculate_stay(stays, on=D("2025-06-29")).days_used == 1  # window 2025-01-01..2025-06-29
    assert calculate_stay(stays, on=D("2025-06-30")).days_used == 0


def test_open_stay_counts_up_to_on():
    result = calculate_stay([Stay(D("2025-01-01"), None)], on=D("2025-04-10"))
    assert result.days_used == 100
    assert result.overstay_days == 10
    assert result.days_remaining == 0


def test_stays_under_residence_permit_or_long_stay_visa_do_not_count():
    stays = [
        Stay(D("2024-10-01"), D("2024-12-31"), StayBasis.RESIDENCE_PERMIT),
        Stay(D("2025-01-01"), D("2025-01-10")),
        Stay(D("2025-01-11"), D("2025-02-10"), StayBasis.LONG_STAY_VISA),
    ]
    result = calculate_stay(stays, on=D("2025-02-10"))
    assert result.days_used == 10
    assert result.stays_not_counted == 2


def test_stays_sharing_a_day_count_it_once():
    stays = [Stay(D("2025-01-01"), D("2025-01-05")), Stay(D("2025-01-05"), D("2025-01-06"))]
    assert calculate_stay(stays, on=D("2025-01-31")).days_used == 6


def test_latest_exit_is_null_when_no_day_is_left():
    stays = [Stay(D("2025-01-01"), D("2025-03-31"))]  # 90 days
    assert calculate_stay(stays, on=D("2025-04-01"), entry_on=D("2025-04-01")).latest_exit is None
    # 2025-06-30: window starts 2025-01-02, so one day is free, and each further day frees the oldest one.
    result = calculate_stay(stays, on=D("2025-06-30"), entry_on=D("2025-06-30"))
    assert result.latest_exit == D("2025-09-27")


def test_custom_limit_and_window():
    stays = [Stay(D("2025-01-01"), D("2025-01-20"))]
    result = calculate_stay(stays, on=D("2025-01-25"), limit=30, window=60, entry_on=D("2025-02-01"))
    assert result.days_used == 20
    assert result.latest_exit == D("2025-02-10")


@pytest.mark.parametrize(
    ("request_", "code"),
    [
        ({"stays": [{"entry": "2025-02-01", "exit": "2025-01-01"}], "on": "2025-03-01"}, "end_before_start"),
        (
            {
                "stays": [{"entry": "2025-01-01", "exit": "2025-01-10"}, {"entry": "2025-01-09", "exit": "2025-01-12"}],
                "on": "2025-03-01",
            },
            "overlapping_stays",
        ),
        (
            {
                "stays": [{"entry": "2025-01-01", "exit": None}, {"entry": "2025-02-09", "exit": "2025-02-12"}],
                "on": "2025-03-01",
            },
            "overlapping_stays",
        ),
        ({"stays": [{"entry": "2025-02-30", "exit": None}], "on": "2025-03-01"}, "malformed_date"),
        ({"stays": [{"entry": "1/2/2025", "exit": None}], "on": "2025-03-01"}, "malformed_date"),
        ({"stays": [], "on": 20250301}, "malformed_date"),
        ({"stays": []}, "missing_field"),
        ({"stays": [{"exit": "2025-01-01"}], "on": "2025-03-01"}, "missing_field"),
        ({"stays": "none", "on": "2025-03-01"}, "malformed_input"),
        ({"stays": [], "on": "2025-03-01", "limit": 180, "window": 90}, "invalid_limit"),
        ({"stays": [], "on": "2025-03-01", "limit": "90"}, "invalid_limit"),
        (
            {"stays": [{"entry": "2025-01-01", "exit": "2025-01-10"}], "on": "2025-03-01", "entry_on": "2025-01-05"},
            "entry_overlaps_stay",
        ),
    ],
)
def test_bad_input_gives_stable_codes(request_, code):
    with pytest.raises(StayInputError) as caught:
        calculate_stay_request(request_)
    assert caught.value.code == code
    assert caught.value.message


BASE = date(2024, 1, 1)


@st.composite
def histories(draw):
    """Non-overlapping stays (gaps of 0 days allowed: a shared day), the last possibly open, and a question."""
    count = draw(st.integers(0, 8))
    stays, cursor = [], BASE
    for index in range(count):
        entry = cursor + timedelta(days=draw(st.integers(0, 60)))
        is_last = index == count - 1
        if is_last and draw(st.booleans()):
            exit_ = None
        else:
            exit_ = entry + timedelta(days=draw(st.integers(0, 100)))
        basis = draw(st.sampled_from([StayBasis.SHORT_STAY] * 4 + [StayBasis.RESIDENCE_PERMIT]))
        stays.append(Stay(entry, exit_, basis))
        cursor = exit_ or entry
    last = max([stay.exit or stay.entry for stay in stays], default=BASE)
    on = last + timedelta(days=draw(st.integers(0, 200)))
    limit = draw(st.integers(1, 100))
    window = limit + draw(st.integers(1, 120))
    last_day = max([stay.exit or on for stay in stays], default=BASE)
    entry_on = last_day + timedelta(days=draw(st.integers(0, 300)))  # may fall before ``on``
    return stays, on, limit, window, entry_on


@settings(max_examples=300, deadline=None)
@given(histories())
def test_matches_naive_reference(case):
    stays, on, limit, window, entry_on = case
    result = calculate_stay(stays, on=on, limit=limit, window=window, entry_on=entry_on)
    assert result.days_used == naive_used(naive_days(stays, on), on, window)
    assert result.latest_exit == naive_latest_exit(stays, on, entry_on, limit, window)


@settings(max_examples=200, deadline=None)
@given(histories())
def test_latest_exit_properties(case):
    stays, on, limit, window, entry_on = case
    result = calculate_stay(stays, on=on, limit=limit, window=window, entry_on=entry_on)
    if result.latest_exit is None:
        return
    stays = [Stay(stay.entry, stay.exit or on, stay.basis) for stay in stays]
    planned = [*stays, Stay(entry_on, result.latest_exit)]
    at_exit = calculate_stay(planned, on=result.latest_exit, limit=limit, window=window)
    assert at_exit.days_used <= limit
    one_more = [*stays, Stay(entry_on, result.latest_exit + timedelta(days=1))]
    after = result.latest_exit + timedelta(days=1)
    assert calculate_stay(one_more, on=after, limit=limit, window=window).days_used > limit


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 400),
        st.text(max_size=4),
        st.sampled_from(["2025-01-01", "2025-02-30", "9999-12-31", "0001-01-01", "short_stay"]),
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["entry", "exit", "basis", "x"]), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "stays": JSON_VALUES,
            "on": JSON_VALUES,
            "entry_on": JSON_VALUES,
            "limit": JSON_VALUES,
            "window": JSON_VALUES,
        },
    )
)
def test_any_json_request_is_answered_or_rejected_with_a_code(request_):
    try:
        result = calculate_stay_request(request_)
    except StayInputError as error:
        assert error.code and error.message
    else:
        result.to_dict()


def test_latest_exit_at_the_end_of_the_calendar():
    result = calculate_stay([], on=D("9999-12-01"), entry_on=D("9999-12-01"))
    assert result.latest_exit == D("9999-12-31")
