"""Fonts and script handling for the printed documents.

DejaVu Sans (Debian's fonts-dejavu-core) covers Latin, Cyrillic, Greek and Arabic, so every document uses it
when it is installed; without it, Latin-script text falls back to the PDF core font Helvetica and other
scripts cannot be printed. Arabic is shaped (joined letter forms) and put in visual order line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import arabic_reshaper

# The pure-Python algorithm: the Rust-backed ``bidi.get_display`` of python-bidi 0.6 leaves brackets unmirrored.
from bidi.algorithm import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .errors import PrintingError

FONT_DIRECTORIES = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/local/share/fonts"))
RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar"})
# Languages whose fixed texts are outside what the core fonts' WinAnsi encoding can show.
UNICODE_FONT_LANGUAGES = frozenset({"ar", "ru"})
MRZ_FONT = "Courier"  # reportlab cannot embed the OpenType (CFF) OCR-B of Debian's fonts-ocr-b


@dataclass(frozen=True, slots=True)
class FontPair:
    regular: str
    bold: str
    unicode: bool  # False for the Helvetica fallback, which shows Latin-1 text only


@cache
def text_fonts() -> FontPair:
    regular, bold = _find("DejaVuSans.ttf"), _find("DejaVuSans-Bold.ttf")
    if regular is None or bold is None:
        return FontPair("Helvetica", "Helvetica-Bold", unicode=False)
    pdfmetrics.registerFont(TTFont("BorderdeskSans", str(regular)))
    pdfmetrics.registerFont(TTFont("BorderdeskSans-Bold", str(bold)))
    pdfmetrics.registerFontFamily(
        "BorderdeskSans",
        normal="BorderdeskSans",
        bold="BorderdeskSans-Bold",
        italic="BorderdeskSans",
        boldItalic="BorderdeskSans-Bold",
    )
    return FontPair("BorderdeskSans", "BorderdeskSans-Bold", unicode=True)


def _find(file_name: str) -> Path | None:
    for directory in FONT_DIRECTORIES:
        candidate = directory / file_name
        if candidate.is_file():
            return candidate
    return None


def require_fonts_for(language: str) -> None:
    if language in UNICODE_FONT_LANGUAGES and not text_fonts().unicode:
        raise PrintingError(
            "font_unavailable", f"printing in {language!r} needs DejaVu Sans (Debian package fonts-dejavu-core)"
        )


def is_right_to_left(language: str) -> bool:
    return language in RIGHT_TO_LEFT_LANGUAGES


def shape(text: str) -> str:
    """Arabic letters in their joined forms, still in logical order (so widths can be measured)."""
    return arabic_reshaper.reshape(text)


def visual_order(text: str) -> str:
    """One line of right-to-left text as it is drawn left to right: shaped, then reordered."""
    return get_display(shape(text))
