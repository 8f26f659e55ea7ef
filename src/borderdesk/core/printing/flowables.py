"""Paragraphs that handle any of the supported scripts, for the platypus-built forms."""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from .fonts import is_right_to_left, shape, visual_order

_RIGHT_TO_LEFT_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


class RightToLeftParagraph(Flowable):
    """A right-to-left paragraph: wrapped in logical order, then each line shaped and reordered for drawing,
    which is what the bidirectional algorithm asks of line breaking."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text, self.style = text, style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.lines: list[str] = []

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.lines = wrap_logical(self.text, self.style.fontName, self.style.fontSize, available_width)
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def draw(self):
        self.canv.setFont(self.style.fontName, self.style.fontSize)
        self.canv.setFillColor(self.style.textColor)
        baseline = self.height - self.style.fontSize
        for line in self.lines:
            self._draw_line(visual_order(line), baseline)
            baseline -= self.style.leading

    def _draw_line(self, line: str, baseline: float) -> None:
        if self.style.alignment == TA_CENTER:
            self.canv.drawCentredString(self.width / 2, baseline, line)
        else:
            self.canv.drawRightString(self.width, baseline, line)


def wrap_logical(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in filter(None, paragraph.split(" ")):  # not split(): no-break spaces must hold
            candidate = f"{current} {word}" if current else word
            if current and stringWidth(shape(candidate), font, size) > width:
                lines.append(current)
                candidate = word
            current = candidate
        lines.append(current)
    return lines


def has_right_to_left_letters(text: str) -> bool:
    return bool(_RIGHT_TO_LEFT_LETTERS.search(text))


_EXPLICIT_DIRECTION = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def plain(text: str) -> str:
    """What a person typed (a name, a note), printable: explicit direction marks of its own removed, control, tab
    and paragraph-separator characters made spaces (line breaks kept), code points not assigned a character
    U+FFFD. The bidirectional algorithm used for Arabic takes neither isolates nor unassigned code points, and one
    typed into a name must not stop the letter or turn its text around."""
    kept = []
    for char in str(text):
        if char == "\n":
            kept.append(char)
            continue
        kind = unicodedata.bidirectional(char)
        if kind in _EXPLICIT_DIRECTION:
            continue
        if not kind:  # not (yet) a character: no direction either
            kept.append("\ufffd")
            continue
        kept.append(" " if kind in ("B", "S") or unicodedata.category(char) == "Cc" else char)
    return "".join(kept)


def text_flowable(text: str, style: ParagraphStyle, language: str | None = None) -> Flowable:
    """Plain text (never markup) as a flowable: right to left for such a language or such letters. What a person
    typed is made printable first (``plain``)."""
    text = plain(text)
    if (language is not None and is_right_to_left(language)) or has_right_to_left_letters(text):
        alignment = TA_CENTER if style.alignment == TA_CENTER else TA_RIGHT
        return RightToLeftParagraph(text, ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=alignment))
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


class CheckBox(Flowable):
    """A tick box, crossed when ``checked``."""

    def __init__(self, checked: bool, size: float):
        super().__init__()
        self.checked, self.size = checked, size
        self.width = self.height = size

    def draw(self):
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)
        if self.checked:
            inset = self.size * 0.18
            self.canv.setLineWidth(1.4)
            self.canv.line(inset, inset, self.size - inset, self.size - inset)
            self.canv.line(inset, self.size - inset, self.size - inset, inset)
