"""A case's supporting files through the API: another system (an application centre, an online form) sends the
files its applicant gave, one request each (multipart: ``file`` and ``document_code``)."""

from __future__ import annotations

from datetime import datetime

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from borderdesk.apps.casework.services import files

router = Router()


class FileOut(Schema):
    id: int
    application: str
    document_code: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str | None


@router.post(
    "/{reference}/files",
    response={201: FileOut},
    summary="Add a supporting document (PDF, JPEG or PNG) to an application",
)
def upload_file(
    request,
    reference: str,
    file: UploadedFile | None = File(None),  # noqa: B008 (how ninja declares a multipart file)
    document_code: str = Form(""),
    version: str | None = Form(None),
):
    """Multipart, with the file as `file` and which of the kind's documents it is as `document_code`
    (`unknown_document` 422 lists them). The type is told from the content, whatever the file's name or part's
    content type say: anything other than a PDF, JPEG or PNG that opens as one is `file_type_not_allowed` 422, a
    PDF with scripts or attachments `pdf_active_content` 422; above `BORDERDESK_CASEWORK_FILE_MAX_MB` it is
    `file_too_large` 422. The same file sent twice is stored once (`file_already_uploaded` 409); a closed case
    takes no more (`case_closed` 409). Needs casework at the application's post (`not_your_post` 403)."""
    stored = files.upload(
        request.user,
        reference,
        document_code=document_code,
        content=file,
        filename=getattr(file, "name", "") or "",
        version=version,
    )
    return Status(
        201,
        {
            "id": stored.pk,
            "application": stored.application.reference,
            "document_code": stored.document_code,
            "filename": stored.filename,
            "content_type": stored.content_type,
            "size": stored.size,
            "sha256": stored.sha256,
            "uploaded_at": stored.uploaded_at,
            "uploaded_by": stored.uploaded_by.username if stored.uploaded_by else None,
        },
    )
