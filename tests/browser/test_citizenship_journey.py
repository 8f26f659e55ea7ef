"""Naturalisation in Chromium, through the pages only (the world: an office with a caseworker and a senior officer,
an airport, and a Nigerian resident whose crossings show 150 days away in the last year, made in setup):

The caseworker lodges the naturalisation from the passport's zone, finds it admissible, runs the checks, computes
the residence from the crossings (not met: the calendar marks the months away, the figures name the limit and the
earliest eligible date), records the tests and the police's answer, is refused an approval (residence_not_eligible,
with that date), proposes a refusal for absences; a senior officer approves it, and the refusal letter names the
earliest eligible date. The case page is checked with axe-core (WCAG 2.2 AA) on the way."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.browser.test_casework_journeys import PASSWORD, act, no_axe_problems, signed_in, tick  # noqa: F401
from tests.core.printing.pdf_text import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
RESIDENT = passport(surname="ADEYEMI", given="FOLA", number="A09876543", nationality="NGA", born=date(1984, 4, 4))


@pytest.fixture
def resident_long_away(settings, tmp_path):
    """UTO1 and its officers; a resident who entered seven years ago and was away 150 days until 70 days ago."""
    from borderdesk.apps.travellers.services import identify, record_entry, record_exit
    from borderdesk.core.documents import parse_mrz

    settings.DATA_DIR = tmp_path
    settings.BORDERDESK_FILE_KEYS = ""
    create_post(SETUP, code="UTO1", name="Amaurot office", kind="inland_office", country="UTO", time_zone="UTC")
    airport = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_user(SETUP, username="caseworker", password=PASSWORD, roles=["caseworker"], posts=["UTO1"])
    create_user(SETUP, username="casesenior", password=PASSWORD, roles=["senior_officer"], posts=["UTO1"])
    today = datetime.now(UTC).date()
    found = identify(SETUP, parse_mrz(RESIDENT, today=today).fields, post_code="UCX")
    common = {"traveller": found.traveller, "document": found.document, "post": airport}

    def at(day):
        return datetime.combine(day, time(9), tzinfo=UTC)

    since = today - timedelta(days=7 * 365)
    record_entry(SETUP, **common, admitted_until=None, class_of_admission="resident", occurred_at=at(since))
    record_exit(SETUP, **common, occurred_at=at(today - timedelta(days=220)))
    record_entry(
        SETUP, **common, admitted_until=None, class_of_admission="resident", occurred_at=at(today - timedelta(days=70))
    )
    return since


def test_a_naturalisation_refused_for_absences_names_the_earliest_eligible_date(signed_in, resident_long_away):
    today = datetime.now(UTC).date()
    worker = signed_in("caseworker")
    worker.get_by_role("link", name="New application").first.click()
    tick(worker, "kind-naturalisation")
    worker.get_by_test_id("choose-kind").click()
    worker.get_by_test_id("mrz").fill(RESIDENT)
    worker.get_by_test_id("read-button").click()
    worker.fill("#answer-resident_since", resident_long_away.isoformat())
    worker.fill("#answer-current_permit_number", "UTO7654321")
    worker.select_option("#answer-marital_status", "single")
    worker.fill("#answer-occupation", "Pharmacist")
    worker.fill("#answer-other_nationalities", "NGA")
    tick(worker, "answer-keeps_other_nationality-yes")
    worker.get_by_test_id("lodge-button").click()
    expect(worker).to_have_url(re.compile(r"/casework/UTO1-\d{4}-\d{6}/$"))

    act(worker, "find_admissible")
    worker.get_by_test_id("start-checks").click(timeout=90_000)  # the first screening loads the screener
    expect(worker.get_by_test_id("case-state")).to_have_text("Checks running")
    act(worker, "checks_done")
    expect(worker.get_by_test_id("case-state")).to_have_text("Assessment")
    worker.get_by_test_id("run-checks").click(timeout=90_000)
    expect(worker.get_by_test_id("check-run-before_decision")).to_be_visible(timeout=60_000)

    # The residence from the crossings: not met, and when it will be.
    worker.get_by_test_id("check-residence").click()
    residence = worker.get_by_test_id("residence-check")
    expect(residence).to_have_attribute("data-eligible", "no")
    expect(worker.get_by_test_id("residence-failed")).to_contain_text("Too many days absent in the last year")
    earliest = worker.get_by_test_id("earliest-eligible").inner_text()
    assert date.fromisoformat(earliest) > today
    expect(worker.get_by_test_id("residence-figures")).to_contain_text("149")
    expect(worker.get_by_test_id("absence-calendar").locator('tr[data-absent="yes"]')).not_to_have_count(0)
    no_axe_problems(worker)

    # Tests passed and no criminal record: only the residence stands in the way.
    for test, score in (("language", "B1"), ("civics", "21/24")):
        form = worker.get_by_test_id("test-form")
        form.locator("#test").select_option(test)
        form.locator("#taken_on").fill(today.isoformat())
        form.locator("#score").fill(score)
        tick(worker, "passed-yes")
        form.get_by_test_id("record-test").click()
        expect(worker.get_by_test_id("tests")).to_contain_text(score)
    police = worker.get_by_test_id("police-request-form")
    police.locator("#authority").fill("Utopia National Police")
    police.locator("#police_reference").fill("CRC-77")
    police.get_by_test_id("request-police").click()
    answer = worker.get_by_test_id("police-answer-form")
    answer.locator("label", has_text="No criminal record").click()
    answer.get_by_test_id("record-police-answer").click()
    expect(worker.get_by_test_id("police")).to_contain_text("no criminal record")
    expect(worker.get_by_test_id("approval-blockers")).to_contain_text(earliest)

    # An approval is refused with the date; the refusal for absences is proposed.
    tick(worker, "outcome-approve")
    worker.get_by_test_id("propose-button").click()
    expect(worker.get_by_test_id("case-error")).to_contain_text("residence_not_eligible")
    expect(worker.get_by_test_id("case-error")).to_contain_text(earliest)
    tick(worker, "outcome-refuse")
    tick(worker, "ground-residence_requirement_not_met")
    worker.fill("#propose-reason", "149 days outside Utopia in the last year; at most 90 are allowed.")
    worker.get_by_test_id("propose-button").click()
    expect(worker.get_by_test_id("case-state")).to_have_text("Decision proposed")
    expect(worker.get_by_test_id("decision-grounds")).to_contain_text(earliest)
    reference = worker.url.rstrip("/").rsplit("/", 1)[1]

    senior = signed_in("casesenior")
    senior.goto(f"/casework/{reference}/")
    senior.get_by_test_id("approve-button").click()
    expect(senior.get_by_test_id("case-state")).to_have_text("Refused")
    expect(senior.get_by_test_id("earliest-eligible")).to_have_text(earliest)
    letter = senior.get_by_test_id("case-letters").get_by_test_id("letter-decision").get_by_role("link")
    refusal = senior.request.get(letter.get_attribute("href"))
    assert refusal.ok
    text = pdf_text(refusal.body())
    assert earliest in text and "residence requirement is not met" in text and "s. 6(1)(a), (2)" in text
