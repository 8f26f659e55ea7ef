"""Who opened a claim: its assigned officers and the unit's seniors see every opening (who, when, purpose, reason,
emergency) on the claim page; an officer who opened it in an emergency, and everyone else, do not."""

import pytest
from django.urls import reverse

from borderdesk.apps.asylum.services import access_log, claims
from borderdesk.apps.audit.services import record_access
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.apps.common.services import atomic_block

REASON = "Preparing the registration interview"
EMERGENCY = "Claimant taken to hospital, duty officer needs the file"


def test_the_assigned_officer_and_the_senior_see_every_opening(claim, asylum_officer, colleague, unit_senior):
    claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=REASON)
    claims.open_claim(colleague, claim.reference, purpose="emergency", reason=EMERGENCY)
    claims.open_claim(unit_senior, claim.reference, purpose="supervision", reason="Weekly supervision of the unit")

    for user in (asylum_officer, unit_senior):
        log = access_log.access_log(user, claim.reference)
        assert [(a.who, a.emergency) for a in log] == [
            ("unitsenior", False),
            ("colleague", True),
            ("asylumofficer", False),
        ]
        assert log[1].reason == EMERGENCY and log[1].purpose == claims.PURPOSES["emergency"]
        assert log[2].purpose == claims.PURPOSES["casework"] and log[2].until > log[2].at


def test_other_reads_of_the_claim_are_in_the_log_too(claim, asylum_officer):
    claims.open_claim(asylum_officer, claim.reference, purpose="casework", reason=REASON)
    with atomic_block():
        record_access(asylum_officer, claim, purpose="asylum_document_download", detail="document 7")
    log = access_log.access_log(asylum_officer, claim.reference)
    assert [(a.purpose, a.reason) for a in log] == [
        ("asylum_document_download", "document 7"),
        (claims.PURPOSES["casework"], REASON),
    ]


def test_an_emergency_opener_does_not_see_who_else_opened_it(claim, colleague):
    claims.open_claim(colleague, claim.reference, purpose="emergency", reason=EMERGENCY)
    with pytest.raises(PermissionDenied) as refused:
        access_log.access_log(colleague, claim.reference)
    assert refused.value.code == "access_log_restricted"


def test_without_a_live_opening_there_is_no_log(claim, asylum_officer, auditor, outsider_officer):
    with pytest.raises(PermissionDenied) as refused:
        access_log.access_log(asylum_officer, claim.reference)
    assert refused.value.code == "opening_required"
    for user in (auditor, outsider_officer):
        with pytest.raises(PermissionDenied):
            access_log.access_log(user, claim.reference)


def test_the_claim_page_shows_the_log_to_the_assigned_officer_not_to_an_emergency_opener(
    claim, asylum_officer, colleague, client_for
):
    client = client_for(colleague)
    client.post(
        reverse("asylum:open", args=[claim.reference]),
        {"purpose": "emergency", "reason": EMERGENCY, "emergency": "yes"},
    )
    page = client.get(reverse("asylum:claim", args=[claim.reference])).content.decode()
    assert 'data-testid="claim-emergency"' in page and 'data-testid="claim-access-log"' not in page

    client = client_for(asylum_officer)
    client.post(reverse("asylum:open", args=[claim.reference]), {"purpose": "casework", "reason": REASON})
    page = client.get(reverse("asylum:claim", args=[claim.reference])).content.decode()
    assert 'data-testid="claim-access-log"' in page
    assert EMERGENCY in page and 'data-emergency="yes"' in page and "colleague" in page
