from django import template

from borderdesk.core.patrols import as_degrees_minutes

register = template.Library()


@register.filter
def degrees_minutes(record) -> str:
    """A record's ``latitude`` and ``longitude`` as patrols read them: 38°42.000'N 9°24.000'W."""
    return as_degrees_minutes(record.latitude, record.longitude)
