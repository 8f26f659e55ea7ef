"""A case's supporting files: the panel on its page (the documents this applicant must give, which are there and
which missing; the files; the upload form for those who work the case), uploading one, downloading one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from borderdesk.apps.casework.services import cases, files
from borderdesk.apps.casework.views.common import after_action
from borderdesk.apps.common.views import refuses_without


def panel(request, record) -> dict:
    """What this part adds to the context of a case's page (``casework/_files.html``)."""
    return {"case_files": files.case_files(request.user, record.application)}


@login_required
@require_POST
@refuses_without(cases.WORK)
def upload(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: files.upload(
            request.user,
            reference,
            document_code=form.get("document_code", ""),
            content=request.FILES.get("file"),
            filename=getattr(request.FILES.get("file"), "name", ""),
        ),
    )


@login_required
@require_GET
@refuses_without(cases.READ)
def download(request, reference: str, pk: int):
    found = files.download(request.user, reference, pk)
    return file_response(found)


def file_response(found: files.Download) -> HttpResponse:
    """The file's bytes, to be saved and never shown in the page or guessed at by the browser."""
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(len(found.content))
    return response


urlpatterns = [
    path("<str:reference>/files", upload, name="upload"),
    path("<str:reference>/files/<int:pk>", download, name="file"),
]
