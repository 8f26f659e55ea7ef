from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.queues import ScheduledArrival, ScheduleError, hourly_arrivals, parse_schedule

GOOD = """Service,Expected_At,Terminal,Passengers,Residents_Share,airline
UA123,2026-05-04T06:40,T1,180,0.25,Utopian
UX9,2026-05-04 07:05,,90,40%,Utopian
"""


def test_good_rows_are_read_whatever_the_column_order_and_case():
    arrivals, errors = parse_schedule(GOOD)
    assert errors == []
    assert arrivals[0] == ScheduledArrival("UA123", datetime(2026, 5, 4, 6, 40), "T1", 180, 0.25)
    assert (arrivals[1].residents, arrivals[1].visitors) == (36, 54)


def test_bad_rows_are_reported_with_their_line_and_good_ones_kept():
    text = GOOD + (
        "BAD1,tomorrow,T1,10,0.1,x\n"
        "BAD2,2026-05-04T08:00,T1,-3,0.1,x\n"
        "BAD3,2026-05-04T08:00,T1,10,1.5,x\n"
        "BAD4,2026-05-04T08:00,T1\n"
        "UA123,2026-05-04T06:40,T1,180,0.25,again\n"
        ",2026-05-04T08:00,T1,10,0.1,x\n"
        "OK7,2026-05-04T09:00,T2,99999,0.1,x\n"
        "NAN,2026-05-04T09:00,T2,5,nan,x\n"
        "SUP,2026-05-04T09:00,T2,\u00b2,0.1,x\n"
    )
    arrivals, errors = parse_schedule(text)
    assert [a.service for a in arrivals] == ["UA123", "UX9"]
    assert [(e.line, e.code) for e in errors] == [
        (4, "bad_time"),
        (5, "bad_passengers"),
        (6, "bad_share"),
        (7, "bad_row"),
        (8, "duplicate_row"),
        (9, "bad_service"),
        (10, "bad_passengers"),
        (11, "bad_share"),
        (12, "bad_passengers"),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_schedule"),
        ("service,passengers\nA,1\n", "missing_column"),
        ("service,expected_at,passengers,residents_share\nA," + "x" * 200_000 + ",1,0\n", "bad_csv"),
    ],
)
def test_a_file_that_cannot_be_read_at_all(text, code):
    with pytest.raises(ScheduleError) as raised:
        parse_schedule(text)
    assert raised.value.code == code


arrival = st.builds(
    ScheduledArrival,
    service=st.just("X1"),
    expected_at=st.datetimes(datetime(2026, 5, 4), datetime(2026, 5, 5)),
    terminal=st.just(""),
    passengers=st.integers(0, 500),
    residents_share=st.floats(0, 1),
)


@given(st.lists(arrival, max_size=30))
def test_every_traveller_of_the_window_lands_in_one_hour(arrivals):
    start = datetime(2026, 5, 4, 6)
    residents, visitors = hourly_arrivals(arrivals, start, 12)
    inside = [a for a in arrivals if start <= a.expected_at < datetime(2026, 5, 4, 18)]
    assert sum(residents) + sum(visitors) == pytest.approx(sum(a.passengers for a in inside))
    assert all(value >= 0 for value in residents + visitors)
