"""Who acts: a signed-in user (an officer, an API token's machine account) or the system itself, named.

Every service takes an ``Actor`` first. There is no anonymous bypass: work that no person does (a command an
operator runs on the server, the demo's seeding, a scheduled job) acts as a ``SystemActor`` whose name says which,
and that name is written to every audit event it causes.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from borderdesk.core.access import Perm

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from borderdesk.apps.accounts.models import User


@dataclass(frozen=True)
class SystemActor:
    """The system acting on its own authority: it may do everything, and says who it is in the audit trail."""

    name: str

    pk = None
    is_authenticated = True
    is_active = True
    all_posts = True
    current_post = None

    def can(self, perm: Perm, post: str | None = None) -> bool:
        return True

    def get_username(self) -> str:
        return f"system:{self.name}"


Actor = Union["User", SystemActor, "AnonymousUser"]

DEMO = SystemActor("demo")


def command_line(command: str) -> SystemActor:
    """The operator running ``borderdesk <command>`` on the server: they hold the database already, so the
    command may do what it was asked; the audit trail names the command and the operating-system account."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no account name in a bare container
        who = "unknown"
    return SystemActor(f"{command} ({who})")


def checked_actor(actor) -> Actor:
    """The actor, or a ``TypeError`` for a missing one: passing ``None`` no longer skips every check."""
    if actor is None:
        raise TypeError("A service needs an actor: the signed-in user, or a SystemActor naming the process.")
    return actor


def user_of(actor: Actor) -> User | None:
    """The user to store as who did something (an officer, a gate's account), or None for the system."""
    return actor if getattr(actor, "pk", None) else None  # type: ignore[return-value]


def username_of(actor: Actor) -> str:
    return actor.get_username() if getattr(actor, "is_authenticated", False) else "anonymous"


def current_post_code(actor: Actor) -> str:
    """Where the actor works now (written to the audit trail when the record has no post of its own)."""
    post = getattr(actor, "current_post", None)
    return post.code if post is not None else ""
