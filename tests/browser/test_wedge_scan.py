"""The booth with a keyboard-wedge passport reader: it types each line of the zone followed by Enter, as fast as
keys go, and some readers send the whole zone twice. One traveller's panel comes up, never an empty scan's error,
and one inspection is opened."""

from datetime import date

import pytest
from playwright.sync_api import expect

from borderdesk.apps.inspection.models import Inspection
from borderdesk.core.documents import MrzFields, generate_mrz
from tests.apps.inspection.conftest import passport
from tests.browser.test_booth_journeys import open_booth as open_booth_page
from tests.browser.test_booth_journeys import port, sign_in  # noqa: F401 (port is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_booth(page) -> None:
    open_booth_page(page)
    page.wait_for_load_state("load")  # booth.js (deferred) listens from here on


def wedge_types(page, zone: str) -> None:
    """What the reader sends: each line, then Enter, with no pause between keys."""
    for line in zone.splitlines():
        page.keyboard.type(line, delay=0)
        page.keyboard.press("Enter")


def identity_card() -> str:
    fields = MrzFields(
        document_code="I",
        issuing_state="UTO",
        surname="MORE",
        given_names="THOMAS",
        document_number="UT0012345",
        nationality="UTO",
        birth_date=date(1978, 2, 7),
        sex="M",
        expiry_date=date(2032, 2, 6),
    )
    return "\n".join(generate_mrz("TD1", fields))


def expect_one_panel(page, name: str) -> None:
    # The first screening in a process loads the name tables: slow on a busy machine.
    expect(page.get_by_test_id("traveller-name")).to_have_text(name, timeout=60_000)
    page.wait_for_timeout(1500)  # any late second submit would have answered by now
    expect(page.get_by_test_id("traveller-name")).to_have_text(name)
    expect(page.get_by_test_id("scan-error")).to_have_count(0)
    expect(page.get_by_test_id("panel-error")).to_have_count(0)
    expect(page.get_by_test_id("scan")).to_have_value("")
    expect(page.get_by_test_id("scan")).to_be_focused()


def test_a_passport_zone_typed_line_by_line_with_enter_opens_one_inspection(browser, live_server, port):
    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    wedge_types(page, passport())
    expect_one_panel(page, "SRISAI, NARIN")
    assert Inspection.objects.count() == 1


def test_an_identity_card_in_three_lines_and_then_the_next_passport(browser, live_server, port):
    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    wedge_types(page, identity_card())
    expect_one_panel(page, "MORE, THOMAS")
    wedge_types(page, passport())
    expect_one_panel(page, "SRISAI, NARIN")
    assert Inspection.objects.count() == 2


def test_the_same_zone_sent_twice_at_once_is_one_scan(browser, live_server, port):
    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    wedge_types(page, passport())
    wedge_types(page, passport())
    expect_one_panel(page, "SRISAI, NARIN")
    assert Inspection.objects.count() == 1


def test_enter_on_an_empty_field_sends_nothing(browser, live_server, port):
    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    for _ in range(3):
        page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("scan-error")).to_have_count(0)
    expect(page.get_by_test_id("traveller-panel")).to_be_empty()
    expect(page.get_by_test_id("scan")).to_have_value("")


def test_a_scan_while_admit_has_the_focus_goes_to_the_scan_field_and_admits_nobody(browser, live_server, port):
    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    wedge_types(page, passport())
    expect_one_panel(page, "SRISAI, NARIN")
    page.keyboard.press("Alt+a")
    expect(page.get_by_test_id("confirm-admit")).to_be_focused()
    wedge_types(page, identity_card())  # the next traveller's card, scanned before anyone pressed Enter
    expect_one_panel(page, "MORE, THOMAS")
    first = Inspection.objects.order_by("pk").first()
    assert not first.decisions.exists()
