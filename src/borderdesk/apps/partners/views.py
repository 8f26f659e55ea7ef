"""Partner agencies' pages: the post's referrals and each referral's page (what was shared, its state, the
officer's signature for a hand-over, the alert's delivery log), and the administrators' partner pages. Views stay
thin: every read and write is a service call."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from borderdesk.apps.common.errors import BorderdeskError, Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.partners.models import PartnerKind
from borderdesk.apps.partners.services import management, referrals
from borderdesk.core.access import Perm

REFER = Perm.PATROL_REFERRAL_MAKE
MANAGE = Perm.ADMIN_PARTNER_MANAGE


# --- Our officers: the post's referrals and a referral's page ------------------------------------------------------


@login_required
@require_GET
@refuses_without(REFER)
def referral_list(request):
    post = request.user.current_post
    if post is None:
        raise Invalid("Choose the post you work at first (the post switcher at the top).", code="no_current_post")
    rows = referrals.referrals_at_post(request.user, post_code=post.code)
    return render(request, "partners/referrals.html", {"post": post, "rows": rows})


@login_required
@require_GET
@refuses_without(REFER)
def referral_page(request, reference: str):
    return _referral_page(request, reference)


def _referral_page(request, reference: str, *, error=None, status: int = 200):
    page = referrals.referral_for_officer(request.user, reference)
    context = {
        "page": page,
        "referral": page.referral,
        "state": referrals.referral_state(page.referral),
        "error": error,
    }
    return render(request, "partners/referral.html", context, status=status)


@login_required
@require_POST
@refuses_without(REFER)
def sign_handover(request, reference: str):
    try:
        referrals.sign_handover(request.user, reference, signature=request.POST.get("signature", ""))
    except BorderdeskError as exc:
        if exc.status in (403, 404):
            raise
        return _referral_page(request, reference, error=exc, status=exc.status)
    return redirect("partners:referral", reference=reference)


# --- Administrators: partners, their secret, account and tokens ----------------------------------------------------


@login_required
@require_GET
@refuses_without(MANAGE)
def partner_list(request):
    return render(request, "partners/partners.html", {"rows": management.partner_rows(request.user)})


def _form(data) -> management.PartnerForm:
    return management.PartnerForm(
        code=data.get("code", ""),
        name=data.get("name", ""),
        kind=data.get("kind", ""),
        country=data.get("country", ""),
        webhook_url=data.get("webhook_url", ""),
        watchlists=tuple(data.getlist("watchlists")),
        is_active=data.get("is_active") == "on",
    )


def _form_page(request, form, *, partner=None, error=None, status: int = 200):
    context = {
        "form": form,
        "partner": partner,
        "kinds": PartnerKind.choices,
        "lists": management.known_watchlists(),
        "error": error,
    }
    return render(request, "partners/partner_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(MANAGE)
def new_partner(request):
    if request.method == "GET":
        return _form_page(request, management.PartnerForm())
    form = _form(request.POST)
    try:
        partner = management.create_partner(request.user, form)
    except BorderdeskError as exc:
        return _form_page(request, form, error=exc, status=exc.status)
    return redirect("partners:partner", pk=partner.pk)


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(MANAGE)
def edit_partner(request, pk: int):
    partner = management.managed_partner(request.user, pk)
    if request.method == "GET":
        form = management.PartnerForm(
            code=partner.code,
            name=partner.name,
            kind=partner.kind,
            country=partner.country,
            webhook_url=partner.webhook_url,
            watchlists=tuple(partner.watchlists),
            is_active=partner.is_active,
        )
        return _form_page(request, form, partner=partner)
    form = _form(request.POST)
    try:
        management.update_partner(request.user, pk, form)
    except BorderdeskError as exc:
        return _form_page(request, form, partner=partner, error=exc, status=exc.status)
    return redirect("partners:partner", pk=pk)


@login_required
@require_GET
@refuses_without(MANAGE)
def partner_page(request, pk: int):
    return _partner_page(request, pk)


def _partner_page(request, pk, *, shown: dict | None = None, error=None, status: int = 200):
    partner = management.managed_partner(request.user, pk)
    context = {
        "partner": partner,
        "has_secret": management.has_secret(partner),
        "tokens": management.partner_tokens(request.user, partner),
        "shown": shown or {},
        "error": error,
    }
    # What is shown once is not kept by the browser: nothing a signed-in user sees is cached (SecurityHeaders).
    return render(request, "partners/partner.html", context, status=status)


def _act(request, pk, action):
    """Run ``action`` and show the partner's page again with what it gives to show once, or its error."""
    try:
        shown = action()
    except BorderdeskError as exc:
        if exc.status in (403, 404):
            raise
        return _partner_page(request, pk, error=exc, status=exc.status)
    if shown:
        return _partner_page(request, pk, shown=shown)
    return redirect("partners:partner", pk=pk)


@login_required
@require_POST
@refuses_without(MANAGE)
def set_secret(request, pk: int):
    return _act(request, pk, lambda: {"secret": management.set_webhook_secret(request.user, pk)})


@login_required
@require_POST
@refuses_without(MANAGE)
def create_account(request, pk: int):
    return _act(request, pk, lambda: management.create_account(request.user, pk) and None)


@login_required
@require_POST
@refuses_without(MANAGE)
def issue_token(request, pk: int):
    def issue():
        token, secret = management.issue_partner_token(request.user, pk, name=request.POST.get("name", ""))
        return {"token": secret, "token_name": token.name}

    return _act(request, pk, issue)


@login_required
@require_POST
@refuses_without(MANAGE)
def revoke_token(request, pk: int):
    return _act(
        request, pk, lambda: management.revoke_partner_token(request.user, pk, request.POST.get("prefix", "")) and None
    )
