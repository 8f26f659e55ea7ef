"""Carrier manifests (advance passenger information): UN/EDIFACT PAXLST D:02B and D:05B passenger and crew
lists, read exactly as CONTRACTS.md section 6 fixes it, and a simple CSV manifest for carriers without EDIFACT.

Plain Python, no I/O of its own: the readers take the file's bytes and never raise on what they are given; a
broken message gives every traveller that can be read and its errors, each with the segment (or CSV line).
"""

from __future__ import annotations

from datetime import date

from .csv_manifest import COLUMNS as CSV_COLUMNS
from .csv_manifest import read_csv_manifest
from .edifact import decode, segments_as_sent
from .flights import (
    CREW,
    DOCUMENT_EXPIRED,
    NO_DOCUMENT,
    PASSENGER,
    SHARED_DOCUMENT,
    Designator,
    PartsState,
    arrival_day,
    designator,
    document_number,
    identity_key,
    in_transit,
    local_time,
    nationality,
    parts_state,
    shared_documents,
    traveller_flags,
    traveller_kind,
)
from .model import (
    ERROR_CODES,
    Document,
    Flight,
    Manifest,
    ManifestError,
    Part,
    Place,
    Traveller,
    unreadable,
)
from .paxlst import read_paxlst

FORMATS = ("auto", "paxlst", "csv")


def detect_format(data: bytes) -> str:
    """``paxlst`` when the text starts (after blanks) with an EDIFACT service segment, ``csv`` when its first
    line names a ``surname`` column, else ``paxlst`` (whose reader then says what is wrong)."""
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start[:3] in (b"UNA", b"UNB", b"UNH"):
        return "paxlst"
    first_line = start.split(b"\n", 1)[0].lower()
    return "csv" if b"surname" in first_line.split(b",") or b'"surname"' in first_line.split(b",") else "paxlst"


def read_manifest(data: bytes, today: date, format: str = "auto") -> Manifest:
    if format == "auto":
        format = detect_format(data)
    return read_csv_manifest(data) if format == "csv" else read_paxlst(data, today)


__all__ = [
    "CREW",
    "CSV_COLUMNS",
    "DOCUMENT_EXPIRED",
    "ERROR_CODES",
    "FORMATS",
    "NO_DOCUMENT",
    "PASSENGER",
    "SHARED_DOCUMENT",
    "Designator",
    "PartsState",
    "arrival_day",
    "decode",
    "designator",
    "document_number",
    "identity_key",
    "in_transit",
    "local_time",
    "nationality",
    "parts_state",
    "segments_as_sent",
    "shared_documents",
    "traveller_flags",
    "traveller_kind",
    "Document",
    "Flight",
    "Manifest",
    "ManifestError",
    "Part",
    "Place",
    "Traveller",
    "detect_format",
    "read_csv_manifest",
    "read_manifest",
    "read_paxlst",
    "unreadable",
]
