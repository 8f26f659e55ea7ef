"""Reading CSV files that have a header row: columns by name, with the line of every record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .common import ParseReport, check_column_count, check_final_line_end, csv_rows
from .errors import ErrorCode, SourceError


def header_rows(
    path: Path, report: ParseReport, required: frozenset[str], allowed: frozenset[str] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: stripped value}) per record; the header must name every ``required`` column and,
    when ``allowed`` is given, no other.

    Such a file states neither its record count nor an end marker: what can be checked for completeness
    (every row as wide as the header, a line end after the last row) is, and the report says what cannot.
    """
    check_final_line_end(path, report)  # before the rows: a cut last record must not pass as a bad value
    rows = csv_rows(path)
    first = next(rows, None)
    if first is None:
        raise SourceError(ErrorCode.MISSING_HEADER, "the file is empty: a header row is required", line=1)
    header_line, header = first
    columns = [name.strip().lower() for name in header]
    _check_header(columns, header_line, required, allowed)
    for line, row in rows:
        check_column_count(row, len(columns), line, path.name)
        yield line, {column: value.strip() for column, value in zip(columns, row, strict=True)}
    report.checks.append(f"{path.name}: every row has the header's {len(columns)} columns")
    report.warnings.append(
        f"{path.name}: this format states no record count and no end-of-file marker, so a file cut at a line"
        " boundary cannot be recognised from the file itself"
    )


def _check_header(columns: list[str], line: int, required: frozenset[str], allowed: frozenset[str] | None) -> None:
    missing = sorted(required - set(columns))
    if missing:
        raise SourceError(ErrorCode.MISSING_COLUMN, f"header lacks column(s): {', '.join(missing)}", line=line)
    if allowed is not None and (unknown := sorted(set(columns) - allowed)):
        raise SourceError(ErrorCode.UNKNOWN_COLUMN, f"unknown column(s): {', '.join(unknown)}", line=line)
    if len(set(columns)) != len(columns):
        raise SourceError(ErrorCode.BAD_CSV, "a column name appears twice in the header", line=line)
