"""Arrival schedules: flights, sailings, trains or coaches expected at a post, read from CSV, and the travellers
they bring each hour by kind of queue.

A schedule in CSV has a header with these columns in any order and case (others are ignored):
``service`` (the flight or service, e.g. UA123), ``expected_at`` (local time at the post, ``YYYY-MM-DDTHH:MM`` or
``YYYY-MM-DD HH:MM``), ``terminal`` (optional), ``passengers`` (a whole number, 0 to :data:`MAX_PASSENGERS`) and
``residents_share`` (the share of residents among them: 0 to 1, or a percentage such as ``35%``). Good rows are
kept; each bad row is reported with its line number (the header is line 1) and a stable code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_PASSENGERS = 5_000  # more than the largest ferry or airliner carries
MAX_ROWS = 5_000
REQUIRED = ("service", "expected_at", "passengers", "residents_share")


@dataclass(frozen=True)
class ScheduledArrival:
    service: str
    expected_at: datetime  # naive: local time at the post
    terminal: str
    passengers: int
    residents_share: float

    @property
    def residents(self) -> float:
        return self.passengers * self.residents_share

    @property
    def visitors(self) -> float:
        return self.passengers - self.residents


@dataclass(frozen=True)
class RowError:
    line: int
    code: str
    message: str


class ScheduleError(ValueError):
    """The whole file cannot be read (no header, a required column missing, too many rows)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def parse_schedule(text: str) -> tuple[list[ScheduledArrival], list[RowError]]:
    """The good rows and an error for each bad one; :class:`ScheduleError` when nothing can be read."""
    try:
        return _parse(csv.reader(io.StringIO(text)))
    except csv.Error as exc:  # a field longer than the csv module takes, a quote never closed
        raise ScheduleError("bad_csv", f"The file is not CSV that can be read: {exc}.") from None


def _parse(reader: Iterator[list[str]]) -> tuple[list[ScheduledArrival], list[RowError]]:
    header = next(reader, None)
    if not header:
        raise ScheduleError("empty_schedule", "The file is empty: it needs a header line and one row per arrival.")
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ScheduleError("missing_column", f"The header lacks the column(s): {', '.join(missing)}.")
    arrivals: list[ScheduledArrival] = []
    errors: list[RowError] = []
    seen: set[tuple[str, datetime]] = set()
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if line - 1 > MAX_ROWS:
            raise ScheduleError("too_many_rows", f"At most {MAX_ROWS} arrivals in one file.")
        if len(cells) != len(columns):
            errors.append(RowError(line, "bad_row", f"{len(cells)} cells where the header has {len(columns)}."))
            continue
        try:
            arrival = parse_row(dict(zip(columns, cells, strict=True)))
        except ScheduleError as exc:
            errors.append(RowError(line, exc.code, exc.message))
            continue
        if (arrival.service, arrival.expected_at) in seen:
            errors.append(RowError(line, "duplicate_row", f"{arrival.service} at {arrival.expected_at} twice."))
            continue
        seen.add((arrival.service, arrival.expected_at))
        arrivals.append(arrival)
    return arrivals, errors


def parse_row(row: dict[str, str]) -> ScheduledArrival:
    service = row.get("service", "").strip().upper()
    if not service or len(service) > 20:
        raise ScheduleError("bad_service", "The service (flight) must be 1 to 20 characters.")
    terminal = row.get("terminal", "").strip().upper()
    if len(terminal) > 20:
        raise ScheduleError("bad_terminal", "The terminal must be at most 20 characters.")
    return ScheduledArrival(
        service=service,
        expected_at=parse_local_time(row.get("expected_at", "")),
        terminal=terminal,
        passengers=parse_passengers(row.get("passengers", "")),
        residents_share=parse_share(row.get("residents_share", "")),
    )


def parse_local_time(text: str) -> datetime:
    value = text.strip().replace(" ", "T", 1)
    try:
        moment = datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError:
        raise ScheduleError("bad_time", f"{text.strip()[:30]!r} is not a time as YYYY-MM-DDTHH:MM.") from None
    return moment


def parse_passengers(text: str) -> int:
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_PASSENGERS:  # not "²" nor "١٢"
        raise ScheduleError("bad_passengers", f"Passengers must be a whole number from 0 to {MAX_PASSENGERS}.")
    return int(value)


def parse_share(text: str) -> float:
    value = text.strip()
    percent = value.endswith("%")
    try:
        share = float(value.rstrip("%").strip()) / (100 if percent else 1)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:  # also NaN
        raise ScheduleError("bad_share", "The residents' share must be from 0 to 1, or a percentage such as 35%.")
    return share


def hourly_arrivals(
    arrivals: Iterable[ScheduledArrival], start: datetime, hours: int
) -> tuple[list[float], list[float]]:
    """Residents and visitors expected in each of ``hours`` hours from ``start`` (same clock as the arrivals)."""
    residents = [0.0] * hours
    visitors = [0.0] * hours
    for arrival in arrivals:
        index = (arrival.expected_at - start) // timedelta(hours=1)
        if 0 <= index < hours:
            residents[index] += arrival.residents
            visitors[index] += arrival.visitors
    return residents, visitors
