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
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

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
from tests.rosters import put_on_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
SWEDE = passport(
    surname="LINDQVIST", given="ASA", number="SE1234567", nationality="SWE", born=date(1985, 2, 3), sex="F"
)
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


@pytest.fixture
def signed_in(browser, live_server):
    """Sign someone in, in a browser context of their own (closed after the test: no page of theirs polls the live
    server while the next test's database is flushed)."""
    contexts = []

    def sign_in(username: str):
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        context.set_default_timeout(20_000)
        page = context.new_page()
        sign_in_with_code(page, username, PASSWORD)
        return page

    yield sign_in
    for context in contexts:
        context.close()


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
    # The airport keeps the embassy's clock: the visa issued "today" in Berlin is valid at the booth whatever the
    # hour the test runs (between 23:00 and 24:00 UTC Berlin is already on the next day).
    airport = create_post(
        SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="Europe/Berlin"
    )
    create_booth(SETUP, airport, code="A01", direction="entry", lane="all")
    officer = create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    put_on_shift(officer, airport)


def test_a_short_stay_visa_from_intake_to_the_sticker_then_the_booth(signed_in, consulate_and_airport):
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()  # the embassy's day
    consul = signed_in("consul")

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
    expect(consul.get_by_test_id("check-run-before_decision")).to_be_visible(timeout=60_000)
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
    officer = signed_in("officer")
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


# --- 2. An extension of stay with a late answer to an evidence request, refused with a senior officer's approval ----


@pytest.fixture
def office_with_a_visitor(settings, tmp_path, watchlist):
    """The office UTO1 with a caseworker and a senior officer; a Swedish visitor admitted at the airport ten days ago
    (visa-free, until five days from now)."""
    from borderdesk.apps.travellers.models import Crossing, CrossingOutcome, Direction, Stay
    from borderdesk.apps.travellers.services import identify
    from borderdesk.core.documents import parse_mrz

    settings.DATA_DIR = tmp_path
    settings.BORDERDESK_FILE_KEYS = ""
    create_post(SETUP, code="UTO1", name="Amaurot office", kind="inland_office", country="UTO", time_zone="UTC")
    create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_user(SETUP, username="caseworker", password=PASSWORD, roles=["caseworker"], posts=["UTO1"])
    create_user(SETUP, username="casesenior", password=PASSWORD, roles=["senior_officer"], posts=["UTO1"])
    today = datetime.now(UTC).date()
    found = identify(SETUP, parse_mrz(SWEDE, today=today).fields, post_code="UCX")
    from borderdesk.apps.posts.models import Post

    entered, until = today - timedelta(days=10), today + timedelta(days=5)
    entry = Crossing.objects.create(
        traveller=found.traveller,
        document=found.document,
        post=Post.objects.get(code="UCX"),
        direction=Direction.ENTRY,
        outcome=CrossingOutcome.ADMITTED,
        occurred_at=datetime.combine(entered, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9),
        admitted_until=until,
    )
    Stay.objects.create(traveller=found.traveller, entry=entry, entry_date=entered, admitted_until=until)
    return until


class _Later:
    """``django.utils.timezone`` with ``now()`` some days on."""

    def __init__(self, days: int):
        self.days = days

    def now(self):
        from django.utils import timezone

        return timezone.now() + timedelta(days=self.days)

    def __getattr__(self, name):
        from django.utils import timezone

        return getattr(timezone, name)


def days_pass(monkeypatch, days: int) -> None:
    """The office's clock moves on ``days`` (the server's, as ``page.clock`` moves a browser's): today for the
    evidence (the post's day) and the time the checks are run at. Only these: the sessions' idle clock stays put."""
    from borderdesk.apps.casework.services import checks, evidence

    real = evidence.today_at
    monkeypatch.setattr(evidence, "today_at", lambda case: real(case) + timedelta(days=days))
    monkeypatch.setattr(checks, "timezone", _Later(days))


def test_an_extension_with_a_late_answer_refused_and_approved_by_a_senior(
    signed_in, office_with_a_visitor, monkeypatch
):
    stay_ends = office_with_a_visitor
    today = datetime.now(ZoneInfo("UTC")).date()
    worker = signed_in("caseworker")

    worker.get_by_role("link", name="New application").first.click()
    tick(worker, "kind-extension_of_stay")
    worker.get_by_test_id("choose-kind").click()
    worker.get_by_test_id("mrz").fill(SWEDE)
    worker.get_by_test_id("read-button").click()
    expect(worker.get_by_test_id("intake-read")).to_contain_text("the document is on record for LINDQVIST, ASA")
    worker.select_option("#answer-current_permission", "visa_free")
    worker.fill("#answer-current_stay_ends", stay_ends.isoformat())
    worker.fill("#answer-days_requested", "10")
    worker.select_option("#answer-reason", "illness")
    worker.get_by_test_id("lodge-button").click()
    expect(worker).to_have_url(re.compile(r"/casework/UTO1-\d{4}-\d{6}/$"))
    reference = worker.url.rstrip("/").rsplit("/", 1)[1]
    expect(worker.get_by_test_id("case-state")).to_have_text("Lodged")
    expect(worker.get_by_test_id("case-deadline")).to_contain_text("Decision due by")
    due_before = worker.get_by_test_id("case-deadline").locator("strong").inner_text()
    upload(worker, "travel_document_copy", "passport.pdf", "application/pdf", a_pdf("Data page and entry stamp"))

    act(worker, "find_admissible")
    expect(worker.get_by_test_id("case-state")).to_have_text("Admissible")
    worker.get_by_test_id("start-checks").click()
    expect(worker.get_by_test_id("case-state")).to_have_text("Checks running")
    expect(worker.get_by_test_id("check-run-lodged").get_by_test_id("history-counts")).to_contain_text("1 entries")

    # Evidence asked for, due tomorrow: the deadline stops.
    due_on = today + timedelta(days=1)
    request = worker.get_by_test_id("evidence-request-form")
    tick(worker, "evidence-doc-medical_certificate")
    tick(worker, "evidence-doc-means_of_subsistence")
    worker.fill("#evidence-due-on", due_on.isoformat())
    worker.fill("#evidence-message", "Please send the hospital's certificate and your bank statements.")
    request.get_by_test_id("evidence-request-button").click()
    expect(worker.get_by_test_id("case-state")).to_have_text("Evidence requested")
    expect(worker.get_by_test_id("case-deadline")).to_contain_text("Deadline stopped: the applicant owes evidence")
    expect(worker.get_by_test_id("evidence-open")).to_contain_text(f"since {today}: due by {due_on}")
    expect(worker.get_by_test_id("evidence-open")).not_to_contain_text("overdue")
    no_axe_problems(worker)

    # Three days later, two days after the due date, the answer comes: late; the deadline counts again.
    days_pass(monkeypatch, 3)
    received_on = today + timedelta(days=3)
    worker.reload()
    expect(worker.get_by_test_id("evidence-open")).to_contain_text("(overdue)")
    worker.fill("#evidence-received-on", received_on.isoformat())
    worker.get_by_test_id("evidence-receive-button").click()
    expect(worker.get_by_test_id("case-state")).to_have_text("Assessment")
    answered = worker.get_by_test_id("evidence-request")
    expect(answered).to_contain_text(received_on.isoformat())
    expect(answered.get_by_test_id("evidence-late")).to_have_text("late")
    expect(worker.get_by_test_id("evidence-open")).to_have_count(0)
    expect(worker.get_by_test_id("case-deadline")).to_contain_text("Decision due by")
    due_after = worker.get_by_test_id("case-deadline").locator("strong").inner_text()
    assert date.fromisoformat(due_after) > date.fromisoformat(due_before)  # the days it stood still added
    expect(worker.get_by_test_id("case-timeline")).to_contain_text(
        f"Evidence received on {received_on}, 2 days late; the deadline stood still 3 days"
    )

    upload(worker, "medical_certificate", "certificate.pdf", "application/pdf", a_pdf("Fit to travel"))
    upload(worker, "means_of_subsistence", "bank.png", "image/png", a_png())
    worker.get_by_test_id("run-checks").click()
    expect(worker.get_by_test_id("check-run-before_decision")).to_be_visible(timeout=60_000)

    # A refusal proposed with grounds: it waits for a senior officer; the caseworker cannot approve their own.
    tick(worker, "outcome-refuse")
    tick(worker, "ground-insufficient_means")
    worker.fill("#propose-reason", "The certificate says the applicant is fit to travel; the means are not shown.")
    worker.get_by_test_id("propose-button").click()
    expect(worker.get_by_test_id("case-state")).to_have_text("Decision proposed")
    expect(worker.get_by_test_id("decision-proposed")).to_contain_text("Refuse by caseworker")
    expect(worker.get_by_test_id("decision-grounds")).to_contain_text("Sufficient means of subsistence")
    expect(worker.get_by_test_id("case-decision")).to_contain_text("Waiting for a senior officer's approval.")
    expect(worker.get_by_test_id("approve-forms")).to_have_count(0)
    expect(worker.get_by_test_id("approve-button")).to_have_count(0)
    # Nor by sending the approval form themself (their session's token, the case's current version).
    token = worker.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    version = worker.get_by_test_id("case-actions").locator("input[name=version]").input_value()
    forged = worker.request.post(
        f"/casework/{reference}/decision/approve",
        form={"csrfmiddlewaretoken": token, "version": version, "note": "my own"},
        headers={"Referer": worker.url},
    )
    assert forged.status == 403
    worker.reload()
    expect(worker.get_by_test_id("case-state")).to_have_text("Decision proposed")

    # The senior officer finds it under approvals in the queue, and approves the refusal.
    senior = signed_in("casesenior")
    senior.get_by_role("link", name="Cases").first.click()
    senior.get_by_test_id("tab-approval").click()
    expect(senior.get_by_test_id("tab-approval")).to_have_attribute("aria-current", "page")
    row = senior.locator(f'[data-testid="queue-row"][data-reference="{reference}"]')
    expect(row).to_contain_text("LINDQVIST, ASA")
    no_axe_problems(senior)
    row.get_by_role("link", name=reference).click()
    expect(senior.get_by_test_id("case-state")).to_have_text("Decision proposed")
    expect(senior.get_by_test_id("approve-button")).to_have_text("Approve the refusal")
    senior.fill("#approve-note", "Agreed: no means shown for the extra days.")
    senior.get_by_test_id("approve-button").click()
    expect(senior.get_by_test_id("case-state")).to_have_text("Refused")
    expect(senior.get_by_test_id("decision-outcome")).to_contain_text("approved by casesenior")
    no_axe_problems(senior)

    # The letters: the refusal names the ground and its legal basis; the evidence request names the documents.
    letters = senior.get_by_test_id("case-letters")
    decision_letter = letters.get_by_test_id("letter-decision").get_by_role("link", name="Decision letter")
    refusal = senior.request.get(decision_letter.get_attribute("href"))
    assert refusal.ok and refusal.headers["content-type"] == "application/pdf"
    text = pdf_text(refusal.body())
    assert "Sufficient means of subsistence" in text and "s. 10(1)(e); s. 31(1)(c)" in text
    assert "LINDQVIST" in text and reference in text
    evidence_letter = letters.get_by_test_id("letter-evidence_request").get_by_role("link")
    expect(evidence_letter).to_have_text("Request for evidence")
    asked = senior.request.get(evidence_letter.get_attribute("href"))
    assert asked.ok and asked.body().startswith(b"%PDF")
    text = pdf_text(asked.body())
    assert "Medical certificate" in text and due_on.isoformat() in text
