"""A claim's page. Before anything of the claim is shown, the user opens it with a reason (an access event; an
emergency opening alerts the auditors); then the page shows the claim, what may be done now and its timeline. The
other asylum modules each add a panel (``PANELS``): their ``panel(request, record)`` returns what their part of the
page needs, and the page includes their template, in this order."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from borderdesk.apps.asylum.services import claims
from borderdesk.apps.common.errors import Invalid, PermissionDenied
from borderdesk.apps.common.views import refuses_without

# (template, panel function) for each part of the page; each module appends its own.
PANELS: list[tuple[str, object]] = []


@login_required
@refuses_without(claims.OPEN)
def claim_page(request, reference: str):
    return claim_page_response(request, reference)


def claim_page_response(request, reference: str, *, error=None, status: int = 200):
    gate = claims.gate(request.user, reference)
    if gate.opening is None:
        return open_form(request, gate)
    record = claims.view_claim(request.user, reference)
    context = {
        "record": record,
        "claim": record.claim,
        "error": error,
        "form": request.POST if error else {},
        "panel_templates": [template for template, _ in PANELS],
    }
    for _, panel in PANELS:
        context.update(panel(request, record))
    return render(request, "asylum/claim.html", context, status=status)


def open_form(request, gate, *, error=None, status: int = 200):
    context = {"gate": gate, "purposes": claims.PURPOSES, "error": error, "form": request.POST if error else {}}
    return render(request, "asylum/open.html", context, status=status)


@login_required
@require_POST
@refuses_without(claims.OPEN)
def open_claim(request, reference: str):
    form = request.POST
    try:
        claims.open_claim(
            request.user,
            reference,
            purpose=form.get("purpose", ""),
            reason=form.get("reason", ""),
            emergency=form.get("emergency") == "yes",
        )
    except (Invalid, PermissionDenied) as exc:
        if isinstance(exc, PermissionDenied) and exc.code != "not_assigned":
            raise
        return open_form(request, claims.gate(request.user, reference), error=exc, status=exc.status)
    return redirect("asylum:claim", reference=reference)


urlpatterns = [
    path("claims/<str:reference>/", claim_page, name="claim"),
    path("claims/<str:reference>/open", open_claim, name="open"),
]
