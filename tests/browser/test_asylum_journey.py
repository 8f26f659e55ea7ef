"""A protection claim in Chromium: a traveller asks for protection in secondary inspection, the refusal is blocked
(non-refoulement) and the traveller admitted to the asylum procedure; the asylum unit takes the claim from its queue,
opens it with a reason and registers it with a child (a linked claim) and the claimant card; a border officer who
opens the traveller's record sees only that a claim is pending. Then the case officer finds it admissible, schedules
the interview, keeps its record and the claimant's confirmation and proposes refugee status; a senior officer of the
unit opens the claim with a reason and approves; the residence permit card is printed from the claim's page; the
border officer still sees only a notice: that the person holds international protection."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.posts.services import create_booth, create_post
from borderdesk.core.documents import parse_mrz
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.browser.conftest import sign_in as sign_in_with_code
from tests.core.printing.pdf_text import pdf_text
from tests.rosters import put_on_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
UNIT = "Asylum unit Amaurot"
CLAIMANT = dict(surname="HADDAD", given="KARIM", number="N4455667", nationality="SYR", born=date(1987, 2, 9))
NARRATIVE = "Detained and beaten by the security services in 2023."
INTERVIEW_RECORD = "The claimant describes his arrest in Homs in March 2023 and two months in detention."
REASONS = "Well-founded fear of persecution for his political opinion; no internal protection alternative."


@pytest.fixture
def posts():
    port = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, port, code="A01", direction="entry", lane="all")
    create_post(SETUP, code="UTAS", name=UNIT, kind="inland_office", country="UTO", time_zone="UTC")
    for username, role, post in [
        ("officer", "border_officer", "UCX"),
        ("senior", "senior_officer", "UCX"),
        ("asylum", "asylum_case_officer", "UTAS"),
        ("unitsenior", "senior_officer", "UTAS"),
    ]:
        user = create_user(SETUP, username=username, password=PASSWORD, roles=[role], posts=[post], first_name=username)
        if post == "UCX":
            put_on_shift(user, port)
    return port


def sign_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in_with_code(page, username, PASSWORD)
    expect(page.get_by_test_id("home-heading")).to_be_visible()
    return page


def refer_at_the_booth(officer):
    officer.goto("/booth/")
    officer.get_by_test_id("open-A01").click()
    expect(officer.get_by_test_id("scan")).to_be_focused()
    officer.keyboard.type(passport(**CLAIMANT), delay=0)
    expect(officer.get_by_test_id("recommended-outcome")).to_be_visible()
    officer.keyboard.press("Alt+r")
    officer.keyboard.type("Says they cannot go back to Syria")
    officer.get_by_test_id("confirm-refer").click()
    expect(officer.get_by_test_id("panel-message")).to_contain_text("Referred")


def test_asked_in_secondary_refusal_blocked_registered_with_a_child_and_the_border_sees_only_the_notice(
    browser, live_server, posts
):
    refer_at_the_booth(sign_in(browser, live_server, "officer"))

    senior = sign_in(browser, live_server, "senior")
    senior.goto("/queue/")
    senior.get_by_test_id("secondary-queue").get_by_role("button", name="Take").click()
    expect(senior.get_by_test_id("status")).to_have_text("In secondary inspection")
    senior.get_by_test_id("ask-protection").locator("summary").click()
    senior.get_by_test_id("confirm-ask-protection").click()
    expect(senior.get_by_test_id("panel-message")).to_contain_text(f"sent to the asylum unit ({UNIT})")
    notice = senior.get_by_test_id("protection-notice")
    expect(notice).to_contain_text(f"A protection claim is pending: contact the asylum unit ({UNIT})")
    claim = Claim.objects.get()
    expect(senior.locator("#traveller")).not_to_contain_text(claim.reference)

    senior.keyboard.press("Alt+x")  # the refusal is blocked
    senior.locator("#decide-refuse label.usa-checkbox__label").first.click()
    departure = senior.locator("#refuse-departure")
    if departure.count():
        departure.fill("Documents do not match the stated purpose")
    senior.get_by_test_id("confirm-refuse").click()
    expect(senior.get_by_test_id("panel-error")).to_contain_text("protection_claim_pending")
    assert AuditEvent.objects.filter(action="inspection.protection.block").count() == 1
    senior.get_by_test_id("admit-asylum-procedure").click()
    expect(senior.get_by_test_id("panel-message")).to_have_text("Admitted. Next traveller.")

    asylum = sign_in(browser, live_server, "asylum")
    asylum.get_by_role("link", name="Asylum").click()
    row = asylum.get_by_test_id("queue-to-register").get_by_test_id("queue-row")
    expect(row).to_contain_text(claim.reference)
    expect(row).to_contain_text("secondary at Utopia City")
    expect(asylum.get_by_test_id("queue-to-register")).not_to_contain_text("HADDAD")
    row.get_by_test_id("take").click()
    asylum.locator("label[for=purpose-casework]").click()
    asylum.get_by_label("Reason (kept in the audit trail)").fill("Registering the claim made at UCX")
    asylum.get_by_test_id("open-button").click()
    expect(asylum.get_by_test_id("identity-documented")).to_contain_text("N4455667")
    form = asylum.get_by_test_id("register-form")
    form.locator("#birth_date").fill("1986-02-09")  # as the claimant states it: not the passport's
    form.locator("#languages").fill("ar en")
    form.locator("label[for=vuln-trauma]").click()
    form.locator("#narrative").fill(NARRATIVE)
    form.locator("#member_relationship").fill("son")
    form.locator("#member_surname").fill("HADDAD")
    form.locator("#member_given_names").fill("SAMI")
    form.locator("#member_birth_date").fill("2017-06-01")
    form.locator("#member_nationality").fill("SYR")
    asylum.get_by_test_id("register-button").click()
    expect(asylum.get_by_test_id("claim-state")).to_have_text("Registered")
    expect(asylum.get_by_test_id("card")).to_contain_text(re.compile(r"UTOAS\d{8}"))
    expect(asylum.get_by_test_id("identity-claimed")).to_contain_text("1986-02-09")
    expect(asylum.get_by_test_id("identity-documented")).to_contain_text("1987-02-09")
    expect(asylum.get_by_test_id("claim-household")).to_contain_text("SAMI HADDAD (son)")
    card = asylum.request.get(asylum.get_by_test_id("card-link").get_attribute("href"))
    assert card.ok and card.body().startswith(b"%PDF")
    child = Claim.objects.get(principal=claim)
    assert child.claimant.given_names == "SAMI" and child.state == "claimed"

    officer = sign_in(browser, live_server, "officer")
    open_the_traveller(officer, claim)
    expect(officer.get_by_test_id("protection-notice")).to_have_text(
        f"A protection claim is pending: contact the asylum unit ({UNIT})."
    )
    record = officer.get_by_test_id("person-record")
    expect(record).not_to_contain_text(claim.reference)
    expect(officer.locator("main")).not_to_contain_text("Registered")
    expect(officer.locator("main")).not_to_contain_text("UTOAS")

    interview_and_propose_refugee_status(asylum)
    approve_as_the_units_senior(sign_in(browser, live_server, "unitsenior"), claim)
    print_the_permit_card(asylum, claim)

    open_the_traveller(officer, claim)
    expect(officer.get_by_test_id("protection-notice")).to_have_text(
        f"This person holds international protection: contact the asylum unit ({UNIT})."
    )
    main = officer.locator("main")  # the permit shows among the person's documents, as any residence permit does
    for secret in (claim.reference, "refugee", "interview", "Layla Mansour", NARRATIVE, INTERVIEW_RECORD, REASONS):
        expect(main).not_to_contain_text(secret, ignore_case=True)


def open_the_traveller(officer, claim):
    """The border officer opens the traveller's record, with a reason, as at the booth."""
    officer.goto(f"/people/{claim.claimant_id}/")
    officer.get_by_text("Primary inspection of the traveller").click()
    officer.get_by_test_id("reason-text").fill("Traveller back at the booth, checking")
    officer.get_by_test_id("open-record").click()
    expect(officer.get_by_test_id("person-record")).to_be_visible()


def interview_and_propose_refugee_status(asylum):
    """The assigned case officer, on the registered claim's page: admissible, the interview scheduled (language,
    interpreter and, the claimant being vulnerable, a safeguard), held, confirmed, and refugee status proposed."""
    asylum.reload()
    expect(asylum.get_by_test_id("claim-state")).to_have_text("Registered")
    asylum.get_by_test_id("admissible-button").click()
    expect(asylum.get_by_test_id("claim-state")).to_have_text("Admissible")
    expect(asylum.get_by_test_id("claim-admissibility")).to_contain_text("Found admissible.")

    schedule = asylum.get_by_test_id("schedule-form")
    when = date.today() + timedelta(days=7)
    schedule.get_by_label("Date and time").fill(f"{when.isoformat()}T09:30")
    schedule.get_by_label("Language").select_option("ar")
    schedule.get_by_label("Interpreter").fill("Layla Mansour")
    schedule.get_by_label("Safeguard").fill("Breaks every hour; officer and interpreter of his choice of sex")
    asylum.get_by_test_id("schedule-button").click()
    expect(asylum.get_by_test_id("claim-state")).to_have_text("Interview scheduled")
    interview = asylum.get_by_test_id("claim-interviews").locator("li[data-status]")
    expect(interview).to_have_attribute("data-status", "scheduled")
    expect(interview).to_contain_text(f"{when.isoformat()} 09:30 · ar · interpreter Layla Mansour")

    interview.get_by_test_id("record-form").locator("textarea").fill(INTERVIEW_RECORD)
    asylum.get_by_test_id("record-button").click()
    expect(asylum.get_by_test_id("claim-state")).to_have_text("Assessment")
    expect(interview).to_have_attribute("data-status", "not confirmed")
    interview.get_by_test_id("confirm-form").locator("textarea").fill("The month of his release is May, not June.")
    asylum.get_by_test_id("confirm-button").click()
    expect(interview).to_have_attribute("data-status", "confirmed")
    expect(interview.get_by_test_id("interview-record")).to_have_text(INTERVIEW_RECORD)

    propose = asylum.get_by_test_id("propose-form")
    expect(propose.get_by_test_id("no-confirmed-interview")).to_have_count(0)
    propose.get_by_label("Outcome").select_option("refugee_status")
    propose.get_by_label("Reasons (sealed)").fill(REASONS)
    asylum.get_by_test_id("propose-button").click()
    expect(asylum.get_by_test_id("claim-state")).to_have_text("Decision proposed")
    expect(asylum.get_by_test_id("decision-proposed")).to_contain_text("Proposed: Refugee status by asylum")
    expect(asylum.get_by_test_id("review-forms")).to_have_count(0)  # the proposer never reviews


def approve_as_the_units_senior(senior, claim):
    """A senior officer of the unit finds the claim in the unit's queue, opens it with a reason and approves."""
    senior.get_by_role("link", name="Asylum").click()
    row = senior.get_by_test_id("queue-unit").locator(f"[data-reference='{claim.reference}']")
    expect(row).to_contain_text("Decision proposed")
    row.get_by_role("link", name=claim.reference).click()
    expect(senior.get_by_test_id("claim-state")).to_have_count(0)  # nothing of the claim before it is opened
    senior.locator("label[for=purpose-review]").click()
    senior.get_by_label("Reason (kept in the audit trail)").fill("Reviewing the proposed recognition")
    senior.get_by_test_id("open-button").click()
    expect(senior.get_by_test_id("decision-reasons")).to_have_text(REASONS)
    senior.get_by_test_id("approve-button").click()
    expect(senior.get_by_test_id("claim-state")).to_have_text("Decided")
    expect(senior.get_by_test_id("claim-outcome")).to_have_text("Refugee status")
    expect(senior.get_by_test_id("decision-outcome")).to_contain_text("reviewed by unitsenior")


def print_the_permit_card(asylum, claim):
    """The case officer prints the residence permit card from the claim's page: its TD1 zone names the claimant
    and carries the permit's number."""
    asylum.reload()
    expect(asylum.get_by_test_id("claim-outcome")).to_have_text("Refugee status")
    permit = Claim.objects.select_related("permit").get(pk=claim.pk).permit
    expect(asylum.get_by_test_id("claim-permit")).to_contain_text(f"Residence permit {permit.number}")
    card = asylum.request.get(asylum.get_by_test_id("permit-card").get_attribute("href"))
    assert card.ok and card.headers["content-type"] == "application/pdf"
    text = pdf_text(card.body())
    assert "HADDAD" in text and "KARIM" in text and permit.number in text
    zone = permit.mrz.splitlines()
    assert all(line in text.replace(" ", "") for line in zone)
    read = parse_mrz(permit.mrz, today=permit.valid_from)
    assert read.format == "TD1" and read.valid and read.fields["document_code"] == "IR", read.to_dict()
    assert read.fields["document_number"] == permit.number
    assert (read.fields["surname"], read.fields["given_names"]) == ("HADDAD", "KARIM")
