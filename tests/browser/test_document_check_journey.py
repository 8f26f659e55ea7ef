import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.travel_documents.services import import_lost_stolen
from tests.actors import SETUP
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
# The ICAO specimen with a 0 of the document number misread as O by the scanner's OCR.
MISREAD = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8989O2C36UTO7408122F1204159ZE184226B<<<<<10"
REGISTER = b"document_number,issuing_state,document_type,reported_on,reason\nL898902C3,UTO,P,2024-03-01,stolen\n"


@pytest.fixture
def signed_in(page):
    create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="Europe/Lisbon")
    create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    admin = create_user(SETUP, username="admin", password=PASSWORD, roles=["administrator"], all_posts=True)
    import_lost_stolen(admin, REGISTER, source_name="register.csv")
    sign_in(page, "officer", PASSWORD)
    page.get_by_role("link", name="Check a document").click()
    return page


def test_officer_scans_a_stolen_passport_with_an_ocr_misread(signed_in):
    page = signed_in
    expect(page.get_by_test_id("mrz-input")).to_be_focused()
    page.keyboard.type(MISREAD.lower())  # a keyboard-wedge scanner, caps lock off
    page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("lost-stolen-alert")).to_contain_text("Reported stolen")
    expect(page.get_by_test_id("repairs")).to_contain_text("Read O as 0")
    expect(page.get_by_test_id("fields")).to_contain_text("L898902C3")
