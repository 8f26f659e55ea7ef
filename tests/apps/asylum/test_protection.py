"""Non-refoulement at the border: a traveller whose claim protects them is not refused, their custody does not end
in removal (each block audited), they may be admitted to the asylum procedure without a date; the border learns only
that a claim is pending (or protection granted) and which unit to contact."""

from datetime import date, timedelta

import pytest

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services.making import make_at_inspection
from borderdesk.apps.asylum.services.protection import protection_notice, protection_status
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.inspection import services as inspection
from borderdesk.apps.inspection.models import Approval, Status
from borderdesk.apps.travellers.models import Crossing
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift

BLOCK = "inspection.protection.block"


@pytest.fixture
def senior(make_user, port):
    return make_user("senior", "senior_officer", posts=[port.code])


@pytest.fixture
def second_senior(make_user, port):
    return make_user("senior2", "senior_officer", posts=[port.code])


@pytest.fixture
def inspected(officer, port, unit):
    session = open_booth_on_shift(officer, port.booths.get(code="A01"))
    return inspection.start_inspection(officer, session, passport(surname="HADDAD", nationality="SYR"), today=TODAY)


def refuse(actor, inspected, key="r1", kind="refuse", **extra):
    inspected.refresh_from_db()
    return inspection.decide(
        actor,
        inspected,
        kind=kind,
        grounds=["UIA-12-1-e"],
        departure_reason="documents contradict the stated purpose",
        idempotency_key=key,
        version=inspected.version,
        today=TODAY,
        **extra,
    )


def test_protection_status_follows_the_claims_state(officer, inspected):
    traveller = inspected.traveller_id
    assert protection_status(traveller) is None and protection_notice(traveller) is None
    claim = make_at_inspection(officer, inspected).claim
    assert protection_status(traveller) == "pending"
    Claim.objects.filter(pk=claim.pk).update(
        state="decided", outcome="rejected", appeal_until=TODAY + timedelta(days=3)
    )
    assert protection_status(traveller, TODAY) == "pending"  # a negative decision may still be appealed
    assert protection_status(traveller, TODAY + timedelta(days=4)) is None
    Claim.objects.filter(pk=claim.pk).update(state="closed", outcome="refugee_status")
    assert protection_status(traveller) == "granted"
    assert "holds international protection" in protection_notice(traveller).text
    Claim.objects.filter(pk=claim.pk).update(state="withdrawn", outcome="")
    assert protection_status(traveller) is None


def test_the_notice_says_only_that_a_claim_is_pending_and_the_unit(officer, inspected, unit):
    claim = make_at_inspection(officer, inspected).claim
    text = protection_notice(inspected.traveller_id).text
    assert text == f"A protection claim is pending: contact the asylum unit ({unit.name})."
    assert claim.reference not in text and "claimed" not in text


def test_a_refusal_of_a_claimant_is_blocked_and_audited(officer, inspected):
    make_at_inspection(officer, inspected)
    with pytest.raises(Conflict) as blocked:
        refuse(officer, inspected)
    assert blocked.value.code == "protection_claim_pending" and "asylum unit" in blocked.value.message
    event = AuditEvent.objects.get(action=BLOCK)
    assert event.new_values == {"blocked": "refusal", "traveller": inspected.traveller_id}
    inspected.refresh_from_db()
    assert inspected.status == Status.OPEN and not inspected.decisions.exists()


def test_a_refusal_decided_before_the_claim_is_not_approved_after_it(officer, senior, inspected):
    decision = refuse(officer, inspected)
    assert decision.approval == Approval.PENDING
    make_at_inspection(officer, inspected)
    with pytest.raises(Conflict) as blocked:
        inspection.approve(senior, decision, approved=True, today=TODAY)
    assert blocked.value.code == "protection_claim_pending"
    decision.refresh_from_db()
    assert decision.approval == Approval.PENDING and not Crossing.objects.filter(outcome="refused").exists()
    assert AuditEvent.objects.filter(action=BLOCK).count() == 1
    rejected = inspection.approve(senior, decision, approved=False, note="protection claim made", today=TODAY)
    assert rejected.approval == Approval.REJECTED


def test_a_detention_may_go_on_but_not_end_in_removal(officer, senior, second_senior, inspected):
    detained = refuse(officer, inspected, kind="detain", custody={"reason": "forged visa", "place": "holding room 2"})
    inspection.approve(senior, detained, approved=True, today=TODAY)
    make_at_inspection(officer, inspected)
    with pytest.raises(Conflict) as blocked:
        inspection.end_custody(officer, detained.custody, outcome="removal", removal_reference="RM-1")
    assert blocked.value.code == "protection_claim_pending"
    detained.custody.refresh_from_db()
    assert detained.custody.ended_at is None
    assert AuditEvent.objects.get(action=BLOCK).new_values["blocked"] == "removal"
    ended = inspection.end_custody(officer, detained.custody, outcome="released")
    assert ended.outcome == "released"


def test_admission_to_the_asylum_procedure_needs_a_claim_and_has_no_end_date(officer, inspected):
    inspected.refresh_from_db()
    with pytest.raises(Invalid) as refused:
        inspection.decide(
            officer,
            inspected,
            kind="admit",
            class_of_admission="asylum_procedure",
            idempotency_key="a0",
            version=inspected.version,
            today=TODAY,
        )
    assert refused.value.code == "no_protection_claim"
    make_at_inspection(officer, inspected)
    inspected.refresh_from_db()
    decision = inspection.decide(
        officer,
        inspected,
        kind="admit",
        class_of_admission="asylum_procedure",
        admit_until=date(2031, 1, 1),
        idempotency_key="a1",
        version=inspected.version,
        today=TODAY,
    )
    assert decision.class_of_admission == "asylum_procedure" and decision.admit_until is None
    crossing = Crossing.objects.get()
    assert crossing.class_of_admission == "asylum_procedure" and crossing.admitted_until is None


def test_a_claim_on_a_record_merged_into_another_still_protects_the_person(officer, inspected, port):
    """Merging two records of one person moves documents and crossings, not claims: the claim still counts."""
    from borderdesk.apps.asylum.services.making import make_at_inspection as ask_again
    from borderdesk.apps.travellers.models import Traveller
    from borderdesk.apps.travellers.services import merge_travellers

    claim = make_at_inspection(officer, inspected).claim
    keep = Traveller.objects.create(surname="HADDAD", given_names="KARIM", nationality="SYR")
    merge_travellers(officer, keep, inspected.traveller, reason="same person, two passports", post_code=port.code)
    assert protection_status(keep.pk) == "pending"
    again = inspection.start_inspection(
        officer, inspected.session, passport(surname="HADDAD", nationality="SYR"), today=TODAY
    )
    assert again.traveller_id == keep.pk
    with pytest.raises(Conflict) as blocked:
        refuse(officer, again, key="after-merge")
    assert blocked.value.code == "protection_claim_pending"
    with pytest.raises(Conflict) as pending:
        ask_again(officer, again)
    assert pending.value.code == "claim_already_pending"
    assert Claim.objects.count() == 1 and Claim.objects.get().pk == claim.pk
