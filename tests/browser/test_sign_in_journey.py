import re

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def border_officer():
    post = create_post(None, code="UCX", name="Utopia City International Airport", kind="airport", country="UTO",
                       time_zone="Europe/Lisbon")
    create_booth(None, post, code="A01", direction="entry", lane="all")
    return create_user(None, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"],
                       first_name="Ana")


def test_border_officer_signs_in_sees_home_and_signs_out(page, border_officer):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    # Keyboard only: the user name field has focus, Tab moves on, Enter submits.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("home-heading")).to_contain_text("Ana")
    expect(page.get_by_test_id("section-border_officer")).to_be_visible()
    expect(page.get_by_test_id("current-post")).to_contain_text("UCX")
    expect(page.get_by_test_id("posts-table")).to_contain_text("A01")
    # The design system's stylesheet really loaded from the app (USWDS sets the header's font).
    assert page.evaluate("getComputedStyle(document.querySelector('.usa-header')).fontFamily") != ""
    assert page.evaluate("typeof window.htmx") == "object"

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))


def test_a_wrong_password_is_refused_clearly(page, border_officer):
    page.goto("/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "not-the-password")
    page.click("button[type=submit]")
    expect(page.get_by_test_id("login-error")).to_be_visible()
