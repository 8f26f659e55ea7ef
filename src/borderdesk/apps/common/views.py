from functools import wraps

from django.shortcuts import render

from borderdesk.apps.common.errors import BorderdeskError, PermissionDenied
from borderdesk.core.audit.actions import AuditAction


def refuses_without(perm):
    """A view decorator: users without ``perm`` get a clear 403 page, not a stack trace; every refusal, here or
    by the service the view calls, is in the audit trail."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.can(perm):
                record_denial(request, PermissionDenied(f"You do not have permission {perm}.", permission=perm))
                return render(
                    request,
                    "error.html",
                    {"code": "permission_denied", "message": f"You do not have permission {perm}."},
                    status=403,
                )
            try:
                return view(request, *args, **kwargs)
            except BorderdeskError as exc:
                if isinstance(exc, PermissionDenied):
                    record_denial(request, exc)
                return render(request, "error.html", exc.as_dict(), status=exc.status)

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
