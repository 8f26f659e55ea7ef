"""Migration 0002 seals what earlier versions kept plain: the claimant's corrections to the interview record, the
interview's safeguard (in its scheduling event) and the senior officer's review notes (in the timeline's text); and
going back opens them again."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from borderdesk.apps.asylum.models import ClaimEvent, Interview
from borderdesk.apps.asylum.services import sealing
from tests.apps.asylum.conftest import make_claim, make_claimant

BEFORE = [("asylum", "0001_initial")]
REMARKS = "The soldiers came on the 3rd, not the 5th"
SAFEGUARD = "Guardian present; female interpreter"
RETURNED = "Assess whether she could relocate to Homs"
APPROVED = "Her account of the checkpoint is decisive"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _plain_claim(old_apps, claim_pk: int) -> tuple[int, int]:
    """An interview with corrections and a safeguard, and review notes, as 0001 stored them."""
    interview = old_apps.get_model("asylum", "Interview").objects.create(
        claim_id=claim_pk,
        scheduled_for=datetime(2026, 3, 9, 9, tzinfo=UTC),
        language="ar",
        confirmation_remarks=REMARKS,
    )
    events = old_apps.get_model("asylum", "ClaimEvent").objects
    common = {"claim_id": claim_pk, "at": datetime(2026, 3, 9, 9, tzinfo=UTC), "actor_name": "x", "kind": "transition"}
    events.create(**common, action="schedule_interview", details={"interview": interview.pk, "safeguard": SAFEGUARD})
    returned = events.create(**common, action="return_for_assessment", text=f"Returned for assessment: {RETURNED}")
    events.create(**common, action="approve_decision", text=f"Decision approved: rejected. {APPROVED}")
    events.create(**common, action="approve_decision", text="Decision approved: refugee status")
    return interview.pk, returned.pk


@pytest.mark.django_db(transaction=True)
def test_plain_corrections_safeguards_and_notes_are_sealed_and_can_be_opened_again(unit, port, settings, tmp_path):
    settings.DATA_DIR, settings.BORDERDESK_ASYLUM_KEYS = tmp_path, ""
    claim = make_claim(unit, port, make_claimant())
    try:
        interview_pk, returned_pk = _plain_claim(_migrate(BEFORE), claim.pk)
    finally:
        _migrate(_latest())

    interview = Interview.objects.get(pk=interview_pk)
    assert sealing.unseal_text(interview, "remarks", interview.remarks_sealed, interview.remarks_key) == REMARKS
    assert sealing.unseal_text(interview, "safeguard", interview.safeguard_sealed, interview.safeguard_key) == SAFEGUARD
    events = {event.pk: event for event in ClaimEvent.objects.filter(claim=claim)}
    texts = sorted(event.text for event in events.values())
    assert texts == ["", "Decision approved: refugee status", "Decision approved: rejected", "Returned for assessment"]
    assert all("safeguard" not in event.details for event in events.values())
    notes = {sealing.unseal_text(e, "note", e.note_sealed, e.note_key) for e in events.values()}
    assert notes == {"", RETURNED, APPROVED}
    assert events[returned_pk].note_key

    try:
        old_apps = _migrate(BEFORE)
        old_interview = old_apps.get_model("asylum", "Interview").objects.get(pk=interview_pk)
        old_events = old_apps.get_model("asylum", "ClaimEvent").objects.filter(claim_id=claim.pk)
        assert old_interview.confirmation_remarks == REMARKS
        assert f"Returned for assessment: {RETURNED}" in {e.text for e in old_events}
        assert f"Decision approved: rejected. {APPROVED}" in {e.text for e in old_events}
        assert {e.details.get("safeguard") for e in old_events} == {None, SAFEGUARD}
    finally:
        _migrate(_latest())


TITLE = "Medical report on the scars on her back"
RELEVANCE = "She was held at the Tadmur checkpoint"


@pytest.mark.django_db(transaction=True)
def test_plain_document_titles_and_relevance_are_sealed_and_can_be_opened_again(unit, port, settings, tmp_path):
    from borderdesk.apps.asylum.models import ClaimCountryNote, ClaimDocument

    settings.DATA_DIR, settings.BORDERDESK_ASYLUM_KEYS = tmp_path, ""
    claim = make_claim(unit, port, make_claimant())
    at = datetime(2026, 3, 9, 9, tzinfo=UTC)
    before = [("asylum", "0002_sealed_notes_and_remarks")]
    try:
        old_apps = _migrate(before)
        document = old_apps.get_model("asylum", "ClaimDocument").objects.create(
            claim_id=claim.pk,
            title=TITLE,
            content_type="application/pdf",
            filename="r.pdf",
            size=1,
            sha256="0" * 64,
            sealed=b"",
            key="",
            added_at=at,
        )
        note = old_apps.get_model("asylum", "CountryNote").objects.create(
            country="SYR", title="Checkpoints", summary="s", source="EUAA", published_on=at.date()
        )
        link = old_apps.get_model("asylum", "ClaimCountryNote").objects.create(
            claim_id=claim.pk, note_id=note.pk, relevance=RELEVANCE, linked_at=at
        )
    finally:
        _migrate(_latest())

    sealed_document = ClaimDocument.objects.get(pk=document.pk)
    sealed_link = ClaimCountryNote.objects.get(pk=link.pk)
    assert TITLE.encode() not in bytes(sealed_document.title_sealed)
    assert (
        sealing.unseal_text(sealed_document, "title", sealed_document.title_sealed, sealed_document.title_key) == TITLE
    )
    assert sealing.unseal_text(sealed_link, "relevance", sealed_link.relevance_sealed, sealed_link.relevance_key) == (
        RELEVANCE
    )
    try:
        old_apps = _migrate(before)
        assert old_apps.get_model("asylum", "ClaimDocument").objects.get(pk=document.pk).title == TITLE
        assert old_apps.get_model("asylum", "ClaimCountryNote").objects.get(pk=link.pk).relevance == RELEVANCE
    finally:
        _migrate(_latest())
