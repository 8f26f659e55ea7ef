from functools import cached_property

from django.conf import settings
from django.urls import reverse

from borderdesk import __version__
from borderdesk.apps.accounts.navigation import grouped, items_for, split_for_bar
from borderdesk.apps.accounts.second_factor import is_satisfied
from borderdesk.apps.audit.alerts import open_count
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm


class Frame:
    """What the page frame (base.html) shows a signed-in user: the navigation and the post switcher. Worked out
    only when a full page reads it, never for the HTMX fragments that share the request context."""

    def __init__(self, request):
        self.user = request.user
        self.path = request.path

    @cached_property
    def _split(self):
        return split_for_bar(items_for(self.user))

    @cached_property
    def bar(self) -> list[dict]:
        return [self._entry(item) for item in self._split[0]]

    @cached_property
    def more(self) -> list[tuple[str, list[dict]]]:
        return [(group, [self._entry(item) for item in items]) for group, items in grouped(self._split[1])]

    @cached_property
    def more_current(self) -> bool:
        return any(entry["current"] for _, entries in self.more for entry in entries)

    @cached_property
    def post(self):
        return self.user.current_post

    @cached_property
    def posts(self) -> list[Post]:
        """The posts the user may switch to (every post in use for headquarters staff)."""
        posts = Post.objects.filter(is_active=True)
        return list(posts if self.user.all_posts else posts.filter(staff=self.user))

    @cached_property
    def open_alerts(self) -> int | None:
        """How many alerts wait for an auditor, for those who review them (None for everyone else)."""
        if not self.user.can(Perm.AUDIT_ACCESS_REVIEW):
            return None
        return open_count(self.user)

    @cached_property
    def messages(self) -> tuple | None:
        """(how many unread, the newest unread) for those who send and receive messages (None for everyone else)."""
        if not self.user.can(Perm.BORDER_MESSAGE_SEND):
            return None
        from borderdesk.apps.messaging.services import unread  # messaging builds on the booth, which needs accounts

        return unread(self.user)

    @cached_property
    def briefings_due(self) -> int:
        """How many briefings in force the user has still to acknowledge at their current post (0 for those no
        briefing is for)."""
        from borderdesk.apps.briefings.access import BRIEFED
        from borderdesk.apps.briefings.services import to_acknowledge

        if self.post is None or not any(self.user.can(perm) for perm in BRIEFED):
            return 0
        return len(to_acknowledge(self.user, self.post))

    def _entry(self, item) -> dict:
        url = reverse(item.url_name)
        return {"label": item.label, "url": url, "current": self.path == url}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_satisfied(user):
        return {"frame": None, "borderdesk_version": __version__}
    return {"frame": Frame(request), "borderdesk_version": __version__}


def second_factor(request):
    """Development without the second factor is said on every page (it cannot be turned off in production)."""
    return {"second_factor_off": not settings.BORDERDESK_REQUIRE_SECOND_FACTOR}
