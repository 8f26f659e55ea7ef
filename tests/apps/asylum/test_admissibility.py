"""Admissibility after registration: found admissible, or proposed inadmissible on a ground (naming the other
state) and then, like every decision, reviewed by a senior officer."""

import pytest

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services import admissibility, decisions
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from tests.apps.asylum import steps

REASONS = "Eurodac hit: fingerprints taken in Italy on 2026-01-12; Italy accepted the take-charge request."


def test_found_admissible(claim, asylum_officer):
    steps.admissible(claim, asylum_officer)
    assert Claim.objects.get(pk=claim.pk).state == "admissible"
    assert AuditEvent.objects.filter(action="asylum.admissibility.decide", object_id=str(claim.pk)).exists()


def test_inadmissible_names_the_state_and_needs_review(claim, asylum_officer, unit_senior):
    steps.register(claim)
    steps.open_for(asylum_officer, claim)
    admissibility.propose_inadmissible(
        asylum_officer,
        claim.reference,
        ground="other_state_responsible",
        named_state="ita",
        reasons=REASONS,
        version=steps.version(claim),
    )
    record = Claim.objects.get(pk=claim.pk)
    assert (record.state, record.proposed_outcome, record.outcome) == ("decision_proposed", "inadmissible", "")
    assert record.admissibility_ground == "other_state_responsible" and admissibility.named_state(record) == "ITA"
    steps.open_for(unit_senior, claim, "review")
    decided = decisions.approve(unit_senior, claim.reference, version=steps.version(claim))
    assert decided.outcome == "inadmissible" and decided.appeal_until is not None


@pytest.mark.parametrize(
    ("ground", "state", "code"),
    [
        ("", "ITA", "ground_required"),
        ("too_late", "ITA", "ground_required"),
        ("safe_third_country", "", "state_required"),
        ("safe_third_country", "ZZZ", "state_unknown"),
    ],
)
def test_bad_findings_are_refused(claim, asylum_officer, ground, state, code):
    steps.register(claim)
    steps.open_for(asylum_officer, claim)
    with pytest.raises(Invalid) as refused:
        admissibility.propose_inadmissible(
            asylum_officer,
            claim.reference,
            ground=ground,
            named_state=state,
            reasons=REASONS,
            version=steps.version(claim),
        )
    assert refused.value.code == code
    assert Claim.objects.get(pk=claim.pk).state == "registered"


def test_a_subsequent_claim_without_new_elements_names_no_state(claim, asylum_officer):
    steps.register(claim)
    steps.open_for(asylum_officer, claim)
    admissibility.propose_inadmissible(
        asylum_officer,
        claim.reference,
        ground="subsequent_without_new_elements",
        named_state="ITA",
        reasons=REASONS,
        version=steps.version(claim),
    )
    assert admissibility.named_state(Claim.objects.get(pk=claim.pk)) == ""


def test_wrong_state_stale_and_another_unit(claim, asylum_officer, outsider_officer):
    steps.open_for(asylum_officer, claim)
    with pytest.raises(Invalid) as early:
        admissibility.find_admissible(asylum_officer, claim.reference, version=steps.version(claim))
    assert early.value.code == "transition_not_allowed"
    steps.register(claim)
    with pytest.raises(Conflict) as stale:
        admissibility.find_admissible(asylum_officer, claim.reference, version=1)
    assert stale.value.code == "claim_changed"
    with pytest.raises(PermissionDenied):
        admissibility.find_admissible(outsider_officer, claim.reference)
    assert Claim.objects.get(pk=claim.pk).state == "registered"
