import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from borderdesk.apps.accounts import second_factor


class PostTimeZoneMiddleware:
    """Times are stored in UTC and shown in the time zone of the post the user works at."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        post = getattr(request.user, "current_post", None) if request.user.is_authenticated else None
        if post is not None:
            timezone.activate(zoneinfo.ZoneInfo(post.time_zone))
        else:
            timezone.deactivate()
        return self.get_response(request)


# Pages a person signed in with a password alone may see: those that verify or enrol the second factor.
OPEN_PAGES = ("second-factor", "second-factor-enrol", "logout", "login")


class SecondFactorRequiredMiddleware:
    """Until the second factor is verified, a signed-in person is sent to verify (or enrol) it from every page.

    The API is left to its own authentication, which refuses such a session with 401 (see config/api.py);
    machines with API tokens have no session and are unaffected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            return self._to_second_factor(request)
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        user = request.user
        if not user.is_authenticated or second_factor.is_satisfied(user):
            return False
        path = request.path_info
        if path.startswith(("/api/", settings.STATIC_URL)):
            return False
        return path not in {reverse(name) for name in OPEN_PAGES}

    @staticmethod
    def _to_second_factor(request):
        page = "second-factor" if second_factor.has_authenticator(request.user) else "second-factor-enrol"
        url = reverse(page)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
