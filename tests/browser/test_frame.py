"""The frame in Chromium at 1024 and 1280 pixels: a user of all ten roles gets a header that does not wrap, the
post's full name fully visible, "More" and the post switcher by keyboard; the error pages in words; dates in
ISO 8601 whatever the browser's locale; the favicon."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from borderdesk.core.access import Role
from tests.actors import SETUP
from tests.browser.conftest import accessibility_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
LONG_NAME = "Utopia City International Airport"
# One line of the header (service name, post, user) and one of the navigation, with room to spare: a wrapped
# header was 80-100 px for its first line alone.
HEADER_MAX_PX = 120


@pytest.fixture
def everything(page):
    """A user holding all ten roles, at two posts (so the switcher shows)."""
    post = create_post(SETUP, code="UCX", name=LONG_NAME, kind="airport", country="UTO", time_zone="Europe/Lisbon")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    create_post(SETUP, code="UTPRT", name="Port of Amaurot", kind="seaport", country="UTO", time_zone="Europe/Lisbon")
    create_user(
        SETUP,
        username="everything",
        password=PASSWORD,
        roles=[role.value for role in Role],
        posts=["UCX", "UTPRT"],
        first_name="Evelyn",
        last_name="Everything-Allroles",
    )
    sign_in(page, "everything", PASSWORD)
    return page


def _layout(page) -> dict:
    return page.evaluate(
        """() => {
        const box = (el) => el.getBoundingClientRect();
        const header = document.querySelector("header");
        const items = [...document.querySelectorAll(".bd-service-nav__item")];
        const name = document.querySelector("[data-testid=post-name]");
        const bar = document.querySelector(".bd-header__bar");
        return {
          header: box(header).height,
          barChildrenTops: [...bar.children].map((c) => Math.round(box(c).top + box(c).height / 2)),
          navTops: items.map((i) => Math.round(box(i).top)),
          navRight: Math.max(...items.map((i) => box(i).right)),
          nameCut: name.scrollWidth > name.clientWidth + 1,
          nameRight: box(name).right,
          pageOverflow: document.documentElement.scrollWidth > window.innerWidth,
          width: window.innerWidth,
        };
      }"""
    )


@pytest.mark.parametrize("width", [1024, 1280])
def test_ten_roles_fit_one_line_each_with_the_post_in_full(everything, width):
    page = everything
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/audit/")
    layout = _layout(page)
    assert layout["header"] <= HEADER_MAX_PX, layout
    assert len(set(layout["barChildrenTops"])) == 1, f"the header's first line wraps: {layout}"
    assert len(set(layout["navTops"])) == 1, f"the navigation wraps: {layout}"
    assert layout["navRight"] <= width and not layout["pageOverflow"], layout
    assert not layout["nameCut"] and layout["nameRight"] <= width, layout
    expect(page.get_by_test_id("post-name")).to_have_text(re.compile(rf"^\s*{LONG_NAME}\s+UCX\s*$"))


def test_more_and_the_post_switcher_work_from_the_keyboard(everything):
    page = everything
    page.set_viewport_size({"width": 1024, "height": 800})
    more = page.get_by_test_id("nav-more")
    audit = more.get_by_role("link", name="Audit trail")
    expect(audit).to_be_hidden()
    more.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(audit).to_be_visible()
    page.keyboard.press("Escape")
    expect(audit).to_be_hidden()
    expect(more.locator("summary")).to_be_focused()
    page.keyboard.press("Enter")
    audit.click()
    expect(page).to_have_url(re.compile(r"/audit/$"))

    more.locator("summary").click()
    assert accessibility_problems(page) == [], "the frame, with More open"
    page.keyboard.press("Escape")

    switcher = page.get_by_test_id("post-switcher")
    switcher.locator("summary").click()
    assert accessibility_problems(page) == [], "the frame, with the post switcher open"
    page.get_by_test_id("switch-to-UTPRT").click()
    expect(page.get_by_test_id("post-name")).to_have_text(re.compile(r"^\s*Port of Amaurot\s+UTPRT\s*$"))


@pytest.mark.parametrize("width", [1024, 1280])
def test_error_pages_say_what_happened_and_what_to_do(page, width):
    create_post(SETUP, code="UCX", name=LONG_NAME, kind="airport", country="UTO", time_zone="Europe/Lisbon")
    create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    sign_in(page, "officer", PASSWORD)
    page.set_viewport_size({"width": width, "height": 800})

    page.goto("/audit/")
    expect(page.get_by_test_id("error-title")).to_have_text("You cannot do this here")
    expect(page.get_by_test_id("error-message")).to_have_text(
        "This is work for an auditor, a role you do not hold. "
        "If your work needs it, ask an administrator to give you the role."
    )
    expect(page.locator("body")).not_to_contain_text("audit:trail:read")
    expect(page.get_by_role("link", name="Back to your home page")).to_be_visible()
    assert accessibility_problems(page) == []

    page.goto("/no-such-page/")
    expect(page.get_by_test_id("error-title")).to_have_text("Not found")
    expect(page.get_by_test_id("error-message")).to_contain_text("There is no page at this address")
    expect(page.get_by_test_id("error-advice")).to_contain_text("Check the address")
    assert _layout(page)["header"] <= HEADER_MAX_PX


def test_dates_are_iso_in_a_us_english_browser(browser, live_server):
    """Chromium with the en-US locale shows type="date" as mm/dd/yyyy; Borderdesk's date fields stay ISO."""
    create_post(SETUP, code="UCX", name=LONG_NAME, kind="airport", country="UTO", time_zone="Europe/Lisbon")
    create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    context = browser.new_context(base_url=live_server.url, locale="en-US", viewport={"width": 1024, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, "officer", PASSWORD)
        page.goto("/policy/stay/")
        on = page.get_by_test_id("on")
        expect(on).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
        assert date.fromisoformat(on.input_value())
        assert on.get_attribute("type") == "text" and on.get_attribute("placeholder") == "YYYY-MM-DD"
        expect(page.locator("#on-hint")).to_contain_text("Year-month-day, e.g. ")
        # What a person types is what is sent; a US-style date is refused by the field before it is sent.
        on.fill("03/01/2025")
        assert page.evaluate("document.getElementById('on').checkValidity()") is False
        on.fill("2025-03-01")
        page.get_by_test_id("stays").fill("2025-01-10 2025-01-19")
        page.get_by_test_id("calculate").click()
        expect(page.get_by_test_id("stay-result")).to_contain_text("10 of 120 days used in the 365 days to 2025-03-01")
        expect(page.get_by_test_id("stay-rule")).to_contain_text("At most 120 days in any 365")
    finally:
        context.close()


def test_the_favicon_is_the_projects_own(page):
    page.goto("/login/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in response.body()


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_each_single_role_navigation_fits_one_line_at_1024(page, role):
    post = create_post(SETUP, code="UCX", name=LONG_NAME, kind="airport", country="UTO", time_zone="Europe/Lisbon")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    create_user(SETUP, username="single", password=PASSWORD, roles=[role], posts=["UCX"])
    sign_in(page, "single", PASSWORD)
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto("/")
    layout = _layout(page)
    assert len(set(layout["navTops"])) <= 1 and layout["navRight"] <= 1024 and not layout["pageOverflow"], layout
