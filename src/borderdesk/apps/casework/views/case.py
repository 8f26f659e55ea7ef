"""A case's page: the application, what may be done now, and its timeline. The other casework modules each add a
panel (``PANELS``): their ``panel(request, record)`` returns what their part of the page needs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

from borderdesk.apps.casework.services import cases
from borderdesk.apps.casework.views import appointments, checks, decisions, evidence, files, intake, letters
from borderdesk.apps.casework.views.common import after_action
from borderdesk.apps.citizenship import views as citizenship
from borderdesk.apps.common.views import refuses_without

PANELS = [
    intake.panel,
    files.panel,
    checks.panel,
    citizenship.panel,
    evidence.panel,
    appointments.panel,
    decisions.panel,
    letters.panel,
]


@login_required
@refuses_without(cases.READ)
def case_page(request, reference: str):
    return case_page_response(request, reference)


def case_page_response(request, reference: str, *, error=None, status: int = 200):
    record = cases.view_case(request.user, reference)
    context = {
        "record": record,
        "case": record.application,
        "error": error,
        "form": request.POST if error else {},
        "simple_actions": cases.SIMPLE_ACTIONS,
    }
    for panel in PANELS:
        context.update(panel(request, record))
    return render(request, "casework/case.html", context, status=status)


@login_required
@require_POST
@refuses_without(cases.WORK)
def act(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: cases.act(
            request.user, reference, form.get("action", ""), version=form.get("version"), text=form.get("text", "")
        ),
    )


@login_required
@require_POST
@refuses_without((*cases.WORK, cases.MANAGE))
def note(request, reference: str):
    return after_action(
        request, reference, lambda: cases.add_note(request.user, reference, request.POST.get("text", ""))
    )


@login_required
@require_POST
@refuses_without(cases.WORK)
def take(request, reference: str):
    return after_action(
        request, reference, lambda: cases.take(request.user, reference, version=request.POST.get("version"))
    )


urlpatterns = [
    path("<str:reference>/", case_page, name="case"),
    path("<str:reference>/act", act, name="act"),
    path("<str:reference>/note", note, name="note"),
    path("<str:reference>/take", take, name="take"),
]
