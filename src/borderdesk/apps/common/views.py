from functools import wraps

from django.shortcuts import render

from borderdesk.apps.common.errors import BorderdeskError, PermissionDenied
from borderdesk.core.audit.actions import AuditAction


def refuses_without(perm):
    """A view decorator: users without ``perm`` (or without any one of several, when a tuple) get a clear 403 page,
    not a stack trace; every refusal, here or by the service the view calls, is in the audit trail."""
    perms = perm if isinstance(perm, tuple) else (perm,)
    said = f"permission {perms[0]}" if len(perms) == 1 else f"one of the permissions {', '.join(perms)}"

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not any(request.user.can(p) for p in perms):
                message = f"You do not have {said}."
                record_denial(request, PermissionDenied(message, permission=perms[0]))
                return render(request, "error.html", {"code": "permission_denied", "message": message}, status=403)
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
