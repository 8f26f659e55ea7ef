"""Request hardening that holds for every view: size limits, NUL characters, security headers, idle sessions."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from borderdesk.apps.common.problems import error_answer

MB = 1024 * 1024
LAST_ACTIVITY = "borderdesk_last_activity"
POLL_HEADER = "X-Borderdesk-Poll"
# HTMX stops polling when a poll is answered 286.
STOP_POLLING = 286


def now() -> float:
    return time.time()


class RequestLimitsMiddleware:
    """Refuses, before any view runs, bodies over the size limits (413) and NUL characters in the path or any
    parameter (422): PostgreSQL cannot store NUL, and nothing a person types contains one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._too_large(request) or self._unreadable(request) or self._nul_character(request)
        return refusal or self.get_response(request)

    def _too_large(self, request: HttpRequest) -> HttpResponse | None:
        limit = _body_limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        return _too_large_answer(request, limit) if length > limit else None

    def _unreadable(self, request: HttpRequest) -> HttpResponse | None:
        """Parses the form now, so that a body Django refuses is answered here and not as a bare 400 or 500."""
        try:
            request.GET, request.POST  # noqa: B018 (parsing is the point)
        except RequestDataTooBig:  # the fields of a form (its files apart) went over the form limit
            return _too_large_answer(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        except (TooManyFieldsSent, TooManyFilesSent):
            return error_answer(
                request,
                413,
                "too_many_fields",
                f"The form has too many fields or files: at most "
                f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} fields and "
                f"{settings.DATA_UPLOAD_MAX_NUMBER_FILES} files.",
            )
        except MultiPartParserError:
            return error_answer(request, 400, "invalid_form_data", "The form data could not be read; send it again.")
        return None

    def _nul_character(self, request: HttpRequest) -> HttpResponse | None:
        for field, value in _parameters(request):
            if "\x00" in field or "\x00" in value:
                field = field.replace("\x00", "\\0")
                return error_answer(
                    request,
                    422,
                    "nul_character",
                    f"The {field} contains a NUL character (\\0), which no field accepts: remove it and send again.",
                    field=field,
                )
        return None


def _body_limit(request: HttpRequest) -> int:
    """A list file may be large (it is streamed to a temporary file); any other body stays small."""
    if request.content_type == "multipart/form-data":
        return settings.BORDERDESK_MAX_UPLOAD_SIZE
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _too_large_answer(request: HttpRequest, limit: int) -> HttpResponse:
    return error_answer(
        request, 413, "request_too_large", f"The request is too large: at most {_size(limit)} is accepted here."
    )


def _size(limit: int) -> str:
    return f"{limit / MB:g} MB" if limit >= MB else f"{limit // 1024} KB"


def _parameters(request: HttpRequest):
    yield "path", request.path
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            yield key, key
            for value in values:
                yield key, value


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy on every response, and nothing a signed-in user (or token) sees is cached:
    a shared booth computer's browser must not keep pages with personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.BORDERDESK_CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class IdleSessionMiddleware:
    """Ends a session after the idle time, counted from the last request a person made: the web's
    (`BORDERDESK_SESSION_IDLE_MINUTES`), or the booth's (`BORDERDESK_BOOTH_IDLE_MINUTES`) while the person has a
    booth session open.

    Pages that refresh themselves send `X-Borderdesk-Poll: 1`: their requests do not count as activity, so a
    queue left open on a screen no longer keeps a session alive forever. Once the idle time has passed, any
    request (a poll included) ends the session; a poll is answered 286 so HTMX stops polling.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            last_activity = request.session.get(LAST_ACTIVITY)
            current = now()
            idle = current - last_activity if last_activity is not None else 0.0
            # The booth is looked up only once the shorter of the two idle times has passed.
            if idle >= min(settings.BORDERDESK_SESSION_IDLE_SECONDS, settings.BORDERDESK_BOOTH_IDLE_SECONDS):
                limit = _idle_limit(request.user)
                if idle >= limit:
                    return self._sign_out(request, limit)
            if last_activity is None or not _is_poll(request):
                request.session[LAST_ACTIVITY] = current
        return self.get_response(request)

    def _sign_out(self, request: HttpRequest, limit: int) -> HttpResponse:
        logout(request)
        message = f"You were signed out after {limit // 60} minutes without activity. Sign in again to go on."
        if request.headers.get("HX-Request"):
            status = STOP_POLLING if _is_poll(request) else 401
            return HttpResponse(
                render_to_string("_signed_out.html", {"message": message}, request=request), status=status
            )
        messages.info(request, message)
        # Now anonymous: pages send the person to the sign-in page, the API answers 401.
        return self.get_response(request)


def _idle_limit(user) -> int:
    """The idle time that applies to ``user`` now, in seconds."""
    from borderdesk.apps.inspection.services import has_open_booth  # the booth app builds on this one

    if has_open_booth(user):
        return settings.BORDERDESK_BOOTH_IDLE_SECONDS
    return settings.BORDERDESK_SESSION_IDLE_SECONDS


def _is_poll(request: HttpRequest) -> bool:
    return request.headers.get(POLL_HEADER) == "1"
