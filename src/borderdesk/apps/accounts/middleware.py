import zoneinfo

from django.utils import timezone


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
