from django.conf import settings
from django.urls import reverse

from borderdesk import __version__
from borderdesk.apps.accounts.navigation import items_for
from borderdesk.apps.accounts.second_factor import is_satisfied


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_satisfied(user):
        return {"nav_items": [], "borderdesk_version": __version__}
    current = request.path
    items = []
    for item in items_for(user):
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "current": current == url})
    return {"nav_items": items, "borderdesk_version": __version__}


def second_factor(request):
    """Development without the second factor is said on every page (it cannot be turned off in production)."""
    return {"second_factor_off": not settings.BORDERDESK_REQUIRE_SECOND_FACTOR}
