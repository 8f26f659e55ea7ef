"""The residence permit card: an ID-1 page (85.6 x 54 mm) with the holder's data and a TD1 zone that reads back
with every check digit right."""

import io
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm

from borderdesk.core.documents import MrzFields, generate_mrz, parse_mrz
from borderdesk.core.printing import PrintingError, ResidenceCard, residence_card_pdf

from .pdf_text import pdf_text


def zone(number="UTO260000123", surname="Okonkwo-Villanueva", given_names="Chidinma Isabel", until=date(2028, 5, 31)):
    fields = MrzFields(
        document_code="IR",
        issuing_state="UTO",
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality="NGA",
        birth_date=date(1990, 7, 2),
        sex="F",
        expiry_date=until,
    )
    return tuple(generate_mrz("TD1", fields))


def card(**changes) -> ResidenceCard:
    base = ResidenceCard(
        issuing_state="Republic of Utopia",
        card_number="UTO260000123",
        permit_type="Residence permit",
        surname="Okonkwo-Villanueva",
        given_names="Chidinma Isabel",
        nationality="NGA",
        birth_date=date(1990, 7, 2),
        sex="F",
        valid_from=date(2026, 6, 1),
        valid_until=date(2028, 5, 31),
        place_of_issue="Amaurot office (UTO1)",
        mrz_lines=zone(),
    )
    return replace(base, **changes)


def test_the_card_is_one_id1_page_with_the_holders_data_and_the_zone():
    pdf = residence_card_pdf(card())
    assert pdf.startswith(b"%PDF")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width / mm, 1), round(height / mm, 1)) == (85.6, 54.0)
    text = pdf_text(pdf)
    for expected in ("RESIDENCE PERMIT", "OKONKWO-VILLANUEVA", "Chidinma Isabel", "UTO260000123", "31 MAY 2028"):
        assert expected in text
    for line in card().mrz_lines:
        assert line in text.replace(" ", "")


def test_the_same_card_gives_the_same_bytes():
    assert residence_card_pdf(card()) == residence_card_pdf(card())


def test_the_card_numbers_overflow_reads_back_with_its_check_digits():
    parsed = parse_mrz("\n".join(zone()), today=date(2026, 6, 1))
    assert parsed.format == "TD1" and parsed.valid, parsed.to_dict()
    assert parsed.fields["document_number"] == "UTO260000123" and parsed.fields["document_code"] == "IR"
    assert all(parsed.checks.values())


@pytest.mark.parametrize(
    "lines",
    [
        (),
        ("IRUTO" + "<" * 25,) * 2,  # two lines
        ("IRUTO" + "<" * 24,) * 3,  # 29 characters
        ("PRUTO" + "<" * 25,) * 3,  # not a card's document code
        ("IRUTO" + "a" * 25,) * 3,
    ],
)
def test_a_zone_that_is_no_td1_is_refused(lines):
    with pytest.raises(PrintingError) as exc:
        residence_card_pdf(card(mrz_lines=lines))
    assert exc.value.code == "bad_mrz"


@settings(max_examples=25, deadline=None)
@given(
    surname=st.text(st.characters(codec="latin-1", categories=("Lu", "Ll", "Zs", "Pd")), min_size=1, max_size=60),
    given_names=st.text(st.characters(codec="latin-1", categories=("Lu", "Ll", "Zs")), max_size=80),
    serial=st.integers(min_value=1, max_value=9_999_999),
)
def test_any_holder_prints_and_their_zone_reads_back(surname, given_names, serial):
    number = f"UTO26{serial:07d}"
    try:
        lines = zone(number, surname, given_names)
    except ValueError:  # a name with no letters at all has no zone: nothing to print
        return
    parsed = parse_mrz("\n".join(lines), today=date(2026, 6, 1))
    assert parsed.valid and parsed.fields["document_number"] == number
    pdf = residence_card_pdf(card(surname=surname, given_names=given_names, card_number=number, mrz_lines=lines))
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) == 1
