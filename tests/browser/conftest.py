"""Browser journeys in Debian's Chromium (package ``chromium``), driven by Playwright.

Playwright never downloads a browser here: it launches the executable the Debian package installs. When no
Chromium can be had, every browser test is skipped with a loud message (the test command installs it first).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import warnings
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("BORDERDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A synthetic camera that needs no one to allow it: the booth's camera stills (it shows a test pattern).
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    message = (
        f"\n{'!' * 78}\n!!! BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}.\n"
        f"!!! Install Debian's package: apt-get install chromium\n{'!' * 78}"
    )
    warnings.warn(message, stacklevel=2)
    print(message)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # The first screening in a process loads the name tables (seconds); CI machines are shared and slow.
    expect.set_options(timeout=20_000)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body are
    # still synchronous, so its async-safety guard must be told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time_on_sqlite(request):
    """On SQLite the test database lives in memory and the live server's threads share the test's one connection
    with it: two requests at once (a page's poll beside a form's post) would meet on that connection and one would
    fail with "database table is locked". The live server then takes one request at a time, as SQLite's one
    writer would anyway; on PostgreSQL each thread has its own connection and requests run side by side."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    live_server = request.getfixturevalue("live_server")
    server = live_server.thread.httpd
    app, lock = server.get_app(), threading.Lock()

    def serialised(environ, start_response):
        with lock:  # the whole request, its body and its close (request_finished) included
            response = app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                if hasattr(response, "close"):
                    response.close()

    server.set_app(serialised)


@pytest.fixture(autouse=True)
def _screen_manifests_at_commit(settings):
    """A manifest stored in a journey is screened at its commit, before the page opens (no background thread)."""
    settings.BORDERDESK_MANIFEST_SCREEN_IN_BACKGROUND = False


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def authenticator_code(username: str) -> str:
    """The current code of the user's authenticator (one is added, as after enrolment, if they have none).

    django-otp accepts each code once: a user signed in twice within one 30-second step would be refused the
    second time, so the step last used is forgotten first, and any throttle from a wrong code a test typed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from borderdesk.apps.accounts.models import User
    from borderdesk.apps.accounts.second_factor import current_code

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    device.last_t = -1
    device.throttle_reset(commit=False)
    device.save()
    return current_code(device)


def sign_in(page, username: str, password: str) -> None:
    """Sign in as a person does: user name and password, then the authenticator's code."""
    from playwright.sync_api import expect

    authenticator_code(username)  # an authenticator set up before the password is typed, as after enrolment
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sign-in/code/"))
    expect(page.locator("#id_code")).to_be_focused()
    page.keyboard.type(authenticator_code(username))
    page.keyboard.press("Enter")
    # The code page already names the person (the password is through): wait until the code is through too, or a
    # test reads a page that the home page's navigation is replacing ("execution context was destroyed").
    expect(page).not_to_have_url(re.compile(r"/sign-in/code/"))
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()
    # The home page loaded to its end (its styles and scripts): a test that goes elsewhere at once does not
    # cut that load short (Chromium answered such a goto with net::ERR_ABORTED on a busy machine).
    page.wait_for_load_state("load")


AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as the GOV.UK and USWDS teams check their own pages.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def accessibility_problems(page, impacts=("serious", "critical")) -> list[str]:
    """What axe-core (npm, run inside the page) finds on the page as it is now, at the given impacts: one line
    per problem, naming the rule and the elements. Run through DevTools, so the page's CSP does not block it."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]
