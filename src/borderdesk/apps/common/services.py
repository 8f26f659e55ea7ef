"""The one way into a service (``service``): check the actor's permission at the record's post, then run the
service in one transaction whose audit and access events are chained together at its end.

The post is learnt first, reading nothing personal for that; only then does the service load the record and write
the access event. A refused call loads and writes nothing, so what the caller can show after a refusal is the
refusal alone. Also here: turning an id sent in a form into a trusted number, and finding a record's post.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from functools import wraps

from django.db import connection, models, transaction

from borderdesk.apps.accounts.actors import checked_actor
from borderdesk.apps.accounts.authz import require
from borderdesk.apps.audit.recording import audit_batch
from borderdesk.apps.common.errors import Invalid, NotFound
from borderdesk.core.access import Perm


def as_id(value, *, field: str) -> int:
    """An id sent in a form or a body as a number, or a clear ``invalid_id``."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 0
    if number <= 0:
        raise Invalid(
            f"{field} must be the number of a record, not {str(value)[:40]!r}.", code="invalid_id", field=field
        )
    return number


def pk_of(record_or_id, *, field: str) -> int:
    """Services take a record or its id; either way only the id is trusted (the record is loaded again)."""
    return as_id(getattr(record_or_id, "pk", record_or_id), field=field)


def post_code_of(model: type[models.Model], pk: int, *, what: str, path: str = "post__code") -> str:
    """The code of the post a record belongs to, read alone; ``<what>_not_found`` when there is no such record."""
    code = model.objects.filter(pk=pk).values_list(path, flat=True).first()
    if code is None:
        raise NotFound(f"No {what.replace('_', ' ')} {pk}.", code=f"{what}_not_found")
    return code


def the_post(*_, post, **__) -> str:
    """For ``service(post=...)``: the service's ``post`` argument (a Post) names the post."""
    return post.code


def the_post_code(*_, post_code, **__) -> str | None:
    """For ``service(post=...)``: the service's ``post_code`` argument names the post."""
    return post_code


# The actor and post whose permission the service now running has checked.
_checked: ContextVar[tuple | None] = ContextVar("borderdesk_service_checked", default=None)


def service(perms: Perm | tuple[Perm, ...], *, post=None, atomic: bool = True):
    """The one way into a service: check the permission, then run it in one transaction with its audit batch.

    ``perms`` is the permission the actor must hold (any one of several, when a tuple). ``post``, when the
    permission is post-scoped, is a function of the service's arguments after the actor that names the post the
    work belongs to (reading nothing personal to find it). The check comes before the service loads anything, so a
    refused call shows and writes nothing. A service called from inside another service by the same actor runs
    under the outer one's check when its work is at the same post or at none (the booth's scan screens,
    identifies and asks the rules as part of one permitted inspection) and within its transaction; it does not
    check again. Work at another post is checked there.

    ``atomic=False`` is for long work (importing a list of a million entries): the permission is checked first as
    always, and the service stores what it made in short ``atomic_block``s of its own, so that parsing holds no
    transaction (on SQLite a transaction holds the whole database).
    """

    def decorator(function):
        @wraps(function)
        def wrapper(actor, *args, **kwargs):
            actor = checked_actor(actor)
            where = post(*args, **kwargs) if post else None
            outer = _checked.get()
            if outer is not None and outer[0] is actor and where in (None, outer[1]):
                with nullcontext() if connection.in_atomic_block else transaction.atomic(), audit_batch():
                    return function(actor, *args, **kwargs)
            with atomic_block() if atomic else nullcontext():
                require(actor, perms, where)
                token = _checked.set((actor, where))
                try:
                    return function(actor, *args, **kwargs)
                finally:
                    _checked.reset(token)

        wrapper.permission = perms  # type: ignore[attr-defined]
        return wrapper

    return decorator


@contextmanager
def atomic_block():
    """One transaction whose audit and access events are chained together at its end."""
    with transaction.atomic(), audit_batch():
        yield


def unchecked_service(function):
    """A service every signed-in actor may call (its own account, its own session): one transaction and audit
    batch like every service, with the actor still required."""

    @wraps(function)
    def wrapper(actor, *args, **kwargs):
        actor = checked_actor(actor)
        with atomic_block():
            return function(actor, *args, **kwargs)

    return wrapper
