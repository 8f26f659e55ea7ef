"""Every sign-in, failed sign-in, lock-out and sign-out goes into the audit trail (never a password)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from borderdesk.apps.accounts.models import User
from borderdesk.apps.audit.services import record_change
from borderdesk.core.audit.actions import AuditAction

ANONYMOUS = "anonymous"


def _ip_address(request) -> str:
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")


@receiver(user_logged_in, dispatch_uid="borderdesk.audit.signin")
def on_signed_in(sender, request, user, **kwargs):
    record_change(user, AuditAction.ACCOUNTS_SIGNIN_PASSWORD, user, new={"ip_address": _ip_address(request)})


@receiver(user_login_failed, dispatch_uid="borderdesk.audit.signin_failed")
def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    user = User.objects.filter(username=username).first()
    reason = "locked_out" if getattr(request, "axes_locked_out", False) else "wrong_credentials"
    record_change(
        ANONYMOUS,
        AuditAction.ACCOUNTS_SIGNIN_FAILURE,
        user,
        new={"username": username, "reason": reason, "ip_address": _ip_address(request)},
    )


@receiver(user_locked_out, dispatch_uid="borderdesk.audit.locked_out")
def on_locked_out(sender, request, username, ip_address, **kwargs):
    user = User.objects.filter(username=username).first()
    record_change(
        ANONYMOUS,
        AuditAction.ACCOUNTS_SIGNIN_LOCKED_OUT,
        user,
        new={"username": username, "ip_address": ip_address or ""},
    )


@receiver(user_logged_out, dispatch_uid="borderdesk.audit.signout")
def on_signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_change(user, AuditAction.ACCOUNTS_SIGNOUT, user, new={"ip_address": _ip_address(request)})
