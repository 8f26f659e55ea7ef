"""``parse_source``: one entry point for every watchlist format the importer and the CLI accept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from ..model import ListEntry
from .common import ParseReport
from .csl import parse_csl_csv
from .errors import ErrorCode, SourceError
from .ftm import parse_ftm_json
from .national import parse_national_csv
from .ofac import parse_ofac_csv
from .un import parse_un_xml

_Parser = Callable[[Path, ParseReport], Iterator[tuple[int, ListEntry]]]
_PARSERS: dict[str, _Parser] = {
    "ofac-csv": parse_ofac_csv,
    "un-xml": parse_un_xml,
    "csl-csv": parse_csl_csv,
    "ftm-json": parse_ftm_json,
    "csv": parse_national_csv,
}
FORMATS: tuple[str, ...] = tuple(_PARSERS)


def parse_source(format: str, path: str | PathLike, report: ParseReport | None = None) -> Iterator[ListEntry]:
    """Stream the entries of a watchlist file, raising SourceError on the first defect.

    An unknown format or a missing path raise at once; defects inside the file as the entries stream.

    Some defects (an OFAC alias for an unknown entry, a file with no entries at all) show only at the
    end, so a caller must consume the whole iterator before it stores anything. ``report``, when given,
    is filled in as the entries go by.
    """
    parser = _PARSERS.get(format)
    if parser is None:
        raise SourceError(ErrorCode.UNKNOWN_FORMAT, f"unknown format {format!r}; known: {', '.join(FORMATS)}")
    source = Path(path)
    if not source.exists():
        raise SourceError(ErrorCode.FILE_NOT_FOUND, f"no such file: {source}", path=str(source))
    report = report if report is not None else ParseReport()
    report.format = format
    return _stream(parser, source, report)


def _stream(parser: _Parser, source: Path, report: ParseReport) -> Iterator[ListEntry]:
    try:
        yield from _checked(parser(source, report), report)
    except SourceError as error:
        raise error.with_path(str(source)) from None


def _checked(entries: Iterator[tuple[int, ListEntry]], report: ParseReport) -> Iterator[ListEntry]:
    first_line: dict[str, int] = {}
    for line, entry in entries:
        if entry.entry_id in first_line:
            raise SourceError(
                ErrorCode.DUPLICATE_ID,
                f"id {entry.entry_id!r} was already used on line {first_line[entry.entry_id]}",
                line=line,
            )
        first_line[entry.entry_id] = line
        report.count(entry)
        yield entry
    if not first_line:
        raise SourceError(ErrorCode.EMPTY_SOURCE, "the file holds no entries")


@dataclass(frozen=True)
class ParsedSource:
    entries: list[ListEntry]
    report: ParseReport


def load_source(format: str, path: str | PathLike) -> ParsedSource:
    """Every entry of a watchlist file and the report of the parse; raises before returning anything."""
    report = ParseReport()
    entries = list(parse_source(format, path, report))
    return ParsedSource(entries, report)
