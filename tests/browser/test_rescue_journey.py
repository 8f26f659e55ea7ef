"""A rescue at sea in Chromium: the officer logs a sea patrol, then records a rescue of three people from it,
adds them one after another (one injured, one with a passport read from its zone, one who gives only their name),
each screened at once; one asks for protection and the claim goes to the asylum unit; one is handed over to the
police, sharing exactly the fields ticked; the police acknowledge through the API and the incident's page shows it."""

import json
import re
import urllib.request
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.incidents.models import InvolvedPerson
from borderdesk.apps.partners.models import Partner, Referral
from borderdesk.apps.partners.services.management import create_account, issue_partner_token
from borderdesk.apps.patrols.models import Patrol, Sector, Unit
from borderdesk.apps.patrols.services import on_post_clock
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP
from tests.apps.inspection.conftest import passport
from tests.browser.conftest import accessibility_problems
from tests.browser.conftest import sign_in as sign_in_with_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-42"
UNIT = "Asylum unit Amaurot"


@pytest.fixture
def sea_patrol():
    """The north coast sector with its boat, the asylum unit, the patrol officer and the police."""
    post = create_post(
        SETUP, code="UTPSN", name="North coast", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    )
    create_post(SETUP, code="UTAS", name=UNIT, kind="inland_office", country="UTO", time_zone="Europe/Lisbon")
    create_user(
        SETUP, username="patrol", password=PASSWORD, roles=["patrol_officer"], posts=["UTPSN"], first_name="Kai"
    )
    police = Partner.objects.create(code="police", name="National Police", kind="police")
    create_account(SETUP, police.pk)
    sector = Sector.objects.get_or_create(post=post, defaults={"terrain": "sea"})[0]
    Unit.objects.create(sector=sector, kind="boat", call_sign="SEAHAWK 2", name="Rigid inflatable")
    return post


def test_a_rescue_of_three_from_the_patrol_to_the_police(page, live_server, sea_patrol):
    sign_in_with_code(page, "patrol", PASSWORD)
    page.get_by_role("link", name="Incidents").click()
    expect(page.get_by_test_id("no-incidents")).to_be_visible()

    # The sea patrol is logged: the boat set out an hour ago, on the sector's clock.
    page.get_by_role("link", name="Patrols").first.click()
    page.get_by_test_id("start-link").click()
    set_out = on_post_clock(sea_patrol, timezone.now() - timedelta(hours=1))
    page.get_by_test_id("tasking").fill("Night patrol off Leixões")
    page.get_by_test_id("day").fill(f"{set_out:%Y-%m-%d}")
    page.get_by_test_id("time").fill(f"{set_out:%H:%M}")
    page.get_by_test_id("start").click()
    expect(page.get_by_test_id("patrol-heading")).to_contain_text("SEAHAWK 2")
    patrol = Patrol.objects.get(unit__call_sign="SEAHAWK 2")

    page.get_by_test_id("record-incident").click()  # from the patrol's page
    expect(page.get_by_test_id("patrol")).to_have_value(str(patrol.pk))
    page.get_by_test_id("kind").select_option("rescue")
    page.get_by_test_id("latitude").fill("41.262")
    page.get_by_test_id("longitude").fill("-8.7714")
    page.get_by_test_id("place").fill("2 nautical miles off Leixões breakwater")
    page.get_by_test_id("circumstances").fill("Inflatable boat taking water; three people taken aboard.")
    page.get_by_test_id("latitude").fill("141.262")  # a slip of the finger: refused, nothing lost
    assert accessibility_problems(page) == []
    page.get_by_test_id("record-incident").click()
    expect(page.get_by_test_id("error-code")).to_have_text("latitude_out_of_range")
    expect(page.get_by_test_id("place")).to_have_value("2 nautical miles off Leixões breakwater")
    page.get_by_test_id("latitude").fill("41.262")
    page.get_by_test_id("record-incident").click()
    expect(page.get_by_test_id("reference")).to_have_text(re.compile(r"INC-UTPSN-\d{4}-000001"))
    expect(page.get_by_test_id("incident-facts")).to_contain_text("SEAHAWK 2")

    _add(page, surname="DIALLO", given="MARIAMA", born="1998-05-17", nationality="GIN", health="Hypothermia")
    zone = passport(surname="NDIAYE", given="IBRAHIMA", number="A01928374", nationality="SEN", born=date(1991, 1, 9))
    page.get_by_test_id("document-zone").fill(zone)
    page.get_by_test_id("add-person").click()
    expect(page.get_by_test_id("document-check")).to_contain_text("genuine and valid")
    _add(page, surname="KEITA", given="SEKOU", born="", nationality="MLI")
    people = list(InvolvedPerson.objects.order_by("pk"))
    assert [p.surname for p in people] == ["DIALLO", "NDIAYE", "KEITA"]
    for person in people:
        expect(page.get_by_test_id(f"person-{person.pk}").get_by_test_id("screening")).to_contain_text(
            "No watchlist match"
        )
    expect(page.get_by_test_id(f"person-{people[0].pk}").get_by_test_id("health-needs")).to_contain_text("Hypothermia")
    assert accessibility_problems(page) == []

    asking, skipper = people[2], people[1]
    page.get_by_test_id(f"person-{asking.pk}").get_by_test_id("ask-protection").click()
    expect(page.get_by_role("status").first).to_contain_text(f"it went to the asylum unit ({UNIT})")
    expect(page.get_by_test_id(f"person-{asking.pk}").get_by_test_id("claim")).to_contain_text("claim made")
    assert Claim.objects.get().claimant == InvolvedPerson.objects.get(pk=asking.pk).traveller

    page.get_by_test_id(f"person-{skipper.pk}").get_by_test_id("refer").click()
    page.get_by_test_id("partner").select_option(label="National Police (Police)")
    page.locator("label[for=kind-handover]").click()  # USWDS draws the radio on the label
    page.get_by_test_id("reason").fill("Suspected of steering the boat.")
    for field in ("surname", "given_names", "document_number", "incident_reference"):
        page.locator(f"label[for=field-{field}]").click()
    assert accessibility_problems(page) == []
    page.get_by_test_id("make-referral").click()
    referral = Referral.objects.get()
    row = page.get_by_test_id(f"person-{skipper.pk}").get_by_test_id(f"referral-{referral.reference}")
    expect(row).to_contain_text("Handed over to National Police")
    expect(row.get_by_test_id("not-acknowledged")).to_be_visible()
    assert set(referral.shared) == {"surname", "given_names", "document_number", "incident_reference"}
    assert referral.shared["document_number"] == "A01928374"

    # The police's system, with its agency's token, reads the hand-over and acknowledges it.
    _, token = issue_partner_token(SETUP, Partner.objects.get(code="police").pk, name="police case system")
    seen = _api(live_server, token, f"/api/v1/partners/referrals/{referral.reference}")
    assert seen["shared"]["surname"] == "NDIAYE" and "source" not in seen and seen["state"] == "made"
    body = {"officer": "Insp. Rui Costa", "partner_reference": "PSP-2026-4471"}
    answer = _api(live_server, token, f"/api/v1/partners/referrals/{referral.reference}/acknowledge", body)
    assert answer["state"] == "acknowledged"
    page.reload()
    row = page.get_by_test_id(f"person-{skipper.pk}").get_by_test_id(f"referral-{referral.reference}")
    expect(row.get_by_test_id("acknowledged")).to_contain_text("by Insp. Rui Costa (their reference PSP-2026-4471)")
    row.get_by_role("link", name=referral.reference).click()
    expect(page).to_have_url(re.compile(f"/partners/referrals/{referral.reference}/$"))
    expect(page.locator("main")).to_contain_text("PSP-2026-4471")


def _add(page, *, surname, given, born, nationality, health=""):
    page.get_by_test_id("surname").fill(surname)
    page.get_by_test_id("given-names").fill(given)
    page.get_by_test_id("birth-date").fill(born)
    page.get_by_test_id("nationality").fill(nationality)
    page.get_by_test_id("health-needs-input").fill(health)
    page.get_by_test_id("add-person").click()
    expect(page).to_have_url(re.compile(r"#person-\d+$"))


def _api(live_server, token: str, path: str, body: dict | None = None) -> dict:
    """The partner's own system calling the API over HTTP, with its bearer token (no browser, no session)."""
    request = urllib.request.Request(
        live_server.url + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())
