"""The REST API under /api/v1/, with its OpenAPI document at /api/v1/openapi.json and docs at /api/v1/docs.

Errors are ``application/problem+json`` (RFC 9457) with a stable ``code``.
"""

from __future__ import annotations

import logging
import zoneinfo

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from borderdesk import __version__
from borderdesk.apps.accounts.api import router as accounts_router
from borderdesk.apps.audit.api import router as audit_router
from borderdesk.apps.inspection.api import router as inspection_router
from borderdesk.apps.common.errors import BorderdeskError, PermissionDenied
from borderdesk.apps.common.views import record_denial
from borderdesk.apps.policy.api import router as policy_router
from borderdesk.apps.posts.api import router as posts_router
from borderdesk.apps.travel_documents.api import router as documents_router
from borderdesk.apps.watchlists.api import router as screening_router

logger = logging.getLogger(__name__)



class ApiTokenAuth(HttpBearer):
    """Machines (e-gates, kiosks) send `Authorization: Bearer <token>`; see `borderdesk token issue`."""

    def authenticate(self, request: HttpRequest, token: str):
        from borderdesk.apps.accounts.tokens import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
            if user.current_post is not None:  # as PostTimeZoneMiddleware does for people signed in
                timezone.activate(zoneinfo.ZoneInfo(user.current_post.time_zone))
        return user


class VerifiedSessionAuth(SessionAuth):
    """People: the session cookie, once the second factor is verified (a password alone gets 401)."""

    def authenticate(self, request: HttpRequest, key: str | None):
        from borderdesk.apps.accounts.second_factor import is_satisfied

        user = super().authenticate(request, key)
        return user if user is not None and is_satisfied(user) else None


api = NinjaAPI(
    title="Borderdesk API",
    version=__version__,
    description="Border control, screening, entry rules and casework. People sign in with a session cookie; "
                "machines send an API token (`Authorization: Bearer <token>`).",
    auth=[ApiTokenAuth(), VerifiedSessionAuth()],
    urls_namespace="api-v1",
)
api.add_router("/", accounts_router, tags=["accounts"])
api.add_router("/posts", posts_router, tags=["posts"])
api.add_router("/audit", audit_router, tags=["audit"])
api.add_router("/documents", documents_router, tags=["documents"])
api.add_router("/screening", screening_router, tags=["screening"])
api.add_router("/inspections", inspection_router, tags=["passport control"])
api.add_router("/", policy_router, tags=["rules"])


def problem(status: int, code: str, detail: str, **extra) -> JsonResponse:
    body = {"type": f"urn:borderdesk:error:{code}", "title": code.replace("_", " "), "status": status,
            "code": code, "detail": detail, **extra}
    return JsonResponse(body, status=status, content_type="application/problem+json")


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
    return problem(401, "not_authenticated", "Sign in first.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError):
    return problem(exc.status_code, "http_error", str(exc))


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception):
    logger.exception("unexpected error in %s", request.path)
    return problem(500, "internal_error", "Something went wrong on our side; nothing you sent was lost.")
