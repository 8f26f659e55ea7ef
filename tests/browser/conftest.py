"""Browser journeys in Debian's Chromium (package ``chromium``), driven by Playwright.

Playwright never downloads a browser here: it launches the executable the Debian package installs. When no
Chromium can be had, every browser test is skipped with a loud message (the test command installs it first).
"""

from __future__ import annotations

import os
import shutil
import warnings

import pytest

CHROMIUM = os.environ.get("BORDERDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    message = (f"\n{'!' * 78}\n!!! BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}.\n"
               f"!!! Install Debian's package: apt-get install chromium\n{'!' * 78}")
    warnings.warn(message)
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


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()
