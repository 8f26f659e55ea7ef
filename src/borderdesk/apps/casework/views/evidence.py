"""Evidence asked of the applicant, on a case's page: the requests (open and answered, with due days and late
flags), the form to ask for documents of the kind, and the form to record that the evidence came."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.decorators.http import require_POST

from borderdesk.apps.casework.services import cases, evidence
from borderdesk.apps.casework.views.common import after_action, form_date
from borderdesk.apps.common.views import refuses_without


def panel(request, record) -> dict:
    """What this part adds to the context of a case's page (``casework/_evidence.html``)."""
    found = evidence.evidence_of(request.user, record.application)
    titles = {document.code: document.title for document in found.documents}
    sent = request.POST if request.method == "POST" else {}
    return {
        "evidence": found,
        "evidence_rows": [
            (request_, [titles.get(code, code) for code in request_.documents]) for request_ in found.requests
        ],
        "evidence_chosen": sent.getlist("documents") if sent else [],
        "may_request_evidence": record.may_work and "request_evidence" in record.allowed_actions,
        "may_receive_evidence": record.may_work and found.open is not None,
    }


@login_required
@require_POST
@refuses_without(cases.WORK)
def request_evidence(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: evidence.request_evidence(
            request.user,
            reference,
            version=form.get("version"),
            documents=form.getlist("documents"),
            due_on=form_date(form.get("due_on"), field="due_on"),
            message=form.get("message", ""),
        ),
    )


@login_required
@require_POST
@refuses_without(cases.WORK)
def receive_evidence(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: evidence.receive_evidence(
            request.user,
            reference,
            version=form.get("version"),
            received_on=form_date(form.get("received_on"), field="received_on"),
        ),
    )


urlpatterns = [
    path("<str:reference>/evidence/request", request_evidence, name="request-evidence"),
    path("<str:reference>/evidence/received", receive_evidence, name="receive-evidence"),
]
