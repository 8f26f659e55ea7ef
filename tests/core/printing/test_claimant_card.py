"""The asylum claimant card: one ID-1 page with the claimant's data, the card number, the unit, valid until the
decision deadline, a photograph's place, and the words that it is not a travel document."""

import io
from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm

from borderdesk.core.printing import NOT_A_TRAVEL_DOCUMENT, ClaimantCard, claimant_card_pdf

from .pdf_text import pdf_text

CARD = ClaimantCard(
    issuing_state="Utopia",
    card_number="UTOAS00000427",
    surname="HADDAD",
    given_names="KARIM",
    nationality="SYR",
    birth_date=date(1986, 2, 9),
    issued_on=date(2026, 3, 4),
    valid_until=date(2026, 9, 4),
    unit="Asylum unit Amaurot",
)


def test_the_card_is_one_id1_page_with_the_claimants_data():
    pdf = claimant_card_pdf(CARD)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width) / mm, 1), round(float(page.mediabox.height) / mm, 1)) == (85.6, 54.0)
    text = pdf_text(pdf)
    for expected in ("ASYLUM CLAIMANT", "HADDAD", "KARIM", "UTOAS00000427", "04 SEP 2026", "PHOTOGRAPH"):
        assert expected in text
    assert NOT_A_TRAVEL_DOCUMENT.upper() in text and "Asylum unit Amaurot" in text


def test_the_same_card_gives_the_same_bytes_and_an_unknown_birth_date_says_so():
    assert claimant_card_pdf(CARD) == claimant_card_pdf(CARD)
    assert "UNKNOWN" in pdf_text(claimant_card_pdf(replace(CARD, birth_date=None)))


@settings(max_examples=25, deadline=None)
@given(
    surname=st.text(st.characters(codec="latin-1", categories=("Lu", "Ll", "Zs", "Pd")), min_size=1, max_size=100),
    given_names=st.text(st.characters(codec="latin-1", categories=("Lu", "Ll", "Zs")), max_size=100),
    unit=st.text(st.characters(codec="latin-1", categories=("Lu", "Ll", "Zs")), min_size=1, max_size=200),
)
def test_any_claimant_prints_on_one_page(surname, given_names, unit):
    pdf = claimant_card_pdf(replace(CARD, surname=surname, given_names=given_names, unit=unit))
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) == 1
