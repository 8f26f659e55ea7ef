"""Screening in Chromium: an officer screens a listed name and sees the hit with its explanation; a senior
officer proposes it as a false match with a reason, which hides nothing until a second senior officer confirms
it; screening the same person again then does not raise it."""

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.watchlists.services import current_screener, forget_screener, import_list
from tests.actors import SETUP
from tests.browser.conftest import sign_in as sign_in_with_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
LISTED = {"name": "Amaru Quispe Mamani", "birth_date": "1979-03-14", "nationality": "PER", "sex": "M"}


@pytest.fixture
def people(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    forget_screener()
    create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    create_user(SETUP, username="senior", password=PASSWORD, roles=["senior_officer"], posts=["UCX"])
    create_user(SETUP, username="senior2", password=PASSWORD, roles=["senior_officer"], posts=["UCX"])
    source = tmp_path / "national.csv"
    source.write_text(
        "id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action\n"
        "N-21,Amaru Quispe Mamani,Amaru Kispe,1979-03-14,PER,M,PE1234567:PER,"
        "Wanted for people smuggling,arrest\n",
        encoding="utf-8",
    )
    import_list(SETUP, "csv", source, list_name="national")
    current_screener()  # the live server runs in this process: load the name tables before the clock starts
    yield
    forget_screener()


def sign_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in_with_code(page, username, PASSWORD)
    page.get_by_role("link", name="Screen a person").click()
    return page


def screen(page, person):
    for field, value in person.items():
        page.get_by_test_id(f"person-{field}").fill(value)
    page.get_by_test_id("screen-button").click()


def test_officer_sees_the_hit_two_seniors_clear_it_and_it_is_not_raised_again(browser, live_server, people):
    officer = sign_in(browser, live_server, "officer")
    screen(officer, LISTED)
    expect(officer.get_by_test_id("required-action")).to_contain_text("Arrest")
    match = officer.get_by_test_id("match").first
    expect(match.get_by_test_id("decision")).to_have_text("Hit")
    expect(match).to_contain_text("Wanted for people smuggling")
    explanation = match.get_by_test_id("explanation")
    expect(explanation).to_contain_text("Date of birth")
    expect(explanation).to_contain_text("Nationality")
    expect(match.get_by_test_id("adjudicate-button")).to_have_count(0)  # officers cannot adjudicate

    senior = sign_in(browser, live_server, "senior")
    screen(senior, LISTED)
    match = senior.get_by_test_id("match").first
    match.get_by_text("False match (not this person)").click()
    match.get_by_test_id("verdict-reason").fill("Different person: other parents, in Lima on the listed dates")
    match.get_by_test_id("adjudicate-button").click()
    expect(senior.get_by_test_id("verdict")).to_contain_text("proposed")
    expect(senior.get_by_test_id("four-eyes-wait")).to_be_visible()

    officer.get_by_role("link", name="Screen a person").click()  # a fresh page: no earlier result on it
    expect(officer.get_by_test_id("required-action")).to_have_count(0)
    screen(officer, LISTED)  # one senior officer alone hides nothing
    expect(officer.get_by_test_id("required-action")).to_contain_text("Arrest")

    second = sign_in(browser, live_server, "senior2")
    proposal = second.get_by_test_id("proposals").get_by_test_id("match").first
    expect(proposal).to_contain_text("Different person: other parents")
    proposal.get_by_test_id("confirm-false-match").click()
    expect(second.get_by_test_id("verdict")).to_contain_text("a false match")
    expect(second.get_by_test_id("verdict")).to_contain_text("confirmed by senior2")

    screen(officer, LISTED)
    expect(officer.get_by_test_id("screening-verdict")).to_contain_text("No match")
    expect(officer.get_by_test_id("suppressed")).to_contain_text("already judged false")
    expect(officer.get_by_test_id("match")).to_have_count(0)
    expect(officer.get_by_test_id("required-action")).to_have_count(0)


def test_administrator_imports_a_list_and_a_broken_file_is_rejected(browser, live_server, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    create_user(SETUP, username="admin", password=PASSWORD, roles=["administrator"], all_posts=True)
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in_with_code(page, "admin", PASSWORD)
    page.get_by_role("link", name="Watchlists").click()
    expect(page.get_by_test_id("lists")).to_contain_text("No list imported yet")

    good = tmp_path / "national.csv"
    good.write_text("id,name,birth_date,action\nN-1,Amaru Quispe Mamani,1979-03-14,arrest\n", encoding="utf-8")
    page.get_by_test_id("import-file").set_input_files(str(good))
    page.get_by_test_id("import-format").select_option("csv")
    page.get_by_test_id("import-list").fill("national")
    page.get_by_test_id("import-button").click()
    expect(page.get_by_test_id("import-outcome")).to_contain_text("Imported 1 entry into list national as version 1")
    expect(page.get_by_test_id("lists")).to_contain_text("national.csv")

    broken = tmp_path / "broken.csv"
    broken.write_text("id,name,birth_date\nN-1,Amaru Quispe Mamani,1979-02-30\n", encoding="utf-8")
    page.get_by_test_id("import-file").set_input_files(str(broken))
    page.get_by_test_id("import-button").click()
    expect(page.get_by_test_id("import-rejected")).to_contain_text("broken.csv, line 2")
    expect(page.get_by_test_id("lists")).to_contain_text("version 1")
    assert errors == []
    context.close()
