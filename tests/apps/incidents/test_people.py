"""The people met at an incident: each gets a person record (found by their document or by who they say they are,
else new) and is screened at once; reading them is an access event; what follows for them (a protection claim for
that very record, a referral sharing exactly the fields ticked, a note) and the items seized."""

from datetime import date

import pytest

from borderdesk.apps.asylum.models import Claim, ClaimEvent
from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.incidents import services
from borderdesk.apps.incidents.models import InvolvedPerson, SeizedItem
from borderdesk.apps.partners.models import Alert, Referral
from borderdesk.apps.people.services import traveller_of
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from tests.apps.incidents.conftest import form, person
from tests.apps.inspection.conftest import passport


@pytest.fixture
def rescue(patrol_officer, sea):
    return services.record_incident(patrol_officer, post=sea.post, form=form(sea.post))


def test_a_person_typed_gets_a_record_and_is_screened_at_once(patrol_officer, rescue, watchlist):
    met = services.add_person(patrol_officer, rescue.reference, person(health_needs="Hypothermia; diabetic"))
    assert (met.surname, met.given_names, met.birth_date) == ("AHMADI", "FARID", date(1990, 4, 1))
    assert met.traveller.surname == "AHMADI" and met.traveller.birth_date == date(1990, 4, 1)
    assert met.health_needs == "Hypothermia; diabetic" and met.document_mrz == ""
    screening = met.screening
    assert screening.purpose == f"Apprehended by patrol: rescue at sea {rescue.reference}"
    assert screening.post_code == "UTPSN" and screening.hits == 0 and screening.lists == {"national": 1}
    event = AuditEvent.objects.get(action="incidents.person.add", object_id=str(met.pk))
    assert event.new_values["screening"] == screening.pk and event.new_values["health_needs"] is True
    assert traveller_of(event.object_type, event.object_id) == met.traveller_id  # in the person's trail


def test_the_same_person_met_again_is_the_same_record_unless_no_birth_date_is_known(patrol_officer, sea, rescue):
    again = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post, minutes_ago=10))
    first = services.add_person(patrol_officer, rescue.reference, person())
    second = services.add_person(patrol_officer, again.reference, person(surname=" ahmadi "))
    assert first.traveller == second.traveller
    undated = [services.add_person(patrol_officer, rescue.reference, person(birth_date="")) for _ in range(2)]
    assert undated[0].traveller != undated[1].traveller != first.traveller


def test_a_listed_person_is_a_hit_with_the_action_to_take(patrol_officer, rescue, watchlist):
    wanted = person(surname="VOLKOV", given_names="SERGEI", birth_date="1971-03-04", nationality="UKR")
    met = services.add_person(patrol_officer, rescue.reference, wanted)
    assert met.screening.hits == 1 and met.screening.required_action == "arrest"
    page = services.incident_page(patrol_officer, rescue.reference)
    assert page.hits == 1 and page.people[0].matches[0].reason == "Absconded from custody"


def test_a_document_found_is_read_as_at_the_booth_and_names_the_person(patrol_officer, sea, rescue):
    zone = passport(surname="HADDAD", given="KARIM", number="SY7654321", nationality="SYR")
    met = services.add_person(patrol_officer, rescue.reference, services.PersonForm(document_zone=zone))
    assert (met.surname, met.given_names, met.nationality) == ("HADDAD", "KARIM", "SYR")
    assert met.document_number == "SY7654321"
    assert met.document_mrz == zone and met.document_check["valid"] and met.document_check["clear"]
    assert HeldDocument.objects.get(document_number="SY7654321").traveller == met.traveller
    again = services.add_person(patrol_officer, rescue.reference, services.PersonForm(document_zone="SY7654321 SYR"))
    assert again.traveller == met.traveller and again.document_check["typed"]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"document_zone": "P<SYRHADDAD<<KARIM"}, "not_an_mrz"),
        ({"document_zone": "X" * 301}, "document_zone_too_long"),
        ({"document_zone": "ZZ0000000 UTO"}, "document_not_on_record"),
        ({"surname": ""}, "surname_required"),
        ({"nationality": "ZZZ"}, "invalid_nationality"),
        ({"birth_date": "2999-01-01"}, "invalid_date"),
        ({"health_needs": "x" * 2001}, "health_needs_too_long"),
        ({"remarks": "x" * 10**6}, "remarks_too_long"),
    ],
)
def test_bad_input_about_a_person_is_a_clear_error_and_stores_nothing(patrol_officer, rescue, fields, code):
    travellers = Traveller.objects.count()
    with pytest.raises(Invalid) as refused:
        services.add_person(patrol_officer, rescue.reference, person(**fields))
    assert refused.value.code == code
    assert not InvolvedPerson.objects.exists() and Traveller.objects.count() == travellers


def test_reading_the_people_of_an_incident_is_an_access_event_for_each(patrol_officer, rescue):
    met = [services.add_person(patrol_officer, rescue.reference, person(given_names=name)) for name in ("A", "B")]
    before = AccessEvent.objects.count()
    page = services.incident_page(patrol_officer, rescue.reference)
    assert [row.person for row in page.people] == met
    reads = AccessEvent.objects.order_by("seq")[before:]
    assert [(e.object_type, e.object_id) for e in reads] == [("travellers.traveller", str(m.traveller_id)) for m in met]
    assert {e.purpose for e in reads} == {f"patrol incident {rescue.reference}"} and reads[0].post_code == "UTPSN"


def test_asking_for_protection_makes_a_claim_for_that_very_record(patrol_officer, rescue, unit):
    met = services.add_person(patrol_officer, rescue.reference, person(birth_date=""))  # no birth date: a new record
    asked = services.ask_for_protection(patrol_officer, met.pk)
    met.refresh_from_db()
    claim = met.claim
    assert asked.unit == unit and claim.claimant == met.traveller and claim.made_where == "patrol"
    assert claim.made_at_post == rescue.sector.post and claim.claimed_identity["surname"] == "AHMADI"
    assert met.protection_asked_at is not None
    with pytest.raises(Conflict) as twice:
        services.ask_for_protection(patrol_officer, met.pk)
    assert twice.value.code == "protection_already_asked" and Claim.objects.count() == 1


def test_a_person_with_a_claim_pending_is_asked_again_on_it(patrol_officer, sea, rescue, unit):
    first = services.add_person(patrol_officer, rescue.reference, person())
    services.ask_for_protection(patrol_officer, first.pk)
    later = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post, minutes_ago=5))
    again = services.add_person(patrol_officer, later.reference, person())
    asked = services.ask_for_protection(patrol_officer, again.pk)
    again.refresh_from_db()
    assert asked.unit is None and again.claim is None and again.protection_asked_at is not None
    assert Claim.objects.count() == 1 and ClaimEvent.objects.filter(kind="asked_again").count() == 1
    event = AuditEvent.objects.get(action="incidents.person.protection", object_id=str(again.pk))
    assert event.new_values == {"claim": None, "already_pending": True, "unit": None}


def test_a_patrol_on_a_land_crossings_border_makes_a_claim_too(land_officer, land, unit):
    incident = services.record_incident(land_officer, post=land.post, form=form(land.post, kind="apprehension"))
    met = services.add_person(land_officer, incident.reference, person())
    services.ask_for_protection(land_officer, met.pk)
    assert Claim.objects.get().made_where == "patrol"


def test_no_asylum_unit_is_a_clear_error_and_nothing_is_recorded(patrol_officer, rescue):
    met = services.add_person(patrol_officer, rescue.reference, person())
    with pytest.raises(Conflict) as refused:
        services.ask_for_protection(patrol_officer, met.pk)
    met.refresh_from_db()
    assert refused.value.code == "no_asylum_unit" and met.protection_asked_at is None and not Claim.objects.exists()


def test_a_referral_shares_exactly_the_fields_ticked(patrol_officer, rescue, police):
    met = services.add_person(patrol_officer, rescue.reference, person(health_needs="Broken arm"))
    services.seize_item(patrol_officer, rescue.reference, description="Outboard engine", quantity="1")
    referral = services.refer_person(
        patrol_officer,
        met.pk,
        partner=str(police.pk),
        kind="handover",
        reason="Suspected of steering the boat",
        chosen=["surname", "birth_date", "health_needs", "incident_reference", "seized_items", "surname"],
    )
    assert referral.shared == {
        "surname": "AHMADI",
        "birth_date": "1990-04-01",
        "health_needs": "Broken arm",
        "incident_reference": rescue.reference,
        "seized_items": "1 Outboard engine",
    }
    assert referral.traveller == met.traveller and referral.source == f"incident_person:{met.pk}"
    assert referral.post == rescue.sector.post and Alert.objects.get(referral=referral).event == "referral.made"
    assert services.incident_page(patrol_officer, rescue.reference).people[0].referrals == [referral]


@pytest.mark.parametrize(
    ("partner", "chosen", "code"),
    [
        ("", ["surname"], "partner_required"),
        ("987654", ["surname"], "partner_not_found"),
        (None, [], "nothing_shared"),
        (None, ["surname", "password"], "field_not_shareable"),
    ],
)
def test_a_referral_refused_says_why_and_makes_nothing(patrol_officer, rescue, police, partner, chosen, code):
    met = services.add_person(patrol_officer, rescue.reference, person())
    with pytest.raises(Invalid) as refused:
        services.refer_person(
            patrol_officer,
            met.pk,
            partner=str(police.pk) if partner is None else partner,
            kind="referral",
            reason="x",
            chosen=chosen,
        )
    assert refused.value.code == code and not Referral.objects.exists()


def test_another_sectors_officer_reaches_none_of_it(patrol_officer, land_officer, rescue, police, unit):
    met = services.add_person(patrol_officer, rescue.reference, person())
    attempts = [
        lambda: services.add_person(land_officer, rescue.reference, person()),
        lambda: services.ask_for_protection(land_officer, met.pk),
        lambda: services.refer_person(land_officer, met.pk, partner=police.pk, kind="referral", reason="x", chosen=[]),
        lambda: services.referral_form(land_officer, met.pk),
        lambda: services.note_outcome(land_officer, met.pk, "Removal"),
        lambda: services.seize_item(land_officer, rescue.reference, description="Knife"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert refused.value.code == "not_your_post"
    assert InvolvedPerson.objects.count() == 1 and not Claim.objects.exists() and not Referral.objects.exists()
    assert not SeizedItem.objects.exists()


def test_items_seized_and_what_else_follows(patrol_officer, rescue):
    item = services.seize_item(
        patrol_officer, rescue.reference, description=" Jerrycans ", quantity="6", held_by="Leixões station"
    )
    assert (item.description, item.quantity, item.held_by) == ("Jerrycans", "6", "Leixões station")
    with pytest.raises(Invalid) as refused:
        services.seize_item(patrol_officer, rescue.reference, description="")
    assert refused.value.code == "description_required"
    met = services.add_person(patrol_officer, rescue.reference, person())
    services.note_outcome(patrol_officer, met.pk, "Removal to Morocco arranged")
    noted = services.note_outcome(patrol_officer, met.pk, "Removal to Morocco on 3 August")
    assert noted.outcome == "Removal to Morocco on 3 August"
    event = AuditEvent.objects.filter(action="incidents.person.outcome").latest("seq")
    assert event.old_values == {"outcome": "Removal to Morocco arranged"}
    for text, code in (("  ", "outcome_required"), ("x" * 301, "outcome_too_long")):
        with pytest.raises(Invalid) as bad:
            services.note_outcome(patrol_officer, met.pk, text)
        assert bad.value.code == code
