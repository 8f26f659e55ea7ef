"""The one permission check: may this actor do this, here?"""

from __future__ import annotations

from borderdesk.apps.accounts.actors import Actor, checked_actor
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.core.access import Perm


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
        if post and allowed(actor, perms):
            raise PermissionDenied(
                f"You are not assigned to post {post}.", code="not_your_post", permission=wanted[0], post=post
            )
        where = f" at post {post}" if post else ""
        said = f"permission {wanted[0]}" if len(wanted) == 1 else f"one of {', '.join(wanted)}"
        raise PermissionDenied(
            f"You do not have {said}{where}.", code="permission_denied", permission=wanted[0], post=post
        )
