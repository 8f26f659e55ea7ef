"""#19 in Chromium: the officer scans a passport, adds the files the reader took from its chip, and a chip whose
face (DG2) was swapped shows NOT GENUINE with what failed in words, the face the chip holds, and an admission
that is refused."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from borderdesk.apps.travel_documents.trust_store import import_trust_files
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.apps.travel_documents.chips import swapped_face, utopia
from tests.browser.test_booth_journeys import open_booth, port, scanner_types, sign_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chip_with_a_swapped_face_is_not_genuine_at_the_booth(browser, live_server, port, tmp_path):
    page_mrz = passport(expiry=date.today() + timedelta(days=3000))
    chip = utopia(mrz=page_mrz)
    import_trust_files(SETUP, [("utopia-csca.der", chip.trust["csca.der"])])
    files = []
    for name, data in swapped_face(chip).items():
        path = tmp_path / name
        path.write_bytes(data)
        files.append(str(path))

    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    scanner_types(page, page_mrz)
    # The first scan of a live server warms the screening index: slow on a loaded machine.
    expect(page.get_by_test_id("recommended-outcome")).to_have_text("Admit", timeout=120_000)
    page.get_by_test_id("chip-files").set_input_files(files)
    page.get_by_test_id("chip-read").click()

    verdict = page.get_by_test_id("chip-verdict")
    expect(verdict).to_have_attribute("data-verdict", "not_genuine")
    expect(verdict).to_contain_text("NOT GENUINE")
    expect(page.get_by_test_id("chip-errors")).to_contain_text("altered or swapped (DG2)")
    expect(page.get_by_test_id("chip-blocks-admission")).to_be_visible()
    face = page.get_by_test_id("chip-face")
    expect(face).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", face.element_handle()) == 48  # the PNG made from DG2's JPEG

    page.keyboard.press("Alt+a")
    expect(page.get_by_test_id("admit-chip-not-genuine")).to_be_visible()
    page.get_by_test_id("confirm-admit").click()
    expect(page.get_by_test_id("panel-error")).to_contain_text("chip_not_genuine")
