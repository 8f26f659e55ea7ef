"""On recognition, a residence permit card with its TD1 zone: 3 years for refugee status, 1 for subsidiary
protection; printed from the claim (an access event)."""

from datetime import date

import pytest

from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services import permits
from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Conflict, PermissionDenied
from borderdesk.core.casework.asylum import permit_valid_until
from tests.apps.asylum import steps


@pytest.mark.parametrize(
    ("outcome", "until"), [("refugee_status", date(2029, 4, 9)), ("subsidiary_protection", date(2027, 4, 9))]
)
def test_permit_validity_by_outcome(outcome, until):
    assert permit_valid_until(outcome, date(2026, 4, 10)) == until


def test_a_grant_issues_the_permit_with_its_td1_zone(claim, asylum_officer, unit_senior):
    steps.decided(claim, asylum_officer, unit_senior, outcome="refugee_status")
    record = Claim.objects.select_related("permit").get(pk=claim.pk)
    permit = record.permit
    assert permit.kind == "residence_permit" and permit.traveller_id == record.claimant_id
    assert permit.valid_until == permit_valid_until("refugee_status", permit.valid_from)
    lines = permit.mrz.splitlines()
    assert len(lines) == 3 and all(len(line) == 30 for line in lines) and lines[0].startswith("IR")
    assert "HASSAN" in lines[2]
    assert AuditEvent.objects.filter(action="asylum.permit.issue", object_id=str(claim.pk)).exists()
    printed = permits.card(unit_senior, claim.reference)
    assert printed.pdf.startswith(b"%PDF") and permit.number in printed.filename
    assert AccessEvent.objects.filter(purpose="asylum_permit", actor_username="unitsenior").exists()


def test_no_permit_for_a_negative_decision(claim, asylum_officer, unit_senior):
    steps.decided(claim, asylum_officer, unit_senior, outcome="rejected")
    with pytest.raises(Conflict) as refused:
        permits.card(unit_senior, claim.reference)
    assert refused.value.code == "no_residence_permit"


def test_nobody_else_prints_it(claim, asylum_officer, unit_senior, outsider_officer, colleague):
    steps.decided(claim, asylum_officer, unit_senior, outcome="subsidiary_protection")
    for user in (outsider_officer, colleague):  # another unit; a colleague who has not opened the claim
        with pytest.raises(PermissionDenied):
            permits.card(user, claim.reference)
