"""Registration on the claim's page: the identity as claimed beside the documented one, languages,
vulnerabilities, the account in brief (sealed), a household member; and the claimant card."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from borderdesk.apps.accounts.authz import allowed
from borderdesk.apps.asylum.services import claims, making, registration
from borderdesk.apps.asylum.views.claim import PANELS
from borderdesk.apps.asylum.views.common import after_action
from borderdesk.apps.common.views import refuses_without
from borderdesk.core.casework.asylum import ClaimState, Vulnerability

VULNERABILITIES = [(v.value, v.value.replace("_", " ").capitalize()) for v in Vulnerability]


def panel(request, record) -> dict:
    claim = record.claim
    return {
        "registration": registration.registration_of(request.user, claim.reference),
        "may_register": claim.state == ClaimState.CLAIMED
        and record.may_work
        and allowed(request.user, claims.WORK, claim.post.code),
        "vulnerability_choices": VULNERABILITIES,
    }


def _unopened(request, reference: str):
    """Without a live opening (it expired): the claim's page, which asks the reason again."""
    if claims.gate(request.user, reference).opening is None:
        return redirect("asylum:claim", reference=reference)
    return None


@login_required
@require_POST
@refuses_without(claims.WORK)
def register(request, reference: str):
    if unopened := _unopened(request, reference):
        return unopened
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: registration.register(
            request.user,
            reference,
            version=form.get("version"),
            identity=making.Identity.typed(form),
            languages=form.get("languages", "").replace(",", " ").split(),
            vulnerabilities=form.getlist("vulnerabilities"),
            narrative=form.get("narrative", ""),
            members=making.members_from(form),
        ),
    )


@login_required
@refuses_without(claims.WORK)
def card(request, reference: str):
    if unopened := _unopened(request, reference):
        return unopened
    pdf = registration.claimant_card(request.user, reference)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="claimant-card.pdf"'
    return response


PANELS.append(("asylum/_registration.html", panel))
urlpatterns = [
    path("claims/<str:reference>/register", register, name="register"),
    path("claims/<str:reference>/card.pdf", card, name="card"),
]
