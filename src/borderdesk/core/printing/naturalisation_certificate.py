"""The certificate of naturalisation (Utopia Nationality Act 2020, s. 6): one A4 page, in English, naming the new
citizen, their former nationality, the day of the oath (from which they are a citizen), the ceremony's place,
the certificate's number and the application it closes. Names are printed as given (``flowables.text_flowable``:
any script, right to left where it is so written). Plain Python; the same certificate gives the same bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from .errors import PrintingError
from .flowables import text_flowable
from .fonts import text_fonts

MARGIN = 25 * mm
WIDTH = A4[0] - 2 * MARGIN


@dataclass(frozen=True)
class NaturalisationCertificate:
    number: str
    state: str  # the state's name, e.g. "Republic of Utopia"
    surname: str
    given_names: str
    birth_date: date | None
    former_nationality: str
    oath_on: date
    place: str
    application: str
    legal_basis: str


def naturalisation_certificate_pdf(certificate: NaturalisationCertificate) -> bytes:
    """Raises ``PrintingError`` ``nothing_granted`` without a number, ``font_unavailable`` without the fonts."""
    if not certificate.number.strip():
        raise PrintingError("nothing_granted", "a certificate of naturalisation has a number")
    fonts = text_fonts()
    title = ParagraphStyle("title", fontName=fonts.bold, fontSize=20, leading=25, alignment=TA_CENTER)
    state = ParagraphStyle("state", fontName=fonts.bold, fontSize=13, leading=17, alignment=TA_CENTER)
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=11, leading=15, alignment=TA_CENTER)
    name = ParagraphStyle("name", fontName=fonts.bold, fontSize=16, leading=21, alignment=TA_CENTER)
    label = ParagraphStyle(
        "label", fontName=fonts.regular, fontSize=9, leading=12, textColor=colors.HexColor("#4a4a4a")
    )
    value = ParagraphStyle("value", fontName=fonts.bold, fontSize=10.5, leading=13.5)
    full_name = f"{certificate.given_names} {certificate.surname}".strip()
    rows = [
        ("Certificate number", certificate.number),
        ("Born", certificate.birth_date.isoformat() if certificate.birth_date else "unknown"),
        ("Former nationality", certificate.former_nationality),
        ("Citizen since (oath of allegiance)", certificate.oath_on.isoformat()),
        ("Ceremony held at", certificate.place),
        ("Application", certificate.application),
        ("Legal basis", certificate.legal_basis),
    ]
    facts = Table(
        [[text_flowable(k, label), text_flowable(v, value)] for k, v in rows],
        colWidths=[60 * mm, WIDTH - 60 * mm],
    )
    facts.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#8c8c8c")),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story = [
        text_flowable(certificate.state, state),
        Spacer(0, 10 * mm),
        text_flowable("Certificate of Naturalisation", title),
        Spacer(0, 10 * mm),
        text_flowable("This is to certify that", body),
        Spacer(0, 4 * mm),
        text_flowable(full_name, name),
        Spacer(0, 4 * mm),
        text_flowable(
            f"having taken the oath of allegiance on {certificate.oath_on.isoformat()}, is a citizen of the "
            f"{certificate.state} from that day.",
            body,
        ),
        Spacer(0, 12 * mm),
        facts,
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Certificate of Naturalisation {certificate.number}",
        invariant=True,
    ).build(story)
    return buffer.getvalue()
