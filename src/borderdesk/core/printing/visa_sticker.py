"""The visa-on-arrival sticker: a machine-readable visa (ICAO Doc 9303 Part 7) as a one-page PDF the size of
the sticker, MRV-B (105 x 74 mm) or MRV-A (120 x 80 mm) after the length of its MRZ lines.

The visual zone holds the visa's fields under small English captions; the two MRZ lines sit in a clear band at
the bottom, printed at the Doc 9303 pitch of 2.54 mm a character (ten to the inch) in Courier.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from borderdesk.core.documents import MrzFields, generate_mrz

from .errors import PrintingError
from .flowables import has_right_to_left_letters
from .fonts import MRZ_FONT, text_fonts, visual_order

MRZ_PITCH = 2.54 * mm
# Courier's characters are 0.6 em wide, so this size gives the 2.54 mm pitch.
MRZ_FONT_SIZE = MRZ_PITCH / 0.6
STICKER_SIZES = {36: ("MRVB", 105 * mm, 74 * mm), 44: ("MRVA", 120 * mm, 80 * mm)}
MRZ_BAND_HEIGHT = 15 * mm
GRID_COLUMNS = 4  # every row of the visual zone spans these, so the columns line up
MRZ_LINE_PATTERN = re.compile("[A-Z0-9<]+")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
TINT = colors.HexColor("#e6eef3")
BAND = colors.HexColor("#1f4e6b")
CAPTION_GREY = colors.HexColor("#3d4f5c")


@dataclass(frozen=True)
class VisaSticker:
    """The fields printed on the sticker. ``issuing_state`` is the name shown; ``nationality`` a Doc 9303
    code; ``mrz_lines`` the zone the caller generated (``visa_sticker_mrz`` builds an MRV-B one)."""

    issuing_state: str
    place_of_issue: str
    valid_from: date
    valid_until: date
    duration_of_stay_days: int
    number_of_entries: str
    visa_type: str
    visa_number: str
    surname: str
    given_names: str
    passport_number: str
    nationality: str
    birth_date: date
    sex: str
    fee_amount: Decimal
    fee_currency: str
    receipt_number: str
    mrz_lines: tuple[str, ...]
    remarks: str = ""


def visa_sticker_mrz(
    *,
    issuing_state_code: str,
    visa_number: str,
    surname: str,
    given_names: str,
    nationality: str,
    birth_date: date,
    sex: str,
    valid_until: date,
    document_code: str = "V",
    optional_data: str = "",
    format: str = "MRVB",
) -> tuple[str, str]:
    """The MRV-B zone (or with ``format="MRVA"`` the MRV-A zone) of a visa with these fields (the visa number is
    the document number, the last day of validity the expiry date). Raises the documents core's
    ``MrzGenerationError`` for fields that do not fit."""
    if format not in ("MRVA", "MRVB"):
        raise PrintingError("bad_mrz", f"a visa sticker's zone is MRVA or MRVB, not {format!r}")
    fields = MrzFields(
        document_code=document_code,
        issuing_state=issuing_state_code,
        surname=surname,
        given_names=given_names,
        document_number=visa_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=valid_until,
        optional_data=optional_data,
    )
    first, second = generate_mrz(format, fields)
    return first, second


def visa_sticker_pdf(sticker: VisaSticker) -> bytes:
    """The sticker as PDF bytes. Raises ``PrintingError`` (``bad_mrz``) for a zone of the wrong shape."""
    _check_mrz(sticker.mrz_lines)
    _, width, height = STICKER_SIZES[len(sticker.mrz_lines[0])]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True)  # same sticker, same bytes
    canvas.setTitle(f"Visa {sticker.visa_number}")
    _StickerPainter(canvas, sticker, width, height).paint()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sticker_format(mrz_lines: tuple[str, ...]) -> str:
    """``MRVB`` or ``MRVA``, after the zone's line length."""
    _check_mrz(mrz_lines)
    return STICKER_SIZES[len(mrz_lines[0])][0]


def _check_mrz(lines: tuple[str, ...]) -> None:
    shaped = len(lines) == 2 and len(lines[0]) == len(lines[1]) and len(lines[0]) in STICKER_SIZES
    if not shaped or not all(MRZ_LINE_PATTERN.fullmatch(line) for line in lines) or lines[0][0] != "V":
        raise PrintingError(
            "bad_mrz",
            "a visa MRZ is two lines of 36 (MRV-B) or 44 (MRV-A) characters A-Z, 0-9 and <, the first starting with V",
        )


def visa_date(day: date) -> str:
    """Doc 9303 Part 3 visual-zone date: day, English month abbreviation, year."""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def fit_text(
    text: str, font: str, size: float, width: float, max_lines: int = 1, min_size: float = 4.0
) -> tuple[float, list[str]]:
    """The largest size not above ``size`` at which ``text`` fits ``max_lines`` lines of ``width``, and the
    lines; what still does not fit at ``min_size`` is cut with an ellipsis (a sticker cannot grow)."""
    while True:
        lines = simpleSplit(text, font, size, width) or [""]
        fits = len(lines) <= max_lines and all(stringWidth(line, font, size) <= width for line in lines)
        if fits or size <= min_size:
            break
        size = max(min_size, size - 0.25)
    if not fits:
        lines = lines[:max_lines]
        lines = [_cut(line, font, size, width) for line in lines[:-1]] + [_cut(lines[-1] + "…", font, size, width)]
    return size, lines


def _cut(line: str, font: str, size: float, width: float) -> str:
    if stringWidth(line, font, size) <= width:
        return line
    while line and stringWidth(line + "…", font, size) > width:
        line = line[:-1]
    return line + "…"


class _StickerPainter:
    def __init__(self, canvas: Canvas, sticker: VisaSticker, width: float, height: float):
        self.canvas, self.sticker, self.width, self.height = canvas, sticker, width, height
        self.fonts = text_fonts()
        self.margin = 4 * mm
        self.inner_width = width - 2 * self.margin

    def paint(self) -> None:
        self.background()
        self.header()
        self.fields()
        self.mrz()
        self.frame()

    def background(self) -> None:
        canvas = self.canvas
        canvas.setFillColor(TINT)
        canvas.rect(0, MRZ_BAND_HEIGHT, self.width, self.height - MRZ_BAND_HEIGHT, stroke=0, fill=1)

    def frame(self) -> None:
        canvas = self.canvas
        canvas.setStrokeColor(BAND)
        canvas.setLineWidth(0.6)
        canvas.rect(1 * mm, 1 * mm, self.width - 2 * mm, self.height - 2 * mm, stroke=1, fill=0)

    def header(self) -> None:
        canvas, sticker = self.canvas, self.sticker
        band_height = 9 * mm
        bottom = self.height - 1 * mm - band_height
        canvas.setFillColor(BAND)
        canvas.rect(1 * mm, bottom, self.width - 2 * mm, band_height, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        state_width = self.inner_width * 0.45
        size, lines = fit_text(sticker.issuing_state.upper(), self.fonts.bold, 10, state_width)
        canvas.setFont(self.fonts.bold, size)
        canvas.drawString(self.margin, bottom + 3.2 * mm, _visual(lines[0]))
        canvas.setFont(self.fonts.bold, 13)
        canvas.drawCentredString(self.width / 2 + 4 * mm, bottom + 2.9 * mm, "VISA")
        canvas.setFont(self.fonts.regular, 5)
        canvas.drawRightString(self.width - self.margin, bottom + 5.6 * mm, "No.")
        size, lines = fit_text(sticker.visa_number, self.fonts.bold, 9, self.inner_width * 0.3)
        canvas.setFont(self.fonts.bold, size)
        canvas.drawRightString(self.width - self.margin, bottom + 1.8 * mm, lines[0])

    def fields(self) -> None:
        sticker = self.sticker
        row_height = 8.2 * mm if self.width < 110 * mm else 9 * mm
        top = self.height - 11 * mm
        rows = [
            [
                ("PLACE OF ISSUE", sticker.place_of_issue, 2),
                ("VALID FROM", visa_date(sticker.valid_from), 1),
                ("UNTIL", visa_date(sticker.valid_until), 1),
            ],
            [
                ("TYPE OF VISA", sticker.visa_type, 1),
                ("NUMBER OF ENTRIES", sticker.number_of_entries, 1),
                ("DURATION OF STAY", f"{sticker.duration_of_stay_days} DAYS", 1),
                ("PASSPORT NUMBER", sticker.passport_number, 1),
            ],
            [
                ("SURNAME, GIVEN NAMES", f"{sticker.surname.upper()}, {sticker.given_names}".rstrip(", "), 3),
                ("NATIONALITY", sticker.nationality, 1),
            ],
            [
                ("DATE OF BIRTH", visa_date(sticker.birth_date), 1),
                ("SEX", sticker.sex, 1),
                ("FEE", f"{sticker.fee_currency} {sticker.fee_amount}".strip(), 1),
                ("RECEIPT NUMBER", sticker.receipt_number, 1),
            ],
        ]
        for index, row in enumerate(rows):
            self.field_row(row, top - index * row_height)
        self.remarks(top - len(rows) * row_height)

    def field_row(self, row: list[tuple[str, str, int]], top: float) -> None:
        gap = 1.5 * mm
        unit_width = (self.inner_width - gap * (GRID_COLUMNS - 1)) / GRID_COLUMNS
        left = self.margin
        for caption, value, span in row:
            width = unit_width * span + gap * (span - 1)
            self.field(caption, value, left, top, width)
            left += width + gap

    def field(self, caption: str, value: str, left: float, top: float, width: float) -> None:
        canvas = self.canvas
        canvas.setFillColor(CAPTION_GREY)
        size, lines = fit_text(caption, self.fonts.regular, 4.6, width)
        canvas.setFont(self.fonts.regular, size)
        canvas.drawString(left, top - 2 * mm, lines[0])
        canvas.setFillColor(colors.black)
        size, lines = fit_text(value, self.fonts.bold, 7.5, width)
        canvas.setFont(self.fonts.bold, size)
        canvas.drawString(left, top - 5.3 * mm, _visual(lines[0]))

    def remarks(self, top: float) -> None:
        canvas = self.canvas
        canvas.setFillColor(CAPTION_GREY)
        canvas.setFont(self.fonts.regular, 4.6)
        canvas.drawString(self.margin, top - 2 * mm, "REMARKS")
        available = top - 2.4 * mm - (MRZ_BAND_HEIGHT + 1 * mm)
        size, lines = fit_text(self.sticker.remarks, self.fonts.regular, 6.5, self.inner_width, max_lines=2)
        leading = size * 1.2
        if len(lines) * leading > available:
            size, lines = fit_text(self.sticker.remarks, self.fonts.regular, available / 1.2, self.inner_width)
            leading = size * 1.2
        canvas.setFillColor(colors.black)
        canvas.setFont(self.fonts.regular, size)
        baseline = top - 2.4 * mm - size
        for line in lines:
            canvas.drawString(self.margin, baseline, _visual(line))
            baseline -= leading

    def mrz(self) -> None:
        canvas, lines = self.canvas, self.sticker.mrz_lines
        canvas.setFillColor(colors.white)
        canvas.rect(1 * mm, 1 * mm, self.width - 2 * mm, MRZ_BAND_HEIGHT - 1 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(MRZ_FONT, MRZ_FONT_SIZE)
        left = (self.width - len(lines[0]) * MRZ_PITCH) / 2
        canvas.drawString(left, 8.6 * mm, lines[0])
        canvas.drawString(left, 3.6 * mm, lines[1])


def _visual(text: str) -> str:
    return visual_order(text) if has_right_to_left_letters(text) else text
