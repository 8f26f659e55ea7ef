"""An incident's report checked before it is stored: the kind, the time on the post's clock (never in the future,
never older than 30 days), the texts and their limits, the items seized; whatever is typed is either a checked
report or an IncidentProblem with a stable code, never another error. (Positions: the patrols core's tests.)"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.incidents import (
    CLOCK_SKEW,
    DAYS_BACK,
    LIMITS,
    IncidentProblem,
    check_people_estimated,
    check_report,
    check_seized,
    check_text,
    when_on_post_clock,
)

LISBON, TOKYO, HONOLULU = ZoneInfo("Europe/Lisbon"), ZoneInfo("Asia/Tokyo"), ZoneInfo("Pacific/Honolulu")
NOW = datetime(2026, 7, 14, 12, 30, tzinfo=UTC)  # 13:30 in Lisbon (summer time)


def problem(call, *args, **kwargs) -> IncidentProblem:
    with pytest.raises(IncidentProblem) as raised:
        call(*args, **kwargs)
    return raised.value


def test_a_time_on_the_post_clock_is_stored_in_utc():
    assert when_on_post_clock("2026-07-14", "13:10", zone=LISBON, now=NOW) == datetime(2026, 7, 14, 12, 10, tzinfo=UTC)
    assert when_on_post_clock("2026-07-14", "21:05", zone=TOKYO, now=NOW) == datetime(2026, 7, 14, 12, 5, tzinfo=UTC)
    assert when_on_post_clock("2026-07-14", "0:00", zone=HONOLULU, now=NOW) == datetime(2026, 7, 14, 10, tzinfo=UTC)


def test_the_future_is_refused_beyond_the_clocks_skew():
    assert problem(when_on_post_clock, "2026-07-14", "13:40", zone=LISBON, now=NOW).code == "time_in_future"
    assert when_on_post_clock("2026-07-14", "13:34", zone=LISBON, now=NOW) < NOW + CLOCK_SKEW
    # 13:30 UTC is 02:30 the next day in Tokyo... but not yet: 22:30 today; tomorrow's early hours are the future.
    assert problem(when_on_post_clock, "2026-07-15", "00:10", zone=TOKYO, now=NOW).code == "time_in_future"
    assert problem(when_on_post_clock, "9999-12-31", "23:59", zone=HONOLULU, now=NOW).code == "time_in_future"


def test_more_than_thirty_days_back_is_refused():
    oldest = NOW - timedelta(days=DAYS_BACK)
    day, clock = oldest.astimezone(LISBON).strftime("%Y-%m-%d"), oldest.astimezone(LISBON).strftime("%H:%M")
    assert when_on_post_clock(day, clock, zone=LISBON, now=NOW) == oldest
    earlier = (oldest - timedelta(minutes=1)).astimezone(LISBON)
    too_old = problem(when_on_post_clock, earlier.strftime("%Y-%m-%d"), earlier.strftime("%H:%M"), zone=LISBON, now=NOW)
    assert too_old.code == "time_too_old" and "30 days" in too_old.message
    assert problem(when_on_post_clock, "0001-01-01", "00:00", zone=TOKYO, now=NOW).code == "time_too_old"


@pytest.mark.parametrize(
    ("day", "clock", "code"),
    [
        ("", "10:00", "invalid_date"),
        ("2026-02-30", "10:00", "invalid_date"),
        ("14/07/2026", "10:00", "invalid_date"),
        ("2026-07-14", "", "invalid_time"),
        ("2026-07-14", "24:00", "invalid_time"),
        ("2026-07-14", "10:60", "invalid_time"),
        ("2026-07-14", "10h00", "invalid_time"),
    ],
)
def test_malformed_days_and_times_are_named(day, clock, code):
    assert problem(when_on_post_clock, day, clock, zone=LISBON, now=NOW).code == code


@given(st.text(max_size=30), st.text(max_size=30))
def test_any_typed_time_is_a_moment_within_bounds_or_a_named_problem(day, clock):
    try:
        moment = when_on_post_clock(day, clock, zone=TOKYO, now=NOW)
    except IncidentProblem as refused:
        assert refused.code in {"invalid_date", "invalid_time", "time_in_future", "time_too_old"}
    else:
        assert NOW - timedelta(days=DAYS_BACK) <= moment <= NOW + CLOCK_SKEW and moment.tzinfo is UTC


def test_people_seen_are_a_count_or_blank():
    assert check_people_estimated("") is None and check_people_estimated(" 12 ") == 12
    for bad in ("-1", "3.5", "twelve", "10001", "١٢"):
        assert problem(check_people_estimated, bad).code == "people_estimated_invalid"


def test_texts_are_tidied_and_held_to_their_limits():
    assert check_text("  Praia \n da  Luz ", field="place", one_line=True) == "Praia da Luz"
    assert check_text(" Boat\r\nadrift \n", field="circumstances") == "Boat\nadrift"
    refused = problem(check_text, "x" * (LIMITS["place"] + 1), field="place")
    assert refused.code == "place_too_long" and refused.field == "place"


def test_a_report_is_checked_in_the_forms_order():
    report = check_report(
        kind="rescue",
        day="2026-07-14",
        clock="06:15",
        place=" off  Leixões ",
        circumstances="Inflatable boat taking water.",
        people_estimated="",
        zone=LISBON,
        now=NOW,
    )
    assert report.occurred_at == datetime(2026, 7, 14, 5, 15, tzinfo=UTC) and report.place == "off Leixões"
    assert report.people_estimated is None and report.circumstances == "Inflatable boat taking water."
    both_wrong = dict(day="2026-07-15", clock="06:15", zone=LISBON, now=NOW)
    assert problem(check_report, kind="party", **both_wrong).code == "unknown_kind"
    assert problem(check_report, kind="sighting", **both_wrong).code == "time_in_future"


def test_a_seized_item_says_what_it_is():
    item = check_seized(description=" Outboard engine ", quantity="2", held_by="Leixões station store")
    assert (item.description, item.quantity, item.held_by) == ("Outboard engine", "2", "Leixões station store")
    assert problem(check_seized, description="  ").code == "description_required"
    assert problem(check_seized, description="x", quantity="9" * 61).code == "quantity_too_long"
