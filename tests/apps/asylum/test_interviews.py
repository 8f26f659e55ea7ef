"""Interviews: scheduled in a language the claimant speaks (a safeguard for a minor or vulnerable claimant),
held (the record sealed), confirmed by the claimant after read-back; a missed one scheduled again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.asylum.models import Claim, Interview
from borderdesk.apps.asylum.services import admissibility, claims, interviews
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from tests.apps.asylum import steps
from tests.apps.asylum.conftest import make_claim, make_claimant

RECORD = "Q: What happened in March? A: Soldiers came to the newspaper office."


def _schedule(claim, officer, **changes):
    form = {"scheduled_for": steps.soon(), "language": "ar", "interpreter": "Layla Haddad"} | changes
    return interviews.schedule(officer, claim.reference, version=steps.version(claim), **form)


def test_schedule_hold_and_confirm(claim, asylum_officer):
    steps.admissible(claim, asylum_officer)
    interview = _schedule(claim, asylum_officer)
    assert Claim.objects.get(pk=claim.pk).state == "interview_scheduled"
    interviews.record_held(
        asylum_officer, claim.reference, interview=interview.pk, record_text=RECORD, version=steps.version(claim)
    )
    stored = Interview.objects.get(pk=interview.pk)
    assert RECORD.encode() not in bytes(stored.record_sealed) and stored.held_at is not None
    assert Claim.objects.get(pk=claim.pk).state == "assessment"
    [row] = interviews.rows(asylum_officer, claim.reference)
    assert (row.status, row.record) == ("not confirmed", RECORD)
    interviews.confirm(
        asylum_officer, claim.reference, interview=interview.pk, remarks="Date is 3 March", version=steps.version(claim)
    )
    [row] = interviews.rows(asylum_officer, claim.reference)
    assert row.status == "confirmed" and row.remarks == "Date is 3 March"
    assert b"3 March" not in bytes(Interview.objects.get(pk=interview.pk).remarks_sealed)
    audit = AuditEvent.objects.filter(action__startswith="asylum.interview").values_list("new_values", flat=True)
    assert len(audit) == 3 and not any(RECORD in str(values) for values in audit)
    assert not Claim.objects.get(pk=claim.pk).events.filter(text__contains="Soldiers").exists()


def test_a_vulnerable_claimant_interview_notes_the_safeguard(claim, asylum_officer):
    steps.register(claim, vulnerabilities=["unaccompanied_minor"])
    steps.open_for(asylum_officer, claim)
    admissibility.find_admissible(asylum_officer, claim.reference, version=steps.version(claim))
    with pytest.raises(Invalid) as refused:
        _schedule(claim, asylum_officer)
    assert refused.value.code == "safeguard_required"
    interview = _schedule(claim, asylum_officer, safeguard="Guardian present; child-trained officer")
    [row] = interviews.rows(asylum_officer, claim.reference)
    assert row.interview.pk == interview.pk and row.safeguard == "Guardian present; child-trained officer"
    stored = Interview.objects.get(pk=interview.pk)
    assert b"Guardian" not in bytes(stored.safeguard_sealed) and stored.safeguard_key
    scheduled = Claim.objects.get(pk=claim.pk).events.get(action="schedule_interview")
    audit = AuditEvent.objects.get(action="asylum.interview.schedule")
    assert "Guardian" not in str(scheduled.details) + scheduled.text + str(audit.new_values)
    assert audit.new_values["safeguard"] == "sealed"


def test_a_missed_interview_is_scheduled_again(claim, asylum_officer):
    steps.admissible(claim, asylum_officer)
    first = _schedule(claim, asylum_officer)
    second = _schedule(claim, asylum_officer, scheduled_for=(timezone.now() + timedelta(days=9)).isoformat())
    statuses = {row.interview.pk: row.status for row in interviews.rows(asylum_officer, claim.reference)}
    assert statuses == {first.pk: "not held", second.pk: "scheduled"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"language": "fr"}, "language_not_spoken"),
        ({"scheduled_for": "tomorrow"}, "interview_time_required"),
        ({"scheduled_for": "2020-01-01T10:00"}, "interview_in_past"),
        ({"interpreter": "x" * 201}, "interpreter_too_long"),
    ],
)
def test_bad_schedules_are_refused(claim, asylum_officer, changes, code):
    steps.admissible(claim, asylum_officer)
    with pytest.raises(Invalid) as refused:
        _schedule(claim, asylum_officer, **changes)
    assert refused.value.code == code
    assert not Interview.objects.exists()


def test_wrong_state_stale_form_and_records_twice(claim, asylum_officer):
    steps.register(claim)
    steps.open_for(asylum_officer, claim)
    with pytest.raises(Invalid) as early:
        _schedule(claim, asylum_officer)
    assert early.value.code == "transition_not_allowed"
    admissibility.find_admissible(asylum_officer, claim.reference, version=steps.version(claim))
    interview = _schedule(claim, asylum_officer)
    interviews.record_held(
        asylum_officer, claim.reference, interview=interview.pk, record_text=RECORD, version=steps.version(claim)
    )
    with pytest.raises(Conflict) as stale:
        interviews.confirm(asylum_officer, claim.reference, interview=interview.pk, version=1)
    assert stale.value.code == "claim_changed"
    with pytest.raises(Conflict) as twice:
        interviews.record_held(
            asylum_officer, claim.reference, interview=interview.pk, record_text=RECORD, version=steps.version(claim)
        )
    assert twice.value.code == "interview_already_recorded"


def test_another_claims_interview_and_another_unit(claim, asylum_officer, outsider_officer, unit_senior, unit, port):
    interview = steps.interviewed(claim, asylum_officer, confirm=False)
    other = make_claim(unit, port, make_claimant("OTHER", "ONE", number="X1"), reference="PC-UTAS-2026-000002")
    claims.assign(unit_senior, other.reference, asylum_officer)
    steps.open_for(asylum_officer, other)
    with pytest.raises(NotFound) as foreign:
        interviews.confirm(asylum_officer, other.reference, interview=interview.pk, version=steps.version(other))
    assert foreign.value.code == "interview_not_found"
    with pytest.raises(PermissionDenied):
        interviews.confirm(outsider_officer, claim.reference, interview=interview.pk, version=steps.version(claim))
    assert Interview.objects.get(pk=interview.pk).confirmed_at is None


def test_a_huge_record_is_refused_and_the_interview_stays_scheduled(claim, asylum_officer):
    steps.admissible(claim, asylum_officer)
    interview = _schedule(claim, asylum_officer)
    with pytest.raises(Invalid) as refused:
        interviews.record_held(
            asylum_officer,
            claim.reference,
            interview=interview.pk,
            record_text="x" * 100_001,
            version=steps.version(claim),
        )
    assert refused.value.code == "record_too_long"
    assert Interview.objects.get(pk=interview.pk).held_at is None
