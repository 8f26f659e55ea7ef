"""What every asylum view shares: the answer after an action (the claim again, after a redirect, or the claim's page
with the clear error and what was typed)."""

from __future__ import annotations

from django.shortcuts import redirect

from borderdesk.apps.common.errors import BorderdeskError, NotFound, PermissionDenied


def after_action(request, reference: str, action):
    """Run ``action`` (a service call); then the claim again, or its page with the error and nothing lost. A
    refusal or a missing claim answers alone (``refuses_without`` shows it)."""
    from borderdesk.apps.asylum.views.claim import claim_page_response

    try:
        action()
    except BorderdeskError as exc:
        if isinstance(exc, (PermissionDenied, NotFound)):
            raise
        return claim_page_response(request, reference, error=exc, status=exc.status)
    return redirect("asylum:claim", reference=reference)
