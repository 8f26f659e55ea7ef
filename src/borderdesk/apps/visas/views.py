"""A visa's page (the visa, its holder, status and history) with the forms to annul or revoke it, and the sticker of
a visa issued on arrival. Views stay thin: every read and write is a service call."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.visas import services
from borderdesk.core.access import Perm


def _where(request) -> str | None:
    post = getattr(request.user, "current_post", None)
    return post.code if post is not None else None


@login_required
@refuses_without(services.READ)
def visa_page(request, number: str):
    return _page(request, number)


@login_required
@require_POST
@refuses_without(services.END)
def annul(request, number: str):
    return _act(
        request,
        number,
        lambda: services.annul_visa(
            request.user, number, reason=request.POST.get("reason", ""), post_code=_where(request)
        ),
    )


@login_required
@require_POST
@refuses_without(services.END)
def revoke(request, number: str):
    form = request.POST
    return _act(
        request,
        number,
        lambda: services.revoke_visa(
            request.user,
            number,
            reason=form.get("reason", ""),
            legal_ground=form.get("legal_ground", ""),
            effective_on=_date(form.get("effective_on")),
            post_code=_where(request),
        ),
    )


@login_required
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def sticker(request, number: str):
    pdf = services.visa_sticker(request.user, number)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="visa-{services.normalised(number)}.pdf"'
    return response


def _act(request, number: str, action):
    """Run the annulment or revocation; then the page again (after a redirect), or the page with the clear error.
    A refused or missing visa answers with the refusal alone (``refuses_without`` shows it)."""
    try:
        action()
    except BorderdeskError as exc:
        if isinstance(exc, (PermissionDenied, NotFound)):
            raise  # never the page to someone refused it
        return _page(request, number, error=exc, status=exc.status)
    return redirect("visas:visa", number=services.normalised(number))


def _page(request, number: str, *, error=None, status=200):
    record = services.view_visa(request.user, number, post_code=_where(request))
    return render(request, "visas/visa.html", {"record": record, "visa": record.visa, "error": error}, status=status)


def _date(value):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(
            f"{value[:40]!r} is not a date (YYYY-MM-DD).", code="invalid_date", field="effective_on"
        ) from None
