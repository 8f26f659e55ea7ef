"""A case's supporting files: uploading one (PDF, JPEG or PNG, told from its content; at most
``BORDERDESK_CASEWORK_FILE_MAX_MB``; one of the kind's documents), kept sealed at rest (AES-256-GCM, see
``core/casework/uploads``) under ``DATA_DIR/casework-files`` with a random name; downloading one (a logged read);
and what a case's page shows: the documents the kind asks of this applicant, which are there and which missing.

Keys: ``BORDERDESK_FILE_KEYS`` (``id:base64key,...``, the first seals, all open), or when it is unset a key made once
and kept in ``DATA_DIR/casework-file-key`` (mode 0600). That local key also opens, once keys are configured, what
it sealed before.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.accounts.authz import allowed
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import Application, EventKind, SupportingFile
from borderdesk.apps.casework.services.cases import (
    READ,
    WORK,
    add_event,
    application_post,
    check_version,
    kind_of,
    load,
)
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.sealing import keyring
from borderdesk.apps.common.services import as_id, post_code_of, service
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import FINAL, State, SupportingDocument, required_documents
from borderdesk.core.casework.uploads import (
    FileDamaged,
    FileKeys,
    FileRefused,
    content_type_of,
    safe_filename,
    seal,
    unseal,
)

FILES_DIR = "casework-files"
LOCAL_KEY_FILE = "casework-file-key"
MAX_FILES_PER_CASE = 200
MB = 1024 * 1024


# --- Configuration -------------------------------------------------------------------------------------------------


def max_size() -> int:
    return int(float(settings.BORDERDESK_CASEWORK_FILE_MAX_MB) * MB)


def files_dir() -> Path:
    return Path(settings.DATA_DIR) / FILES_DIR


def file_keys() -> FileKeys:
    """The configured keys (the local key, when there is one, also opens); or the local key, made once."""
    return keyring("BORDERDESK_FILE_KEYS", LOCAL_KEY_FILE)


# --- Where a file's work is ----------------------------------------------------------------------------------------


def file_post(application, pk, *_, **__) -> str:
    """For ``service(post=...)``: the post of the case the file belongs to, read alone (from the file, not from the
    reference the caller named with it); ``file_not_found`` when there is no such file."""
    return post_code_of(SupportingFile, as_id(pk, field="file"), what="file", path="application__post__code")


# --- Uploading -----------------------------------------------------------------------------------------------------


def upload(actor, application, *, document_code: str, content, filename: str = "", version=None) -> SupportingFile:
    """Store ``content`` (bytes, or an uploaded file) as the case's ``document_code`` document. The sealed file
    is written before its row, in the service's transaction; when anything after fails (the row, the audit trail,
    the commit) the file written is removed again, so a failed upload leaves neither row nor file behind."""
    landing = _Landing()
    try:
        return _upload(
            actor,
            application,
            document_code=document_code,
            content=content,
            filename=filename,
            version=version,
            landing=landing,
        )
    except BaseException:
        landing.remove()
        raise


class _Landing:
    """The file an upload wrote, to remove when the upload fails."""

    path: Path | None = None

    def remove(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)
            self.path = None


@service(WORK, post=application_post)
def _upload(actor, application, *, document_code, content, filename, version, landing: _Landing) -> SupportingFile:
    data = _read_limited(content)
    try:
        content_type = content_type_of(data)
    except FileRefused as refused:
        raise Invalid(refused.message, code=refused.code, field="file") from None
    case = load(application, for_update=True)
    check_version(case, version)
    if State(case.state) in FINAL:
        raise Conflict(
            f"Application {case.reference} is {case.get_state_display().lower()}: no more files are added to it.",
            code="case_closed",
        )
    document = _document(case, document_code)
    digest = hashlib.sha256(data).hexdigest()
    if SupportingFile.objects.filter(application=case, sha256=digest).exists():
        raise Conflict(
            f"This file is already on application {case.reference}; it was not stored twice.",
            code="file_already_uploaded",
            field="file",
        )
    if SupportingFile.objects.filter(application=case).count() >= MAX_FILES_PER_CASE:
        raise Conflict(f"An application holds at most {MAX_FILES_PER_CASE} files.", code="too_many_files")
    name = safe_filename(filename or getattr(content, "name", ""), content_type)
    stored_as = secrets.token_hex(24)
    key_id, sealed = seal(data, file_keys(), stored_as)
    _write(stored_as, sealed, landing)
    record = SupportingFile.objects.create(
        application=case,
        document_code=document.code,
        filename=name,
        content_type=content_type,
        size=len(data),
        sha256=digest,
        stored_as=stored_as,
        key_id=key_id,
        uploaded_at=timezone.now(),
        uploaded_by=user_of(actor),
    )
    add_event(
        case,
        actor,
        EventKind.DOCUMENT,
        text=f"{document.title}: {name}",
        file=record.pk,
        document_code=document.code,
        filename=name,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_FILE_UPLOAD,
        record,
        new={
            "application": case.reference,
            "document_code": document.code,
            "filename": name,
            "content_type": content_type,
            "size": len(data),
            "sha256": digest,
        },
        post_code=case.post.code,
    )
    return record


def _read_limited(content) -> bytes:
    """The bytes sent, or ``file_too_large`` before more than the limit is read."""
    limit = max_size()
    if content is None:
        raise Invalid("Choose a file first.", code="file_required", field="file")
    size = getattr(content, "size", None)
    if size is not None and size > limit:
        raise _too_large(limit)
    if isinstance(content, bytes | bytearray):
        data = bytes(content)
    else:
        content.seek(0)
        data = content.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _too_large(limit: int) -> Invalid:
    return Invalid(
        f"The file is larger than {float(settings.BORDERDESK_CASEWORK_FILE_MAX_MB):g} MB, the most accepted "
        f"({limit:,} bytes).",
        code="file_too_large",
        field="file",
    )


def _document(case: Application, code: str) -> SupportingDocument:
    documents = kind_of(case).documents
    for document in documents:
        if document.code == str(code or "").strip():
            return document
    raise Invalid(
        f"Choose which document this is; a {kind_of(case).title.lower()} takes: "
        f"{', '.join(d.code for d in documents)}.",
        code="unknown_document",
        field="document_code",
    )


def _write(stored_as: str, sealed: bytes, landing: _Landing) -> None:
    """The sealed bytes under their new name: written whole to a temporary name, then linked into place."""
    folder = files_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    final = folder / stored_as
    partial = folder / f".{stored_as}.part"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(partial, final)  # never over another file (a random name of 192 bits is never taken anyway)
    finally:
        partial.unlink(missing_ok=True)
    landing.path = final


# --- Downloading ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    content: bytes


@service(READ, post=file_post)
def download(actor, application, pk) -> Download:
    """A file of a case, opened: a logged read (purpose "supporting document", the file's name) by someone who may
    read the case at its post. A file of another case answers ``file_not_found``; one whose sealed bytes were
    altered answers ``file_damaged``, never what they decrypt to."""
    found = (
        SupportingFile.objects.filter(pk=as_id(pk, field="file"))
        .select_related("application__post", "application__applicant")
        .first()
    )
    if found is None or found.application.reference != str(application).strip().upper():
        raise NotFound(f"No file {str(pk)[:20]} on application {str(application)[:40]}.", code="file_not_found")
    case = found.application
    record_access(actor, case.applicant, purpose="supporting document", detail=found.filename, post_code=case.post.code)
    try:
        sealed = (files_dir() / found.stored_as).read_bytes()
    except FileNotFoundError:
        raise Conflict(
            f"The stored file {found.filename} is missing from the file store; tell an administrator.",
            code="file_damaged",
        ) from None
    try:
        data = unseal(sealed, file_keys(), found.key_id, found.stored_as)
    except FileDamaged as damaged:
        raise Conflict(damaged.message, code=damaged.code) from None
    if hashlib.sha256(data).hexdigest() != found.sha256:
        raise Conflict(
            "The stored file is not the one that was uploaded, so it is not shown; tell an administrator.",
            code="file_damaged",
        )
    return Download(filename=found.filename, content_type=found.content_type, content=data)


# --- What a case's page shows --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentStatus:
    document: SupportingDocument
    files: list[SupportingFile]

    @property
    def present(self) -> bool:
        return bool(self.files)


@dataclass(frozen=True)
class CaseFiles:
    """The documents this applicant must give (from the kind and their answers), each with the files that are it;
    every file of the case; and the documents one may upload."""

    required: list[DocumentStatus]
    files: list[SupportingFile]
    documents: list[SupportingDocument]
    may_upload: bool

    @property
    def max_mb(self) -> float:
        return float(settings.BORDERDESK_CASEWORK_FILE_MAX_MB)

    @property
    def missing(self) -> list[SupportingDocument]:
        return [status.document for status in self.required if not status.present]

    @property
    def complete(self) -> bool:
        return not self.missing


@service(READ, post=application_post)
def case_files(actor, application) -> CaseFiles:
    """The files panel of a case's page. Part of reading the case, whose read ``view_case`` logged: no second
    access event (downloading a file is one)."""
    case = load(application)
    kind = kind_of(case)
    files = list(case.files.select_related("uploaded_by").order_by("uploaded_at", "pk"))
    required = [
        DocumentStatus(document, [f for f in files if f.document_code == document.code])
        for document in required_documents(kind, case.answers or {})
    ]
    return CaseFiles(
        required=required,
        files=files,
        documents=list(kind.documents),
        may_upload=allowed(actor, WORK, case.post.code) and State(case.state) not in FINAL,
    )
