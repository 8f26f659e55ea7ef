"""Reading CSV files that have a header row: columns by name, with the line of every record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .common import check_column_count, csv_rows
from .errors import ErrorCode, SourceError


def header_rows(
    path: Path, required: frozenset[str], allowed: frozenset[str] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: stripped value}) per record; the header must name every ``required`` column and,
    when ``allowed`` is given, no other."""
    rows = csv_rows(path)
    first = next(rows, None)
    if first is None:
        raise SourceError(ErrorCode.MISSING_HEADER, "the file is empty: a header row is required", line=1)
    header_line, header = first
    columns = [name.strip().lower() for name in header]
    _check_header(columns, header_line, required, allowed)
    for line, row in rows:
        check_column_count(row, len(columns), line, path.name)
        yield line, {column: value.strip() for column, value in zip(columns, row)}


def _check_header(columns: list[str], line: int, required: frozenset[str], allowed: frozenset[str] | None) -> None:
    missing = sorted(required - set(columns))
    if missing:
        raise SourceError(ErrorCode.MISSING_COLUMN, f"header lacks column(s): {', '.join(missing)}", line=line)
    if allowed is not None and (unknown := sorted(set(columns) - allowed)):
        raise SourceError(ErrorCode.UNKNOWN_COLUMN, f"unknown column(s): {', '.join(unknown)}", line=line)
    if len(set(columns)) != len(columns):
        raise SourceError(ErrorCode.BAD_CSV, "a column name appears twice in the header", line=line)
