"""The one permission check every service makes before it reads or writes."""

from __future__ import annotations

from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.core.access import Perm


def require(actor, perm: Perm, post: str | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` may do ``perm`` (at ``post``).

    ``None`` is the system itself: the command line, run by an operator who already has the database.
    """
    if actor is None:
        return
    if not getattr(actor, "is_authenticated", False) or not actor.can(perm, post):
        where = f" at post {post}" if post else ""
        raise PermissionDenied(
            f"You do not have permission {perm}{where}.", code="permission_denied", permission=perm, post=post
        )
