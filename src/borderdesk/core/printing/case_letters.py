"""The letters a case sends the applicant, as A4 PDFs in the applicant's language: the decision (approval,
refusal or inadmissibility), the request for evidence and the invitation to an interview or to give biometric data.

Each letter is made from a dataclass the caller fills (no Django here): the office's letterhead, the applicant, and
what the letter is about. The fixed texts are in ``case_letter_texts``; what the caller gives (a ground's words, a
document's title, the officer's note) is printed as given, so the caller gives the ground in the letter's language.
Every letter states its reference and its date in ISO form (YYYY-MM-DD) and is one or two pages. Arabic is written
right to left (``flowables.text_flowable``), with the tables mirrored.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from .case_letter_texts import CASE_LETTER_TEXTS, case_letter_texts
from .errors import PrintingError
from .flowables import plain, text_flowable
from .fonts import is_right_to_left, require_fonts_for, text_fonts, visual_order

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LABEL_WIDTH = 52 * mm
GREY = colors.HexColor("#4a4a4a")
RULE_GREY = colors.HexColor("#8c8c8c")
SHADE = colors.HexColor("#ececec")

OUTCOMES = ("approve", "refuse", "inadmissible")
PURPOSES = ("interview", "biometrics")
COLLECT = ("sticker", "card", "certificate")


@dataclass(frozen=True)
class Letterhead:
    """Who writes: the state, the office or consulate (its name, and its address as lines when known)."""

    issuing_state: str
    office: str
    address: str = ""


@dataclass(frozen=True)
class Addressee:
    """Whom the letter is to: their name as printed, their travel document (type, state and number)."""

    name: str
    document: str = ""


@dataclass(frozen=True)
class GroundLine:
    """A ground of refusal or inadmissibility: its words in the letter's language and its legal basis."""

    code: str
    text: str
    legal_basis: str


@dataclass(frozen=True)
class Grant:
    """What an approval granted. ``number`` empty: given when collected. ``entries`` None: multiple.
    ``collect``: ``sticker`` (a visa put in the travel document), ``card`` (a residence permit card) or
    ``certificate`` (citizenship: no number or validity, the certificate is handed over at the ceremony)."""

    number: str
    valid_from: date | None
    valid_until: date | None
    entries: int | None = None
    days: int | None = None
    collect: str = "sticker"


@dataclass(frozen=True)
class DecisionLetter:
    """The decision on an application. ``outcome``: approve (with ``grant``), refuse or inadmissible (with
    ``grounds``). ``approved_by``: the senior officer who approved it where four eyes applied."""

    reference: str
    issued_on: date
    letterhead: Letterhead
    applicant: Addressee
    application: str  # the kind of application, as its title
    lodged_on: date
    outcome: str
    officer: str
    approved_by: str = ""
    grant: Grant | None = None
    grounds: Sequence[GroundLine] = ()
    appeal_address: str = ""


@dataclass(frozen=True)
class EvidenceRequestLetter:
    """Evidence asked of the applicant: the documents' titles (English: the kinds have no other), the due date,
    the officer's note, and the ground the application may be refused on when nothing arrives."""

    reference: str
    issued_on: date
    letterhead: Letterhead
    applicant: Addressee
    application: str
    requested_on: date
    due_on: date
    documents: Sequence[str]
    officer: str
    if_not_provided: GroundLine
    message: str = ""


@dataclass(frozen=True)
class InvitationLetter:
    """An appointment: ``starts_at`` (aware) is printed in ``time_zone``, the office's. ``purpose``: interview or
    biometrics. ``interpreter_language``: an ISO 639-1 code, empty when none is booked."""

    reference: str
    issued_on: date
    letterhead: Letterhead
    applicant: Addressee
    application: str
    purpose: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    place: str
    officer: str
    interpreter_language: str = ""


# --- Public entry points -----------------------------------------------------------------------------------------


def decision_letter_pdf(letter: DecisionLetter, language: str) -> bytes:
    """Raises ``PrintingError``: ``unknown_language``, ``font_unavailable``, ``unknown_outcome``,
    ``no_ground_ticked`` (a refusal without grounds), ``nothing_granted`` (an approval without a grant)."""
    if letter.outcome not in OUTCOMES:
        raise PrintingError("unknown_outcome", f"a decision is one of {', '.join(OUTCOMES)}, not {letter.outcome!r}")
    if letter.outcome != "approve" and not letter.grounds:
        raise PrintingError("no_ground_ticked", "a refusal or inadmissibility must state its grounds")
    if letter.outcome == "approve" and letter.grant is None:
        raise PrintingError("nothing_granted", "an approval letter says what was granted")
    if letter.grant is not None and letter.grant.collect not in COLLECT:
        raise PrintingError("nothing_granted", f"a grant is collected as one of {', '.join(COLLECT)}")
    builder = _Letter(letter.reference, letter.issued_on, letter.letterhead, letter.applicant, language)
    return builder.build(_decision_story(builder, letter), title=builder.texts["decision_heading"])


def evidence_request_pdf(letter: EvidenceRequestLetter, language: str) -> bytes:
    """Raises ``PrintingError``: ``unknown_language``, ``font_unavailable``, ``nothing_requested``."""
    if not letter.documents and not letter.message.strip():
        raise PrintingError("nothing_requested", "an evidence request names the documents asked or says what")
    builder = _Letter(letter.reference, letter.issued_on, letter.letterhead, letter.applicant, language)
    return builder.build(_evidence_story(builder, letter), title=builder.texts["evidence_heading"])


def invitation_pdf(letter: InvitationLetter, language: str) -> bytes:
    """Raises ``PrintingError``: ``unknown_language``, ``font_unavailable``, ``unknown_appointment_purpose``,
    ``unknown_time_zone``."""
    if letter.purpose not in PURPOSES:
        raise PrintingError("unknown_appointment_purpose", f"an appointment is for one of {', '.join(PURPOSES)}")
    try:
        zone = ZoneInfo(letter.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise PrintingError("unknown_time_zone", f"{letter.time_zone!r} is not an IANA time zone") from None
    builder = _Letter(letter.reference, letter.issued_on, letter.letterhead, letter.applicant, language)
    heading = builder.texts[f"{letter.purpose}_heading"]
    return builder.build(_invitation_story(builder, letter, zone), title=heading)


# --- The letters' content ------------------------------------------------------------------------------------------


def _decision_story(b: _Letter, letter: DecisionLetter) -> list[Flowable]:
    t = b.texts
    fill = {"reference": b.ltr(letter.reference), "lodged_on": b.ltr(letter.lodged_on.isoformat())}
    story = b.opening(t["decision_heading"], letter.application, letter.lodged_on)
    if letter.outcome == "approve" and letter.grant is not None and letter.grant.collect == "certificate":
        office = b.ltr(letter.letterhead.office)
        story += [
            b.para(t["approved"].format(**fill)),
            Spacer(0, 3 * mm),
            KeepTogether([b.section(t["next_heading"]), b.para(t["collect_certificate"].format(office=office))]),
        ]
    elif letter.outcome == "approve":
        grant = letter.grant
        assert grant is not None
        entries = t["entries_multiple"] if grant.entries is None else str(grant.entries)
        rows = [
            (t["number"], grant.number or t["not_yet"]),
            (t["valid_from"], grant.valid_from.isoformat() if grant.valid_from else ""),
            (t["valid_until"], grant.valid_until.isoformat() if grant.valid_until else ""),
            (t["entries"], entries),
        ]
        if grant.days is not None:
            rows.append((t["days"], str(grant.days)))
        office = b.ltr(letter.letterhead.office)
        story += [
            b.para(t["approved"].format(**fill)),
            Spacer(0, 3 * mm),
            KeepTogether([b.section(t["granted"]), b.facts(rows)]),
            Spacer(0, 3 * mm),
            KeepTogether([b.section(t["next_heading"]), b.para(t[f"collect_{grant.collect}"].format(office=office))]),
        ]
    else:
        story += [
            b.para(t["refused" if letter.outcome == "refuse" else "inadmissible"].format(**fill)),
            Spacer(0, 2 * mm),
            b.grounds(letter.grounds),
            Spacer(0, 4 * mm),
            KeepTogether(b.appeal(letter)),
        ]
    return [*story, Spacer(0, 5 * mm), KeepTogether(b.signature(letter.officer, letter.approved_by))]


def _evidence_story(b: _Letter, letter: EvidenceRequestLetter) -> list[Flowable]:
    t = b.texts
    fill = {
        "reference": b.ltr(letter.reference),
        "due_on": b.ltr(letter.due_on.isoformat()),
        "requested_on": b.ltr(letter.requested_on.isoformat()),
        "office": b.ltr(letter.letterhead.office),
    }
    story = b.opening(t["evidence_heading"], letter.application, None)
    story.append(b.para(t["evidence_intro"].format(**fill)))
    if letter.documents:
        story += [Spacer(0, 1.5 * mm), b.bullets(letter.documents, language="en")]
        story.append(b.para(t["titles_in_english"], style=b.styles.note))
    if letter.message.strip():
        story += [Spacer(0, 2 * mm), b.section(t["officer_message"]), b.para(letter.message.strip(), language=None)]
    ground = letter.if_not_provided
    story += [
        Spacer(0, 3 * mm),
        b.para(t["due"].format(**fill), style=b.styles.strong),
        Spacer(0, 1.5 * mm),
        b.para(t["clock"].format(**fill)),
        Spacer(0, 1.5 * mm),
        KeepTogether([b.para(t["consequence"].format(**fill)), Spacer(0, 1 * mm), b.grounds([ground])]),
        Spacer(0, 3 * mm),
        b.para(t["how_to_send"].format(**fill)),
        Spacer(0, 5 * mm),
        KeepTogether(b.signature(letter.officer, "")),
    ]
    return story


def _invitation_story(b: _Letter, letter: InvitationLetter, zone: ZoneInfo) -> list[Flowable]:
    t = b.texts
    starts, ends = letter.starts_at.astimezone(zone), letter.ends_at.astimezone(zone)
    fill = {"reference": b.ltr(letter.reference), "office": b.ltr(letter.letterhead.office)}
    rows = [
        (t["date"], starts.date().isoformat()),
        (t["time"], f"{b.ltr(f'{starts:%H:%M}–{ends:%H:%M}')} ({t['time_zone'].format(zone=b.ltr(letter.time_zone))})"),
        (t["place"], letter.place),
        (t["purpose"], t[f"purpose_{letter.purpose}"]),
    ]
    if letter.interpreter_language:
        rows.append((t["interpreter"], _language_name(letter.interpreter_language)))
    story = b.opening(t[f"{letter.purpose}_heading"], letter.application, None)
    story += [b.para(t[f"invite_{letter.purpose}"].format(**fill)), Spacer(0, 2 * mm), b.facts(rows)]
    if letter.interpreter_language:
        language = _language_name(letter.interpreter_language)
        story += [Spacer(0, 1.5 * mm), b.para(t["interpreter_booked"].format(language=language))]
    story += [
        Spacer(0, 1.5 * mm),
        b.para(t["arrive"]),
        Spacer(0, 3 * mm),
        KeepTogether([b.section(t["bring_heading"]), b.bullets(t[f"bring_{letter.purpose}"].splitlines())]),
        Spacer(0, 3 * mm),
        KeepTogether([b.section(t["reschedule_heading"]), b.para(t["reschedule"].format(**fill))]),
        Spacer(0, 5 * mm),
        KeepTogether(b.signature(letter.officer, "")),
    ]
    return story


def _language_name(code: str) -> str:
    """A language in its own words where the letters know it (Deutsch, العربية), else its code."""
    texts = CASE_LETTER_TEXTS.get(code)
    return f"{texts['language_name']} ({code})" if texts else code


# --- Layout ----------------------------------------------------------------------------------------------------


class _Styles:
    def __init__(self):
        fonts = text_fonts()
        regular, bold = fonts.regular, fonts.bold
        self.state = ParagraphStyle("state", fontName=bold, fontSize=13, leading=16)
        self.office = ParagraphStyle("office", fontName=regular, fontSize=9.5, leading=12)
        self.heading = ParagraphStyle("heading", fontName=bold, fontSize=15, leading=19)
        self.section = ParagraphStyle("section", fontName=bold, fontSize=10.5, leading=13, spaceAfter=1.5 * mm)
        self.label = ParagraphStyle("label", fontName=regular, fontSize=8, leading=10, textColor=GREY)
        self.value = ParagraphStyle("value", fontName=bold, fontSize=10, leading=12.5)
        self.body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5)
        self.strong = ParagraphStyle("strong", parent=self.body, fontName=bold)
        self.note = ParagraphStyle("note", fontName=regular, fontSize=8.5, leading=11, textColor=GREY)
        self.ground = ParagraphStyle("ground", fontName=bold, fontSize=9.5, leading=12.5)
        self.basis = ParagraphStyle("basis", fontName=regular, fontSize=8.5, leading=11, textColor=GREY)


class _Letter:
    """One letter being laid out in one language: the blocks every letter shares."""

    def __init__(self, reference: str, issued_on: date, letterhead: Letterhead, applicant: Addressee, language: str):
        self.texts = case_letter_texts(language)
        require_fonts_for(language)
        self.language, self.rtl = language, is_right_to_left(language)
        self.reference, self.issued_on = reference, issued_on
        self.letterhead, self.applicant = letterhead, applicant
        self.styles = _Styles()

    def build(self, story: list[Flowable], *, title: str) -> bytes:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 6 * mm,
            title=f"{title} {self.reference}",
            author=self.letterhead.office,
            invariant=True,  # the same letter gives the same bytes, so its hash identifies it
        )
        footer = self.footer()
        document.build(story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()

    # Text in the letter's language; ``language=None`` for what the caller wrote (its own script decides).
    def para(self, text: str, *, style: ParagraphStyle | None = None, language: str | None = "") -> Flowable:
        return text_flowable(text, style or self.styles.body, self.language if language == "" else language)

    def ltr(self, value: str) -> str:
        """A left-to-right value (a reference, a date, a legal citation) in right-to-left text: kept whole on its
        line (no-break spaces) and marked left to right at both ends (U+200E), so that its digits keep their order
        (digits after Arabic letters are otherwise Arabic numbers, and 2026-03-02 reads 02-03-2026) and a closing
        bracket stays where it is."""
        return f"\u200e{value.replace(' ', chr(0xA0))}\u200e" if self.rtl else value

    def row(self, cells: list) -> list:
        return list(reversed(cells)) if self.rtl else cells

    def widths(self, widths: list[float]) -> list[float]:
        return list(reversed(widths)) if self.rtl else widths

    def section(self, text: str) -> Flowable:
        return self.para(text, style=self.styles.section)

    def opening(self, heading: str, application: str, lodged_on: date | None) -> list[Flowable]:
        """Letterhead, reference and date, the addressee, the heading and the greeting."""
        t, s = self.texts, self.styles
        head = self.letterhead
        left = [text_flowable(head.issuing_state, s.state), text_flowable(head.office, s.office)]
        left += [text_flowable(line, s.office) for line in head.address.splitlines() if line.strip()]
        right = [
            self.para(t["reference"], style=s.label),
            text_flowable(self.reference, s.value),
            self.para(t["date"], style=s.label),
            text_flowable(self.issued_on.isoformat(), s.value),
        ]
        letterhead = Table([self.row([left, right])], colWidths=self.widths([CONTENT_WIDTH - 58 * mm, 58 * mm]))
        box = 0 if self.rtl else 1
        letterhead.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (box, 0), (box, 0), 0.8, colors.black),
                    ("LINEBELOW", (1 - box, 0), (1 - box, 0), 1.6, colors.black),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        rows = [(t["applicant"], self.applicant.name)]
        if self.applicant.document:
            rows.append((t["document"], self.applicant.document))
        rows.append((t["application"], application))
        if lodged_on is not None:
            rows.append((t["lodged_on"], lodged_on.isoformat()))
        return [
            letterhead,
            Spacer(0, 6 * mm),
            self.facts(rows, shaded=False),
            Spacer(0, 6 * mm),
            self.para(heading, style=s.heading),
            Spacer(0, 4 * mm),
            self.para(t["greeting"].format(name=self.ltr(self.applicant.name))),
            Spacer(0, 2 * mm),
        ]

    def facts(self, rows: Sequence[tuple[str, str]], *, shaded: bool = True) -> Table:
        """Label and value, one a row (values as given: names, numbers, dates)."""
        s = self.styles
        data = [self.row([self.para(label, style=s.label), text_flowable(value, s.value)]) for label, value in rows]
        table = Table(data, colWidths=self.widths([LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH]))
        label_column = 1 if self.rtl else 0
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if shaded:
            commands += [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE_GREY),
                ("BACKGROUND", (label_column, 0), (label_column, -1), SHADE),
            ]
        table.setStyle(TableStyle(commands))
        return table

    def grounds(self, grounds: Sequence[GroundLine]) -> Table:
        """Each ground numbered, in the letter's language, with its legal basis beneath."""
        s, t = self.styles, self.texts
        data = [
            self.row(
                [
                    text_flowable(f"{number}.", s.ground),
                    [
                        self.para(ground.text, style=s.ground),
                        self.para(f"{t['legal_basis']}: {self.ltr(ground.legal_basis)}", style=s.basis),
                    ],
                ]
            )
            for number, ground in enumerate(grounds, start=1)
        ]
        table = Table(data, colWidths=self.widths([9 * mm, CONTENT_WIDTH - 9 * mm]))
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE_GREY),
                    ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return table

    def bullets(self, items: Sequence[str], *, language: str | None = "") -> Table:
        data = [self.row([text_flowable("•", self.styles.body), self.para(item, language=language)]) for item in items]
        table = Table(data, colWidths=self.widths([6 * mm, CONTENT_WIDTH - 6 * mm]))
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table

    def appeal(self, letter: DecisionLetter) -> list[Flowable]:
        t = self.texts
        office, reference = self.ltr(letter.letterhead.office), self.ltr(letter.reference)
        text = t["appeal"].format(appeal_body=t["appeal_body"], reference=reference, office=office)
        flowables = [self.section(t["appeal_heading"]), self.para(text)]
        if letter.appeal_address.strip():
            flowables += [Spacer(0, 2 * mm), self.facts([(t["appeal_address"], letter.appeal_address.strip())])]
        return flowables

    def signature(self, officer: str, approved_by: str) -> list[Flowable]:
        t = self.texts
        rows = [(t["officer"], officer)]
        if approved_by:
            rows.append((t["approved_by"], approved_by))
        flowables = [self.para(t["closing"]), Spacer(0, 3 * mm), self.facts(rows, shaded=False)]
        if approved_by:
            flowables += [Spacer(0, 2 * mm), self.para(t["four_eyes"], style=self.styles.note)]
        return flowables

    def footer(self) -> Callable[[Canvas, SimpleDocTemplate], None]:
        fonts = text_fonts()
        t = self.texts

        def label(key: str) -> str:
            return visual_order(t[key]) if self.rtl else t[key]

        def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
            right = PAGE_WIDTH - MARGIN
            canvas.saveState()
            canvas.setFont(fonts.regular, 7.5)
            canvas.setStrokeColor(RULE_GREY)
            canvas.line(MARGIN, MARGIN + 2 * mm, right, MARGIN + 2 * mm)
            # Values are joined to the reordered labels, never reordered with them into a right-to-left run.
            canvas.drawString(
                MARGIN,
                MARGIN - 1.5 * mm,
                f"{label('reference')}: {plain(self.reference)} · {label('date')}: {self.issued_on.isoformat()}",
            )
            canvas.drawRightString(right, MARGIN - 1.5 * mm, f"{label('page')} {document.page}")
            canvas.restoreState()

        return draw
