"""The booth's live photo in Chromium: the officer scans a passport, takes the traveller's photo with the panel's
camera input; with no reference portrait known yet the panel says so and shows the photo alone (fetched through
the logged, scoped photo page); a picture with no face on it is refused with its code and the photo stays."""

import pytest
from playwright.sync_api import expect

from tests.apps.inspection.conftest import passport
from tests.browser.test_booth_journeys import open_booth, port, scanner_types, sign_in  # noqa: F401
from tests.faces import no_face, portrait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_live_photo_at_the_booth(browser, live_server, port):
    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    scanner_types(page, passport())
    face = page.get_by_test_id("face")
    expect(face.locator("#live-photo-file")).to_have_attribute("capture", "user")

    face.locator("#live-photo-file").set_input_files(
        {"name": "live.png", "mimeType": "image/png", "buffer": portrait()}
    )
    face.get_by_role("button", name="Take photo").click()
    expect(page.get_by_test_id("panel-message")).to_contain_text("No reference portrait is known yet")
    expect(page.get_by_test_id("no-reference")).to_be_visible()
    photo = page.get_by_test_id("live-photo")
    expect(photo).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-testid=live-photo]').naturalWidth === 512")

    face = page.get_by_test_id("face")
    face.locator("#live-photo-file").set_input_files({"name": "cup.png", "mimeType": "image/png", "buffer": no_face()})
    face.get_by_role("button", name="Take again").click()
    expect(page.get_by_test_id("panel-error")).to_contain_text("no_face_found")
    expect(page.get_by_test_id("live-photo")).to_be_visible()  # the photo taken before is still there
