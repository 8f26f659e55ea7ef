"""Errors of the printing core, each with a stable code the caller can show or map to a message."""

from __future__ import annotations

PRINTING_ERROR_CODES = {
    "unknown_language": "no fixed texts exist for the requested language",
    "unknown_purpose": "no interview questions exist for the requested purpose of visit",
    "font_unavailable": "the language needs a Unicode font (DejaVu Sans) that is not installed",
    "no_ground_ticked": "a refusal of entry needs at least one ticked ground",
    "unknown_ground": "a ticked ground is not in the catalogue printed on the form",
    "bad_mrz": "the visa MRZ is not two lines of 36 (MRV-B) or 44 (MRV-A) characters",
}


class PrintingError(ValueError):
    """A document cannot be printed as asked. ``code`` is one of ``PRINTING_ERROR_CODES``."""

    def __init__(self, code: str, message: str):
        assert code in PRINTING_ERROR_CODES, code
        super().__init__(message)
        self.code = code
