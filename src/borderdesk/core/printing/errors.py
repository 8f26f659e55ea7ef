"""Errors of the printing core, each with a stable code the caller can show or map to a message."""

from __future__ import annotations

PRINTING_ERROR_CODES = {
    "unknown_language": "no fixed texts exist for the requested language",
    "unknown_purpose": "no interview questions exist for the requested purpose of visit",
    "font_unavailable": "the language needs a Unicode font (DejaVu Sans) that is not installed",
    "no_ground_ticked": "a refusal of entry needs at least one ticked ground",
    "unknown_ground": "a ticked ground is not in the catalogue printed on the form",
    "bad_mrz": "the visa MRZ is not two lines of 36 (MRV-B) or 44 (MRV-A) characters",
    "unknown_outcome": "a decision letter is for an approval, a refusal or an inadmissibility",
    "nothing_granted": "an approval letter needs what was granted (and how it is collected)",
    "nothing_requested": "an evidence request letter needs the documents asked or a note saying what",
    "unknown_appointment_purpose": "an invitation is to an interview or to give biometric data",
    "unknown_time_zone": "an invitation's time zone is not an IANA time zone",
}


class PrintingError(ValueError):
    """A document cannot be printed as asked. ``code`` is one of ``PRINTING_ERROR_CODES``."""

    def __init__(self, code: str, message: str):
        assert code in PRINTING_ERROR_CODES, code
        super().__init__(message)
        self.code = code
