"""Making a protection claim: at the booth, in secondary, by a patrol, at an office; the reference, the deadline,
the household; asking again is not a second claim, nor is two officers making one at once."""

from datetime import date

import pytest
from django.test import override_settings

from borderdesk.apps.asylum.models import Claim, ClaimEvent
from borderdesk.apps.asylum.services.making import Identity, Member, make_at_inspection, make_for_person
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.inspection import services as inspection
from borderdesk.apps.posts.services import create_post
from borderdesk.core.casework.asylum import registration_due
from borderdesk.core.casework.deadlines import WorkingCalendar
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift


@pytest.fixture
def sector(db):
    return create_post(
        SETUP, code="UTPS1", name="Patrol sector East", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def patrol(make_user, sector):
    return make_user("patrol", "patrol_officer", posts=[sector.code])


@pytest.fixture
def inspected(officer, port, unit):
    session = open_booth_on_shift(officer, port.booths.get(code="A01"))
    return inspection.start_inspection(
        officer, session, passport(surname="HADDAD", given="KARIM", nationality="SYR"), today=TODAY
    )


def typed(surname="AHMADI", given="FARID", born="1990-04-01", nationality="AFG", sex="M"):
    return Identity.typed(
        {"surname": surname, "given_names": given, "birth_date": born, "nationality": nationality, "sex": sex}
    )


def test_a_claim_at_the_booth_goes_to_the_unit_with_its_reference_and_deadline(officer, inspected, unit, port):
    made = make_at_inspection(officer, inspected)
    claim = made.claim
    year = port.local_date().year
    assert made.unit == unit and claim.post == unit and claim.made_at_post == port
    assert claim.reference == f"PC-UTAS-{year}-000001" and claim.made_where == "booth" and claim.documented
    assert claim.inspection_id == inspected.pk and claim.claimant_id == inspected.traveller_id
    assert claim.registration_due == registration_due(claim.made_on, "booth", WorkingCalendar("UTO"))
    assert ClaimEvent.objects.get(claim=claim).kind == "made"
    event = AuditEvent.objects.get(action="asylum.claim.make")
    assert event.new_values["unit"] == "UTAS" and event.post_code == port.code


def test_references_count_per_unit_and_year(patrol, sector, unit):
    first = make_for_person(patrol, post=sector, identity=typed()).claim
    second = make_for_person(patrol, post=sector, identity=typed(surname="NOORI")).claim
    assert [first.reference[-6:], second.reference[-6:]] == ["000001", "000002"]


def test_a_patrol_types_the_identity_and_gets_six_working_days(patrol, sector, unit):
    claim = make_for_person(patrol, post=sector, identity=typed()).claim
    assert claim.made_where == "patrol" and not claim.documented
    assert claim.claimed_identity["surname"] == "AHMADI" and claim.claimant.nationality == "AFG"
    assert claim.registration_due == registration_due(claim.made_on, "patrol", WorkingCalendar("UTO"))
    with pytest.raises(Invalid) as refused:
        make_for_person(patrol, post=sector, identity=None)
    assert refused.value.code == "identity_required"


def test_a_patrol_names_the_record_of_a_person_it_met_only_with_who_they_say_they_are(patrol, sector, unit, inspected):
    """#17 incidents: the person met at an incident has a record made then; the claim is that very record's."""
    for call in (
        lambda: make_for_person(patrol, post=sector, traveller=inspected.traveller_id, identity=typed()),
        lambda: make_for_person(patrol, post=sector, traveller=inspected.traveller_id, met_on_patrol=True),
    ):
        with pytest.raises(Invalid) as refused:
            call()
        assert refused.value.code == "identity_required"
    met = make_for_person(patrol, post=sector, identity=typed(), traveller=inspected.traveller_id, met_on_patrol=True)
    assert met.claim.claimant_id == inspected.traveller_id and met.claim.made_where == "patrol"
    assert met.claim.documented and met.claim.claimed_identity["surname"] == "AHMADI"


def test_an_asylum_officer_at_the_office_makes_one_for_a_traveller_on_record(asylum_officer, unit, inspected):
    claim = make_for_person(asylum_officer, post=unit, traveller=inspected.traveller_id).claim
    assert claim.made_where == "office" and claim.documented and claim.claimant_id == inspected.traveller_id
    assert claim.registration_due == registration_due(claim.made_on, "office", WorkingCalendar("UTO"))


def test_household_members_each_get_a_linked_claim(patrol, sector, unit):
    child = Member("daughter", typed(given="LEILA", born="2016-02-02", sex="F"))
    made = make_for_person(patrol, post=sector, identity=typed(), members=(child,))
    [member] = made.members
    assert member.principal == made.claim and member.relationship == "daughter"
    assert member.claimant.given_names == "LEILA" and member.post == unit and member.reference != made.claim.reference


def test_asking_again_is_recorded_on_the_open_claim_and_the_maker_learns_only_that_one_is_pending(
    officer, inspected, unit, patrol, sector
):
    first = make_at_inspection(officer, inspected).claim
    with pytest.raises(Conflict) as refused:
        make_at_inspection(officer, inspected)
    assert refused.value.code == "claim_already_pending"
    assert first.reference not in refused.value.message and unit.name in refused.value.message
    assert Claim.objects.count() == 1
    asked = ClaimEvent.objects.get(claim=first, kind="asked_again")
    assert "TST" in asked.text
    assert AuditEvent.objects.filter(action="asylum.claim.asked_again", object_id=str(first.pk)).exists()


def test_the_unit_may_be_set_and_a_missing_one_is_a_clear_error(patrol, sector, unit, other_unit):
    with override_settings(BORDERDESK_ASYLUM_UNIT="UTAS2"):
        assert make_for_person(patrol, post=sector, identity=typed()).claim.post == other_unit
    with override_settings(BORDERDESK_ASYLUM_UNIT="NOPE"), pytest.raises(Conflict) as refused:
        make_for_person(patrol, post=sector, identity=typed(surname="OTHER"))
    assert refused.value.code == "no_asylum_unit" and Claim.objects.count() == 1


def test_only_at_ones_own_post_and_with_the_permission(patrol, sector, unit, make_user, port, auditor):
    elsewhere = make_user("patrol2", "patrol_officer", posts=[port.code])
    for actor in (elsewhere, auditor):
        with pytest.raises(PermissionDenied):
            make_for_person(actor, post=sector, identity=typed())
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"surname": "", "nationality": "AFG"}, "surname_required"),
        ({"surname": "X" * 101, "nationality": "AFG"}, "surname_required"),
        ({"surname": "A", "nationality": "ZZZ"}, "invalid_nationality"),
        ({"surname": "A", "nationality": "AFG", "birth_date": "1990-13-01"}, "invalid_date"),
        ({"surname": "A", "nationality": "AFG", "birth_date": "2999-01-01"}, "invalid_date"),
        ({"surname": "A", "nationality": "AFG", "sex": "Q"}, "invalid_sex"),
    ],
)
def test_a_typed_identity_is_checked(fields, code):
    with pytest.raises(Invalid) as refused:
        Identity.typed(fields)
    assert refused.value.code == code


def test_a_port_makes_claims_from_the_inspection(make_user, port, unit):
    border = make_user("border2", "border_officer", posts=[port.code])
    with pytest.raises(Invalid) as refused:
        make_for_person(border, post=port, identity=typed())
    assert refused.value.code == "make_claim_from_inspection"


def test_a_household_member_needs_a_relationship(patrol, sector, unit):
    with pytest.raises(Invalid) as refused:
        make_for_person(
            patrol, post=sector, identity=typed(), members=(Member("", typed(given="X", born=str(date(2015, 1, 1)))),)
        )
    assert refused.value.code == "relationship_required" and not Claim.objects.exists()


def test_an_unknown_record_number_is_a_clear_error(asylum_officer, unit):
    with pytest.raises(Invalid) as refused:
        make_for_person(asylum_officer, post=unit, traveller=987654)
    assert refused.value.code == "traveller_not_found" and not Claim.objects.exists()


def test_household_members_named_when_asking_again_are_recorded_on_the_open_claim(patrol, sector, unit, officer, port):
    first = make_for_person(patrol, post=sector, identity=typed()).claim
    cousin = typed(surname="RAHIMI", given="OMID", born="1995-05-05")
    cousins_own = make_for_person(patrol, post=sector, identity=cousin).claim
    child = Member("son", typed(given="ALI", born="2018-03-03"))
    with pytest.raises(Conflict) as refused:
        make_for_person(patrol, post=sector, identity=typed(), members=(child, Member("cousin", cousin)))
    assert refused.value.code == "claim_already_pending" and first.reference not in refused.value.message

    [linked] = Claim.objects.filter(principal=first)
    assert linked.claimant.given_names == "ALI" and linked.relationship == "son" and linked.post == unit
    assert linked.made_at_post == sector and linked.made_where == "patrol"
    assert ClaimEvent.objects.filter(claim=linked, kind="made").exists()
    assert Claim.objects.count() == 3  # the cousin's own claim is not doubled, nor is the principal's
    assert ClaimEvent.objects.filter(claim=cousins_own, kind="asked_again").count() == 1
    asked = ClaimEvent.objects.get(claim=first, kind="asked_again")
    assert "1 linked to this household, 1 with an open claim of their own" in asked.text
    assert "ALI" not in asked.text and "RAHIMI" not in asked.text and asked.details["linked"] == [linked.pk]
    audit = AuditEvent.objects.get(action="asylum.claim.asked_again", object_id=str(first.pk))
    assert audit.new_values["members_linked"] == [linked.pk] and audit.new_values["members_already_pending"] == 1


def test_a_dependant_asking_again_names_members_of_the_same_household(patrol, sector, unit):
    spouse = Member("wife", typed(surname="AHMADI", given="SARA", born="1992-01-01", sex="F"))
    made = make_for_person(patrol, post=sector, identity=typed(), members=(spouse,))
    [wife] = made.members
    with pytest.raises(Conflict):
        make_for_person(
            patrol,
            post=sector,
            identity=typed(given="SARA", born="1992-01-01", sex="F"),
            members=(Member("daughter", typed(given="MINA", born="2020-06-06", sex="F")),),
        )
    daughter = Claim.objects.get(claimant__given_names="MINA")
    assert daughter.principal == made.claim and daughter.relationship == "daughter"
    assert ClaimEvent.objects.filter(claim=wife, kind="asked_again").exists()


def test_a_member_named_again_without_a_relationship_saves_nothing(patrol, sector, unit):
    first = make_for_person(patrol, post=sector, identity=typed()).claim
    with pytest.raises(Invalid) as refused:
        make_for_person(patrol, post=sector, identity=typed(), members=(Member(" ", typed(given="ALI")),))
    assert refused.value.code == "relationship_required"
    assert Claim.objects.count() == 1 and not ClaimEvent.objects.filter(claim=first, kind="asked_again").exists()
