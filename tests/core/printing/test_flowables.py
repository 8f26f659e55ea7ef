"""Text as people type it (a name with direction marks, tabs, unassigned code points) prints in any language:
the bidirectional algorithm used for Arabic takes neither isolates nor unassigned code points."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from borderdesk.core.printing.flowables import plain, text_flowable
from borderdesk.core.printing.fonts import text_fonts


def _render(text: str, language: str) -> bytes:
    style = ParagraphStyle("body", fontName=text_fonts().regular, fontSize=10)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([text_flowable(text, style, language)])
    return buffer.getvalue()


def test_direction_marks_tabs_and_unassigned_code_points_print():
    typed = "\u062d\u0633\u0646\u2067 AL\tHASSAN\u2069\u2029\U000e0fff"
    assert plain(typed) == "\u062d\u0633\u0646 AL HASSAN \ufffd"
    assert _render(typed, "ar").startswith(b"%PDF") and _render(typed, "en").startswith(b"%PDF")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40))
def test_any_typed_text_prints_right_to_left(text):
    assert _render(text, "ar").startswith(b"%PDF")
