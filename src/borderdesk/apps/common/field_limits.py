"""Every Borderdesk model refuses, before it is written, text the database would refuse or should not hold:
NUL characters (PostgreSQL cannot store them, in text or JSON), text longer than its column, and free text
longer than BORDERDESK_TEXT_MAX_CHARS. The caller gets a clear ``Invalid`` naming the field, never a 500."""

from __future__ import annotations

import functools
import json
import re

from django.conf import settings
from django.db import models

from borderdesk.apps.common.errors import Invalid

BORDERDESK_PACKAGE = "borderdesk."


def check_fields(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """A ``pre_save`` receiver for every model; only Borderdesk's own models are checked."""
    if raw:
        return
    for field, attname, is_json in _checked_fields(sender):
        if update_fields is not None and field.name not in update_fields:
            continue
        value = getattr(instance, attname)
        if is_json:
            _check_json(field, value)
        elif isinstance(value, str):
            _check_text(field, value)


@functools.cache
def _checked_fields(model: type[models.Model]) -> tuple[tuple[models.Field, str, bool], ...]:
    """The fields of a model that ``check_fields`` looks at (none outside Borderdesk), worked out once per model:
    the booth stores a dozen rows per inspection, and asking every field its kind each time cost more than the
    checks themselves."""
    if not model.__module__.startswith(BORDERDESK_PACKAGE):
        return ()
    return tuple((f, f.attname, isinstance(f, models.JSONField)) for f in model._meta.concrete_fields)


def checking_bulk_create(bulk_create):
    """QuerySet.bulk_create sends no ``pre_save``: the same checks, for every row, before any is written."""

    @functools.wraps(bulk_create)
    def checked(queryset, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            check_fields(queryset.model, obj)
        return bulk_create(queryset, objs, *args, **kwargs)

    checked.checks_fields = True
    return checked


def _check_text(field: models.Field, value: str) -> None:
    if "\x00" in value:
        raise _nul_character(field)
    limit = _limit(field)
    if limit is not None and len(value) > limit:
        raise Invalid(
            f"{_label(field)} is too long: at most {limit} characters, not {len(value)}.",
            code="value_too_long",
            field=field.name,
        )


def _limit(field: models.Field) -> int | None:
    if isinstance(field, models.TextField):
        return settings.BORDERDESK_TEXT_MAX_CHARS
    return field.max_length


# JSON writes a NUL as \u0000 and a backslash as \\: an escaped NUL is one preceded by an even number of
# backslashes (an odd number means the text held a backslash followed by "u0000", which is harmless).
_ESCAPED_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def _check_json(field: models.Field, value) -> None:
    # The encoder walks the value in C, many times faster than a walk in Python over a rules trace; keys that are
    # not strings are encoded as their text, as the database would store them.
    if not isinstance(value, (dict, list, tuple, str)):
        return
    text = json.dumps(value, default=str)
    # The plain search finds no escaped NUL in nearly every value, at a hundredth of the pattern's cost (the
    # pattern's look-behind is tried at every position).
    if "\\u0000" in text and _ESCAPED_NUL.search(text):
        raise _nul_character(field)


def _nul_character(field: models.Field) -> Invalid:
    return Invalid(
        f"{_label(field)} contains a NUL character (\\0), which cannot be stored: remove it.",
        code="nul_character",
        field=field.name,
    )


def _label(field: models.Field) -> str:
    return str(field.verbose_name).capitalize()
