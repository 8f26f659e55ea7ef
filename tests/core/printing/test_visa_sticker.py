import io
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm

from borderdesk.core.documents import COUNTRY_CODES, MrzFields, MrzGenerationError, generate_mrz, parse_mrz
from borderdesk.core.printing import PrintingError, VisaSticker, visa_sticker_mrz, visa_sticker_pdf
from borderdesk.core.printing.visa_sticker import fit_text, sticker_format, visa_date

from .pdf_text import pdf_text

HOLDER = dict(
    surname="Okonkwo-Villanueva", given_names="Chidinma Isabel", nationality="NGA", birth_date=date(1990, 7, 2), sex="F"
)


def sticker(**changes) -> VisaSticker:
    mrz = visa_sticker_mrz(issuing_state_code="UTO", visa_number="VA0012345", valid_until=date(2026, 12, 22), **HOLDER)
    base = VisaSticker(
        issuing_state="Republic of Utopia",
        place_of_issue="Utopia City International Airport",
        valid_from=date(2026, 11, 23),
        valid_until=date(2026, 12, 22),
        duration_of_stay_days=30,
        number_of_entries="1",
        visa_type="VOA-T",
        visa_number="VA0012345",
        passport_number="A12345678",
        fee_amount=Decimal("50.00"),
        fee_currency="UTD",
        receipt_number="RC-2026-118204",
        remarks="Employment not permitted.",
        mrz_lines=mrz,
        **HOLDER,
    )
    return replace(base, **changes)


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width) / mm, 1), round(float(box.height) / mm, 1)


def test_the_helper_writes_a_valid_mrv_b_zone_of_the_visa():
    lines = visa_sticker_mrz(
        issuing_state_code="UTO", visa_number="VA0012345", valid_until=date(2026, 12, 22), **HOLDER
    )
    assert lines == ("V<UTOOKONKWO<VILLANUEVA<<CHIDINMA<IS", "VA00123450NGA9007024F2612225<<<<<<<<")
    result = parse_mrz("\n".join(lines), today=date(2026, 11, 23))
    assert result.valid and result.format == "MRVB"
    assert result.fields["document_number"] == "VA0012345"


def test_an_mrv_b_sticker_is_105_by_74_mm_and_shows_every_field_and_the_zone():
    pdf = visa_sticker_pdf(sticker())
    assert page_size_mm(pdf) == (105.0, 74.0)
    text = pdf_text(pdf)
    for value in (
        "REPUBLIC OF UTOPIA",
        "VISA",
        "VA0012345",
        "Utopia City International Airport",
        "23 NOV 2026",
        "22 DEC 2026",
        "30 DAYS",
        "VOA-T",
        "A12345678",
        "OKONKWO-VILLANUEVA, Chidinma Isabel",
        "NGA",
        "02 JUL 1990",
        "UTD 50.00",
        "RC-2026-118204",
        "Employment not permitted.",
        *sticker().mrz_lines,
    ):
        assert value in text, value


def test_an_mrv_a_zone_makes_a_120_by_80_mm_sticker():
    fields = MrzFields(
        document_code="V",
        issuing_state="UTO",
        document_number="VA0012345",
        expiry_date=date(2026, 12, 22),
        optional_data="A12345678",
        **HOLDER,
    )
    lines = tuple(generate_mrz("MRVA", fields))
    pdf = visa_sticker_pdf(sticker(mrz_lines=lines))
    assert sticker_format(lines) == "MRVA"
    assert page_size_mm(pdf) == (120.0, 80.0)
    assert all(line in pdf_text(pdf) for line in lines)


@pytest.mark.parametrize(
    "lines",
    [
        (),
        ("V<UTOOKONKWO",),
        ("V<UTOOKONKWO<VILLANUEVA<<CHIDINMA<IS", "VA00123450NGA9007024F2612225<<<<<<<"),
        ("P<UTOOKONKWO<VILLANUEVA<<CHIDINMA<IS", "VA00123450NGA9007024F2612225<<<<<<<<"),
        ("V<UTOOKONKWO<VILLANUEVA<<CHIDINMA<is", "VA00123450NGA9007024F2612225<<<<<<<<"),
    ],
)
def test_a_zone_of_the_wrong_shape_is_refused(lines):
    with pytest.raises(PrintingError) as raised:
        visa_sticker_pdf(sticker(mrz_lines=lines))
    assert raised.value.code == "bad_mrz"


def test_a_visa_number_too_long_for_the_zone_is_the_documents_cores_error():
    with pytest.raises(MrzGenerationError):
        visa_sticker_mrz(
            issuing_state_code="UTO", visa_number="VA00123456789", valid_until=date(2026, 12, 22), **HOLDER
        )


def test_text_too_long_for_the_sticker_shrinks_then_is_cut_with_an_ellipsis():
    size, lines = fit_text("Short", "Helvetica", 8, 50 * mm)
    assert (size, lines) == (8, ["Short"])
    size, lines = fit_text("word " * 200, "Helvetica", 8, 50 * mm, max_lines=2, min_size=4)
    assert size == 4 and len(lines) == 2 and lines[-1].endswith("…")
    text = pdf_text(visa_sticker_pdf(sticker(remarks="Multiple conditions apply. " * 40)))
    assert 2 <= text.count("Multiple conditions apply.") < 40
    assert "..." in text  # the ellipsis, as the text extraction's Unicode folding writes it


def test_visual_zone_dates_use_english_month_abbreviations():
    assert visa_date(date(2027, 1, 5)) == "05 JAN 2027"
    assert visa_date(date(2026, 12, 31)) == "31 DEC 2026"


name_letters = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÉéÀàÖöÑñÇçØøßŁł")
name = st.lists(st.text(name_letters, min_size=1, max_size=14), min_size=1, max_size=4).map(" ".join)
free_text = st.text(st.characters(min_codepoint=32, max_codepoint=0x24F, exclude_categories=("Cc", "Cs")), max_size=160)


@st.composite
def stickers(draw) -> VisaSticker:
    valid_from = draw(st.dates(date(2020, 1, 1), date(2045, 12, 31)))
    valid_until = valid_from + timedelta(days=draw(st.integers(0, 365)))
    holder = dict(
        surname=draw(name),
        given_names=draw(st.one_of(st.just(""), name)),
        nationality=draw(st.sampled_from(sorted(COUNTRY_CODES))),
        birth_date=draw(st.dates(valid_from - timedelta(days=99 * 365), valid_from)),
        sex=draw(st.sampled_from("FMX")),
    )
    visa_number = draw(st.from_regex(r"[A-Z0-9]{1,9}", fullmatch=True))
    mrz = visa_sticker_mrz(issuing_state_code="UTO", visa_number=visa_number, valid_until=valid_until, **holder)
    return VisaSticker(
        issuing_state=draw(free_text),
        place_of_issue=draw(free_text),
        valid_from=valid_from,
        valid_until=valid_until,
        duration_of_stay_days=draw(st.integers(1, 365)),
        number_of_entries=draw(st.sampled_from(["1", "2", "MULT"])),
        visa_type=draw(free_text),
        visa_number=visa_number,
        passport_number=draw(st.from_regex(r"[A-Z0-9]{5,12}", fullmatch=True)),
        fee_amount=draw(st.decimals(0, 10_000, places=2)),
        fee_currency=draw(st.sampled_from(["UTD", "USD", "EUR"])),
        receipt_number=draw(free_text),
        remarks=draw(free_text),
        mrz_lines=mrz,
        **holder,
    )


@settings(max_examples=60, deadline=None)
@given(stickers())
def test_any_reasonable_sticker_renders_and_its_zone_parses_back_valid(visa: VisaSticker):
    pdf = visa_sticker_pdf(visa)
    assert page_size_mm(pdf) == (105.0, 74.0)
    text = pdf_text(pdf)
    assert all(line in text for line in visa.mrz_lines)
    result = parse_mrz("\n".join(visa.mrz_lines), today=visa.valid_from)
    assert result.valid, result.errors
    assert result.format == "MRVB"
    assert result.fields["document_number"] == visa.visa_number
    assert result.birth_date == visa.birth_date and result.expiry_date == visa.valid_until


def test_the_same_sticker_gives_the_same_bytes():
    assert visa_sticker_pdf(sticker()) == visa_sticker_pdf(sticker())
