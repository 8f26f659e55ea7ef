"""Casework in Chromium, driven only through the pages as officers use them (the world: posts, users, an admitted
entry, made in setup):

1. A short-stay visa at a consulate from intake to the sticker PDF: the consul reads the passport's zone, fills the
   form, lodges, uploads the documents, finds it admissible, runs the checks, approves (no four eyes for a visa
   approval), prints the sticker and records the notification; the same passport then scanned at an airport's booth
   finds the visa and the booth recommends admitting.
2. An extension of stay at an office: evidence asked for with a due date (the deadline stops), received after it
   (shown late, the deadline runs again), checks before the decision, a refusal proposed with grounds that the
   caseworker cannot approve themself, approved by a senior officer from the approvals queue, and the refusal and
   evidence request letters as PDFs naming what they must.

The case, intake and queue pages are checked with axe-core (WCAG 2.2 AA) on the way."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.browser.conftest import accessibility_problems
from tests.browser.conftest import sign_in as sign_in_with_code
from tests.core.printing.pdf_text import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
NIGERIAN = passport(surname="OKAFOR", given="CHINEDU", number="A07654321", nationality="NGA", born=date(1990, 5, 1))


def a_pdf(text: str) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def a_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (35, 45), (90, 90, 200)).save(out, "PNG")
    return out.getvalue()


def signed_in(browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in_with_code(page, username, PASSWORD)
    return page


def tick(page, input_id: str) -> None:
    """Tick a USWDS radio or check box as a person does: by its label (the input itself is drawn off-screen)."""
    page.locator(f'label[for="{input_id}"]').click()
    expect(page.locator(f"#{input_id}")).to_be_checked()


def act(page, action: str) -> None:
    """Move the case with one of the simple actions (the "Move the case" form)."""
    tick(page, f"action-{action}")
    page.get_by_test_id("act-button").click()


def upload(page, document: str, name: str, mime: str, data: bytes) -> None:
    page.select_option("#upload-document", document)
    page.set_input_files("#upload-file", {"name": name, "mimeType": mime, "buffer": data})
    page.get_by_test_id("upload-button").click()
    expect(page.get_by_test_id("case-files").locator(f'[data-document="{document}"]')).to_contain_text("Present")


def no_axe_problems(page) -> None:
    assert accessibility_problems(page) == []


@pytest.fixture
def watchlist(tmp_path):
    """A national list in force (without one nobody is screened and the checks are never clear)."""
    from borderdesk.apps.watchlists.services import import_list

    path = tmp_path / "national.csv"
    path.write_text(
        "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"
        "N-17,Rustam Karimov,Rustam Karimow,1979-03-14,UZB,M,UZ7654321:UZB,"
        "Deported 2024; re-entry ban until 2034,refuse_entry\n"
    )
    import_list(SETUP, "csv", path, list_name="national")


@pytest.fixture
def consulate_and_airport(settings, tmp_path, watchlist):
    settings.DATA_DIR = tmp_path
    settings.BORDERDESK_FILE_KEYS = ""
    create_post(SETUP, code="UTB", name="Embassy in Berlin", kind="embassy", country="DEU", time_zone="Europe/Berlin")
    create_user(SETUP, username="consul", password=PASSWORD, roles=["consular_officer"], posts=["UTB"])
    airport = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, airport, code="A01", direction="entry", lane="all")
    create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])


def test_a_short_stay_visa_from_intake_to_the_sticker_then_the_booth(browser, live_server, consulate_and_airport):
    today = date.today()
    consul = signed_in(browser, live_server, "consul")

    # Intake: the kind, the passport's zone read, the form filled in, lodged.
    consul.get_by_role("link", name="New application").first.click()
    expect(consul.get_by_role("heading", level=1)).to_contain_text("New application at Embassy in Berlin (UTB)")
    tick(consul, "kind-short_stay_visa")
    consul.get_by_test_id("choose-kind").click()
    consul.get_by_test_id("mrz").fill(NIGERIAN)
    consul.get_by_test_id("read-button").click()
    expect(consul.get_by_test_id("intake-read")).to_contain_text("CHINEDU OKAFOR")
    expect(consul.get_by_test_id("intake-read")).to_contain_text("a new record")
    expect(consul.get_by_test_id("intake-fee")).to_contain_text("UTD")
    no_axe_problems(consul)
    consul.select_option("#answer-purpose", "tourism")
    consul.fill("#answer-arrival_date", today.isoformat())
    consul.fill("#answer-departure_date", (today + timedelta(days=14)).isoformat())
    consul.select_option("#answer-entries", "single")
    tick(consul, "answer-previous_visa-no")
    consul.fill("#contact_email", "chinedu@example.org")
    consul.get_by_test_id("lodge-button").click()

    # The case's page: lodged, five documents missing.
    expect(consul).to_have_url(re.compile(r"/casework/UTB-\d{4}-\d{6}/$"))
    reference = consul.url.rstrip("/").rsplit("/", 1)[1]
    expect(consul.get_by_test_id("case-state")).to_have_text("Lodged")
    expect(consul.get_by_test_id("case-applicant")).to_contain_text("OKAFOR, CHINEDU")
    expect(consul.get_by_test_id("files-complete")).to_contain_text("5 of 5 documents missing")
    no_axe_problems(consul)
    upload(consul, "travel_document_copy", "passport.pdf", "application/pdf", a_pdf("Passport data page"))
    upload(consul, "photograph", "photo.png", "image/png", a_png())
    upload(consul, "travel_medical_insurance", "insurance.pdf", "application/pdf", a_pdf("Insurance 30,000 UTD"))
    upload(consul, "means_of_subsistence", "bank.pdf", "application/pdf", a_pdf("Bank statements"))
    upload(consul, "accommodation", "hotel.pdf", "application/pdf", a_pdf("Hotel booking"))
    expect(consul.get_by_test_id("files-complete")).to_contain_text("Every document asked of this applicant is here")

    act(consul, "find_admissible")
    expect(consul.get_by_test_id("case-state")).to_have_text("Admissible")
    consul.get_by_test_id("start-checks").click()
    expect(consul.get_by_test_id("check-run-lodged")).to_be_visible(timeout=60_000)
    expect(consul.get_by_test_id("case-state")).to_have_text("Checks running")
    act(consul, "checks_done")
    expect(consul.get_by_test_id("case-state")).to_have_text("Assessment")
    consul.get_by_test_id("run-checks").click()
    expect(consul.get_by_test_id("check-run-before_decision")).to_be_visible()
    before = consul.get_by_test_id("check-run-before_decision")
    expect(before.get_by_test_id("checks-clear")).to_be_visible()
    expect(before.get_by_test_id("screened-applicant").get_by_test_id("verdict")).to_have_text("no match")
    expect(before.locator('[data-criterion] [class="bd-bad"]')).to_have_count(0)
    no_axe_problems(consul)

    # The approval, with the terms prefilled from the form: a visa approval takes effect at once.
    propose = consul.get_by_test_id("propose-form")
    expect(propose).to_contain_text("A senior officer approves: refuse")  # not an approval
    expect(consul.locator("#valid_from")).to_have_value(today.isoformat())
    tick(consul, "outcome-approve")
    consul.select_option("#entries", "1")
    consul.get_by_test_id("propose-button").click()
    expect(consul.get_by_test_id("case-state")).to_have_text("Approved")
    visa = consul.get_by_test_id("decision-visa")
    expect(visa).to_contain_text(re.compile(r"V\d{2}\d+"))
    expect(consul.get_by_test_id("decision-visa-status")).to_have_text("Valid")
    number = re.search(r"\b(V\d{2}\w+)\b", visa.locator("h3").inner_text()).group(1)

    # The sticker: a PDF with the visa's machine-readable zone in it.
    sticker = consul.request.get(consul.get_by_test_id("decision-sticker").get_attribute("href"))
    assert sticker.ok and sticker.headers["content-type"] == "application/pdf"
    assert sticker.body().startswith(b"%PDF")
    zone = pdf_text(sticker.body()).replace(" ", "")
    assert "V<UTOOKAFOR<<CHINEDU<<" in zone  # MRV-A, issued by Utopia
    assert re.search(rf"{number}<*\dNGA9005019M\d{{7}}A07654321", zone)  # the visa, the holder, the passport

    tick(consul, "how-handed_over")
    consul.get_by_test_id("notify-button").click()
    expect(consul.get_by_test_id("case-state")).to_have_text("Applicant notified")
    expect(consul.get_by_test_id("decision-summary")).to_contain_text(f"Notified{today.isoformat()}")

    # At the airport's booth the same passport finds the visa, and the booth recommends admitting.
    officer = signed_in(browser, live_server, "officer")
    officer.goto("/booth/")
    officer.get_by_test_id("open-A01").click()
    expect(officer.get_by_test_id("scan")).to_be_focused()
    officer.keyboard.type(NIGERIAN, delay=0)
    expect(officer.get_by_test_id("visa-link")).to_have_text(number, timeout=60_000)
    expect(officer.get_by_test_id("visa")).to_contain_text("valid to")
    # A visa holder is admitted for the visa's stay: "Admit with conditions", the visa named among the reasons.
    expect(officer.get_by_test_id("recommended-outcome")).to_have_text(re.compile(r"^Admit"))
    expect(officer.get_by_test_id("reasons")).to_contain_text("Holds a valid visa")
    expect(officer.get_by_test_id("reasons")).to_contain_text("Stay limited by the visa's validity")
    assert reference.startswith("UTB-")
