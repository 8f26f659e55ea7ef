from django import template

from borderdesk.apps.queues.services import current_break

register = template.Library()


@register.inclusion_tag("queues/_break.html")
def booth_break(session):
    """The break button on the booth page, for the officer signed in at it (their own session only)."""
    return {"on_break": current_break(session)}
