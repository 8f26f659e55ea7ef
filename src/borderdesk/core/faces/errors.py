"""The one error a face comparison gives, with a stable code and a message an officer can act on."""

from __future__ import annotations


class FaceError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message
