"""Deciding a claim: a proposal (reasons sealed) that takes effect only on a senior officer's review, never the
proposer's; no other path sets an outcome."""

from datetime import timedelta

import pytest

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services import claims, decisions
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.common.services import atomic_block
from borderdesk.core.casework.asylum import APPEAL_DAYS
from tests.actors import SETUP
from tests.apps.asylum import steps

REASONS = "The claimant's account is consistent with the country information on targeted journalists."


def test_a_proposal_keeps_its_reasons_sealed_and_waits_for_review(claim, asylum_officer):
    steps.proposed(claim, asylum_officer, reasons=REASONS)
    record = Claim.objects.get(pk=claim.pk)
    assert (record.state, record.proposed_outcome, record.outcome) == ("decision_proposed", "refugee_status", "")
    assert REASONS.encode() not in bytes(record.reasons_sealed)
    assert decisions.proposed_reasons(asylum_officer, claim.reference) == REASONS
    assert not any(REASONS in e.text for e in record.events.all())
    event = AuditEvent.objects.filter(action="asylum.decision.propose", object_id=str(claim.pk)).get()
    assert REASONS not in str(event.new_values)


def test_the_senior_approves_and_the_outcome_takes_effect(claim, asylum_officer, unit_senior):
    record = steps.decided(claim, asylum_officer, unit_senior, outcome="rejected")
    assert (record.state, record.outcome, record.reviewed_by_id) == ("decided", "rejected", unit_senior.pk)
    assert record.decided_at is not None
    assert record.appeal_until == record.notified_on + timedelta(days=APPEAL_DAYS)
    assert AuditEvent.objects.filter(action="asylum.decision.review", object_id=str(claim.pk)).exists()


def test_the_approval_note_is_sealed(claim, asylum_officer, unit_senior):
    steps.proposed(claim, asylum_officer)
    steps.open_for(unit_senior, claim, "review")
    decisions.approve(
        unit_senior, claim.reference, note="Her testimony on the raid is decisive", version=steps.version(claim)
    )
    approved = Claim.objects.get(pk=claim.pk).events.get(action="approve_decision")
    assert approved.text == "Decision approved: refugee status" and b"raid" not in bytes(approved.note_sealed)
    assert "raid" not in str(AuditEvent.objects.get(action="asylum.decision.review").new_values)
    [shown] = [e for e in claims.view_claim(unit_senior, claim.reference).events if e.pk == approved.pk]
    assert shown.note == "Her testimony on the raid is decisive"


def test_a_grant_has_no_appeal_period(claim, asylum_officer, unit_senior):
    record = steps.decided(claim, asylum_officer, unit_senior, outcome="subsidiary_protection")
    assert record.outcome == "subsidiary_protection" and record.appeal_until is None and record.permit is not None


def test_the_senior_returns_it_with_a_note_and_the_officer_proposes_again(claim, asylum_officer, unit_senior):
    steps.proposed(claim, asylum_officer)
    steps.open_for(unit_senior, claim, "review")
    with pytest.raises(Invalid) as refused:
        decisions.send_back(unit_senior, claim.reference, note="  ", version=steps.version(claim))
    assert refused.value.code == "note_required"
    decisions.send_back(unit_senior, claim.reference, note="Assess internal relocation", version=steps.version(claim))
    record = Claim.objects.get(pk=claim.pk)
    assert (record.state, record.outcome, record.proposed_outcome) == ("assessment", "", "")
    returned = record.events.get(action="return_for_assessment")
    assert returned.text == "Returned for assessment" and b"relocation" not in bytes(returned.note_sealed)
    audit = AuditEvent.objects.get(action="asylum.decision.review")
    assert audit.new_values["note"] == "sealed" and "relocation" not in str(audit.new_values)
    [shown] = [e for e in claims.view_claim(unit_senior, claim.reference).events if e.pk == returned.pk]
    assert shown.note == "Assess internal relocation"
    decisions.propose(asylum_officer, claim.reference, outcome="rejected", reasons=REASONS, version=record.version)
    assert Claim.objects.get(pk=claim.pk).state == "decision_proposed"


def test_the_proposer_does_not_review_their_own_decision(claim, make_user, unit, unit_senior):
    both = make_user("bothroles", "asylum_case_officer", "senior_officer", posts=[unit.code])
    claims.assign(unit_senior, claim.reference, both)
    steps.interviewed(claim, both)
    decisions.propose(both, claim.reference, outcome="rejected", reasons=REASONS, version=steps.version(claim))
    with pytest.raises(PermissionDenied) as refused:
        decisions.approve(both, claim.reference, version=steps.version(claim))
    assert refused.value.code == "own_decision"
    assert Claim.objects.get(pk=claim.pk).outcome == ""


def test_a_case_officer_cannot_approve(claim, asylum_officer):
    steps.proposed(claim, asylum_officer)
    with pytest.raises(PermissionDenied):
        decisions.approve(asylum_officer, claim.reference, version=steps.version(claim))
    assert Claim.objects.get(pk=claim.pk).state == "decision_proposed"


def test_a_decision_without_senior_review_is_refused_and_nothing_is_lost(claim, asylum_officer):
    """The issue's bad input: no path but the review sets an outcome or makes a claim decided."""
    steps.proposed(claim, asylum_officer, reasons=REASONS)
    record = claims.load(claim.reference)
    before = record.version
    record.outcome = "refugee_status"
    with pytest.raises(Conflict) as refused, atomic_block():
        record.save()
    assert refused.value.code == "decision_needs_review"
    record = claims.load(claim.reference)
    with pytest.raises(Conflict) as moved, atomic_block():
        claims.move(record, SETUP, "approve_decision")
    assert moved.value.code == "decision_needs_review"
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.state, stored.outcome, stored.version) == ("decision_proposed", "", before)
    assert decisions.proposed_reasons(asylum_officer, claim.reference) == REASONS  # the proposal is kept for the review


def test_a_decision_needs_a_confirmed_interview(claim, asylum_officer):
    steps.interviewed(claim, asylum_officer, confirm=False)
    with pytest.raises(Conflict) as refused:
        decisions.propose(
            asylum_officer, claim.reference, outcome="rejected", reasons=REASONS, version=steps.version(claim)
        )
    assert refused.value.code == "interview_not_confirmed"
    assert Claim.objects.get(pk=claim.pk).state == "assessment"


def test_an_implicit_withdrawal_needs_no_interview(claim, asylum_officer):
    steps.admissible(claim, asylum_officer)
    decisions.propose(
        asylum_officer,
        claim.reference,
        outcome="implicitly_withdrawn",
        reasons="Absconded",
        version=steps.version(claim),
    )
    assert Claim.objects.get(pk=claim.pk).proposed_outcome == "implicitly_withdrawn"


@pytest.mark.parametrize(
    ("outcome", "reasons", "code"),
    [
        ("", REASONS, "outcome_required"),
        ("granted", REASONS, "outcome_required"),
        ("rejected", "", "reasons_required"),
        ("rejected", "x" * 20_001, "reasons_too_long"),
        ("inadmissible", REASONS, "inadmissible_by_admissibility"),
    ],
)
def test_bad_proposals_are_refused(claim, asylum_officer, outcome, reasons, code):
    steps.interviewed(claim, asylum_officer)
    with pytest.raises(Invalid) as refused:
        decisions.propose(
            asylum_officer, claim.reference, outcome=outcome, reasons=reasons, version=steps.version(claim)
        )
    assert refused.value.code == code


def test_a_stale_form_is_refused(claim, asylum_officer):
    steps.interviewed(claim, asylum_officer)
    with pytest.raises(Conflict) as refused:
        decisions.propose(asylum_officer, claim.reference, outcome="rejected", reasons=REASONS, version=1)
    assert refused.value.code == "claim_changed"


def test_the_wrong_state_is_refused(claim, asylum_officer, unit_senior):
    steps.admissible(claim, asylum_officer)
    with pytest.raises(Invalid) as refused:
        decisions.propose(
            asylum_officer, claim.reference, outcome="rejected", reasons=REASONS, version=steps.version(claim)
        )
    assert refused.value.code == "transition_not_allowed"
    steps.open_for(unit_senior, claim, "review")
    with pytest.raises(Invalid) as approving:
        decisions.approve(unit_senior, claim.reference, version=steps.version(claim))
    assert approving.value.code == "transition_not_allowed"


def test_another_units_officers_are_refused(claim, asylum_officer, outsider_officer, make_user, other_unit):
    steps.proposed(claim, asylum_officer)
    other_senior = make_user("northsenior", "senior_officer", posts=[other_unit.code])
    with pytest.raises(PermissionDenied):
        decisions.approve(other_senior, claim.reference, version=steps.version(claim))
    with pytest.raises(PermissionDenied):
        decisions.propose(outsider_officer, claim.reference, outcome="rejected", reasons=REASONS)
    assert Claim.objects.get(pk=claim.pk).outcome == ""


def test_two_seniors_at_once_the_second_is_told_it_changed(claim, asylum_officer, unit_senior, make_user, unit):
    other = make_user("secondsenior", "senior_officer", posts=[unit.code])
    steps.proposed(claim, asylum_officer)
    seen = steps.version(claim)
    steps.open_for(unit_senior, claim, "review")
    steps.open_for(other, claim, "review")
    decisions.approve(unit_senior, claim.reference, version=seen)
    with pytest.raises(Conflict) as late:
        decisions.send_back(other, claim.reference, note="I disagree", version=seen)
    assert late.value.code == "claim_changed"
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.state, stored.reviewed_by_id) == ("decided", unit_senior.pk)
