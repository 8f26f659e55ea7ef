"""The one error every source parser raises, with a stable code the CLI and the importer can rely on."""

from __future__ import annotations

from enum import Enum


class ErrorCode(str, Enum):
    FILE_NOT_FOUND = "file_not_found"
    UNKNOWN_FORMAT = "unknown_format"
    WRONG_FORMAT = "wrong_format"  # a readable file, but not of the format asked for
    BAD_ENCODING = "bad_encoding"
    BAD_CSV = "bad_csv"
    MISSING_HEADER = "missing_header"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    BAD_COLUMN_COUNT = "bad_column_count"
    BAD_XML = "bad_xml"
    BAD_JSON = "bad_json"
    BAD_RECORD = "bad_record"
    MISSING_ID = "missing_id"
    DUPLICATE_ID = "duplicate_id"
    MISSING_NAME = "missing_name"
    BAD_TYPE = "bad_type"
    BAD_DATE = "bad_date"
    BAD_SEX = "bad_sex"
    BAD_ACTION = "bad_action"
    UNKNOWN_ENTRY = "unknown_entry"  # an OFAC alias, address or comment for an entry sdn.csv lacks
    EMPTY_SOURCE = "empty_source"
    SOURCE_TRUNCATED = "source_truncated"  # the file fails its format's completeness check: it was cut short


class SourceError(ValueError):
    """A source file that cannot be imported as a whole; ``line`` is 1-based where the format has lines."""

    def __init__(self, code: ErrorCode, message: str, *, line: int | None = None, path: str | None = None):
        self.code = ErrorCode(code)
        self.message = message
        self.line = line
        self.path = path
        super().__init__(str(self))

    def with_path(self, path: str) -> SourceError:
        return self if self.path else SourceError(self.code, self.message, line=self.line, path=path)

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.path, self.line) if part is not None)
        return f"{where}: [{self.code.value}] {self.message}" if where else f"[{self.code.value}] {self.message}"
