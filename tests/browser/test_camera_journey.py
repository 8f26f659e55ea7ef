"""The booth's camera in Chromium (a synthetic camera showing a test pattern): a still of the data page goes to the
zone reader and a still of the traveller to the face check, exactly as a chosen file does. The pattern holds
neither a zone nor a face, so each comes back with its code: proof that the still reached the server and was read."""

import pytest
from playwright.sync_api import expect

from tests.apps.inspection.conftest import passport
from tests.browser.test_booth_journeys import open_booth, port, scanner_types, sign_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def take_still(page, opener: str) -> None:
    page.get_by_test_id(opener).click()
    expect(page.get_by_test_id("camera")).to_be_visible()
    still = page.get_by_test_id("camera-still")
    expect(still).to_be_enabled(timeout=20_000)  # once the camera's first frame is there
    still.click()
    expect(page.get_by_test_id("camera")).to_have_count(0)  # the preview and its stream end with the still


def test_camera_stills_for_the_page_and_the_face(browser, live_server, port):
    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    page.get_by_text("No reader? Read the zone from a photo of the data page").click()
    take_still(page, "camera-page")
    expect(page.get_by_test_id("scan-error")).to_contain_text("no_mrz_found", timeout=60_000)

    scanner_types(page, passport())
    expect(page.get_by_test_id("face")).to_be_visible(timeout=120_000)
    take_still(page, "camera-face")
    expect(page.get_by_test_id("panel-error")).to_contain_text("no_face_found", timeout=60_000)
