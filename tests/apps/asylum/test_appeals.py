"""Appeals against a negative decision: suspensive when lodged in time (or by a court's order after it), decided
dismissed (closed, protection ends), allowed (protection granted, a permit) or remitted (assessed again)."""

from datetime import timedelta

import pytest

from borderdesk.apps.asylum.models import Appeal, Claim
from borderdesk.apps.asylum.services import appeals, decisions
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.core.casework.asylum import protects
from tests.apps.asylum import steps


def _lodge(claim, officer, **changes):
    form = {"lodged_on": claim.notified_on.isoformat()} | changes
    return appeals.lodge(officer, claim.reference, version=steps.version(claim), **form)


def _decide(claim, officer, **form):
    today = claims_today(claim)
    return appeals.decide(officer, claim.reference, decided_on=today, version=steps.version(claim), **form)


def claims_today(claim):
    return Claim.objects.get(pk=claim.pk).post.local_date().isoformat()


def _protected(claim):
    record = Claim.objects.get(pk=claim.pk)
    return protects(record.state, record.outcome, record.appeal_until, record.post.local_date())


def test_in_time_appeal_suspends_and_a_dismissal_closes_the_claim(claim, asylum_officer, unit_senior):
    record = steps.decided(claim, asylum_officer, unit_senior)
    appeal = _lodge(record, asylum_officer, court_reference="AC 12/2026")
    assert appeal.suspensive and Claim.objects.get(pk=claim.pk).state == "appeal_lodged" and _protected(claim)
    _decide(claim, asylum_officer, result="dismissed")
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.state, stored.outcome, stored.appeal_until) == ("closed", "rejected", None)
    assert not _protected(claim)
    assert Appeal.objects.get(pk=appeal.pk).result == "dismissed"


def test_an_allowed_appeal_grants_protection_and_the_permit(claim, asylum_officer, unit_senior):
    record = steps.decided(claim, asylum_officer, unit_senior)
    _lodge(record, asylum_officer)
    with pytest.raises(Invalid) as refused:
        _decide(claim, asylum_officer, result="allowed", granted_outcome="rejected")
    assert refused.value.code == "granted_outcome_required"
    _decide(claim, asylum_officer, result="allowed", granted_outcome="refugee_status")
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.state, stored.outcome) == ("decided", "refugee_status") and stored.permit is not None
    assert _protected(claim)


def test_a_remitted_appeal_goes_back_to_assessment(claim, asylum_officer, unit_senior):
    record = steps.decided(claim, asylum_officer, unit_senior)
    _lodge(record, asylum_officer)
    _decide(claim, asylum_officer, result="remitted")
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.state, stored.outcome, stored.decided_at) == ("assessment", "", None) and _protected(claim)
    decisions.propose(
        asylum_officer, claim.reference, outcome="subsidiary_protection", reasons="Art. 15(c)", version=stored.version
    )
    assert Claim.objects.get(pk=claim.pk).state == "decision_proposed"


def test_a_late_appeal_is_refused_unless_a_court_orders_suspension(claim, asylum_officer, unit_senior):
    record = steps.decided(claim, asylum_officer, unit_senior)
    Claim.objects.filter(pk=claim.pk).update(appeal_until=record.notified_on - timedelta(days=1))
    with pytest.raises(Invalid) as late:
        _lodge(record, asylum_officer)
    assert late.value.code == "appeal_out_of_time"
    with pytest.raises(Invalid):
        _lodge(record, asylum_officer, court_ordered_suspension=True)  # no court reference
    appeal = _lodge(record, asylum_officer, court_ordered_suspension=True, court_reference="AC 99/2026")
    assert appeal.suspensive and appeal.court_reference == "AC 99/2026"


def test_no_appeal_against_a_grant_or_before_a_decision(claim, asylum_officer, unit_senior):
    steps.proposed(claim, asylum_officer)
    with pytest.raises(Invalid) as early:
        appeals.lodge(asylum_officer, claim.reference, lodged_on="2026-03-10", version=steps.version(claim))
    assert early.value.code == "transition_not_allowed"
    steps.open_for(unit_senior, claim, "review")
    record = decisions.approve(unit_senior, claim.reference, version=steps.version(claim))
    with pytest.raises(Invalid) as granted:
        _lodge(record, asylum_officer)
    assert granted.value.code == "transition_not_allowed"


def test_bad_input_stale_form_and_another_unit(claim, asylum_officer, unit_senior, outsider_officer):
    record = steps.decided(claim, asylum_officer, unit_senior)
    for changes, code in [
        ({"lodged_on": "soon"}, "lodged_on_required"),
        ({"lodged_on": "2999-01-01"}, "lodged_on_in_future"),
        ({"court_reference": "x" * 61}, "court_reference_too_long"),
    ]:
        with pytest.raises(Invalid) as refused:
            _lodge(record, asylum_officer, **changes)
        assert refused.value.code == code
    with pytest.raises(Conflict) as stale:
        appeals.lodge(asylum_officer, claim.reference, lodged_on=record.notified_on.isoformat(), version=1)
    assert stale.value.code == "claim_changed"
    with pytest.raises(PermissionDenied):
        appeals.lodge(outsider_officer, claim.reference, lodged_on=record.notified_on.isoformat())
    assert not Appeal.objects.exists()
