"""UN/EDIFACT interchanges as segments: text, separators, release characters, segment positions, truncation.

The reading rules are those of CONTRACTS.md section 6. Text is UTF-8 when it decodes as such, else Latin-1. CR
and LF are never data: they are dropped everywhere before anything else, even between a release character and
what it releases (carriers' systems wrap long lines anywhere). A ``UNA`` after leading blanks sets the
separators. Blanks around a tag and around every value are trimmed; an empty value is None; segments holding
nothing at all (``''``) are skipped. Reading stops after ``UNZ``: whatever follows (a date a mail system
appended, another interchange) is ignored. Segments are numbered from 1 in the order they stand, ``UNA`` not
counted, so ``UNB`` is 1.

Why not pydifact's tokenizer (0.2.3, locked for this core). Measured on the five real carriers' messages in
``../shared/data/paxlst-gtas/``: pydifact's ``Parser`` reads 2 of the 5 and raises ``EDISyntaxError`` on the
other 3 (tags ``' UNA'``, ``' UNB'``, ``'UNG '``: blanks before a tag or after it). Its ``Tokenizer`` alone
gives clean tags for 2, keeps ``'\\r\\nUNB'``, ``'\\n UNB'`` and ``'UNG '`` as tags in 2 more (still ``' UNB'``
and ``'UNG '`` once CR/LF are dropped), and raises "Unexpected end of EDI messages" on the fifth after its 50th
segment, because of the text after ``UNZ``; it also raises on a line break after a release character. A raise
carries a line and column but no segment number and ends the iteration, while this contract needs every error
with its segment and everything before a cut kept; so pre-cleaning alone would not do and the remaining
tokenizing is a few lines of ``str.split``. On the same messages this reader, with every PAXLST rule applied, is
1.5 to 2 times as fast as pydifact's tokenizer alone on pre-cleaned text (``benchmarks/manifest_parse.py``,
figures in ``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

DEFAULT_SEPARATORS = ":+.? '"  # component, data element, decimal mark, release, reserved, segment terminator
BLANKS = " \t"

Value = str | None
Element = tuple[Value, ...]


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to make, and there are thousands per message
class Segment:
    """One segment: its 1-based ``position``, its ``tag`` and its data ``elements``, each a tuple of components
    (unescaped, trimmed, None when empty). ``data`` is every data character as sent (unescaped, untrimmed, the
    tag included), for the syntax-level character check."""

    position: int
    tag: str
    elements: tuple[Element, ...]
    data: str
    qualifier: Value  # the first component of the first data element

    def value(self, element: int, component: int = 1) -> Value:
        """Data element ``element`` (1 is the first after the tag), component ``component`` (1-based)."""
        if element > len(self.elements):
            return None
        components = self.elements[element - 1]
        return components[component - 1] if component <= len(components) else None


@dataclass(frozen=True, slots=True)
class Interchange:
    """The segments read, in order. ``cut_at`` is the position of a segment the text ends inside (dropped, and
    nothing after it); ``ended`` says a ``UNZ`` was read."""

    segments: list[Segment]
    cut_at: int | None
    ended: bool

    @property
    def next_position(self) -> int:
        return self.segments[-1].position + 1 if self.segments else 1


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
    return text.removeprefix("\ufeff")


def read_interchange(text: str) -> Interchange:
    text = text.replace("\r", "").replace("\n", "")
    separators, body = _separators(text)
    if separators is None:  # the text ends inside the UNA
        return Interchange([], 1, False)
    component, element, release, terminator = separators[0], separators[1], separators[3], separators[5]
    if release == " ":  # ISO 9735: a space in the UNA's release position means there is no release character
        release = ""
    complete, rest = _pieces(body, release, terminator)
    segments: list[Segment] = []
    for piece in complete:
        segment = _segment(piece, len(segments) + 1, component, element, release)
        if segment is None:
            continue
        segments.append(segment)
        if segment.tag == "UNZ":
            return Interchange(segments, None, True)
    cut_at = len(segments) + 1 if rest.strip(BLANKS) else None
    return Interchange(segments, cut_at, False)


def segments_as_sent(text: str) -> list[tuple[int, str]]:
    """Each segment's text as sent (CR and LF dropped, its terminator left off), numbered as ``read_interchange``
    numbers them, for showing a message beside its errors; the piece the text ends inside comes last, with the
    number of the cut. Nothing after ``UNZ``."""
    text = text.replace("\r", "").replace("\n", "")
    separators, body = _separators(text)
    if separators is None:
        return [(1, text.strip(BLANKS))] if text.strip(BLANKS) else []
    component, element, release, terminator = separators[0], separators[1], separators[3], separators[5]
    complete, rest = _pieces(body, "" if release == " " else release, terminator)
    numbered: list[tuple[int, str]] = []
    for piece in complete:
        segment = _segment(piece, len(numbered) + 1, component, element, "" if release == " " else release)
        if segment is None:
            continue
        numbered.append((segment.position, piece.strip(BLANKS)))
        if segment.tag == "UNZ":
            return numbered
    if rest.strip(BLANKS):
        numbered.append((len(numbered) + 1, rest.strip(BLANKS)))
    return numbered


def _separators(text: str) -> tuple[str | None, str]:
    start = len(text) - len(text.lstrip(BLANKS))
    if not text.startswith("UNA", start):
        return DEFAULT_SEPARATORS, text
    advice = text[start + 3 : start + 9]
    return (advice if len(advice) == 6 else None), text[start + 9 :]


def _pieces(body: str, release: str, terminator: str) -> tuple[list[str], str]:
    """The texts of the complete segments (each ended by a terminator that is not released), and the rest."""
    if not release or release not in body:
        *complete, rest = body.split(terminator)
        return complete, rest
    pattern = _piece_pattern(release, terminator)
    complete = []
    start = 0
    while True:
        match = pattern.match(body, start)  # it always matches, if only the empty string
        end = match.end() if match else start
        if end == len(body) or body[end] != terminator:  # the end of the text, or a release with nothing after
            return complete, body[start:]
        complete.append(body[start:end])
        start = end + 1


@functools.cache
def _piece_pattern(release: str, terminator: str) -> re.Pattern[str]:
    r, t = re.escape(release), re.escape(terminator)
    return re.compile(f"[^{r}{t}]*(?:{r}.[^{r}{t}]*)*", re.DOTALL)


def _segment(piece: str, position: int, component: str, element: str, release: str) -> Segment | None:
    if release and release in piece:
        raw = _unescape_split(piece, component, element, release)
        data = "".join(["".join(parts) for parts in raw])
    else:
        raw = [part.split(component) for part in piece.split(element)]
        data = piece.replace(element, "").replace(component, "")
    tag = raw[0][0].strip(BLANKS)
    if not tag and len(raw) == 1 and len(raw[0]) == 1:
        return None
    elements = tuple([tuple([part.strip(BLANKS) or None for part in parts]) for parts in raw[1:]])
    return Segment(position, tag, elements, data, elements[0][0] if elements else None)


def _unescape_split(piece: str, component: str, element: str, release: str) -> list[list[str]]:
    """Elements and components of a segment holding release characters, character by character."""
    elements: list[list[str]] = [[]]
    current: list[str] = []
    released = False
    for character in piece:
        if released:
            current.append(character)
            released = False
        elif character == release:
            released = True
        elif character == element:
            elements[-1].append("".join(current))
            elements.append([])
            current = []
        elif character == component:
            elements[-1].append("".join(current))
            current = []
        else:
            current.append(character)
    elements[-1].append("".join(current))
    return elements
