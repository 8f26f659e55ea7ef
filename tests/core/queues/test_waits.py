from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.queues import Count, joining_moments, traveller_waits


@st.composite
def counts_and_services(draw):
    n = draw(st.integers(1, 8))
    gaps = draw(st.lists(st.floats(1, 600), min_size=n, max_size=n))
    moments, at = [], 0.0
    for gap in gaps:
        at += gap
        moments.append(at)
    counts = [Count(at=moment, waiting=draw(st.integers(0, 30)), joined=draw(st.integers(0, 30))) for moment in moments]
    services = draw(st.lists(st.floats(0, at + 600), max_size=200))
    return counts, services, at + 600


def test_first_in_first_out_by_the_two_curves():
    # 2 waiting at t=0; 4 join over (0, 400]; booths take people at 100, 200, 300, 500, 700.
    counts = [Count(0, 2, 0), Count(400, 3, 4)]
    waits = traveller_waits(counts, [100, 200, 300, 500, 700], now=800)
    assert [w.joined_at for w in waits] == [0, 0, 50, 150, 250, 350]
    assert [w.served_at for w in waits] == [100, 200, 300, 500, 700, None]
    assert [w.seconds for w in waits] == [100, 200, 250, 350, 450, 450]


def test_a_service_before_anyone_it_could_be_is_a_wait_of_zero_not_negative():
    waits = traveller_waits([Count(0, 0, 0), Count(100, 0, 1)], [10], now=200)
    assert waits[0].joined_at == 50 and waits[0].seconds == 0


def test_no_counts_no_waits():
    assert traveller_waits([], [1, 2, 3], now=10) == []


@given(counts_and_services())
def test_every_person_counted_is_served_or_still_waiting_in_order(case):
    counts, services, now = case
    waits = traveller_waits(counts, services, now)
    joins = joining_moments(counts)
    assert len(waits) == len(joins)  # every joining is at or before the last count, before now
    assert all(w.seconds >= 0 for w in waits)
    served = [w for w in waits if w.served]
    assert waits[: len(served)] == served  # the first served are the first to join (FIFO)
    assert [w.served_at for w in served] == sorted(w.served_at for w in served)
    assert [w.joined_at for w in waits] == sorted(w.joined_at for w in waits)
    in_window = [s for s in services if counts[0].at <= s <= now]
    assert len(served) == min(len(in_window), len(joins))


@given(counts_and_services())
def test_the_arrival_curve_adds_up_and_stays_between_counts(case):
    counts, _, _ = case
    joins = joining_moments(counts)
    assert len(joins) == counts[0].waiting + sum(count.joined for count in counts[1:])
    assert all(counts[0].at <= moment <= counts[-1].at for moment in joins)


@given(st.lists(st.integers(0, 20), min_size=1, max_size=10))
def test_people_served_as_they_join_wait_no_time(joined):
    counts = [Count(i * 60.0, 0, j) for i, j in enumerate(joined)]
    joins = joining_moments(counts)
    waits = traveller_waits(counts, joins, now=10_000)
    assert all(w.seconds == 0 and w.served for w in waits)
