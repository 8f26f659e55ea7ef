"""A briefing in Chromium: a duty manager publishes it for the border officers of the post; an officer starting a
shift cannot open a booth until acknowledging it, then can; the duty manager sees the acknowledgement."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP
from tests.browser.conftest import accessibility_problems
from tests.browser.conftest import sign_in as sign_in_with_code
from tests.rosters import put_on_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def port():
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    for username, role in [("officer", "border_officer"), ("duty", "duty_manager")]:
        create_user(SETUP, username=username, password=PASSWORD, roles=[role], posts=["UCX"], first_name=username)
    on_shift("officer", post)
    return post


def on_shift(username, post):
    """A roster shift covering now, made through the roster's own service: booths open only to officers on shift."""
    from borderdesk.apps.accounts.models import User

    put_on_shift(User.objects.get(username=username), post)


def signed_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in_with_code(page, username, PASSWORD)
    return page


def test_the_booth_opens_once_the_new_briefing_is_acknowledged(browser, live_server, port):
    duty = signed_in(browser, live_server, "duty")
    duty.goto("/briefings/new")
    duty.get_by_test_id("title").fill("Blue entry stamps from today")
    duty.get_by_test_id("body").fill("The entry stamp is blue from today.\nA red stamp on a new arrival is forged.")
    duty.get_by_test_id("effective-on").fill(timezone.localdate().isoformat())
    duty.locator("label[for=role-border_officer]").click()  # USWDS draws the box on the label
    expect(duty.get_by_test_id("role-border_officer")).to_be_checked()
    expect(duty.get_by_test_id("post-UCX")).to_be_checked()  # the duty manager's post, ready
    assert accessibility_problems(duty) == []
    duty.get_by_test_id("publish").click()
    expect(duty.get_by_test_id("status-summary")).to_have_text("0 acknowledged, 1 not yet.")
    expect(duty.get_by_test_id("ack-officer")).to_contain_text("Not yet")

    officer = signed_in(browser, live_server, "officer")
    officer.goto("/booth/")
    expect(officer.get_by_test_id("briefings-gate")).to_contain_text("A new briefing to acknowledge first")
    expect(officer.get_by_test_id("briefings-due")).to_contain_text("1")  # and in the header of every page
    assert accessibility_problems(officer) == []
    officer.get_by_test_id("open-A01").click()  # tried anyway: refused, saying why
    expect(officer.get_by_test_id("error-code")).to_have_text("briefings_unacknowledged")
    expect(officer.get_by_test_id("error-message")).to_contain_text("Read and acknowledge a new briefing")

    officer.goto("/booth/")
    officer.get_by_role("link", name="Blue entry stamps from today").click()
    expect(officer.get_by_test_id("briefing-body")).to_contain_text("A red stamp on a new arrival is forged.")
    assert accessibility_problems(officer) == []
    officer.get_by_test_id("acknowledge").click()
    expect(officer).to_have_url(re.compile(r"/booth/$"))
    expect(officer.get_by_test_id("briefings-gate")).to_have_count(0)
    officer.get_by_test_id("open-A01").click()
    expect(officer.get_by_test_id("scan")).to_be_focused()

    duty.reload()
    expect(duty.get_by_test_id("status-summary")).to_have_text("1 acknowledged, 0 not yet.")
    expect(duty.get_by_test_id("ack-officer")).to_contain_text(timezone.localdate().isoformat())
    assert accessibility_problems(duty) == []
