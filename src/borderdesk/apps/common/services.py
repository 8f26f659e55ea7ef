"""The one way a service reads a record that belongs to a post: check, load, log, return.

A scoped read first learns the post the record belongs to (reading nothing personal for that), checks the
actor's permission at that post, and only then loads the record and writes the access event, all in one
transaction whose audit and access events are chained together at its end. A refused read loads and writes
nothing, so what the caller can show after a refusal is the refusal alone.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import wraps

from django.db import models, transaction

from borderdesk.apps.accounts.authz import require
from borderdesk.apps.audit.services import audit_batch
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


@contextmanager
def scoped(actor, perm: Perm, post_code: str | None):
    """Check ``perm`` at ``post_code`` first, then run the block in one transaction with its audit batch."""
    with transaction.atomic(), audit_batch():
        require(actor, perm, post_code)
        yield


def scoped_read(perm: Perm, *, post_of):
    """A service decorator: ``post_of(*args, **kwargs)`` (the service's arguments after the actor) names the post
    of the record; the permission there is checked before the service loads or logs anything."""

    def decorator(service):
        @wraps(service)
        def wrapper(actor, *args, **kwargs):
            with scoped(actor, perm, post_of(*args, **kwargs)):
                return service(actor, *args, **kwargs)

        return wrapper

    return decorator
