"""The one error the staffing core raises on purpose: a stable ``code`` callers may match on, and a message."""

from __future__ import annotations


class StaffingError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}
