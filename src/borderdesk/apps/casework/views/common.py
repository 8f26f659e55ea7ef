"""What every casework view shares: the caller's post, a form's dates, and the answer after an action (the case
again, after a redirect, or the case's page with the clear error)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import redirect

from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound, PermissionDenied


def current_post_code(request) -> str | None:
    post = getattr(request.user, "current_post", None)
    return post.code if post is not None else None


def form_date(value, *, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(f"{str(value)[:40]!r} is not a date (YYYY-MM-DD).", code="invalid_date", field=field) from None


def after_action(request, reference: str, action):
    """Run ``action`` (a service call); then the case again, or its page with the error and nothing lost. A
    refused or missing case answers with the refusal alone (``refuses_without`` shows it)."""
    from borderdesk.apps.casework.views.case import case_page_response

    try:
        action()
    except BorderdeskError as exc:
        if isinstance(exc, (PermissionDenied, NotFound)):
            raise
        return case_page_response(request, reference, error=exc, status=exc.status)
    return redirect("casework:case", reference=reference)
