"""The one permission check: may this actor do this, here? And how a refusal is said to people."""

from __future__ import annotations

from collections.abc import Iterable

from borderdesk.apps.accounts.actors import Actor, checked_actor
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.core.access import Perm, Role, roles_granting


def allowed(actor: Actor, perms: Perm | tuple[Perm, ...], post: str | None = None) -> bool:
    """Whether ``actor`` holds ``perms`` (any one of them, when several) at ``post``."""
    actor = checked_actor(actor)
    if not getattr(actor, "is_authenticated", False):
        return False
    wanted = (perms,) if isinstance(perms, Perm) else perms
    return any(actor.can(perm, post) for perm in wanted)


def require(actor: Actor, perms: Perm | tuple[Perm, ...], post: str | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` holds ``perms`` (any one of them, when several) at ``post``.

    Services do not call this themselves: ``common.services.service`` calls it, once, at the service's boundary.
    """
    if not allowed(actor, perms, post):
        wanted = (perms,) if isinstance(perms, Perm) else perms
        code = "not_your_post" if post and allowed(actor, perms) else "permission_denied"
        raise PermissionDenied(refusal_message(actor, wanted, post), code=code, permission=wanted[0], post=post)


def refusal_message(actor, perms: Iterable[Perm], post: str | None = None) -> str:
    """What a person refused ``perms`` (at ``post``) reads: who does this work and whom to ask, in words (the
    permission's name goes to the audit trail, not to the page)."""
    roles = sorted({role for perm in perms for role in roles_granting(perm)}, key=list(Role).index)
    held = set(getattr(actor, "roles", ()) or ())
    if post and held.intersection(roles):
        return (
            f"Only staff assigned to post {post} do this there, and you are not. "
            f"If your work needs it, ask an administrator to assign you to {post}."
        )
    where = f" at post {post}" if post else ""
    return (
        f"This is work for {_one_of(roles)}{where}, a role you do not hold. "
        f"If your work needs it, ask an administrator to give you the role."
    )


def _one_of(roles: list[Role]) -> str:
    named = [f"{'an' if role.label[0] in 'AEIOU' else 'a'} {role.label.lower()}" for role in roles]
    if len(named) < 2:
        return named[0] if named else "another role"
    return ", ".join(named[:-1]) + " or " + named[-1]
