"""A consular officer adds the applicant's photograph to a case in Chromium: the page says which documents are
missing, the file is uploaded through the form (CSRF, multipart), the document turns present, the file downloads as
an attachment with its bytes unchanged, and the panel passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP
from tests.apps.casework.conftest import TOURIST, make_traveller
from tests.browser.conftest import accessibility_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


def test_an_officer_adds_a_photograph_and_the_case_shows_it_present(page, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.BORDERDESK_FILE_KEYS = ""
    embassy = create_post(
        SETUP, code="UTB", name="Embassy in Berlin", kind="embassy", country="DEU", time_zone="Europe/Berlin"
    )
    consul = create_user(SETUP, username="consul", password=PASSWORD, roles=["consular_officer"], posts=["UTB"])
    traveller, document = make_traveller()
    case = lodge(consul, post=embassy, kind="short_stay_visa", traveller=traveller, document=document, answers=TOURIST)
    photo = io.BytesIO()
    Image.new("RGB", (35, 45), (90, 90, 200)).save(photo, "JPEG")

    sign_in(page, "consul", PASSWORD)
    page.goto(f"/casework/{case.reference}/")
    panel = page.get_by_test_id("case-files")
    expect(panel.get_by_test_id("files-complete")).to_contain_text("5 of 5 documents missing")
    expect(panel.locator('[data-document="photograph"]')).to_contain_text("Missing")
    page.select_option("#upload-document", "photograph")
    page.set_input_files("#upload-file", {"name": "me.pdf", "mimeType": "application/pdf", "buffer": photo.getvalue()})
    page.get_by_test_id("upload-button").click()
    expect(panel.locator('[data-document="photograph"]')).to_contain_text("Present")
    expect(panel.get_by_test_id("files-complete")).to_contain_text("4 of 5 documents missing")
    expect(panel.get_by_test_id("files-table")).to_contain_text("me.jpg")
    expect(panel.get_by_test_id("files-table")).to_contain_text("JPEG image")
    assert accessibility_problems(page) == []

    with page.expect_download() as download:
        panel.get_by_role("link", name="me.jpg").click()
    saved = download.value
    assert saved.suggested_filename == "me.jpg"
    assert Path(saved.path()).read_bytes() == photo.getvalue()
