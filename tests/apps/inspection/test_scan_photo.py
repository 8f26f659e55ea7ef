"""#19 item 3 at the booth: a post without a reader reads the zone from a photo of the data page, which then goes
through the scan as if a reader had typed it; a photo without a zone or too large a file is a clear message and
nothing is started."""

from __future__ import annotations

import io

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from borderdesk.apps.inspection.models import Inspection
from borderdesk.core.documents.image_reader import MAX_IMAGE_BYTES
from borderdesk.core.documents.photo import data_page_photo
from tests.apps.inspection.conftest import passport
from tests.rosters import put_on_shift


def at_the_booth(client_for, officer, port):
    client = client_for(officer)
    put_on_shift(officer, port)
    client.post("/booth/open", {"booth": port.booths.get(code="A01").pk})
    return client


def page_photo(rotation: float = 90) -> bytes:
    return data_page_photo(seed=4, format="TD3", rotation=rotation, lines=passport().split("\n")).jpeg


def test_a_photo_of_the_data_page_fills_the_scan(client_for, officer, port):
    client = at_the_booth(client_for, officer, port)
    assert b'data-testid="page-photo"' in client.get("/booth/").content
    panel = client.post("/booth/scan-photo", {"page_photo": SimpleUploadedFile("page.jpg", page_photo())})
    body = panel.content.decode()
    assert panel.status_code == 200 and "SRISAI" in body and "read from a photo of the page" in body
    inspection = Inspection.objects.get()
    assert inspection.document.document_number == "TH1234567" and inspection.officer == officer


def test_a_photo_with_no_zone_is_a_clear_message_and_starts_nothing(client_for, officer, port):
    client = at_the_booth(client_for, officer, port)
    blank = io.BytesIO()
    Image.fromarray(np.full((600, 800), 235, dtype=np.uint8)).save(blank, "PNG")
    answer = client.post("/booth/scan-photo", {"page_photo": SimpleUploadedFile("wall.png", blank.getvalue())})
    assert answer.status_code == 422 and b"no_mrz_found" in answer.content
    assert not Inspection.objects.exists()


def test_bad_uploads_are_refused_with_their_code(client_for, officer, port):
    client = at_the_booth(client_for, officer, port)
    cases = {
        "photo_missing": {},
        "unreadable_image": {"page_photo": SimpleUploadedFile("x.jpg", b"\xff\xd8\xff\xe0 not really")},
        "image_too_large": {"page_photo": SimpleUploadedFile("big.jpg", b"\0" * (MAX_IMAGE_BYTES + 1))},
    }
    for code, form in cases.items():
        answer = client.post("/booth/scan-photo", form)
        assert answer.status_code == 422 and code.encode() in answer.content, code
    assert not Inspection.objects.exists()


def test_reading_a_photo_needs_a_booth(client_for, officer):
    answer = client_for(officer).post("/booth/scan-photo", {"page_photo": SimpleUploadedFile("p.jpg", page_photo())})
    assert b"no_booth_session" in answer.content and not Inspection.objects.exists()
