"""API tokens for machines (e-gates, kiosks): issued and revoked by an administrator, audited, stored only as a
digest. A token acts with its user's roles and posts; revoking it or deactivating the user stops it at once."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from borderdesk.apps.accounts.models import ApiToken, User
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import service
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction

PREFIX = "bdt_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@service(Perm.ADMIN_USER_MANAGE)
def issue_token(actor, user: User, *, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the secret is returned once and never stored."""
    name = name.strip()
    if not name:
        raise Invalid(
            "Name the machine that will hold the token, e.g. 'UCX e-gate 3'.", code="token_name_required", field="name"
        )
    if not user.is_active:
        raise Conflict(f"{user.username} is deactivated: no token can be issued.", code="user_inactive")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=secret[:12], digest=_digest(secret))
    record_change(
        actor,
        AuditAction.ACCOUNTS_TOKEN_ISSUE,
        token,
        new={"user": user.username, "name": token.name, "prefix": token.prefix},
    )
    return token, secret


@service(Perm.ADMIN_USER_MANAGE)
def revoke_token(actor, prefix: str) -> ApiToken:
    tokens = list(ApiToken.objects.select_for_update().filter(prefix=prefix, revoked_at__isnull=True))
    if not tokens:
        raise NotFound(f"No token in use starts with {prefix!r}.", code="token_not_found")
    if len(tokens) > 1:
        raise Conflict(f"Several tokens start with {prefix!r}.", code="token_ambiguous")
    token = tokens[0]
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_change(
        actor,
        AuditAction.ACCOUNTS_TOKEN_REVOKE,
        token,
        old={"revoked": False},
        new={"revoked": True, "user": token.user.username, "name": token.name, "prefix": token.prefix},
    )
    return token


def user_for_token(secret: str) -> User | None:
    """The active user a token in use belongs to, or None. Notes the day it was last used (one write a day)."""
    if not secret.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user__current_post")
        .filter(digest=_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    today = timezone.localdate()
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
    return token.user
