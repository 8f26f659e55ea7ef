"""Registering a claim (identity as claimed beside the documented one, languages, vulnerabilities, the sealed
narrative, the household), the decision deadline, the claimant card; and the unit's queue."""

from datetime import date

import pytest

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services import claims
from borderdesk.apps.asylum.services.making import Identity, Member
from borderdesk.apps.asylum.services.queue import unit_queue
from borderdesk.apps.asylum.services.registration import card_number, claimant_card, register, registration_of
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.core.casework.asylum import decision_due_after
from borderdesk.core.documents.checkdigit import check_digit_holds
from tests.apps.asylum.conftest import make_claim, make_claimant

REASON = "Registering the claim with the claimant"
NARRATIVE = "Fled after the militia burned the family shop in Homs."
CLAIMED = {"surname": "HASSAN", "given_names": "AMINA", "birth_date": "1990-07-03", "nationality": "SYR", "sex": "F"}


def opened(actor, claim):
    claims.open_claim(actor, claim.reference, purpose="casework", reason=REASON)
    return claim


def do_register(actor, claim, *, version=1, **changes):
    fields = {
        "identity": Identity.typed(CLAIMED),
        "languages": ["ar", "en"],
        "vulnerabilities": ["trauma"],
        "narrative": NARRATIVE,
    }
    return register(actor, claim.reference, version=version, **{**fields, **changes})


def test_registration_records_the_claim_starts_the_decision_clock_and_issues_the_card(claim, asylum_officer, unit):
    opened(asylum_officer, claim)
    child = Member(
        "son",
        Identity.typed({"surname": "HASSAN", "given_names": "OMAR", "birth_date": "2018-05-05", "nationality": "SYR"}),
    )
    done = do_register(asylum_officer, claim, members=(child,))
    today = unit.local_date()
    assert done.state == "registered" and done.registered_at and done.decision_due == decision_due_after(today)
    assert done.claimed_identity["birth_date"] == "1990-07-03" and done.languages == ["ar", "en"]
    assert done.vulnerabilities == ["trauma"]
    assert done.card_number.startswith("UTOAS") and len(done.card_number) == 13
    assert check_digit_holds(done.card_number[:-1], done.card_number[-1])
    [son] = Claim.objects.filter(principal=done)
    assert son.relationship == "son" and son.state == "claimed"
    assert NARRATIVE.encode() not in bytes(Claim.objects.get(pk=claim.pk).narrative_sealed)
    view = registration_of(asylum_officer, claim.reference)
    assert view.narrative == NARRATIVE and view.claimed["given_names"] == "AMINA"
    assert view.documented["birth_date"] == "1991-07-03", "the documented identity is kept beside the claimed one"
    actions = set(AuditEvent.objects.filter(object_id=str(claim.pk)).values_list("action", flat=True))
    assert {"asylum.claim.register", "asylum.claim.update", "asylum.card.issue"} <= actions
    for event in AuditEvent.objects.filter(object_type="asylum.claim"):
        assert NARRATIVE not in str(event.new_values) and "AMINA" not in str(event.new_values)


def test_the_card_is_a_pdf_that_is_not_a_travel_document(claim, asylum_officer):
    opened(asylum_officer, claim)
    with pytest.raises(Conflict) as refused:
        claimant_card(asylum_officer, claim.reference)
    assert refused.value.code == "card_not_issued"
    do_register(asylum_officer, claim)
    pdf = claimant_card(asylum_officer, claim.reference)
    assert pdf.startswith(b"%PDF") and claimant_card(asylum_officer, claim.reference) == pdf


def test_card_numbers_are_unique_and_checked(unit, port):
    first = make_claim(unit, port, make_claimant())
    second = make_claim(unit, port, make_claimant(number="N999"), reference="PC-UTAS-2026-000002")
    assert card_number(first) != card_number(second)


def test_a_child_alone_is_an_unaccompanied_minor(claim, asylum_officer):
    opened(asylum_officer, claim)
    child = Identity.typed({**CLAIMED, "birth_date": "2012-01-01"})
    done = do_register(asylum_officer, claim, identity=child, vulnerabilities=[])
    assert done.vulnerabilities == ["unaccompanied_minor"]


def test_a_stale_form_or_a_second_registration_is_refused(claim, asylum_officer):
    opened(asylum_officer, claim)
    with pytest.raises(Conflict) as refused:
        do_register(asylum_officer, claim, version=7)
    assert refused.value.code == "claim_changed"
    do_register(asylum_officer, claim)
    with pytest.raises(Conflict) as refused:
        do_register(asylum_officer, claim, version=2)
    assert refused.value.code == "claim_already_registered"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"languages": []}, "invalid_languages"),
        ({"languages": ["arabic"]}, "invalid_languages"),
        ({"languages": ["ar"] * 7 + ["en"] * 0 + ["fa", "ps", "ku", "tr", "ru", "de"]}, "invalid_languages"),
        ({"vulnerabilities": ["royalty"]}, "invalid_vulnerability"),
        ({"narrative": "x" * 10001}, "text_too_long"),
    ],
)
def test_bad_registration_input_is_refused_and_nothing_changes(claim, asylum_officer, changes, code):
    opened(asylum_officer, claim)
    with pytest.raises(Invalid) as refused:
        do_register(asylum_officer, claim, **changes)
    assert refused.value.code == code
    assert Claim.objects.get(pk=claim.pk).state == "claimed"


def test_only_with_an_opening_and_only_the_units_officers(claim, asylum_officer, outsider_officer, officer):
    with pytest.raises(PermissionDenied) as refused:
        do_register(asylum_officer, claim)
    assert refused.value.code == "opening_required"
    for user in (outsider_officer, officer):
        with pytest.raises(PermissionDenied):
            do_register(user, claim)


def test_the_queue_shows_claims_to_register_mine_and_for_seniors_all(
    claim, asylum_officer, colleague, unit_senior, unit, port
):
    other = make_claim(unit, port, make_claimant(surname="NOORI", number="N777"), reference="PC-UTAS-2026-000002")
    queue = unit_queue(colleague, post=unit)
    assert [row.reference for row in queue.to_register] == [claim.reference, other.reference]
    assert queue.mine == [] and queue.unit_claims == [] and not queue.is_senior
    row = queue.to_register[0]
    assert row.deadline == claim.registration_due and row.household_size == 1 and row.assigned
    assert row.warning == "overdue"  # made on 2026-03-02, long past
    claims.take(colleague, other.reference)
    assert [row.reference for row in unit_queue(colleague, post=unit).mine] == [other.reference]
    assert len(unit_queue(unit_senior, post=unit).unit_claims) == 2
    with pytest.raises(PermissionDenied):
        unit_queue(asylum_officer, post=port)
    assert not hasattr(row, "narrative") and date(2026, 3, 2) == row.made_on


def test_the_units_senior_reads_the_registration_but_does_not_register_or_take(
    claim, asylum_officer, unit_senior, unit
):
    opened(asylum_officer, claim)
    do_register(asylum_officer, claim)
    claims.open_claim(unit_senior, claim.reference, purpose="supervision", reason="Checking the registration")
    assert registration_of(unit_senior, claim.reference).narrative == NARRATIVE
    assert not unit_queue(unit_senior, post=unit).may_take and unit_queue(asylum_officer, post=unit).may_take
