"""Evidence on a claim: documents (PDF, JPEG or PNG, checked from their content like casework's supporting files,
within the same size limit, kept sealed in the database; each download an access event) and the country of origin
information notes the unit relies on (written once by an asylum officer, shared across claims, nothing personal),
linked to a claim with a note of why they matter to it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.asylum.models import Claim, ClaimCountryNote, ClaimDocument, CountryNote
from borderdesk.apps.asylum.services import claims, sealing
from borderdesk.apps.asylum.services.claims import OPEN, WORK, add_event, check_version, claim_service, load
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.services.files import max_size
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import service
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.asylum import FINAL, ClaimState
from borderdesk.core.casework.uploads import FileRefused, content_type_of, safe_filename
from borderdesk.core.documents import country_name

TITLE_MAX = 200
SUMMARY_MAX = 10_000
SOURCE_MAX = 300
RELEVANCE_MAX = 300
MAX_DOCUMENTS = 200


def _line(value, *, field: str, most: int, what: str, required: bool = True) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise Invalid(f"Give {what}.", code=f"{field}_required", field=field)
    if len(text) > most:
        raise Invalid(f"{what.capitalize()}: at most {most:,} characters.", code=f"{field}_too_long", field=field)
    return text


def _read(content) -> bytes:
    """The bytes sent, or ``file_too_large`` before more than the limit is read."""
    limit = max_size()
    if content is None:
        raise Invalid("Choose a file first.", code="file_required", field="file")
    if getattr(content, "size", 0) > limit:
        raise _too_large(limit)
    data = bytes(content) if isinstance(content, bytes | bytearray) else content.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _too_large(limit: int) -> Invalid:
    return Invalid(f"The file is larger than {limit // (1024 * 1024)} MB.", code="file_too_large", field="file")


def _open_claim(claim, version) -> Claim:
    record = load(claim, for_update=True)
    check_version(record, version)
    if ClaimState(record.state) in FINAL:
        raise Conflict(f"Claim {record.reference} is {record.get_state_display().lower()}.", code="claim_finished")
    return record


# --- Documents ------------------------------------------------------------------------------------------------------


@claim_service((WORK,))
def add_document(actor, claim, *, title, content, filename="", version=None) -> ClaimDocument:
    data = _read(content)
    try:
        content_type = content_type_of(data)
    except FileRefused as refused:
        raise Invalid(refused.message, code=refused.code, field="file") from None
    title = _line(title, field="title", most=TITLE_MAX, what="the document's title")
    record = _open_claim(claim, version)
    digest = hashlib.sha256(data).hexdigest()
    if ClaimDocument.objects.filter(claim=record, sha256=digest).exists():
        raise Conflict("This file is already on the claim; it was not stored twice.", code="file_already_uploaded")
    if ClaimDocument.objects.filter(claim=record).count() >= MAX_DOCUMENTS:
        raise Conflict(f"A claim holds at most {MAX_DOCUMENTS} documents.", code="too_many_files")
    name = safe_filename(filename or getattr(content, "name", ""), content_type)
    document = ClaimDocument.objects.create(
        claim=record,
        content_type=content_type,
        filename=name,
        size=len(data),
        sha256=digest,
        sealed=b"",
        key="",
        added_by=user_of(actor),
        added_at=timezone.now(),
    )
    document.key, document.sealed = sealing.seal_value(document, "content", data)
    document.title_key, document.title_sealed = sealing.seal_text(document, "title", title)
    document.save(update_fields=["key", "sealed", "title_key", "title_sealed"])
    claims.bump(record)
    add_event(record, actor, "document", text=f"Document added ({name})", document=document.pk)
    record_change(
        actor,
        AuditAction.ASYLUM_DOCUMENT_ADD,
        document,
        new={"claim": record.reference, "content_type": content_type, "size": len(data), "sha256": digest},
        post_code=record.post.code,
    )
    return document


@dataclass(frozen=True)
class Download:
    data: bytes
    content_type: str
    filename: str


@claim_service(OPEN)
def download(actor, claim, document) -> Download:
    """A document of the claim, opened: an access event."""
    record = load(claim)
    try:
        pk = int(str(document))
    except ValueError:
        pk = 0
    found = ClaimDocument.objects.filter(claim=record, pk=pk).first()
    if found is None:  # another claim's document is not found through this one
        raise NotFound(f"Claim {record.reference} has no document {str(document)[:20]}.", code="document_not_found")
    data = sealing.unseal_value(found, "content", found.sealed, found.key)
    record_access(
        actor,
        found,
        purpose="asylum_document",
        detail=f"{record.reference} {found.filename}",
        post_code=record.post.code,
    )
    return Download(data, found.content_type, found.filename)


# --- Country of origin information -------------------------------------------------------------------------------


@service((WORK,))
def write_note(actor, *, country, title, summary, source, url="", published_on) -> CountryNote:
    """A country information note, shared by every claim (not personal: no claim is opened to write one)."""
    code = str(country or "").strip().upper()[:3]
    if country_name(code) is None:
        raise Invalid("Name the country (three letters, e.g. SYR).", code="country_unknown", field="country")
    try:
        published = date.fromisoformat(str(published_on or "").strip()[:10])
    except ValueError:
        raise Invalid("Give the day it was published.", code="published_on_required", field="published_on") from None
    url = str(url or "").strip()
    if (url and not url.startswith(("https://", "http://"))) or len(url) > 200:
        raise Invalid("The address starts with https:// (at most 200 characters).", code="url_invalid", field="url")
    note = CountryNote.objects.create(
        country=code,
        title=_line(title, field="title", most=TITLE_MAX, what="the note's title"),
        summary=_line(summary, field="summary", most=SUMMARY_MAX, what="the summary"),
        source=_line(source, field="source", most=SOURCE_MAX, what="the source"),
        url=url,
        published_on=published,
        created_by=user_of(actor),
    )
    record_change(actor, AuditAction.ASYLUM_COUNTRY_NOTE_CREATE, note, new={"country": code, "title": note.title})
    return note


@claim_service((WORK,))
def link_note(actor, claim, *, note, relevance="", version=None) -> ClaimCountryNote:
    record = _open_claim(claim, version)
    try:
        found = CountryNote.objects.get(pk=int(str(note)))
    except (ValueError, CountryNote.DoesNotExist):
        raise NotFound("There is no such country information note.", code="country_note_not_found") from None
    if ClaimCountryNote.objects.filter(claim=record, note=found).exists():
        raise Conflict("This note is already linked to the claim.", code="country_note_already_linked")
    relevance = _line(relevance, field="relevance", most=RELEVANCE_MAX, what="its relevance", required=False)
    link = ClaimCountryNote.objects.create(claim=record, note=found, linked_by=user_of(actor), linked_at=timezone.now())
    link.relevance_key, link.relevance_sealed = sealing.seal_text(link, "relevance", relevance)
    link.save(update_fields=["relevance_key", "relevance_sealed"])
    claims.bump(record)
    add_event(record, actor, "country_note", text=f"Country information linked: {found.title}", note=found.pk)
    record_change(
        actor,
        AuditAction.ASYLUM_COUNTRY_NOTE_LINK,
        record,
        new={"country_note": found.pk, "relevance": "on the claim"},
        post_code=record.post.code,
    )
    return link


def notes_for(claim: Claim) -> list[CountryNote]:
    """Notes on the claimant's nationality first, then the others, for the link form."""
    nationality = claim.claimant.nationality
    notes = list(CountryNote.objects.order_by("country", "-published_on", "id")[:200])
    return sorted(notes, key=lambda n: n.country != nationality)


@dataclass(frozen=True)
class Evidence:
    documents: list[ClaimDocument]
    linked: list[ClaimCountryNote]
    notes: list[CountryNote]


@claim_service()
def on_claim(actor, claim) -> Evidence:
    """What the claim's evidence panel lists: its documents (not their content), its linked notes, and the notes
    that may be linked."""
    record = load(claim)
    linked = list(record.country_notes.select_related("note").order_by("linked_at", "id"))
    for link in linked:
        link.relevance_text = sealing.unseal_text(link, "relevance", link.relevance_sealed, link.relevance_key)
    documents = list(record.documents.defer("sealed").order_by("added_at", "id"))
    for document in documents:
        document.title_text = sealing.unseal_text(document, "title", document.title_sealed, document.title_key)
    taken = {link.note_id for link in linked}
    return Evidence(
        documents=documents,
        linked=linked,
        notes=[note for note in notes_for(record) if note.pk not in taken],
    )
