from functools import wraps

from django.shortcuts import render

from borderdesk.apps.common.errors import BorderdeskError


def refuses_without(perm):
    """A view decorator: users without ``perm`` get a clear 403 page, not a stack trace."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.can(perm):
                return render(request, "error.html", {"code": "permission_denied",
                              "message": f"You do not have permission {perm}."}, status=403)
            try:
                return view(request, *args, **kwargs)
            except BorderdeskError as exc:
                return render(request, "error.html", exc.as_dict(), status=exc.status)

        return wrapper

    return decorator
