"""Finding 10: under the strict Content-Security-Policy every page still works: nothing is blocked (no inline
script or style, no eval), and the API docs run from the app's own assets."""

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from borderdesk.core.access.permissions import Role
from tests.actors import SETUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
PAGES = [
    "/",
    "/documents/check/",
    "/screening/",
    "/screening/watchlists/",
    "/booth/",
    "/queue/",
    "/policy/packs/",
    "/policy/stay/",
    "/audit/",
    "/audit/accesses",
    "/people/",
]


@pytest.fixture
def violations(page):
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def test_no_page_breaks_the_policy(page, violations):
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    create_user(
        SETUP,
        username="everyone",
        password=PASSWORD,
        roles=[role.value for role in Role],
        posts=["UCX"],
        all_posts=True,
    )
    page.goto("/login/")
    page.fill("#id_username", "everyone")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()
    for path in PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_api_docs_run_from_local_assets(page, violations):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert violations == []
    assert all(url.startswith(page.url.split("/api/")[0]) or url.startswith("data:") for url in requests), requests
