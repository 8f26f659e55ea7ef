"""The REST API under /api/v1/, with its OpenAPI document at /api/v1/openapi.json and docs at /api/v1/docs.

Errors are ``application/problem+json`` (RFC 9457) with a stable ``code``.
"""

from __future__ import annotations

import json
import logging
import zoneinfo

from django.http import HttpRequest, RawPostDataException
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from borderdesk import __version__
from borderdesk.apps.accounts.api import router as accounts_router
from borderdesk.apps.audit.api import router as audit_router
from borderdesk.apps.casework.api import router as casework_router
from borderdesk.apps.casework.api_files import router as application_files_router
from borderdesk.apps.common.errors import BorderdeskError, Invalid, PermissionDenied
from borderdesk.apps.common.problems import problem
from borderdesk.apps.common.views import record_denial
from borderdesk.apps.inspection.api import router as inspection_router
from borderdesk.apps.manifests.api import carriers_router
from borderdesk.apps.manifests.api import router as manifests_router
from borderdesk.apps.partners.api import router as partners_router  # #17 partners
from borderdesk.apps.patrols.api import router as patrols_router  # #17 patrols
from borderdesk.apps.policy.api import router as policy_router
from borderdesk.apps.posts.api import router as posts_router
from borderdesk.apps.queues.api import router as queues_router
from borderdesk.apps.travel_documents.api import router as documents_router
from borderdesk.apps.visas.api import router as visas_router
from borderdesk.apps.watchlists.api import router as screening_router

logger = logging.getLogger(__name__)

# Deeper JSON than this is refused before anything walks it (no request body needs more than a few levels).
MAX_JSON_DEPTH = 32


class ApiTokenAuth(HttpBearer):
    """Machines (e-gates, kiosks) send `Authorization: Bearer <token>`; see `borderdesk token issue`.

    A request that sends a bearer token must send a right one: a wrong or revoked token is answered 401 at
    once, never handed on to the session check (which would answer "CSRF check failed"). Other schemes (a
    proxy's Basic authentication, say) are left to the session check.
    """

    def __call__(self, request: HttpRequest):
        if request.headers.get("Authorization", "").split(" ", 1)[0].lower() != self.openapi_scheme:
            return None
        user = super().__call__(request)
        if user is None:
            raise AuthenticationError()
        return user

    def authenticate(self, request: HttpRequest, token: str):
        from borderdesk.apps.accounts.tokens import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
            if user.current_post is not None:  # as PostTimeZoneMiddleware does for people signed in
                timezone.activate(zoneinfo.ZoneInfo(user.current_post.time_zone))
        return user


class SignedInSession(SessionAuth):
    """People signed in with a session cookie, once their second factor is verified (a password alone gets 401);
    the CSRF check only for them, so a request with no credentials at all is answered 401 "sign in first", not
    403 "CSRF check failed"."""

    def __call__(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None):
        from borderdesk.apps.accounts.second_factor import is_satisfied

        user = super().authenticate(request, key)
        return user if user is not None and is_satisfied(user) else None


class InvalidJson(ValueError):
    pass


class BorderdeskParser(Parser):
    """JSON bodies, refused clearly when they are not JSON, nest too deep or carry NUL characters."""

    def parse_body(self, request: HttpRequest):
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError) as exc:
            raise InvalidJson("The request body is not valid JSON.") from exc
        _check_json(data)
        return data


def _check_json(data) -> None:
    stack = [(data, 1, "body")]
    while stack:
        item, depth, where = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise InvalidJson(f"The request body nests deeper than {MAX_JSON_DEPTH} levels.")
        if isinstance(item, str) and "\x00" in item:
            raise Invalid(
                f"{where} contains a NUL character (\\0), which no field accepts: remove it.",
                code="nul_character",
                field=where,
            )
        if isinstance(item, dict):
            for key, value in item.items():
                stack.append((key, depth + 1, where))
                stack.append((value, depth + 1, key))
        elif isinstance(item, list):
            stack.extend((value, depth + 1, where) for value in item)


api = NinjaAPI(
    title="Borderdesk API",
    version=__version__,
    description="Border control, screening, entry rules and casework. People sign in with a session cookie; "
    "machines send an API token (`Authorization: Bearer <token>`).",
    auth=[ApiTokenAuth(), SignedInSession()],
    parser=BorderdeskParser(),
    urls_namespace="api-v1",
)
api.add_router("/", accounts_router, tags=["accounts"])
api.add_router("/posts", posts_router, tags=["posts"])
api.add_router("/audit", audit_router, tags=["audit"])
api.add_router("/documents", documents_router, tags=["documents"])
api.add_router("/screening", screening_router, tags=["screening"])
api.add_router("/inspections", inspection_router, tags=["passport control"])
api.add_router("/visas", visas_router, tags=["visas"])
api.add_router("/", casework_router, tags=["casework"])
api.add_router("/", policy_router, tags=["rules"])
api.add_router("/applications", application_files_router, tags=["casework"])
api.add_router("/queues", queues_router, tags=["queues"])  # #16 queues
api.add_router("/partners", partners_router, tags=["partner agencies"])  # #17 partners
api.add_router("/patrols", patrols_router, tags=["patrols"])  # #17 patrols
api.add_router("/manifests", manifests_router, tags=["manifests"])  # #18 manifests
api.add_router("/carriers", carriers_router, tags=["manifests"])  # #18 board-check


@api.exception_handler(BorderdeskError)
def on_borderdesk_error(request: HttpRequest, exc: BorderdeskError):
    if isinstance(exc, PermissionDenied):
        record_denial(request, exc)
    extra = {"field": exc.field} if exc.field else {}
    return problem(exc.status, exc.code, exc.message, **extra)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError):
    return problem(422, "invalid_request", "The request does not have the expected shape.", errors=exc.errors)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError):
    response = problem(401, "not_authenticated", "Sign in first, or send a valid API token.")
    response["WWW-Authenticate"] = 'Bearer realm="borderdesk"'
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError):
    # django-ninja answers every body its parser refuses "Cannot parse request body": say why, with a code.
    cause = exc.__cause__
    if isinstance(cause, InvalidJson):
        return problem(400, "invalid_json", str(cause))
    if isinstance(cause, BorderdeskError):
        return problem(cause.status, cause.code, cause.message, **({"field": cause.field} if cause.field else {}))
    return problem(exc.status_code, "http_error", str(exc))


@api.exception_handler(RawPostDataException)
def on_form_instead_of_body(request: HttpRequest, exc: RawPostDataException):
    # The body came as a multipart form and was read as one before the operation: its raw bytes are gone.
    return problem(415, "body_not_raw", "Send the request's body itself (e.g. JSON), not a multipart form.")


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception):
    logger.exception("unexpected error in %s", request.path)
    return problem(500, "internal_error", "Something went wrong on our side; nothing you sent was lost.")
