"""The refusal-of-entry form (Regulation (EU) 2016/399 Annex V Part B) as a bilingual A4 PDF.

Every fixed text is printed in the officer's language and, beneath it in grey, in the traveller's language;
the values the officer entered appear once. The grounds of the pack's catalogue are all listed, the ones that
apply ticked, so the traveller sees what was and was not held against them, as on the official form.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from .errors import PrintingError
from .flowables import CheckBox, text_flowable
from .fonts import RIGHT_TO_LEFT_LANGUAGES, is_right_to_left, require_fonts_for, text_fonts, visual_order
from .refusal_texts import refusal_form_texts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LABEL_WIDTH = 58 * mm
SECONDARY_GREY = colors.HexColor("#4a4a4a")
RULE_GREY = colors.HexColor("#8c8c8c")
SHADE = colors.HexColor("#ececec")


@dataclass(frozen=True)
class RefusalForm:
    """What the officer entered. ``grounds`` is the pack's catalogue as (code, text) pairs, in the order
    printed; ``ticked_grounds`` the codes that apply. ``ground_translations`` maps a language to code -> text
    (``SCHENGEN_GROUND_TEXTS`` for the Schengen pack). ``legal_basis`` names the provision refusing entry
    (e.g. "Article 14 of Regulation (EU) 2016/399"). ``appeal_text`` replaces the standard appeal sentence in
    the officer's language (national procedure, time limit, court); the traveller's language keeps the
    standard sentence, so the right of appeal is always stated in a language the traveller reads."""

    reference: str
    issuing_state: str
    authority: str
    border_crossing_point: str
    refused_at: datetime
    surname: str
    given_names: str
    birth_date: date | None
    sex: str
    nationality: str
    document_type: str
    document_number: str
    grounds: Sequence[tuple[str, str]]
    ticked_grounds: Collection[str]
    officer_name: str
    officer_id: str
    remarks: str = ""
    legal_basis: str = ""
    appeal_text: str | None = None
    ground_translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def refusal_form_pdf(form: RefusalForm, officer_language: str, traveller_language: str) -> bytes:
    """The form as PDF bytes. Raises ``PrintingError`` (``unknown_language``, ``font_unavailable``,
    ``no_ground_ticked``, ``unknown_ground``)."""
    _check_grounds(form)
    languages = _Languages(officer_language, traveller_language)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=f"{languages.officer['heading']} {form.reference}",
        author=form.authority,
        invariant=True,  # no timestamps or random ids: the same form gives the same bytes, which can be hashed
    )
    footer = _footer(form, languages)
    document.build(_FormBuilder(form, languages).story(), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _check_grounds(form: RefusalForm) -> None:
    if not form.ticked_grounds:
        raise PrintingError("no_ground_ticked", "tick at least one ground: a refusal must state its reasons")
    catalogue = {code for code, _ in form.grounds}
    unknown = sorted(set(form.ticked_grounds) - catalogue)
    if unknown:
        raise PrintingError("unknown_ground", f"ticked grounds {unknown} are not in the catalogue")


class _Languages:
    def __init__(self, officer_language: str, traveller_language: str):
        self.officer = refusal_form_texts(officer_language)
        self.traveller = refusal_form_texts(traveller_language)
        require_fonts_for(officer_language)
        require_fonts_for(traveller_language)
        self.officer_code, self.traveller_code = officer_language, traveller_language
        self.bilingual = officer_language != traveller_language

    def pairs(self, key: str) -> list[tuple[str, str]]:
        """(text, language) of ``key`` in each printed language, the officer's first."""
        pairs = [(self.officer[key], self.officer_code)]
        if self.bilingual:
            pairs.append((self.traveller[key], self.traveller_code))
        return pairs

    def joined(self, key: str) -> str:
        return " / ".join(text for text, _ in self.pairs(key))


class _Styles:
    def __init__(self):
        fonts = text_fonts()
        regular, bold = fonts.regular, fonts.bold
        self.state = ParagraphStyle("state", fontName=bold, fontSize=13, leading=16)
        self.authority = ParagraphStyle("authority", fontName=regular, fontSize=9.5, leading=12)
        self.heading = ParagraphStyle("heading", fontName=bold, fontSize=17, leading=21, alignment=TA_CENTER)
        self.heading_2 = ParagraphStyle(
            "heading-2", parent=self.heading, fontSize=12.5, leading=16, textColor=SECONDARY_GREY
        )
        self.form_title = ParagraphStyle(
            "form-title", fontName=regular, fontSize=8, leading=10, alignment=TA_CENTER, textColor=SECONDARY_GREY
        )
        self.section = ParagraphStyle("section", fontName=bold, fontSize=10, leading=12.5)
        self.section_2 = ParagraphStyle(
            "section-2", fontName=regular, fontSize=8.5, leading=10.5, textColor=SECONDARY_GREY
        )
        self.label = ParagraphStyle("label", fontName=bold, fontSize=8, leading=9.8)
        self.label_2 = ParagraphStyle("label-2", fontName=regular, fontSize=7.3, leading=9, textColor=SECONDARY_GREY)
        self.value = ParagraphStyle("value", fontName=bold, fontSize=10.5, leading=13)
        self.body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11.5)
        self.body_2 = ParagraphStyle("body-2", fontName=regular, fontSize=8.5, leading=10.8, textColor=SECONDARY_GREY)
        self.ground = ParagraphStyle("ground", fontName=regular, fontSize=8.8, leading=11)
        self.ground_ticked = ParagraphStyle("ground-ticked", parent=self.ground, fontName=bold)
        self.code = ParagraphStyle("code", fontName=bold, fontSize=9, leading=11)


class _FormBuilder:
    def __init__(self, form: RefusalForm, languages: _Languages):
        self.form, self.languages, self.styles = form, languages, _Styles()

    def story(self) -> list[Flowable]:
        # Each heading travels with what it introduces, so none is left alone at the foot of a page, and the
        # signatures stay on the page of the appeal and copy statements they sign for.
        return [
            self.letterhead(),
            Spacer(0, 5 * mm),
            *self.title(),
            Spacer(0, 5 * mm),
            self.place_and_time(),
            Spacer(0, 3.5 * mm),
            KeepTogether(
                [*self.bilingual("intro", self.styles.body, self.styles.body_2), Spacer(0, 2 * mm), self.person()]
            ),
            Spacer(0, 3.5 * mm),
            KeepTogether([*self.statement(), Spacer(0, 2 * mm), self.grounds()]),
            Spacer(0, 4 * mm),
            KeepTogether(self.remarks()),
            Spacer(0, 4 * mm),
            KeepTogether([*self.appeal(), Spacer(0, 7 * mm), self.signatures()]),
        ]

    def bilingual(self, key: str, style: ParagraphStyle, secondary: ParagraphStyle) -> list[Flowable]:
        return self.composed(lambda texts: texts[key], style, secondary)

    def composed(
        self, compose: Callable[[Mapping[str, str]], str], style: ParagraphStyle, secondary: ParagraphStyle
    ) -> list[Flowable]:
        """``compose(fixed_texts)`` in the officer's language, then in grey in the traveller's."""
        languages = self.languages
        printed = [(languages.officer, languages.officer_code, style)]
        if languages.bilingual:
            printed.append((languages.traveller, languages.traveller_code, secondary))
        return [text_flowable(compose(texts), text_style, code) for texts, code, text_style in printed]

    def letterhead(self) -> Table:
        styles = self.styles
        left = [
            text_flowable(self.form.issuing_state, styles.state),
            text_flowable(self.form.authority, styles.authority),
        ]
        right = [
            *self.bilingual("reference", styles.label, styles.label_2),
            text_flowable(self.form.reference, styles.value),
        ]
        table = Table([[left, right]], colWidths=[CONTENT_WIDTH - 62 * mm, 62 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (1, 0), (1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 0), (0, 0), 1.6, colors.black),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("TOPPADDING", (1, 0), (1, 0), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return table

    def title(self) -> list[Flowable]:
        styles = self.styles
        return [
            *self.bilingual("heading", styles.heading, styles.heading_2),
            Spacer(0, 1.5 * mm),
            text_flowable(self.languages.joined("form_title"), styles.form_title),
        ]

    def labelled(self, key: str, value: str) -> list[Flowable]:
        return [*self.bilingual(key, self.styles.label, self.styles.label_2), text_flowable(value, self.styles.value)]

    def place_and_time(self) -> Table:
        refused_at = self.form.refused_at
        cells = [
            self.labelled("crossing_point", self.form.border_crossing_point),
            self.labelled("date", refused_at.date().isoformat()),
            self.labelled("time", refused_at.strftime("%H:%M")),
        ]
        table = Table([cells], colWidths=[CONTENT_WIDTH - 70 * mm, 40 * mm, 30 * mm])
        table.setStyle(_grid_style())
        return table

    def person(self) -> Table:
        form = self.form
        rows = [
            ("surname", form.surname),
            ("given_names", form.given_names),
            ("birth_date", form.birth_date.isoformat() if form.birth_date else ""),
            ("sex", form.sex),
            ("nationality", form.nationality),
            ("document_type", form.document_type),
            ("document_number", form.document_number),
        ]
        styles = self.styles
        data = [
            [self.bilingual(key, styles.label, styles.label_2), text_flowable(value, styles.value)]
            for key, value in rows
        ]
        table = Table(data, colWidths=[LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH])
        table.setStyle(
            TableStyle(
                [
                    *_grid_style().getCommands(),
                    ("BACKGROUND", (0, 0), (0, -1), SHADE),
                    ("VALIGN", (1, 0), (1, -1), "MIDDLE"),
                ]
            )
        )
        return table

    def statement(self) -> list[Flowable]:
        key = "refused_with_basis" if self.form.legal_basis else "refused"
        styles = [self.styles.section, self.styles.section_2]
        return [
            text_flowable(text.format(legal_basis=self.legal_basis_in(language)), styles[index], language)
            for index, (text, language) in enumerate(self.languages.pairs(key))
        ]

    def legal_basis_in(self, language: str) -> str:
        # Kept on one line in right-to-left text: a left-to-right citation broken across lines is reordered
        # into nonsense, its brackets split between the lines.
        basis = self.form.legal_basis
        return basis.replace(" ", "\u00a0") if is_right_to_left(language) else basis

    def grounds(self) -> Table:
        ticked = set(self.form.ticked_grounds)
        data = [
            [
                CheckBox(code in ticked, 4 * mm),
                text_flowable(f"({code})", self.styles.code),
                self.ground_texts(code, text, code in ticked),
            ]
            for code, text in self.form.grounds
        ]
        code_width = max(12 * mm, max(len(code) for code, _ in self.form.grounds) * 2.2 * mm + 6 * mm)
        table = Table(data, colWidths=[9 * mm, code_width, CONTENT_WIDTH - 9 * mm - code_width])
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE_GREY),
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ]
        commands += [
            ("BACKGROUND", (0, row), (-1, row), SHADE)
            for row, (code, _) in enumerate(self.form.grounds)
            if code in ticked
        ]
        table.setStyle(TableStyle(commands))
        return table

    def ground_texts(self, code: str, text: str, ticked: bool) -> list[Flowable]:
        translations = self.form.ground_translations
        officer_code, traveller_code = self.languages.officer_code, self.languages.traveller_code
        officer_text = translations.get(officer_code, {}).get(code, text)
        flowables = [
            text_flowable(officer_text, self.styles.ground_ticked if ticked else self.styles.ground, officer_code)
        ]
        traveller_text = translations.get(traveller_code, {}).get(code)
        if self.languages.bilingual and traveller_text and traveller_text != officer_text:
            flowables.append(text_flowable(traveller_text, self.styles.body_2, traveller_code))
        return flowables

    def remarks(self) -> list[Flowable]:
        box = Table(
            [[text_flowable(self.form.remarks, self.styles.body)]],
            colWidths=[CONTENT_WIDTH],
            rowHeights=[None if self.form.remarks else 16 * mm],
            splitInRow=1,  # remarks longer than a page go on over the next
        )
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return [*self.bilingual("remarks", self.styles.section, self.styles.section_2), Spacer(0, 1 * mm), box]

    def appeal(self) -> list[Flowable]:
        styles = self.styles
        officer_appeal = self.form.appeal_text or self.languages.officer["appeal"]
        flowables = [
            *self.bilingual("appeal_heading", styles.section, styles.section_2),
            Spacer(0, 1 * mm),
            text_flowable(officer_appeal, styles.body, self.languages.officer_code),
        ]
        if self.languages.bilingual:
            flowables.append(
                text_flowable(self.languages.traveller["appeal"], styles.body_2, self.languages.traveller_code)
            )
        return [*flowables, Spacer(0, 1.5 * mm), *self.bilingual("copy", styles.body, styles.body_2)]

    def signatures(self) -> Table:
        styles = self.styles
        headings = [
            self.bilingual("person_concerned", styles.section, styles.section_2),
            "",
            self.bilingual("officer", styles.section, styles.section_2),
        ]
        person = [Spacer(0, 19 * mm), _signature_line(), *self.bilingual("signature", styles.label, styles.label_2)]
        officer = [
            self.officer_identity(),
            Spacer(0, 9 * mm),
            _signature_line(),
            *self.composed(lambda texts: f"{texts['signature']} · {texts['stamp']}", styles.label, styles.label_2),
        ]
        gap = 10 * mm
        half = (CONTENT_WIDTH - gap) / 2
        table = Table([headings, [person, "", officer]], colWidths=[half, gap, half])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, 0), "TOP"),
                    ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
                    ("BOX", (0, 0), (0, 1), 0.6, RULE_GREY),
                    ("BOX", (2, 0), (2, 1), 0.6, RULE_GREY),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                    ("TOPPADDING", (0, 0), (-1, 0), 4),
                    ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
                ]
            )
        )
        return table

    def officer_identity(self) -> Table:
        styles = self.styles
        rows = [
            [self.bilingual(key, styles.label, styles.label_2), text_flowable(value, styles.value)]
            for key, value in (("officer_name", self.form.officer_name), ("officer_id", self.form.officer_id))
        ]
        table = Table(rows, colWidths=[34 * mm, None])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table


def _signature_line() -> HRFlowable:
    return HRFlowable(width="92%", thickness=0.6, color=colors.black, hAlign="LEFT", spaceAfter=1.5 * mm)


def _grid_style() -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )


def _footer(form: RefusalForm, languages: _Languages) -> Callable[[Canvas, SimpleDocTemplate], None]:
    fonts = text_fonts()
    right_to_left = bool({languages.officer_code, languages.traveller_code} & RIGHT_TO_LEFT_LANGUAGES)

    def label(key: str) -> str:
        text = languages.joined(key)
        return visual_order(text) if right_to_left else text

    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        right = PAGE_WIDTH - MARGIN
        canvas.saveState()
        canvas.setFont(fonts.regular, 7.5)
        canvas.setStrokeColor(RULE_GREY)
        canvas.line(MARGIN, MARGIN + 2 * mm, right, MARGIN + 2 * mm)
        # Values are joined to the reordered labels, never reordered with them into a right-to-left run.
        canvas.drawString(MARGIN, MARGIN - 1.5 * mm, f"{label('reference')}: {form.reference}")
        canvas.drawRightString(right, MARGIN - 1.5 * mm, f"{label('page')} {document.page}")
        canvas.restoreState()

    return draw
