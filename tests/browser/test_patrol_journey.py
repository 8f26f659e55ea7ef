"""A sea patrol in Chromium: the patrol officer starts it from the sector's page, reports positions (one out of
range is refused with a clear message and the others are kept), sees the track on the sector's map, drawn from
Borderdesk's own data, and ends the patrol."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.patrols import services
from borderdesk.apps.patrols.models import Position
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP
from tests.browser.conftest import accessibility_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def coast():
    post = create_post(
        SETUP, code="UTPSN", name="North coast", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    )
    create_user(SETUP, username="kai", password=PASSWORD, roles=["patrol_officer"], posts=["UTPSN"], first_name="Kai")
    services.save_sector(
        SETUP, post_code="UTPSN", terrain="sea", boundary="38.95, -9.75\n38.95, -9.25\n38.60, -9.25\n38.60, -9.75"
    )
    services.add_unit(SETUP, post_code="UTPSN", kind="boat", call_sign="UTP-RHIB-1", name="Amaurot Sprint")
    return post


def on_the_posts_clock(post, minutes_ago, now):
    return services.on_post_clock(post, now - timedelta(minutes=minutes_ago))


def test_a_sea_patrol_reports_its_track_and_comes_back(page, coast):
    # One moment for every time the crew types: the journey may cross a minute, and the duration must still be 35 min.
    now = timezone.now()
    sign_in(page, "kai", PASSWORD)
    page.get_by_role("link", name="Patrols").first.click()
    expect(page.get_by_test_id("sector-heading")).to_contain_text("UTPSN")
    assert accessibility_problems(page) == []

    page.get_by_test_id("start-link").click()
    set_out = on_the_posts_clock(coast, 40, now)  # it set out 40 minutes ago: logged on its return to the harbour
    page.get_by_test_id("tasking").fill("Dawn sweep of the north-west point")
    page.get_by_test_id("day").fill(f"{set_out:%Y-%m-%d}")
    page.get_by_test_id("time").fill(f"{set_out:%H:%M}")
    expect(page.get_by_test_id("crew-kai")).to_be_checked()
    assert accessibility_problems(page) == []
    page.get_by_test_id("start").click()
    expect(page.get_by_test_id("patrol-heading")).to_contain_text("UTP-RHIB-1")
    expect(page.get_by_test_id("ended")).to_have_text("Out now")

    first = on_the_posts_clock(coast, 35, now)
    page.get_by_test_id("at").fill(f"{first:%H:%M}")
    page.get_by_test_id("latitude").fill("38°42.0'N")
    page.get_by_test_id("longitude").fill("9°30.0'W")
    page.get_by_test_id("report").click()
    expect(page.get_by_test_id("positions").locator("tbody tr")).to_have_count(1)

    typo = on_the_posts_clock(coast, 30, now)
    page.get_by_test_id("at").fill(f"{typo:%H:%M}")
    page.get_by_test_id("latitude").fill("98.75")  # a slip of the finger: no such latitude
    page.get_by_test_id("longitude").fill("-9.48")
    page.get_by_test_id("report").click()
    expect(page.get_by_test_id("error-code")).to_have_text("latitude_out_of_range")
    expect(page.get_by_test_id("error-message")).to_contain_text("Latitude 98.75 is out of range")
    expect(page.get_by_test_id("latitude")).to_have_value("98.75")  # there to correct
    expect(page.get_by_test_id("positions").locator("tbody tr")).to_have_count(1)  # the first one is kept
    assert accessibility_problems(page) == []

    typed = ((25, "38.75"), (20, "91.2"), (15, "38.80"))
    lines = [f"{on_the_posts_clock(coast, m, now):%H:%M}, {lat}, -9.48" for m, lat in typed]
    page.get_by_test_id("lines").fill("\n".join(lines))
    page.get_by_test_id("paste").click()
    expect(page.get_by_test_id("pasted-summary")).to_contain_text("2 positions recorded")
    expect(page.get_by_test_id("line-2")).to_contain_text("Latitude 91.2 is out of range")
    expect(page.get_by_test_id("lines")).to_have_value(lines[1] + "\n")  # only the bad line is left to correct
    expect(page.get_by_test_id("positions").locator("tbody tr")).to_have_count(3)
    assert Position.objects.count() == 3
    expect(page.get_by_test_id("track-length")).to_contain_text("nm through 3 positions")

    page.get_by_test_id("map-link").click()
    expect(page.get_by_test_id("sector-map")).to_be_visible()
    expect(page.get_by_test_id("map-boundary")).to_have_count(1)
    expect(page.get_by_test_id("map-track-line")).to_have_count(1)
    expect(page.get_by_test_id("map-position")).to_have_count(3)
    expect(page.get_by_test_id("map-positions")).to_contain_text("38°42.000'N 9°30.000'W")
    assert accessibility_problems(page) == []

    page.get_by_test_id("map-tracks").get_by_role("link", name="UTP-RHIB-1").click()
    back = on_the_posts_clock(coast, 5, now)
    page.get_by_test_id("end-day").fill(f"{back:%Y-%m-%d}")
    page.get_by_test_id("end-time").fill(f"{back:%H:%M}")
    page.get_by_test_id("end").click()
    expect(page.get_by_test_id("ended")).to_have_text(re.compile(rf"{back:%Y-%m-%d %H:%M}"))
    expect(page.get_by_test_id("end-form")).to_have_count(0)
    expect(page.get_by_test_id("duration")).to_have_text("35 min")
