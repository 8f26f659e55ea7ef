import re

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP
from tests.browser.conftest import authenticator_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def border_officer():
    post = create_post(
        SETUP,
        code="UCX",
        name="Utopia City International Airport",
        kind="airport",
        country="UTO",
        time_zone="Europe/Lisbon",
    )
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    return create_user(
        SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"], first_name="Ana"
    )


def test_border_officer_signs_in_sees_home_and_signs_out(page, border_officer):
    code = authenticator_code("officer")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    # Keyboard only: the user name field has focus, Tab moves on, Enter submits.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # Then the second factor: the code field has focus; no other page opens until the code is right.
    expect(page).to_have_url(re.compile(r"/sign-in/code/"))
    expect(page.locator("#id_code")).to_be_focused()
    assert page.get_by_role("link", name="Booth").count() == 0
    page.keyboard.type(code)
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


def test_a_locked_out_user_is_told_for_how_long(page, border_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/login/")
        page.fill("#id_username", "officer")
        page.fill("#id_password", "not-the-password")
        page.click("button[type=submit]")
    expect(page.get_by_test_id("login-locked")).to_contain_text("locked for 15 minutes")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("login-locked")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login/"))


def test_a_new_user_enrols_an_authenticator_and_keeps_the_recovery_codes(page, border_officer):
    from base64 import b32decode

    from django_otp.oath import totp

    page.goto("/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sign-in/enrol/"))
    expect(page.get_by_test_id("enrol-qr").locator("svg")).to_be_visible()
    secret = page.get_by_test_id("enrol-secret").inner_text()
    page.fill("#id_code", f"{totp(b32decode(secret)):06d}")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    page.get_by_test_id("continue").click()
    expect(page.get_by_test_id("home-heading")).to_contain_text("Ana")
