"""A simple CSV manifest for carriers without EDIFACT: one traveller a row, the flight repeated on every row.

The first line names the columns (any order, any case; unknown columns are ignored, only ``surname`` is
required)::

    list_type,carrier_flight,departure_airport,departure_at,arrival_airport,arrival_at,
    surname,given_names,sex,birth_date,nationality,
    document_type,document_number,document_issuing_state,document_expiry_date,
    embarkation,debarkation,seat,reservation

``list_type`` is ``passengers`` or ``crew``; dates are ``YYYY-MM-DD``, times ``YYYY-MM-DDTHH:MM`` (or with a
space for the ``T``); an empty cell is None. Text is UTF-8 (a byte-order mark is allowed) or else Latin-1. The
flight and list type are taken from the first row that gives them; a later row that names another is
``flight_mismatch``. Errors carry the file's line number (the header is line 1) where PAXLST errors carry the
segment.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime

from .edifact import decode
from .model import Document, Flight, Manifest, ManifestError, Part, Place, Traveller, in_order

COLUMNS = (
    "list_type",
    "carrier_flight",
    "departure_airport",
    "departure_at",
    "arrival_airport",
    "arrival_at",
    "surname",
    "given_names",
    "sex",
    "birth_date",
    "nationality",
    "document_type",
    "document_number",
    "document_issuing_state",
    "document_expiry_date",
    "embarkation",
    "debarkation",
    "seat",
    "reservation",
)
FLIGHT_COLUMNS = COLUMNS[:6]
DOCUMENT_COLUMNS = COLUMNS[11:15]
LIST_TYPES = ("passengers", "crew")
DATE_COLUMNS = {"birth_date": "%Y-%m-%d", "document_expiry_date": "%Y-%m-%d"}
DATE_TIME_COLUMNS = {"departure_at": "%Y-%m-%dT%H:%M", "arrival_at": "%Y-%m-%dT%H:%M"}

Row = dict[str, str | None]


def read_csv_manifest(data: bytes) -> Manifest:
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    errors: list[ManifestError] = []
    header = [name.strip().lower() for name in _next_row(reader, 1, errors) or []]
    if "surname" not in header:
        errors.append(ManifestError("missing_column", 1, "the first line names no surname column"))
        return _manifest({}, [], errors, readable=False)
    flight: Row = {}
    travellers = []
    line = 2
    while (cells := _next_row(reader, line, errors)) is not None:
        if any(cell.strip() for cell in cells):
            row = _row(header, cells, line, errors)
            _take_flight(flight, row, line, errors)
            travellers.append(_traveller(row, line))
        line = reader.line_num + 1
    return _manifest(flight, travellers, errors, readable=True)


def _next_row(reader: Iterator[list[str]], line: int, errors: list[ManifestError]) -> list[str] | None:
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as error:  # e.g. a NUL byte, or a field larger than csv's limit: nothing after it is read
        errors.append(ManifestError("bad_row", line, f"the row cannot be read: {error}"))
        return None


def _row(header: list[str], cells: list[str], line: int, errors: list[ManifestError]) -> Row:
    """The row's cells by column, dates in ISO 8601, what cannot be read None (and an error)."""
    if len(cells) != len(header):
        message = f"{len(cells)} cells where the header names {len(header)} columns"
        errors.append(ManifestError("bad_row", line, message))
    row: Row = dict.fromkeys(COLUMNS)
    for name, cell in zip(header, cells, strict=False):
        if name in row:
            row[name] = cell.strip() or None
    for column, form in (DATE_COLUMNS | DATE_TIME_COLUMNS).items():
        row[column] = _iso(row[column], form, column, line, errors)
    if row["list_type"] is not None and row["list_type"] not in LIST_TYPES:
        message = f"list_type {row['list_type']!r} is neither passengers nor crew"
        errors.append(ManifestError("unknown_message_type", line, message))
        row["list_type"] = None
    return row


def _iso(value: str | None, form: str, column: str, line: int, errors: list[ManifestError]) -> str | None:
    """``value`` if it is a real date (or date and time) in ``form``; a space is read as the ``T``."""
    if value is None:
        return None
    value = value.replace(" ", "T", 1) if "T" in form else value
    try:
        if datetime.strptime(value, form).strftime(form) == value:  # strptime alone allows 2026-1-5 and 9:5
            return value
    except ValueError:
        pass
    wanted = form.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD").replace("%H", "HH").replace("%M", "MM")
    errors.append(ManifestError("bad_date", line, f"{column} {value!r} is not a real {wanted}"))
    return None


def _take_flight(flight: Row, row: Row, line: int, errors: list[ManifestError]) -> None:
    for column in FLIGHT_COLUMNS:
        value = row[column]
        if value is None:
            continue
        if flight.get(column) is None:
            flight[column] = value
        elif flight[column] != value:
            message = f"{column} {value!r} differs from {flight[column]!r} in the rows before"
            errors.append(ManifestError("flight_mismatch", line, message))


def _traveller(row: Row, line: int) -> Traveller:
    document = None
    if any(row[column] for column in DOCUMENT_COLUMNS):
        document = Document(
            type=row["document_type"],
            number=row["document_number"],
            issuing_state=row["document_issuing_state"],
            expiry_date=row["document_expiry_date"],
        )
    return Traveller(
        surname=row["surname"],
        given_names=row["given_names"],
        sex=row["sex"],
        birth_date=row["birth_date"],
        nationality=row["nationality"],
        document=document,
        embarkation=row["embarkation"],
        debarkation=row["debarkation"],
        seat=row["seat"],
        reservation=row["reservation"],
        segment=line,
    )


def _manifest(flight: Row, travellers: list[Traveller], errors: list[ManifestError], readable: bool) -> Manifest:
    return Manifest(
        format="csv",
        version=None,
        list_type=flight.get("list_type"),
        flight=_flight(flight) if any(flight.get(column) for column in FLIGHT_COLUMNS[1:]) else None,
        part=Part(1, True),
        declared_count=None,
        travellers=travellers,
        errors=in_order(errors),
        readable=readable,
    )


def _flight(flight: Row) -> Flight:
    def place(prefix: str) -> Place | None:
        airport, at = flight.get(f"{prefix}_airport"), flight.get(f"{prefix}_at")
        return Place(airport, at) if airport or at else None

    return Flight(flight.get("carrier_flight"), place("departure"), place("arrival"))
