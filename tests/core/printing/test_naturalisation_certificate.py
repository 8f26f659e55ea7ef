"""The certificate of naturalisation: one page naming the citizen, the oath's day and the number; any script."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from borderdesk.core.printing import NaturalisationCertificate, PrintingError, naturalisation_certificate_pdf

CERTIFICATE = NaturalisationCertificate(
    number="UNC-2026-000042",
    state="Republic of Utopia",
    surname="OKAFOR",
    given_names="CHINEDU",
    birth_date=date(1990, 5, 1),
    former_nationality="NGA",
    oath_on=date(2026, 11, 20),
    place="Amaurot immigration office (UTCIO)",
    application="UTCIO-2026-000123",
    legal_basis="Utopia Nationality Act 2020, s. 6",
)


def test_the_certificate_names_the_citizen_the_oath_and_its_number():
    pdf = naturalisation_certificate_pdf(CERTIFICATE)
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    for expected in ("Certificate of Naturalisation", "CHINEDU OKAFOR", "2026-11-20", "UNC-2026-000042", "NGA", "s. 6"):
        assert expected in text


def test_the_same_certificate_gives_the_same_bytes():
    assert naturalisation_certificate_pdf(CERTIFICATE) == naturalisation_certificate_pdf(CERTIFICATE)


def test_names_in_any_script_are_printed():
    from dataclasses import replace

    pdf = naturalisation_certificate_pdf(replace(CERTIFICATE, surname="Ляпунов", given_names="محمد", birth_date=None))
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_no_number_no_certificate():
    from dataclasses import replace

    with pytest.raises(PrintingError) as refused:
        naturalisation_certificate_pdf(replace(CERTIFICATE, number=" "))
    assert refused.value.code == "nothing_granted"
