"""Errors a user can cause: each has a stable code and a message for people (never a stack trace)."""

from __future__ import annotations


class BorderdeskError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code

    def as_dict(self) -> dict:
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class PermissionDenied(BorderdeskError):
    code = "permission_denied"
    status = 403

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        permission: str = "",
        post: str | None = None,
    ):
        super().__init__(message, code=code, field=field)
        self.permission = permission  # what was refused, and where: for the audit trail's access.denied events
        self.post = post or ""


class NotFound(BorderdeskError):
    code = "not_found"
    status = 404


class Invalid(BorderdeskError):
    code = "invalid"
    status = 422


class Conflict(BorderdeskError):
    code = "conflict"
    status = 409
