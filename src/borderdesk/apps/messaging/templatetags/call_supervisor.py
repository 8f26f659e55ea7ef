"""The booth page's call box: one button that calls the post's supervisors to the booth, and the call's state."""

from django import template

from borderdesk.apps.messaging.services import latest_call

register = template.Library()


@register.inclusion_tag("messaging/_call_box.html", takes_context=True)
def call_supervisor(context, session):
    user = context["request"].user
    return {
        "session": session,
        "call": latest_call(user, session.booth if session else None),
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }
