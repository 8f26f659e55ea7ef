"""Answers for errors users cause, outside any view: problem+json (RFC 9457) on the API, a page on the web."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

API_PREFIX = "/api/"

# What the error page's heading says happened, and what to do, by HTTP status (the message says the rest).
TITLES = {
    403: "You cannot do this here",
    404: "Not found",
    409: "This changed meanwhile",
    413: "Too much was sent",
    500: "Sorry, something went wrong on our side",
}
ADVICE = {
    403: "Go back to your home page to find the work open to you.",
    404: "Check the address, or go back to your home page and look for it there.",
    409: "Reload the page to see the record as it is now, then do it again if it is still needed.",
    500: "Nothing you saved before is lost. Try again in a minute; if it happens again, tell your administrator "
    "what you did and when.",
}
DEFAULT_TITLE = "That could not be done"


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


def error_context(status: int, code: str, message: str, field: str | None = None) -> dict:
    return {
        "status": status,
        "title": TITLES.get(status, DEFAULT_TITLE),
        "advice": ADVICE.get(status, ""),
        "code": code,
        "message": message,
        "field": field,
    }


def error_answer(
    request: HttpRequest, status: int, code: str, message: str, *, field: str | None = None
) -> HttpResponse:
    """problem+json for the API; for the web the error page, or only its alert when HTMX swaps it into a page."""
    if request.path.startswith(API_PREFIX):
        return problem(status, code, message, **({"field": field} if field else {}))
    template = "_error.html" if request.headers.get("HX-Request") else "error.html"
    context = error_context(status, code, message, field)
    return HttpResponse(render_to_string(template, context, request=request), status=status)
