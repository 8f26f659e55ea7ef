from django.urls import reverse

from borderdesk import __version__
from borderdesk.apps.accounts.navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "borderdesk_version": __version__}
    current = request.path
    items = []
    for item in items_for(user):
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "current": current == url})
    return {"nav_items": items, "borderdesk_version": __version__}
