"""#19 in Chromium at a booth without a reader: the officer reads the zone from a photo of the data page (taken at a
right angle), adds the files the chip reader took, and takes the traveller's live photo, which is compared with the
chip's portrait: likely the same person, shown as advice; the decision stays the officer's."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from borderdesk.apps.travel_documents.trust_store import import_trust_files
from borderdesk.core.documents.photo import data_page_photo
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.apps.travel_documents.chips import utopia
from tests.browser.test_booth_journeys import open_booth, port, sign_in  # noqa: F401 (fixture)
from tests.core.documents.chip.pki import make_dg2
from tests.faces import portrait, reencoded

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_zone_from_a_photo_then_the_chip_then_the_live_photo(browser, live_server, port, tmp_path):
    page_mrz = passport(expiry=date.today() + timedelta(days=3000))
    chip = utopia(mrz=page_mrz)
    chip.data_groups[2] = make_dg2(reencoded(portrait(), scale=0.5, quality=85))
    import_trust_files(SETUP, [("utopia-csca.der", chip.trust["csca.der"])])
    files = []
    for name, data in chip.files.items():
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    photo = data_page_photo(seed=11, format="TD3", rotation=270, lines=page_mrz.split("\n")).jpeg

    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    page.get_by_text("No reader? Read the zone from a photo of the data page").click()
    page.get_by_test_id("page-photo").set_input_files({"name": "page.jpg", "mimeType": "image/jpeg", "buffer": photo})
    page.get_by_test_id("read-photo").click()
    # The first scan of a live server warms the screening index: slow on a loaded machine.
    expect(page.get_by_test_id("traveller-name")).to_contain_text("SRISAI", timeout=120_000)
    expect(page.get_by_test_id("panel-message")).to_contain_text("read from a photo of the page")

    page.get_by_test_id("chip-files").set_input_files(files)
    page.get_by_test_id("chip-read").click()
    expect(page.get_by_test_id("chip-verdict")).to_have_attribute("data-verdict", "genuine")

    face = page.get_by_test_id("face")
    face.locator("#live-photo-file").set_input_files(
        {"name": "live.jpg", "mimeType": "image/jpeg", "buffer": reencoded(portrait(), quality=70)}
    )
    face.get_by_role("button", name="Take photo").click()
    comparison = page.get_by_test_id("face-comparison")
    expect(comparison).to_contain_text("Likely the same person", timeout=60_000)
    expect(comparison).to_contain_text("threshold 0.6")
    expect(page.get_by_test_id("confirm-admit")).to_be_attached()  # the comparison advises; nothing was decided
