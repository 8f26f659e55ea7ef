"""The booth page's lead to the briefings an officer must acknowledge before opening a booth."""

from django import template

from borderdesk.apps.briefings.services import to_acknowledge

register = template.Library()


@register.inclusion_tag("briefings/_booth_gate.html", takes_context=True)
def briefings_to_acknowledge(context):
    user, post = context["request"].user, context.get("post")
    return {"waiting": to_acknowledge(user, post) if post is not None else []}
