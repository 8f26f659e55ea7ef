"""Stream the records of a large XML file one element at a time, each with the line it starts on.

``ElementTree.iterparse`` cannot say on which line an element starts, and the importer must name the line
of a bad record, so this drives expat directly and builds each record with a ``TreeBuilder``. Documents
that declare a DTD or entities are refused: watchlists never need them, and they are how XML bombs and
external-entity reads work.

A document that ends before its root element closes was cut short: SOURCE_TRUNCATED, not BAD_XML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from .errors import ErrorCode, SourceError

_CHUNK_BYTES = 1 << 16


@dataclass(frozen=True)
class XmlRecord:
    element: Element
    line: int
    path: str  # e.g. "CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL"


class _RecordCollector:
    def __init__(
        self, parser: expat.XMLParserType, record_tags: frozenset[str], root_tag: str, on_root: Callable[[dict], None]
    ) -> None:
        self.parser = parser
        self.on_root = on_root
        self.record_tags = record_tags
        self.root_tag = root_tag
        self.stack: list[str] = []
        self.builder: TreeBuilder | None = None
        self.record_depth = 0
        self.record_line = 0
        self.ready: list[XmlRecord] = []

    def start(self, tag: str, attributes: dict) -> None:
        if not self.stack and tag != self.root_tag:
            raise SourceError(
                ErrorCode.WRONG_FORMAT,
                f"root element is <{tag}>, expected <{self.root_tag}>",
                line=self.parser.CurrentLineNumber,
            )
        if not self.stack:
            self.on_root(attributes)
        self.stack.append(tag)
        if self.builder is None and tag in self.record_tags:
            self.builder = TreeBuilder()
            self.record_depth, self.record_line = len(self.stack), self.parser.CurrentLineNumber
        if self.builder is not None:
            self.builder.start(tag, attributes)

    def end(self, tag: str) -> None:
        if self.builder is not None:
            self.builder.end(tag)
            if len(self.stack) == self.record_depth:
                self.ready.append(XmlRecord(self.builder.close(), self.record_line, "/".join(self.stack)))
                self.builder = None
        self.stack.pop()

    def data(self, text: str) -> None:
        if self.builder is not None:
            self.builder.data(text)


def _refuse_declarations(*_args: object) -> None:
    raise SourceError(ErrorCode.BAD_XML, "DTDs and entity declarations are not accepted")


def iter_xml_records(
    path: Path, root_tag: str, record_tags: frozenset[str], on_root: Callable[[dict], None] = lambda attributes: None
) -> Iterator[XmlRecord]:
    """The records of ``path``; ``on_root`` is called with the root element's attributes."""
    if not path.is_file():
        raise SourceError(ErrorCode.FILE_NOT_FOUND, f"no such file: {path}", path=str(path))
    parser = expat.ParserCreate()
    collector = _RecordCollector(parser, record_tags, root_tag, on_root)
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.data
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.buffer_text = True
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            yield from _feed(parser, collector, chunk, final=False)
        yield from _feed(parser, collector, b"", final=True)


def _feed(parser: expat.XMLParserType, collector: _RecordCollector, chunk: bytes, *, final: bool) -> list[XmlRecord]:
    try:
        parser.Parse(chunk, final)
    except expat.ExpatError as error:
        if final and not chunk:  # the document ended early: inside the root element, a tag or before any
            raise _truncated(collector, error.lineno) from None
        raise SourceError(ErrorCode.BAD_XML, expat.ErrorString(error.code), line=error.lineno) from None
    except SourceError as error:
        if error.line is None:
            raise SourceError(error.code, error.message, line=parser.CurrentLineNumber) from None
        raise
    records, collector.ready = collector.ready, []
    return records


def _truncated(collector: _RecordCollector, line: int) -> SourceError:
    if not collector.stack:
        return SourceError(
            ErrorCode.SOURCE_TRUNCATED, f"the file ends before its root <{collector.root_tag}>", line=line
        )
    inside = "/".join(collector.stack)
    return SourceError(
        ErrorCode.SOURCE_TRUNCATED,
        f"the file ends inside <{inside}>: the root element never closes, the file was cut short",
        line=line,
    )
