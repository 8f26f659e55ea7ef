import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.queues import measure, percentile, share_within

seconds = st.lists(st.floats(0, 10_000, allow_nan=False), max_size=100)


def test_the_uk_measure_95_percent_under_25_minutes():
    waits = [60.0] * 95 + [1600.0] * 5
    result = measure(waits, target_seconds=1500, target_share=0.95)
    assert (result.measures, result.share_within, result.met) == (100, 0.95, True)
    assert result.median_seconds == 60 and result.p95_seconds == 60
    missed = measure([60.0] * 94 + [1600.0] * 6, 1500, 0.95)
    assert (missed.share_within, missed.met) == (0.94, False)


def test_nothing_measured_is_neither_met_nor_missed():
    assert measure([], 1500, 0.95).to_dict() == {
        "measures": 0,
        "share_within": None,
        "median_wait_seconds": None,
        "p95_wait_seconds": None,
        "met": None,
    }


def test_nearest_rank_percentile():
    assert percentile([15, 20, 35, 40, 50], 30) == 20
    assert percentile([15, 20, 35, 40, 50], 100) == 50
    assert percentile([3, 1, 2], 50) == 2
    with pytest.raises(ValueError):
        percentile([1], 0)


@given(seconds, st.floats(0, 10_000))
def test_share_is_a_share(values, target):
    share = share_within(values, target)
    assert share is None if not values else 0 <= share <= 1


@given(seconds.filter(bool), st.floats(1, 99), st.floats(1, 99))
def test_percentiles_grow_with_q_and_are_values(values, q1, q2):
    low, high = sorted((q1, q2))
    assert percentile(values, low) <= percentile(values, high)
    assert percentile(values, q1) in values


@given(seconds.filter(bool))
def test_at_least_the_share_of_the_p95_is_within_it(values):
    p95 = percentile(values, 95)
    assert share_within(values, p95) >= 0.95
