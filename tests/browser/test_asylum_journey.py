"""A protection claim in Chromium: a traveller asks for protection in secondary inspection, the refusal is blocked
(non-refoulement) and the traveller admitted to the asylum procedure; the asylum unit takes the claim from its queue,
opens it with a reason and registers it with a child (a linked claim) and the claimant card; a border officer who
opens the traveller's record sees only that a claim is pending."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.browser.conftest import sign_in as sign_in_with_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
UNIT = "Asylum unit Amaurot"
CLAIMANT = dict(surname="HADDAD", given="KARIM", number="N4455667", nationality="SYR", born=date(1987, 2, 9))


@pytest.fixture
def posts():
    port = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, port, code="A01", direction="entry", lane="all")
    create_post(SETUP, code="UTAS", name=UNIT, kind="inland_office", country="UTO", time_zone="UTC")
    for username, role, post in [
        ("officer", "border_officer", "UCX"),
        ("senior", "senior_officer", "UCX"),
        ("asylum", "asylum_case_officer", "UTAS"),
    ]:
        create_user(SETUP, username=username, password=PASSWORD, roles=[role], posts=[post], first_name=username)
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
    form.locator("#narrative").fill("Detained and beaten by the security services in 2023.")
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
    officer.goto(f"/people/{claim.claimant_id}/")
    officer.get_by_text("Primary inspection of the traveller").click()
    officer.get_by_test_id("reason-text").fill("Traveller back at the booth, checking")
    officer.get_by_test_id("open-record").click()
    expect(officer.get_by_test_id("protection-notice")).to_have_text(
        f"A protection claim is pending: contact the asylum unit ({UNIT})."
    )
    record = officer.get_by_test_id("person-record")
    expect(record).not_to_contain_text(claim.reference)
    expect(officer.locator("main")).not_to_contain_text("Registered")
    expect(officer.locator("main")).not_to_contain_text("UTOAS")
