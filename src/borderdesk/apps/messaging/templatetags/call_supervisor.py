"""The booth page's call box: one button that calls the post's supervisors to the booth, and the call's state."""

from django import template

from borderdesk.apps.messaging.services import call_box

register = template.Library()


@register.inclusion_tag("messaging/_call_box.html", takes_context=True)
def call_supervisor(context, session):
    request = context["request"]
    return {**call_box(request.user, session), "request": request, "csrf_token": context.get("csrf_token")}
