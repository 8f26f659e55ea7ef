"""Small helpers for the source-parser tests: write a fixture file, parse it, catch the SourceError."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderdesk.core.screening.sources import SourceError, load_source


def write(folder: Path, name: str, text: str, *, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def entries_by_id(format: str, path: Path) -> dict:
    return {entry.entry_id: entry for entry in load_source(format, path).entries}


def source_error(format: str, path: Path) -> SourceError:
    with pytest.raises(SourceError) as caught:
        load_source(format, path)
    return caught.value
