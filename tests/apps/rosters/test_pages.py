"""The roster pages: the officer's schedule and its forms, the calendar feed, the duty manager's week; and the
booth gate (only an officer on shift opens a booth)."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest

from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.inspection.services import open_booth
from borderdesk.apps.rosters.models import Leave, Shift
from tests.rosters import put_on_shift


def test_a_booth_opens_only_for_an_officer_on_shift_and_says_whom_to_ask(officer, duty, port):
    booth = port.booths.get(code="A01")
    with pytest.raises(Conflict) as error:
        open_booth(officer, booth)
    assert error.value.code == "not_on_shift" and "duty" in error.value.message
    put_on_shift(officer, port)
    assert open_booth(officer, booth).booth == booth


def test_the_booth_page_refuses_an_officer_off_shift_in_words(client_for, officer, port):
    response = client_for(officer).post("/booth/open", {"booth": port.booths.get(code="A01").pk})
    assert response.status_code == 409 and b"not on shift" in response.content


def test_my_schedule_lists_my_shifts_and_takes_a_leave_request(client_for, officer, port):
    put_on_shift(officer, port, hours_before=0, hours_after=8)
    client = client_for(officer)
    page = client.get("/rosters/")
    assert page.status_code == 200 and page.content.count(b'data-testid="my-shift"') == 1
    day = (port.local_date() + timedelta(days=30)).isoformat()
    response = client.post("/rosters/leave", {"post": port.code, "first_day": day, "last_day": day})
    assert response.status_code == 302 and Leave.objects.filter(officer=officer).count() == 1
    bad = client.post("/rosters/leave", {"post": port.code, "first_day": "2001-01-01", "last_day": "2001-01-02"})
    assert bad.status_code == 422 and b"leave_in_past" in bad.content


def test_the_calendar_feed_is_rfc_5545_and_opened_only_by_its_secret(client_for, officer, port, client):
    made = put_on_shift(officer, port)
    page = client_for(officer).post("/rosters/feed/reset")
    url = page.context["feed_url"]
    client.logout()
    feed = client.get(url)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"shift-{made.pk}@borderdesk" and "dtstamp" in event
    assert event.decoded("dtstart") == made.starts_at and event.decoded("dtend") == made.ends_at
    assert client.get("/rosters/feed/not-the-secret.ics").status_code == 404


def test_the_week_shows_officers_by_days_and_the_gaps(client_for, duty, officer, port):
    # Starting now, the shift is in this week whatever the hour (from 2 hours ago it was last week's early on Mondays).
    put_on_shift(officer, port, hours_before=0)
    page = client_for(duty).get(f"/rosters/post/{port.code}/")
    assert page.status_code == 200
    assert page.content.count(b'data-testid="week-shift"') >= 1 and b'data-testid="week-gap"' in page.content


def test_a_shift_that_breaks_a_rule_is_refused_on_the_week_page_with_its_reason(client_for, duty, officer, port):
    client = client_for(duty)
    day = (port.local_date() + timedelta(days=2)).isoformat()
    form = {"officer": officer.pk, "day": day, "start": "07:00", "hours": "12", "break_minutes": "60"}
    assert client.post(f"/rosters/post/{port.code}/shifts", form).status_code == 302
    again = client.post(f"/rosters/post/{port.code}/shifts", form | {"start": "10:00"})
    assert again.status_code == 422 and b"double_booked" in again.content
    assert Shift.objects.count() == 1


def test_another_posts_duty_manager_cannot_see_or_change_the_roster(client_for, make_user, officer, port, other_port):
    elsewhere = make_user("duty2", "duty_manager", posts=[other_port.code])
    client = client_for(elsewhere)
    assert client.get(f"/rosters/post/{port.code}/").status_code == 403
    form = {"officer": officer.pk, "day": port.local_date().isoformat(), "start": "07:00", "hours": "8"}
    assert client.post(f"/rosters/post/{port.code}/shifts", form).status_code == 403
    assert Shift.objects.count() == 0


def test_malformed_and_huge_input_is_refused_in_words(client_for, duty, officer, port):
    client = client_for(duty)
    assert client.get(f"/rosters/post/{port.code}/?from=9999-12-31").status_code == 200  # this week instead
    form = {"officer": officer.pk, "day": "9999-12-31", "start": "07:00", "hours": "8"}
    response = client.post(f"/rosters/post/{port.code}/shifts", form)
    assert response.status_code == 422 and b"date_out_of_range" in response.content
    response = client.post(f"/rosters/post/{port.code}/shifts", form | {"day": "2030-01-01", "hours": "9" * 30})
    assert response.status_code == 422 and b"invalid_hours" in response.content
    response = client.post(f"/rosters/post/{port.code}/shifts", form | {"day": "2030-01-01", "officer": "x"})
    assert response.status_code == 422 and b"invalid_id" in response.content
    assert Shift.objects.count() == 0


def test_leave_asked_twice_for_the_same_days_is_refused(client_for, officer, port):
    client = client_for(officer)
    day = (port.local_date() + timedelta(days=10)).isoformat()
    assert client.post("/rosters/leave", {"post": port.code, "first_day": day, "last_day": day}).status_code == 302
    again = client.post("/rosters/leave", {"post": port.code, "first_day": day, "last_day": day})
    assert again.status_code == 409 and b"leave_overlaps" in again.content
