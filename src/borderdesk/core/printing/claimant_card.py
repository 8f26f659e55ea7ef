"""The asylum claimant's card: an ID-1 card (85.6 x 54 mm) saying who the claimant is, which unit works the claim
and until when the card is valid (the claim's decision deadline). It proves the claim, not identity for travel:
it has no machine-readable zone and says "This card is not a travel document".
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import text_fonts
from .residence_card import CARD_HEIGHT, CARD_WIDTH, _field
from .visa_sticker import BAND, CAPTION_GREY, TINT, fit_text, visa_date

NOT_A_TRAVEL_DOCUMENT = "This card is not a travel document"


@dataclass(frozen=True)
class ClaimantCard:
    issuing_state: str
    card_number: str
    surname: str
    given_names: str
    nationality: str
    birth_date: date | None
    issued_on: date
    valid_until: date
    unit: str


def claimant_card_pdf(card: ClaimantCard) -> bytes:
    """The card's front as PDF bytes (the same card, the same bytes)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(CARD_WIDTH, CARD_HEIGHT), invariant=True)
    canvas.setTitle(f"Asylum claimant card {card.card_number}")
    _paint(canvas, card)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _paint(canvas: Canvas, card: ClaimantCard) -> None:
    fonts = text_fonts()
    margin, band = 3 * mm, 7 * mm
    canvas.setFillColor(TINT)
    canvas.rect(0, 0, CARD_WIDTH, CARD_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(BAND)
    canvas.rect(0, CARD_HEIGHT - band, CARD_WIDTH, band, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    for text, right in ((card.issuing_state.upper(), False), ("ASYLUM CLAIMANT", True)):
        size, lines = fit_text(text, fonts.bold, 7.5, CARD_WIDTH * 0.45)
        canvas.setFont(fonts.bold, size)
        draw = canvas.drawRightString if right else canvas.drawString
        draw(CARD_WIDTH - margin if right else margin, CARD_HEIGHT - band + 2.4 * mm, lines[0])
    photo_w, photo_h = 20 * mm, 25 * mm
    photo_top = CARD_HEIGHT - band - 1.5 * mm
    canvas.setStrokeColor(CAPTION_GREY)
    canvas.setLineWidth(0.4)
    canvas.rect(margin, photo_top - photo_h, photo_w, photo_h, stroke=1, fill=0)
    canvas.setFillColor(CAPTION_GREY)
    canvas.setFont(fonts.regular, 4)
    canvas.drawCentredString(margin + photo_w / 2, photo_top - photo_h / 2, "PHOTOGRAPH")
    left = margin + photo_w + 2.5 * mm
    width = CARD_WIDTH - left - margin
    half = (width - 1.5 * mm) / 2
    born = visa_date(card.birth_date) if card.birth_date else "UNKNOWN"
    rows = [
        [("SURNAME", card.surname.upper(), width)],
        [("GIVEN NAMES", card.given_names, width)],
        [("NATIONALITY", card.nationality, half), ("DATE OF BIRTH", born, half)],
        [("CARD NO.", card.card_number, width)],
        [("ISSUED", visa_date(card.issued_on), half), ("VALID UNTIL", visa_date(card.valid_until), half)],
        [("ASYLUM UNIT", card.unit, width)],
    ]
    top = photo_top
    for row in rows:
        x = left
        for caption, value, cell_width in row:
            _field(canvas, fonts, caption, value, x, top, cell_width)
            x += cell_width + 1.5 * mm
        top -= 4.9 * mm
    canvas.setFillColor(BAND)
    canvas.rect(0, 0, CARD_WIDTH, 6 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    size, lines = fit_text(NOT_A_TRAVEL_DOCUMENT.upper(), fonts.bold, 7, CARD_WIDTH - 2 * margin)
    canvas.setFont(fonts.bold, size)
    canvas.drawCentredString(CARD_WIDTH / 2, 2.2 * mm, lines[0])
    canvas.setStrokeColor(BAND)
    canvas.setLineWidth(0.5)
    canvas.roundRect(0.4 * mm, 0.4 * mm, CARD_WIDTH - 0.8 * mm, CARD_HEIGHT - 0.8 * mm, 3 * mm, stroke=1, fill=0)
