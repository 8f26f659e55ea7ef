"""``{{ code|label }}`` and ``{{ code|label:"reason" }}``: the words for a code (see ``apps/common/labels.py``).
A builtin of every template (settings.TEMPLATES), so no ``{% load %}`` is needed."""

from django import template

from borderdesk.apps.common.labels import document_type as document_type_of
from borderdesk.apps.common.labels import label as label_of
from borderdesk.apps.common.labels import labelled

register = template.Library()


@register.filter
def label(code, kind: str | None = None) -> str:
    return label_of(code, kind or None)


@register.filter
def labels(codes, kind: str | None = None) -> list[str]:
    """Each code's words, for ``|join``: ``{{ reasons|labels:"reason"|join:", " }}``."""
    return [label_of(code, kind or None) for code in codes or ()]


@register.filter
def label_if_known(value):
    """A value that may be a code (a fact in the rules' trace): its words when the catalogue knows it, else the
    value as it is (a date, a number, a name); a list, each of its items so, joined."""
    if isinstance(value, list | tuple):
        return ", ".join(str(label_if_known(item)) for item in value)
    return label_of(value) if isinstance(value, str) and labelled(value) else value


@register.filter
def document_type(document_code) -> str:
    """``{{ document.document_code|document_type }}``: "Passport" for P."""
    return document_type_of(document_code)
