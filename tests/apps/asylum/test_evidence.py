"""Evidence: documents checked from their content and sealed in the database (each download an access event);
country information notes shared across claims and linked to a claim with their relevance."""

import io

import pytest
from PIL import Image

from borderdesk.apps.asylum.models import Claim, ClaimCountryNote, ClaimDocument
from borderdesk.apps.asylum.services import evidence, sealing
from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from tests.apps.asylum import steps
from tests.apps.asylum.conftest import make_claim, make_claimant


def _png(colour=(10, 20, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


def _add(claim, officer, content, title="Press card", filename="card.png"):
    return evidence.add_document(
        officer, claim.reference, title=title, content=content, filename=filename, version=steps.version(claim)
    )


def test_a_document_is_sealed_and_its_download_is_an_access_event(claim, asylum_officer):
    steps.open_for(asylum_officer, claim)
    data = _png()
    document = _add(claim, asylum_officer, data)
    stored = ClaimDocument.objects.get(pk=document.pk)
    assert stored.content_type == "image/png" and stored.size == len(data) and bytes(stored.sealed) != data
    assert data[8:40] not in bytes(stored.sealed)
    got = evidence.download(asylum_officer, claim.reference, document.pk)
    assert (got.data, got.content_type, got.filename) == (data, "image/png", "card.png")
    assert AccessEvent.objects.filter(purpose="asylum_document", object_id=str(document.pk)).exists()


@pytest.mark.parametrize(
    ("content", "title", "code"),
    [
        (b"MZ\x90\x00 not a document", "Exe", "file_type_not_allowed"),
        (b"", "Empty", "file_empty"),
        (None, "Nothing", "file_required"),
        (_png(), "", "title_required"),
    ],
)
def test_bad_documents_are_refused(claim, asylum_officer, content, title, code):
    steps.open_for(asylum_officer, claim)
    with pytest.raises(Invalid) as refused:
        _add(claim, asylum_officer, content, title=title)
    assert refused.value.code == code
    assert not ClaimDocument.objects.exists()


def test_too_large_and_twice(claim, asylum_officer, settings):
    settings.BORDERDESK_CASEWORK_FILE_MAX_MB = 0.0001
    steps.open_for(asylum_officer, claim)
    with pytest.raises(Invalid) as large:
        _add(claim, asylum_officer, b"%PDF-" + b"x" * 200)
    assert large.value.code == "file_too_large"
    settings.BORDERDESK_CASEWORK_FILE_MAX_MB = 10
    _add(claim, asylum_officer, _png())
    with pytest.raises(Conflict) as twice:
        _add(claim, asylum_officer, _png())
    assert twice.value.code == "file_already_uploaded"


def test_another_claims_document_and_another_unit(claim, asylum_officer, outsider_officer, unit_senior, unit, port):
    steps.open_for(asylum_officer, claim)
    document = _add(claim, asylum_officer, _png())
    other = make_claim(unit, port, make_claimant("OTHER", "ONE", number="X1"), reference="PC-UTAS-2026-000002")
    steps.open_for(unit_senior, other, "supervision")
    with pytest.raises(NotFound):
        evidence.download(unit_senior, other.reference, document.pk)
    with pytest.raises(PermissionDenied):
        evidence.download(outsider_officer, claim.reference, document.pk)


def test_country_notes_are_shared_and_linked_with_relevance(claim, asylum_officer, colleague):
    note = evidence.write_note(
        colleague,
        country="syr",
        title="Treatment of journalists",
        summary="Arrests of journalists reported through 2025.",
        source="EUAA COI report, 2025",
        url="https://euaa.europa.eu/coi",
        published_on="2025-11-01",
    )
    steps.open_for(asylum_officer, claim)
    evidence.link_note(
        asylum_officer,
        claim.reference,
        note=note.pk,
        relevance="Claimant is a journalist",
        version=steps.version(claim),
    )
    link = ClaimCountryNote.objects.get(claim=claim)
    assert (
        sealing.unseal_text(link, "relevance", link.relevance_sealed, link.relevance_key) == "Claimant is a journalist"
    )
    assert [d.relevance_text for d in evidence.on_claim(asylum_officer, claim.reference).linked] == [
        "Claimant is a journalist"
    ]
    with pytest.raises(Conflict) as twice:
        evidence.link_note(asylum_officer, claim.reference, note=note.pk, version=steps.version(claim))
    assert twice.value.code == "country_note_already_linked"
    with pytest.raises(NotFound):
        evidence.link_note(asylum_officer, claim.reference, note="999999", version=steps.version(claim))
    assert evidence.notes_for(Claim.objects.get(pk=claim.pk))[0].country == "SYR"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"country": "XX"}, "country_unknown"),
        ({"published_on": "last year"}, "published_on_required"),
        ({"url": "javascript:alert(1)"}, "url_invalid"),
        ({"summary": ""}, "summary_required"),
    ],
)
def test_bad_country_notes_are_refused(asylum_officer, changes, code):
    form = {"country": "SYR", "title": "T", "summary": "S", "source": "Src", "published_on": "2025-01-01"} | changes
    with pytest.raises(Invalid) as refused:
        evidence.write_note(asylum_officer, **form)
    assert refused.value.code == code
