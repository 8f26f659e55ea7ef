"""The residence permit card: an ID-1 card (85.6 x 54 mm, ICAO Doc 9303 Part 5, TD1) as a one-page PDF, the
holder's data in the visual zone and the three 30-character lines of the machine-readable zone in a clear band
at the bottom, at the Doc 9303 pitch of 2.54 mm a character.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .errors import PrintingError
from .fonts import MRZ_FONT, text_fonts
from .visa_sticker import BAND, CAPTION_GREY, MRZ_FONT_SIZE, MRZ_LINE_PATTERN, MRZ_PITCH, TINT, fit_text, visa_date

CARD_WIDTH, CARD_HEIGHT = 85.6 * mm, 54 * mm
MRZ_BAND_HEIGHT = 14.5 * mm


@dataclass(frozen=True)
class ResidenceCard:
    """The fields printed on the card. ``mrz_lines`` is the TD1 zone the caller generated (the documents core's
    ``generate_mrz("TD1", ...)``, document code IR)."""

    issuing_state: str
    card_number: str
    permit_type: str
    surname: str
    given_names: str
    nationality: str
    birth_date: date
    sex: str
    valid_from: date
    valid_until: date
    place_of_issue: str
    mrz_lines: tuple[str, ...]
    remarks: str = ""


def residence_card_pdf(card: ResidenceCard) -> bytes:
    """The card's front as PDF bytes. Raises ``PrintingError`` (``bad_mrz``) for a zone that is not TD1."""
    _check_mrz(card.mrz_lines)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(CARD_WIDTH, CARD_HEIGHT), invariant=True)  # same card, same bytes
    canvas.setTitle(f"Residence permit {card.card_number}")
    _paint(canvas, card)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _check_mrz(lines: tuple[str, ...]) -> None:
    if len(lines) != 3 or any(len(line) != 30 or not MRZ_LINE_PATTERN.fullmatch(line) for line in lines):
        raise PrintingError("bad_mrz", "a residence card's MRZ is three lines of 30 characters A-Z, 0-9 and <")
    if lines[0][0] not in "ACI":
        raise PrintingError("bad_mrz", "a TD1 zone's document code starts with A, C or I")


def _paint(canvas: Canvas, card: ResidenceCard) -> None:
    fonts = text_fonts()
    margin = 3 * mm
    canvas.setFillColor(TINT)
    canvas.rect(0, MRZ_BAND_HEIGHT, CARD_WIDTH, CARD_HEIGHT - MRZ_BAND_HEIGHT, stroke=0, fill=1)
    # Header band: the state and what the card is.
    band = 7 * mm
    canvas.setFillColor(BAND)
    canvas.rect(0, CARD_HEIGHT - band, CARD_WIDTH, band, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    size, lines = fit_text(card.issuing_state.upper(), fonts.bold, 7.5, CARD_WIDTH * 0.5)
    canvas.setFont(fonts.bold, size)
    canvas.drawString(margin, CARD_HEIGHT - band + 2.4 * mm, lines[0])
    size, lines = fit_text("RESIDENCE PERMIT", fonts.bold, 7.5, CARD_WIDTH * 0.42)
    canvas.setFont(fonts.bold, size)
    canvas.drawRightString(CARD_WIDTH - margin, CARD_HEIGHT - band + 2.4 * mm, lines[0])
    # The photograph's place.
    photo_w, photo_h = 20 * mm, 25 * mm
    photo_top = CARD_HEIGHT - band - 1.5 * mm
    canvas.setStrokeColor(CAPTION_GREY)
    canvas.setLineWidth(0.4)
    canvas.rect(margin, photo_top - photo_h, photo_w, photo_h, stroke=1, fill=0)
    canvas.setFillColor(CAPTION_GREY)
    canvas.setFont(fonts.regular, 4)
    canvas.drawCentredString(margin + photo_w / 2, photo_top - photo_h / 2, "PHOTOGRAPH")
    # The fields, in two columns right of the photograph.
    left = margin + photo_w + 2.5 * mm
    width = CARD_WIDTH - left - margin
    half = (width - 1.5 * mm) / 2
    rows = [
        [("SURNAME", card.surname.upper(), width)],
        [("GIVEN NAMES", card.given_names, width)],
        [("NATIONALITY", card.nationality, half), ("SEX", card.sex, half)],
        [("DATE OF BIRTH", visa_date(card.birth_date), half), ("CARD NO.", card.card_number, half)],
        [("VALID FROM", visa_date(card.valid_from), half), ("VALID UNTIL", visa_date(card.valid_until), half)],
        [("TYPE OF PERMIT", card.permit_type, width)],
    ]
    top = photo_top
    row_height = 4.9 * mm
    for row in rows:
        x = left
        for caption, value, cell_width in row:
            _field(canvas, fonts, caption, value, x, top, cell_width)
            x += cell_width + 1.5 * mm
        top -= row_height
    remark = f"{card.place_of_issue}. {card.remarks}".strip(". ") if card.remarks else card.place_of_issue
    size, lines = fit_text(remark, fonts.regular, 4.5, photo_w + 2 * mm)
    canvas.setFillColor(colors.black)
    canvas.setFont(fonts.regular, size)
    canvas.drawString(margin, photo_top - photo_h - 2.5 * mm, lines[0])
    # The machine-readable zone.
    canvas.setFillColor(colors.white)
    canvas.rect(0, 0, CARD_WIDTH, MRZ_BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    canvas.setFont(MRZ_FONT, MRZ_FONT_SIZE)
    x = (CARD_WIDTH - 30 * MRZ_PITCH) / 2
    for index, line in enumerate(card.mrz_lines):
        canvas.drawString(x, 10.2 * mm - index * 4.2 * mm, line)
    canvas.setStrokeColor(BAND)
    canvas.setLineWidth(0.5)
    canvas.roundRect(0.4 * mm, 0.4 * mm, CARD_WIDTH - 0.8 * mm, CARD_HEIGHT - 0.8 * mm, 3 * mm, stroke=1, fill=0)


def _field(canvas: Canvas, fonts: Any, caption: str, value: str, left: float, top: float, width: float) -> None:
    canvas.setFillColor(CAPTION_GREY)
    canvas.setFont(fonts.regular, 3.6)
    canvas.drawString(left, top - 1.6 * mm, caption)
    canvas.setFillColor(colors.black)
    size, lines = fit_text(value or "", fonts.bold, 6.5, width, min_size=3.5)
    canvas.setFont(fonts.bold, size)
    canvas.drawString(left, top - 4.2 * mm, lines[0])
