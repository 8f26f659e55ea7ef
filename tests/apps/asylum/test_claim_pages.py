"""The claims part's pages: asking for protection on the booth's panel (the notice only, the refusal blocked), the
person page's notice, the patrol's page, the registration panel and card, the unit's queue."""

import pytest
from django.urls import reverse

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.inspection import services as inspection
from borderdesk.apps.posts.services import create_post
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift

REASON = "Registering the claim with the claimant"


@pytest.fixture
def inspected(officer, port, unit):
    session = open_booth_on_shift(officer, port.booths.get(code="A01"))
    return inspection.start_inspection(officer, session, passport(surname="HADDAD", nationality="SYR"), today=TODAY)


def test_the_booth_records_the_claim_and_then_shows_only_the_notice(client_for, officer, inspected, unit):
    http = client_for(officer)
    answer = http.post(reverse("inspection:ask-protection", args=[inspected.pk]), {})
    page = answer.content.decode()
    claim = Claim.objects.get()
    assert answer.status_code == 200 and f"A protection claim is pending: contact the asylum unit ({unit.name})" in page
    assert claim.reference not in page and 'data-testid="ask-protection"' not in page
    again = http.post(reverse("inspection:ask-protection", args=[inspected.pk]), {})
    assert again.status_code == 409 and "claim_already_pending" in again.content.decode()
    assert claim.reference not in again.content.decode()
    inspected.refresh_from_db()
    refused = http.post(
        reverse("inspection:decide", args=[inspected.pk]),
        {
            "kind": "refuse",
            "grounds": "UIA-12-1-e",
            "departure_reason": "x",
            "idempotency_key": "k",
            "version": inspected.version,
        },
    )
    assert refused.status_code == 409 and "protection_claim_pending" in refused.content.decode()


def test_the_person_page_shows_only_the_notice(client_for, make_user, port, officer, inspected):
    from borderdesk.apps.asylum.services.making import make_at_inspection

    claim = make_at_inspection(officer, inspected).claim
    http = client_for(officer)
    answer = http.post(
        reverse("people:record", args=[inspected.traveller_id]),
        {"purpose": "secondary_inspection", "reason": "checking the traveller's history"},
    )
    page = answer.content.decode()
    assert answer.status_code == 200, page[:500]
    assert "A protection claim is pending" in page and claim.reference not in page and "claimed" not in page.lower()


def test_a_patrol_records_a_claim_and_keeps_what_was_typed_on_an_error(client_for, make_user, unit):
    sector = create_post(
        SETUP, code="UTPS1", name="Patrol East", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    )
    http = client_for(make_user("patrol", "patrol_officer", posts=[sector.code]))
    wrong = http.post(reverse("asylum:make"), {"surname": "AHMADI", "nationality": "QQQ"})
    assert wrong.status_code == 422 and 'value="AHMADI"' in wrong.content.decode()
    made = http.post(reverse("asylum:make"), {"surname": "AHMADI", "given_names": "FARID", "nationality": "AFG"})
    assert made.status_code == 200 and unit.name in made.content.decode()
    assert Claim.objects.get().made_where == "patrol"


def test_registering_on_the_claim_page_and_the_queue(client_for, claim, asylum_officer, unit):
    http = client_for(asylum_officer)
    queue = http.get(reverse("asylum:queue")).content.decode()
    assert claim.reference in queue and "HASSAN" not in queue
    http.post(reverse("asylum:open", args=[claim.reference]), {"purpose": "casework", "reason": REASON})
    page = http.get(reverse("asylum:claim", args=[claim.reference])).content.decode()
    assert 'data-testid="register-form"' in page and 'data-testid="identity-documented"' in page
    form = {
        "version": "1",
        "surname": "HASSAN",
        "given_names": "AMINA",
        "birth_date": "1990-07-03",
        "nationality": "SYR",
        "languages": "ar, en",
        "narrative": "Fled the war",
        "member_relationship": "son",
        "member_surname": "HASSAN",
        "member_given_names": "OMAR",
        "member_birth_date": "2018-05-05",
        "member_nationality": "SYR",
    }
    bad = http.post(reverse("asylum:register", args=[claim.reference]), {**form, "languages": "arabic"})
    assert (
        bad.status_code == 422
        and "invalid_languages" in bad.content.decode()
        and "Fled the war" in bad.content.decode()
    )
    done = http.post(reverse("asylum:register", args=[claim.reference]), form)
    assert done.status_code == 302
    page = http.get(reverse("asylum:claim", args=[claim.reference])).content.decode()
    registered = Claim.objects.get(pk=claim.pk)
    assert registered.card_number in page and Claim.objects.filter(principal=registered).count() == 1
    card = http.get(reverse("asylum:card", args=[claim.reference]))
    assert card.status_code == 200 and card["Content-Type"] == "application/pdf"
