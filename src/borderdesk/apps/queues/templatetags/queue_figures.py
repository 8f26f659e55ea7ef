from django import template

register = template.Library()


@register.filter
def minutes(seconds) -> str:
    """A wait in words: whole minutes, or seconds under a minute."""
    if seconds is None:
        return "—"
    seconds = float(seconds)
    return f"{round(seconds)} s" if seconds < 60 else f"{round(seconds / 60)} min"
