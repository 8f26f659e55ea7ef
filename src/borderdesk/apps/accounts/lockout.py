"""Lock-out after repeated failed sign-ins (django-axes counts them per user name and address), and unlocking."""

from __future__ import annotations

from axes.utils import reset
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render

from borderdesk.apps.accounts.models import User
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.services import service
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction


def lockout_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page saying the account is locked and for how long. The same words whether or not the
    user name exists: the lock is on the name and address tried, not on an account."""
    context = {
        "form": AuthenticationForm(request),
        "locked_minutes": lockout_minutes(),
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


@service(Perm.ADMIN_USER_MANAGE)
def unlock(actor, username: str) -> int:
    """Clear the failed sign-ins of ``username`` from every address; returns how many were cleared."""
    cleared = reset(username=username)
    user = User.objects.filter(username=username).first()
    record_change(
        actor, AuditAction.ACCOUNTS_SIGNIN_UNLOCK, user, new={"username": username, "attempts_cleared": cleared}
    )
    return cleared
