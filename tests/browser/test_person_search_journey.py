"""Finding a person in Chromium: an officer searches a misspelt name, picks the person by birth date and document,
gives the reason for opening the record, and reads the crossings, stays and visas; the opening is on record."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.travellers.models import Crossing, HeldDocument, Stay, Traveller
from borderdesk.apps.visas.models import Visa
from tests.actors import SETUP
from tests.browser.conftest import accessibility_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def travellers():
    post = create_post(SETUP, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="UTC")
    create_user(SETUP, username="officer", password=PASSWORD, roles=["border_officer"], posts=["UCX"])
    for given, born, number in [("FATIMA", date(1992, 5, 3), "MA1234567"), ("FARIDA", date(1970, 1, 9), "MA7654321")]:
        person = Traveller.objects.create(surname="BENALI", given_names=given, birth_date=born, nationality="MAR")
        document = HeldDocument.objects.create(
            traveller=person, document_code="P", category="P", issuing_state="MAR", document_number=number
        )
    fatima = Traveller.objects.get(given_names="FATIMA")
    document = fatima.documents.get()
    entry = Crossing.objects.create(
        traveller=fatima,
        document=document,
        post=post,
        direction="entry",
        outcome="admitted",
        occurred_at=timezone.now() - timedelta(days=3),
    )
    Stay.objects.create(traveller=fatima, entry=entry, entry_date=entry.occurred_at.date())
    Visa.objects.create(
        number="UTO-EV-77",
        kind="e_visa",
        traveller=fatima,
        valid_from=date(2026, 1, 1),
        valid_until=date(2099, 1, 1),
    )
    return fatima


def test_an_officer_finds_a_person_by_a_misspelt_name_and_opens_the_record_for_a_reason(page, travellers):
    sign_in(page, "officer", PASSWORD)
    page.get_by_role("link", name="Find a person").click()
    expect(page.get_by_test_id("search-name")).to_be_focused()
    page.keyboard.type("Fatma Benaly")
    page.keyboard.press("Enter")
    first = page.get_by_test_id("search-result").first
    expect(first).to_contain_text("BENALI, FATIMA")
    expect(first).to_contain_text("1992-05-03")
    expect(first).to_contain_text("MA1234567")
    assert accessibility_problems(page) == []
    first.get_by_test_id("open-person").click()

    expect(page).to_have_url(re.compile(rf"/people/{travellers.pk}/$"))
    expect(page.get_by_test_id("person-name")).to_have_count(0)  # nothing personal before the reason
    assert accessibility_problems(page) == []
    page.get_by_test_id("open-record").click()  # no purpose chosen: the browser asks for one
    expect(page.get_by_test_id("person-name")).to_have_count(0)
    page.get_by_text("Stay or overstay enquiry").click()
    page.get_by_test_id("reason-text").fill("Checking days used before an extension")
    page.get_by_test_id("open-record").click()

    expect(page.get_by_test_id("person-name")).to_have_text("FATIMA BENALI")
    expect(page.get_by_test_id("record-crossings")).to_contain_text("Admitted")
    expect(page.get_by_test_id("record-stays")).to_contain_text("still in the country")
    expect(page.get_by_test_id("record-visas")).to_contain_text("UTO-EV-77")
    assert accessibility_problems(page) == []
    opened = AccessEvent.objects.filter(purpose="Stay or overstay enquiry").get()
    assert (opened.object_id, opened.post_code, opened.detail) == (
        str(travellers.pk),
        "UCX",
        "Checking days used before an extension",
    )
