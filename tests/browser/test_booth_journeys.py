"""The booth in Chromium: a clear admit in a couple of keystrokes after the scan; a watchlist hit taken
through referral, secondary inspection, refusal, a second senior officer's approval and the refusal form; and a
returning traveller whose exit was never recorded, settled in secondary and admitted."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.browser.conftest import sign_in as sign_in_with_code
from tests.rosters import put_on_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
LISTED = dict(surname="KARIMOV", given="RUSTAM", number="UZ7654321", nationality="UZB", born=date(1979, 3, 14))


@pytest.fixture
def port():
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    for username, role in [("officer", "border_officer"), ("senior", "senior_officer"), ("senior2", "senior_officer")]:
        user = create_user(
            SETUP, username=username, password=PASSWORD, roles=[role], posts=["UCX"], first_name=username
        )
        put_on_shift(user, post)
    return post


@pytest.fixture
def national_list(tmp_path):
    from borderdesk.apps.watchlists.services import import_list

    path = tmp_path / "national.csv"
    path.write_text(
        "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"
        "N-17,Rustam Karimov,Rustam Karimow,1979-03-14,UZB,M,UZ7654321:UZB,"
        "Deported 2024; re-entry ban until 2034,refuse_entry\n"
    )
    import_list(SETUP, "csv", path, list_name="national")


def sign_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in_with_code(page, username, PASSWORD)
    expect(page.get_by_test_id("home-heading")).to_be_visible()
    return page


def open_booth(page):
    page.goto("/booth/")
    page.get_by_test_id("open-A01").click()
    expect(page.get_by_test_id("scan")).to_be_focused()


def scanner_types(page, zone: str):
    page.keyboard.type(zone.replace("\n", "\n"), delay=0)


def test_clear_admit_in_two_keystrokes_after_the_scan(browser, live_server, port):
    page = sign_in(browser, live_server, "officer")
    open_booth(page)
    scanner_types(page, passport())
    expect(page.get_by_test_id("recommended-outcome")).to_have_text("Admit")
    expect(page.get_by_test_id("screening-clear")).to_be_visible()
    expect(page.get_by_test_id("scan")).to_be_focused()

    page.keyboard.press("Alt+a")  # keystroke 1: open the admit form, Confirm has the focus
    expect(page.get_by_test_id("confirm-admit")).to_be_focused()
    page.keyboard.press("Enter")  # keystroke 2
    expect(page.get_by_test_id("panel-message")).to_contain_text("Admitted until")
    expect(page.get_by_test_id("scan")).to_be_focused()  # ready for the next passport


def test_a_zone_read_while_the_booth_is_still_loading_is_sent_once_the_page_is_ready(browser, live_server, port):
    """The reader may type before the page's scripts run (autofocus comes first): the zone waits in the field."""
    page = sign_in(browser, live_server, "officer")
    page.goto("/booth/")
    held = []
    page.route("**/htmx.min.js", lambda route: held.append(route))  # the booth's scripts wait until the zone is typed
    with page.expect_request("**/htmx.min.js"):
        page.get_by_test_id("open-A01").click()
    expect(page.get_by_test_id("scan")).to_be_focused()
    scanner_types(page, passport())
    expect(page.get_by_test_id("scan")).to_have_value(passport())
    held[0].continue_()
    expect(page.get_by_test_id("recommended-outcome")).to_have_text("Admit")
    expect(page.get_by_test_id("scan")).to_have_value("")


def test_hit_refer_secondary_refuse_approve_and_print(browser, live_server, port, national_list):
    officer = sign_in(browser, live_server, "officer")
    open_booth(officer)
    scanner_types(officer, passport(**LISTED))
    match = officer.get_by_test_id("match").first
    expect(match).to_contain_text("Hit")
    expect(match).to_contain_text("Date of birth")
    expect(match).not_to_contain_text("birth_date")
    expect(officer.get_by_test_id("required-action")).to_have_text("Required action: Refuse entry")
    officer.keyboard.press("Alt+r")
    expect(officer.get_by_test_id("refer-reason")).to_be_focused()
    officer.keyboard.type("National list hit N-17: re-entry ban")
    officer.get_by_test_id("confirm-refer").click()
    expect(officer.get_by_test_id("panel-message")).to_contain_text("Referred")

    senior = sign_in(browser, live_server, "senior")
    senior.goto("/queue/")
    expect(senior.get_by_test_id("secondary-queue")).to_contain_text("RUSTAM KARIMOV")
    senior.get_by_test_id("secondary-queue").get_by_role("button", name="Take").click()
    expect(senior.get_by_test_id("status")).to_have_text("In secondary inspection")
    expect(senior.get_by_test_id("match").first).to_contain_text("Hit")
    senior.get_by_test_id("secondary-notes").fill("Admits the 2024 deportation; no new grounds to enter.")
    senior.get_by_role("button", name="Save notes").click()
    expect(senior.get_by_test_id("panel-message")).to_contain_text("notes saved")
    senior.keyboard.press("Alt+x")
    expect(senior.locator("#decide-refuse input[name=grounds]:checked").first).to_be_visible()
    senior.locator("#refuse-remarks").fill("Re-entry ban until 2034 (national list N-17)")
    senior.get_by_test_id("confirm-refuse").click()
    expect(senior.get_by_test_id("panel-message")).to_contain_text("asked to approve")

    approver = sign_in(browser, live_server, "senior2")
    approver.goto("/queue/")
    approver.get_by_test_id("pending-approvals").get_by_role("link", name="Review").click()
    approver.get_by_test_id("approve-yes").click()
    expect(approver.get_by_test_id("panel-message")).to_contain_text("Approval recorded")
    link = approver.get_by_test_id("refusal-pdf")
    expect(link).to_be_visible()
    pdf = approver.request.get(link.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert re.search(r"/decisions/\d+/refusal-form.pdf", link.get_attribute("href"))


def test_an_exit_never_recorded_is_settled_in_secondary_then_admitted(browser, live_server, port):
    officer = sign_in(browser, live_server, "officer")
    open_booth(officer)
    scanner_types(officer, passport())
    expect(officer.get_by_test_id("recommended-outcome")).to_have_text("Admit")
    officer.keyboard.press("Alt+a")
    expect(officer.get_by_test_id("confirm-admit")).to_be_focused()
    officer.keyboard.press("Enter")
    expect(officer.get_by_test_id("panel-message")).to_contain_text("Admitted until")
    expect(officer.get_by_test_id("scan")).to_be_focused()
    scanner_types(officer, passport())  # back again, but no exit was ever recorded
    expect(officer.get_by_test_id("reasons")).to_contain_text("Earlier stay still open: no exit on record")
    expect(officer.locator("#traveller")).not_to_contain_text("no_exit_recorded")
    officer.keyboard.press("Alt+r")
    officer.keyboard.type("Still on record as in the country")
    officer.get_by_test_id("confirm-refer").click()
    expect(officer.get_by_test_id("panel-message")).to_contain_text("Referred")

    senior = sign_in(browser, live_server, "senior")
    senior.goto("/queue/")
    senior.get_by_test_id("secondary-queue").get_by_role("button", name="Take").click()
    expect(senior.get_by_test_id("status")).to_have_text("In secondary inspection")
    senior.get_by_test_id("settle-left-on").fill(date.today().isoformat())
    senior.get_by_test_id("settle-evidence").fill("Entry stamp of Malaysia, page 7")
    senior.get_by_test_id("settle-stay").click()
    expect(senior.get_by_test_id("panel-message")).to_contain_text("earlier stay is closed")
    expect(senior.get_by_test_id("recommended-outcome")).to_have_text("Admit")
    senior.keyboard.press("Alt+a")
    expect(senior.get_by_test_id("confirm-admit")).to_be_focused()
    senior.keyboard.press("Enter")
    expect(senior.get_by_test_id("panel-message")).to_contain_text("Admitted until")
