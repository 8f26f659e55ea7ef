"""Opening a protection claim: only its assigned officers and the unit's seniors, always with a reason (an access
event); a colleague only in an emergency, which alerts the auditors; nothing of the claim without a live opening."""

import pytest

from borderdesk.apps.asylum.services import claims
from borderdesk.apps.audit.models import AccessEvent, AuditEvent, AuditorAlert
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied

REASON = "Preparing the registration interview"


def test_the_assigned_officer_opens_with_a_reason_and_it_is_an_access_event(claim, asylum_officer):
    opening = claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=REASON)
    assert not opening.emergency
    access = AccessEvent.objects.filter(object_type="asylum.claim", object_id=str(claim.pk)).get()
    assert (access.purpose, access.detail, access.actor_username) == ("asylum_casework", REASON, "asylumofficer")
    record = claims.view_claim(asylum_officer, claim.reference)
    assert record.claim.pk == claim.pk and record.may_work and record.officers == ["asylumofficer"]
    assert not AuditorAlert.objects.exists()


def test_nothing_of_the_claim_without_an_opening(claim, asylum_officer):
    with pytest.raises(PermissionDenied) as refused:
        claims.view_claim(asylum_officer, claim.reference)
    assert refused.value.code == "opening_required"


@pytest.mark.parametrize("reason", ["", "   ", "because"])
def test_an_opening_without_a_reason_is_refused_and_records_nothing(claim, asylum_officer, reason):
    with pytest.raises(Invalid) as refused:
        claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=reason)
    assert refused.value.code == "reason_required"
    assert not AccessEvent.objects.filter(object_type="asylum.claim").exists()


def test_a_colleague_not_assigned_opens_only_in_an_emergency_and_an_auditor_is_alerted(claim, colleague):
    with pytest.raises(PermissionDenied) as refused:
        claims.open_claim(colleague, claim.reference, purpose="casework", reason=REASON)
    assert refused.value.code == "not_assigned"
    opening = claims.open_claim(colleague, claim.reference, purpose="emergency", reason="Claimant in hospital, duty")
    assert opening.emergency
    alert = AuditorAlert.objects.get()
    assert alert.kind == "asylum_emergency_opening" and claim.reference in alert.message
    assert AuditEvent.objects.filter(action="asylum.claim.emergency_open", object_id=str(claim.pk)).exists()
    assert claims.view_claim(colleague, claim.reference).opening.emergency


def test_the_units_senior_opens_every_claim_of_the_unit(claim, unit_senior):
    claims.open_claim(unit_senior, claim.reference, purpose="review", reason="Reviewing the proposed decision")
    assert claims.view_claim(unit_senior, claim.reference).is_senior


def test_nobody_else_opens_a_claim(claim, officer, outsider_officer, auditor):
    for user in (officer, outsider_officer, auditor):
        with pytest.raises(PermissionDenied):
            claims.open_claim(user, claim.reference, purpose="emergency", reason="I would like to see it please")
    assert not AccessEvent.objects.filter(object_type="asylum.claim").exists()


def test_an_ended_assignment_ends_the_access(claim, asylum_officer, unit_senior):
    claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=REASON)
    claims.unassign(unit_senior, claim.reference, asylum_officer)
    with pytest.raises(PermissionDenied) as refused:
        claims.view_claim(asylum_officer, claim.reference)
    assert refused.value.code == "not_assigned"


def test_taking_an_unassigned_claim_and_assigning(claim, asylum_officer, colleague, unit_senior, officer):
    with pytest.raises(Conflict):
        claims.take(colleague, claim.reference)
    claims.assign(unit_senior, claim.reference, colleague)
    assert claims.standing(colleague, claims.load(claim.reference)) == "assigned"
    with pytest.raises(Invalid) as refused:
        claims.assign(unit_senior, claim.reference, officer)
    assert refused.value.code == "not_an_asylum_officer"


def test_moves_follow_the_state_machine_and_the_version(claim, asylum_officer):
    from borderdesk.apps.common.services import atomic_block

    with atomic_block():
        record = claims.load(claim.pk, for_update=True)
        with pytest.raises(Invalid) as refused:
            claims.move(record, asylum_officer, "approve_decision")
        assert refused.value.code == "transition_not_allowed"
        claims.move(record, asylum_officer, "register")
    assert claims.load(claim.pk).state == "registered" and claims.load(claim.pk).version == 2
    with pytest.raises(Conflict):
        claims.check_version(claims.load(claim.pk), 1)
