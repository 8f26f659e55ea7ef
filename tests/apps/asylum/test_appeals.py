"""Appeals against a negative decision: suspensive when lodged in time (or by a court's order after it), decided
dismissed (closed, protection ends), allowed (protection granted, a permit) or remitted (assessed again)."""

from datetime import timedelta

import pytest

from borderdesk.apps.asylum.models import Appeal, Claim
from borderdesk.apps.asylum.services import appeals, decisions
from borderdesk.apps.audit.models import AuditEvent
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


# --- Closing a decided claim ------------------------------------------------------------------------------------------


def _close(claim, user, **form):
    return appeals.close(user, claim.reference, **({"version": steps.version(claim)} | form))


def test_a_rejection_is_closed_only_after_the_appeal_period_and_protection_then_ends(
    claim, asylum_officer, unit_senior
):
    record = steps.decided(claim, asylum_officer, unit_senior)
    with pytest.raises(Conflict) as running:
        _close(claim, asylum_officer)
    assert running.value.code == "appeal_period_running" and record.appeal_until.isoformat() in running.value.message
    assert _protected(claim)
    today = record.post.local_date()
    Claim.objects.filter(pk=claim.pk).update(appeal_until=today)  # the last day to appeal is today: still open
    with pytest.raises(Conflict):
        _close(claim, asylum_officer)
    Claim.objects.filter(pk=claim.pk).update(appeal_until=today - timedelta(days=1))
    assert not _protected(claim)  # the period is over: only the closing is left to record
    closed = _close(claim, unit_senior)
    assert (closed.state, closed.outcome) == ("closed", "rejected") and not _protected(claim)
    event = closed.events.get(action="close")
    assert event.text == "Closed: the appeal period ended without an appeal" and event.actor == unit_senior
    assert AuditEvent.objects.filter(
        action="asylum.claim.transition", object_id=str(claim.pk), new_values__action="close"
    ).exists()
    with pytest.raises(Invalid) as again:  # a replayed form
        _close(claim, asylum_officer)
    assert again.value.code == "transition_not_allowed"


def test_a_grant_is_closed_once_its_permit_is_issued_and_stays_protected(claim, asylum_officer, unit_senior):
    record = steps.decided(claim, asylum_officer, unit_senior, outcome="refugee_status")
    assert record.permit is not None
    Claim.objects.filter(pk=claim.pk).update(permit=None)
    with pytest.raises(Conflict) as no_permit:
        _close(claim, asylum_officer)
    assert no_permit.value.code == "permit_not_issued"
    Claim.objects.filter(pk=claim.pk).update(permit=record.permit)
    closed = _close(claim, asylum_officer)
    assert closed.state == "closed" and closed.outcome == "refugee_status" and _protected(claim)


def test_closing_is_refused_before_a_decision_during_an_appeal_on_a_stale_form_and_to_others(
    claim, asylum_officer, unit_senior, outsider_officer
):
    steps.proposed(claim, asylum_officer, outcome="rejected")
    with pytest.raises(Invalid) as early:
        _close(claim, asylum_officer)
    assert early.value.code == "transition_not_allowed"
    steps.open_for(unit_senior, claim, "review")
    record = decisions.approve(unit_senior, claim.reference, version=steps.version(claim))
    Claim.objects.filter(pk=claim.pk).update(appeal_until=record.appeal_until - timedelta(days=40))
    with pytest.raises(Conflict) as stale:
        _close(claim, asylum_officer, version=record.version - 1)
    assert stale.value.code == "claim_changed"
    with pytest.raises(PermissionDenied) as outsider:
        appeals.close(outsider_officer, claim.reference)
    assert outsider.value.code == "claim_not_open_to_you"
    Claim.objects.filter(pk=claim.pk).update(appeal_until=record.appeal_until)
    _lodge(Claim.objects.get(pk=claim.pk), asylum_officer)
    with pytest.raises(Invalid) as pending:
        _close(claim, asylum_officer)
    assert pending.value.code == "transition_not_allowed"
    assert Claim.objects.get(pk=claim.pk).state == "appeal_lodged"


def test_the_close_form_on_the_claim_page(client_for, claim, asylum_officer, unit_senior):
    record = steps.decided(claim, asylum_officer, unit_senior)
    http = client_for(asylum_officer)
    base = f"/asylum/claims/{claim.reference}"
    page = http.get(f"{base}/").content.decode()
    assert 'data-testid="close-form"' in page and record.appeal_until.isoformat() in page
    early = http.post(f"{base}/close", {"version": steps.version(claim)})
    assert early.status_code == 409 and "appeal_period_running" in early.content.decode()
    Claim.objects.filter(pk=claim.pk).update(appeal_until=record.notified_on - timedelta(days=1))
    assert http.post(f"{base}/close", {"version": steps.version(claim)}).status_code == 302
    assert Claim.objects.get(pk=claim.pk).state == "closed"
    assert 'data-testid="close-form"' not in http.get(f"{base}/").content.decode()
