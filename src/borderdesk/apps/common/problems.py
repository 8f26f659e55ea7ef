"""Answers for errors users cause, outside any view: problem+json (RFC 9457) on the API, a page on the web."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

API_PREFIX = "/api/"


def problem(status: int, code: str, detail: str, **extra) -> JsonResponse:
    body = {
        "type": f"urn:borderdesk:error:{code}",
        "title": code.replace("_", " "),
        "status": status,
        "code": code,
        "detail": detail,
        **extra,
    }
    return JsonResponse(body, status=status, content_type="application/problem+json")


def error_answer(
    request: HttpRequest, status: int, code: str, message: str, *, field: str | None = None
) -> HttpResponse:
    """problem+json for the API; for the web the error page, or only its alert when HTMX swaps it into a page."""
    if request.path.startswith(API_PREFIX):
        return problem(status, code, message, **({"field": field} if field else {}))
    template = "_error.html" if request.headers.get("HX-Request") else "error.html"
    context = {"code": code, "message": message, "field": field}
    return HttpResponse(render_to_string(template, context, request=request), status=status)
