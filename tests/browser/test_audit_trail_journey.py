"""The audit trail in Chromium: an auditor narrows the trail to one kind of action, pages back, opens the record
an event concerns, finds that opening among the reads, and exports what the filter shows as CSV."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.audit.recording import record_change
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.travellers.models import Crossing, HeldDocument, Traveller
from borderdesk.core.audit.actions import AuditAction
from tests.actors import SETUP
from tests.browser.conftest import accessibility_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def trail():
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_user(SETUP, username="auditor", password=PASSWORD, roles=["auditor"], all_posts=True)
    officer = create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    person = Traveller.objects.create(surname="NAKAMURA", given_names="KENJI", nationality="JPN")
    document = HeldDocument.objects.create(
        traveller=person, document_code="P", category="P", issuing_state="JPN", document_number="TK0001"
    )
    crossing = Crossing.objects.create(
        traveller=person,
        document=document,
        post=post,
        direction="entry",
        outcome="admitted",
        occurred_at=timezone.now(),
    )
    record_change(officer, AuditAction.TRAVELLERS_CROSSING_ADMITTED, crossing, post_code="UCX")
    for n in range(60):  # more than a page of another action
        record_change(officer, AuditAction.POSTS_POST_UPDATE, post, new={"n": n}, post_code="UCX")
    return person


def test_an_auditor_filters_pages_opens_a_record_and_exports(page, trail):
    sign_in(page, "auditor", PASSWORD)
    page.get_by_role("link", name="Audit trail", exact=True).click()
    page.get_by_test_id("filter-action").select_option(label="Post changed")
    page.get_by_test_id("filter-button").click()
    expect(page.get_by_test_id("event")).to_have_count(50)
    expect(page.get_by_test_id("event-words").first).to_have_text("Post changed")
    assert accessibility_problems(page) == []
    page.get_by_test_id("older").first.click()
    expect(page.get_by_test_id("event")).to_have_count(10)
    expect(page.get_by_test_id("filter-action")).to_have_value("posts.post.update")
    page.get_by_test_id("newer").click()
    expect(page.get_by_test_id("event")).to_have_count(50)

    page.get_by_test_id("filter-action").select_option(label="Crossing: admitted")
    page.get_by_test_id("filter-button").click()
    expect(page.get_by_test_id("event")).to_have_count(1)
    page.get_by_test_id("open-record").click()
    expect(page.get_by_test_id("person-name")).to_have_text("KENJI NAKAMURA")
    expect(page.get_by_test_id("opened-from")).to_contain_text("This opening is recorded")
    assert accessibility_problems(page) == []
    page.get_by_test_id("person-reads").click()
    expect(page.get_by_test_id("event")).to_have_count(1)
    expect(page.get_by_test_id("event-words")).to_contain_text("audit review")

    page.get_by_test_id("chain-changes").click()
    page.get_by_test_id("filter-officer").fill("officer")
    page.get_by_test_id("filter-button").click()
    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("seq,occurred_at,officer,post,action,action_words")
    assert len(lines) == 1 + 61 and all(",officer,UCX," in line for line in lines[1:])
    assert AuditEvent.objects.get(action="audit.trail.export").new_values["filters"] == {"officer": "officer"}
