"""Stable codes for everything the documents core reports, and the record that carries one.

Codes never change meaning once published: scripts and the REST API key on them. Messages are for people and
may be reworded.
"""

from __future__ import annotations

from dataclasses import dataclass

# Errors make a zone invalid (or, for the first three, say it is no MRZ at all).
ERROR_CODES: dict[str, str] = {
    "empty_input": "there is no text to read",
    "wrong_line_count": "a machine-readable zone has 2 or 3 lines",
    "wrong_line_length": "the lines do not have the length of any MRZ format (3x30, 2x36, 2x44)",
    "invalid_character": "a character outside A-Z, 0-9 and the filler <",
    "check_digit_mismatch": "a check digit does not match the data it protects",
    "invalid_date": "a date field is not a real date (YYMMDD)",
    "invalid_sex": "the sex field is not F, M, X or <",
    "invalid_document_code": "the document code is not a letter followed by a letter or <",
    "invalid_country_code": "an issuing state or nationality code uses characters other than letters and <",
    "invalid_name": "the name field holds characters other than letters and <, or no primary identifier",
    "invalid_document_number": "the document number is empty or its optional-data overflow is malformed",
    "unreadable_input": "the input could not be read at all",
}

# Warnings never make a zone invalid.
WARNING_CODES: dict[str, str] = {
    "document_expired": "the expiry date is before today",
    "expiry_before_birth": "the document expires on or before the holder's birth date",
    "unknown_issuing_state": "Doc 9303 does not know the issuing state code",
    "unknown_nationality": "Doc 9303 does not know the nationality code",
    "name_truncated": "the name fills the whole field, so it was probably truncated",
    "unusual_document_code": "the document code does not use the letters Doc 9303 gives this format",
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One error or warning: a stable ``code``, the ``field`` it concerns (None for the zone as a whole),
    a ``message`` for people, and, where it points at one character, its 0-based ``line`` and ``column``."""

    code: str
    field: str | None
    message: str
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict:
        data: dict[str, object] = {"code": self.code, "field": self.field, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
            data["column"] = self.column
        return data
