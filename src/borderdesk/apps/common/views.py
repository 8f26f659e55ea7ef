from functools import wraps

from django.http import HttpResponse
from django.template.loader import render_to_string

from borderdesk import __version__
from borderdesk.apps.accounts.authz import refusal_message
from borderdesk.apps.common.errors import BorderdeskError, PermissionDenied
from borderdesk.apps.common.problems import API_PREFIX, error_answer, error_context, problem
from borderdesk.core.audit.actions import AuditAction


def refuses_without(perm):
    """A view decorator: users without ``perm`` (or without any one of several, when a tuple) get a clear 403 page,
    not a stack trace; every refusal, here or by the service the view calls, is in the audit trail."""
    perms = perm if isinstance(perm, tuple) else (perm,)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not any(request.user.can(p) for p in perms):
                denied = PermissionDenied(refusal_message(request.user, perms), permission=perms[0])
                record_denial(request, denied)
                return error_answer(request, denied.status, denied.code, denied.message)
            try:
                return view(request, *args, **kwargs)
            except BorderdeskError as exc:
                if isinstance(exc, PermissionDenied):
                    record_denial(request, exc)
                return error_answer(request, exc.status, exc.code, exc.message, field=exc.field)

        wrapper.required_permission = perm  # read by the role x endpoint matrix's test
        return wrapper

    return decorator


def record_denial(request, denied: PermissionDenied) -> None:
    """An ``access.denied`` audit event: who was refused what, where. Callers write it after the refused work's
    transaction has ended (the service raised out of it), so the refusal stays on record though the work did not."""
    from borderdesk.apps.audit.services import record_change

    user = request.user
    post = denied.post or (user.current_post.code if getattr(user, "current_post", None) else "")
    record_change(
        user if user.is_authenticated else "anonymous",
        AuditAction.ACCESS_DENIED,
        post_code=post,
        new={
            "method": request.method,
            "path": request.path,
            "permission": str(denied.permission),
            "post": post,
            "code": denied.code,
            "message": denied.message,
        },
    )


# The answers Django gives outside any view (config/urls.py names them): the same page as every other error, in
# words, or problem+json on the API.


def bad_request(request, exception=None):
    return error_answer(request, 400, "bad_request", "The request could not be read. Go back and send it again.")


def permission_denied(request, exception=None):
    message = str(exception or "") or "Your roles do not allow this. If your work needs it, ask an administrator."
    return error_answer(request, 403, "permission_denied", message)


def page_not_found(request, exception=None):
    return error_answer(
        request, 404, "not_found", "There is no page at this address: it may be mistyped, or the record was removed."
    )


def server_error(request):
    """Renders without the request's context: whatever failed (the database, a context processor) is not used."""
    message = "The page could not be shown because of an error in Borderdesk, not in anything you did."
    if request.path.startswith(API_PREFIX):
        return problem(500, "server_error", message)
    context = {**error_context(500, "server_error", message), "borderdesk_version": __version__}
    return HttpResponse(render_to_string("error.html", context), status=500)


def csrf_failure(request, reason=""):
    """A form sent from a page that was open too long, or whose session ended (CSRF_FAILURE_VIEW)."""
    return error_answer(
        request,
        403,
        "form_expired",
        "This form was open too long or your session changed, so it was not sent. "
        "Reload the page, then fill it in and send it again.",
    )
