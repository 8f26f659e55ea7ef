"""A call to a supervisor in Chromium: an officer at a booth calls; the call appears on a senior officer's screen
in another browser without a reload; the senior officer answers, and the officer's booth shows it."""

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP
from tests.browser.conftest import accessibility_problems
from tests.browser.test_briefing_gate_journey import PASSWORD, on_shift, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def port():
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"], first_name="Ola")
    create_user(SETUP, username="senior", password=PASSWORD, roles=["senior_officer"], posts=["UCX"], first_name="Sam")
    on_shift("officer", post)
    return post


def test_a_call_from_the_booth_reaches_the_supervisor_and_the_answer_comes_back(browser, live_server, port):
    senior = signed_in(browser, live_server, "senior")
    expect(senior.get_by_test_id("messages-count")).to_have_text("0")

    officer = signed_in(browser, live_server, "officer")
    officer.goto("/booth/")
    officer.get_by_test_id("open-A01").click()
    officer.get_by_test_id("call-supervisor").click()
    expect(officer.get_by_test_id("call-state")).to_contain_text("waiting for an answer")

    # The senior officer's page was loaded before the call: its header follows by itself.
    expect(senior.get_by_test_id("messages-count")).to_have_text("1")
    expect(senior.get_by_test_id("messages-newest")).to_have_text("Call: booth A01 at UCX")
    senior.get_by_test_id("messages-indicator").click()
    expect(senior.get_by_test_id("message-body")).to_contain_text("asks a supervisor to come to booth A01 at UCX")
    assert accessibility_problems(senior) == []
    senior.get_by_test_id("answer-call").click()
    expect(senior.get_by_test_id("call-state")).to_contain_text("Answered")

    expect(officer.get_by_test_id("call-state")).to_contain_text("Sam is on the way")
    expect(officer.get_by_test_id("scan")).to_be_visible()  # still at the booth, nothing reloaded
    assert accessibility_problems(officer) == []
    officer.goto("/messages/")
    expect(officer.get_by_test_id("sent")).to_contain_text("Answered: on the way")
    assert accessibility_problems(officer) == []
    officer.goto("/booth/")
    officer.get_by_test_id("close-call").click()
    expect(officer.get_by_test_id("call-supervisor")).to_be_visible()
