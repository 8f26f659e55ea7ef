"""Two policy authors change the rules: A drafts and submits, B reviews with the simulation and publishes."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.policy.services import recommend_entry
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP
from tests.browser.conftest import sign_in as sign_in_with_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
MALAYSIAN = {
    "nationality": "MYS",
    "document": {"expiry": "2030-01-01"},
    "planned_departure": "2025-03-14",
    "purpose": "tourism",
    "purpose_documents": ["accommodation_booking"],
    "means": {"amount": 5000, "currency": "UTD"},
    "return_ticket": True,
    "accommodation": True,
}


@pytest.fixture
def authors(page):
    create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="Europe/Lisbon")
    create_user(SETUP, username="ines", password=PASSWORD, roles=["policy_author"], all_posts=True)
    create_user(SETUP, username="thomas", password=PASSWORD, roles=["policy_author"], all_posts=True)
    from datetime import date

    recommend_entry(SETUP, MALAYSIAN, on=date(2025, 3, 1), post_code="UCX", purpose="primary line")
    return page


def sign_in(page, username):
    sign_in_with_code(page, username, PASSWORD)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_second_author_reviews_the_simulation_and_publishes(authors):
    page = authors
    sign_in(page, "ines")
    page.get_by_role("link", name="Rule packs").click()
    page.get_by_test_id("new-draft-uto").click()
    expect(page.get_by_test_id("status")).to_have_text("Draft")
    draft_url = page.url

    visa_policy = page.get_by_test_id("file-visa_policy.yaml")
    visa_policy.fill(visa_policy.input_value().replace("LAO, MYS, MMR", "LAO, MMR"))
    page.get_by_test_id("save-draft").click()
    expect(page.get_by_test_id("saved")).to_contain_text("the pack loads")
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("status")).to_have_text("In review")
    expect(page.get_by_test_id("approve")).to_have_count(0)  # an author never reviews their own draft
    sign_out(page)

    sign_in(page, "thomas")
    page.goto(draft_url)
    expect(page.get_by_test_id("diff").last).to_contain_text("-      nationalities: [BRN, KHM, LAO, MYS, MMR")
    expect(page.get_by_test_id("changed-count")).to_have_text("1")
    expect(page.get_by_test_id("simulation-case")).to_contain_text("Refuse entry (UIA-12-1-c)")
    page.get_by_test_id("review-comment").fill("Malaysia leaves Schedule 1 Part A, as the amending order says.")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("status")).to_have_text("Approved (ready to publish)")

    effective = timezone.localdate().isoformat()
    page.get_by_test_id("effective-date").fill(effective)
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("status")).to_have_text("Published")
    expect(page.get_by_test_id("effective-from")).to_have_text(effective)
    expect(page.get_by_test_id("review-comments")).to_contain_text("thomas approved")
