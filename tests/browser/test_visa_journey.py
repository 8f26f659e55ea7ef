"""A visa in Chromium: the booth panel shows the e-visa a traveller holds and links to its page; a senior officer
revokes it there, and at the next scan the booth no longer counts it. The visa page has no serious accessibility
problem (axe-core), before and after."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from borderdesk.apps.travellers.services import identify
from borderdesk.apps.visas.services import record_visa
from borderdesk.core.documents import parse_mrz
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.browser.conftest import accessibility_problems
from tests.browser.test_booth_journeys import open_booth, port, scanner_types, sign_in  # noqa: F401 (port: a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NIGERIAN = passport(surname="OKAFOR", given="CHINEDU", number="A07654321", nationality="NGA")


def test_a_senior_officer_revokes_a_visa_from_the_booth_and_the_booth_stops_counting_it(browser, live_server, port):
    today = date.today()
    found = identify(SETUP, parse_mrz(NIGERIAN, today=today).fields, post_code="UCX")
    record_visa(
        SETUP,
        traveller=found.traveller,
        document=found.document,
        number="EV26000777",
        kind="e_visa",
        valid_from=today - timedelta(days=5),
        valid_until=today + timedelta(days=60),
    )
    page = sign_in(browser, live_server, "senior")
    open_booth(page)
    scanner_types(page, NIGERIAN)
    # The first scan in a fresh process loads the screening name tables: up to half a minute on a busy machine.
    expect(page.get_by_test_id("recommended-outcome")).to_have_text("Admit", timeout=60_000)
    with page.context.expect_page() as opened:
        page.get_by_test_id("visa-link").click()
    visa_page = opened.value
    expect(visa_page.get_by_test_id("visa-status")).to_have_text("Valid")
    expect(visa_page.get_by_test_id("visa-holder")).to_contain_text("OKAFOR")
    assert accessibility_problems(visa_page) == []

    visa_page.fill("#revoke-reason", "The invitation letter was forged.")
    visa_page.fill("#revoke-ground", "UIA s.31(2)(b)")
    visa_page.get_by_test_id("revoke-button").click()
    expect(visa_page.get_by_test_id("visa-status")).to_have_text("Revoked")
    expect(visa_page.get_by_test_id("visa-ended")).to_contain_text("The invitation letter was forged.")
    assert accessibility_problems(visa_page) == []

    # The booth ignores the same zone sent again within 3 s (a reader's double send): scan it again after that.
    page.wait_for_timeout(3_200)
    page.get_by_test_id("scan").focus()
    scanner_types(page, NIGERIAN)
    expect(page.get_by_test_id("visa-ended")).to_contain_text("revoked")
    expect(page.get_by_test_id("visa-link")).to_have_count(0)
    expect(page.get_by_test_id("recommended-outcome")).not_to_have_text("Admit")
