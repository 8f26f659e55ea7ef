"""API tokens for machines (e-gates, kiosks): issued and revoked by an administrator, audited, stored only as a
digest. A token acts with its user's roles and posts; revoking it or deactivating the user stops it at once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from functools import cache

from django.db import connection
from django.utils import timezone

from borderdesk.apps.accounts.models import ApiToken, User
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import service
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm, Role
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
    """The active user a token in use belongs to, or None. Notes the day it was last used (one write a day).

    Every request of a machine asks this, so it is one statement (the token, its user, the user's current post,
    roles and posts) instead of the ORM's three: nothing is cached between requests, so a revoked token, a
    deactivated user or a changed role counts at the very next request."""
    if not secret.startswith(PREFIX):
        return None
    found = _token_row(_digest(secret))
    if found is None:
        return None
    token_id, last_used_on, user = found
    today = timezone.localdate()
    if last_used_on != today:
        ApiToken.objects.filter(pk=token_id).update(last_used_on=today)
    return user


def _token_row(digest: str) -> tuple[int, date | None, User] | None:
    sql, conversions = _token_statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [digest])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for i, column, converters in conversions:
        if values[i] is not None:
            for converter in converters:
                values[i] = converter(values[i], column, connection)
    user_names, post_names = _attnames(User), _attnames(Post)
    token_id, last_used_on, values = values[0], values[1], values[2:]
    user_values, rest = values[: len(user_names)], values[len(user_names) :]
    post_values, (roles, codes) = rest[: len(post_names)], rest[len(post_names) :]
    alias = connection.alias
    user = User.from_db(alias, user_names, user_values)
    if post_values[0] is not None:
        post = Post.from_db(alias, post_names, post_values)
        User._meta.get_field("current_post").set_cached_value(user, post)
    user.__dict__["roles"] = frozenset(Role(r) for r in (roles or "").split(",") if r)
    user.__dict__["assigned_post_codes"] = frozenset(c for c in (codes or "").split(",") if c)
    return token_id, last_used_on, user


@cache
def _attnames(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


@cache
def _token_statement(vendor: str) -> tuple[str, list]:
    """The token check's one statement, and the converters of the columns that have any (the row's values as the
    ORM would give them: SQLite hands dates and booleans over as text and numbers), worked out once."""
    qn = connection.ops.quote_name
    user_columns = [f.column for f in User._meta.concrete_fields]
    post_columns = [f.column for f in Post._meta.concrete_fields]
    aggregate = "string_agg({}, ',')" if vendor == "postgresql" else "group_concat({}, ',')"
    sql = (
        "SELECT t.id, t.last_used_on, "
        + ", ".join(f"u.{qn(c)}" for c in user_columns)
        + ", "
        + ", ".join(f"p.{qn(c)}" for c in post_columns)
        + f", (SELECT {aggregate.format('g.role')} FROM accounts_rolegrant g WHERE g.user_id = u.id)"
        + f", (SELECT {aggregate.format('s.code')} FROM accounts_user_posts a JOIN posts_post s ON s.id = a.post_id"
        " WHERE a.user_id = u.id)"
        " FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id"
        " LEFT JOIN posts_post p ON p.id = u.current_post_id"
        " WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active"
    )
    fields = [
        ApiToken._meta.pk,
        ApiToken._meta.get_field("last_used_on"),
        *User._meta.concrete_fields,
        *Post._meta.concrete_fields,
    ]
    conversions = []
    for i, field in enumerate(fields):
        column = field.get_col(field.model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if converters:
            conversions.append((i, column, converters))
    return sql, conversions
