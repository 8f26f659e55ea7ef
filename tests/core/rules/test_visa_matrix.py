"""Visa-requirement matrix: the passport-index CSV layout, its errors, and the real copy in ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderdesk.core.rules import Requirement, VisaMatrix, VisaMatrixError, VisaRequirement

REAL_MATRIX = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "visa-policy" / "passport-index-tidy-iso3.csv"
)
HEADER = "Passport,Destination,Requirement"


def matrix(*rows: str) -> VisaMatrix:
    return VisaMatrix.from_csv("\n".join([HEADER, *rows]), "test.csv")


def test_every_requirement_word_and_days():
    m = matrix(
        "USA,DEU,90",
        "IND,DEU,visa required",
        "GBR,USA,eta",
        "AFG,ALB,e-visa",
        "AFG,BGD,visa on arrival",
        "DEU,DEU,-1",
        "USA,PRK,no admission",
        "USA,GBR,visa free",
    )
    assert m.requirement("USA", "DEU") == VisaRequirement(Requirement.VISA_FREE, 90)
    assert m.requirement("IND", "DEU").requirement is Requirement.VISA_REQUIRED
    assert m.requirement("GBR", "USA").requirement is Requirement.ETA
    assert m.requirement("AFG", "ALB").requirement is Requirement.E_VISA
    assert m.requirement("AFG", "BGD").requirement is Requirement.VISA_ON_ARRIVAL
    assert m.requirement("DEU", "DEU").requirement is Requirement.OWN_COUNTRY
    assert m.requirement("USA", "PRK").requirement is Requirement.NO_ADMISSION
    assert m.requirement("USA", "GBR") == VisaRequirement(Requirement.VISA_FREE, None)
    assert m.for_destination("DEU") == {
        "USA": VisaRequirement(Requirement.VISA_FREE, 90),
        "IND": VisaRequirement(Requirement.VISA_REQUIRED),
        "DEU": VisaRequirement(Requirement.OWN_COUNTRY),
    }


@pytest.mark.parametrize(
    ("rows", "code", "line"),
    [
        (["USA,DEU,90", "IND,DEU"], "wrong_column_count", 3),
        (["USA,DEU,90", "", "IND,DEU,maybe"], "bad_requirement", 4),
        (["usa,DEU,90"], "bad_code", 2),
        (["USA,DEU,-1"], "bad_requirement", 2),
        (["USA,DEU,0"], "bad_requirement", 2),
        (["USA,DEU,90", "USA,DEU,visa required"], "duplicate_row", 3),
    ],
)
def test_malformed_rows_name_their_line(rows, code, line):
    with pytest.raises(VisaMatrixError) as caught:
        matrix(*rows)
    assert (caught.value.code, caught.value.details["line"]) == (code, line)
    assert f"line {line}" in caught.value.message


def test_wrong_header():
    with pytest.raises(VisaMatrixError) as caught:
        VisaMatrix.from_csv("Country,To,Rule\nUSA,DEU,90")
    assert caught.value.code == "bad_header"


def test_unknown_codes_are_clear_errors():
    m = matrix("USA,DEU,90")
    with pytest.raises(VisaMatrixError) as caught:
        m.requirement("ZZZ", "DEU")
    assert caught.value.code == "unknown_nationality"
    with pytest.raises(VisaMatrixError) as caught:
        m.requirement("USA", "FRA")
    assert caught.value.code == "unknown_destination"


@pytest.fixture(scope="module")
def real_matrix() -> VisaMatrix:
    if not REAL_MATRIX.is_file():
        pytest.skip(f"real visa matrix not found at {REAL_MATRIX} (../shared/data is absent)")
    return VisaMatrix.from_csv(REAL_MATRIX.read_text(encoding="utf-8"), "passport-index-tidy-iso3.csv")


@pytest.mark.data
def test_real_matrix_reads_whole(real_matrix):
    assert len(real_matrix) == 199 * 199
    assert len(real_matrix.passports) == len(real_matrix.destinations) == 199
    assert all(
        real_matrix.requirement(code, code).requirement is Requirement.OWN_COUNTRY for code in real_matrix.passports
    )


@pytest.mark.data
def test_real_matrix_schengen_facts(real_matrix):
    # Regulation (EU) 2018/1806: US nationals are in Annex II (exempt), Indian nationals in Annex I (visa required).
    assert real_matrix.requirement("USA", "DEU") == VisaRequirement(Requirement.VISA_FREE, 90)
    assert real_matrix.requirement("IND", "DEU").requirement is Requirement.VISA_REQUIRED
    german_policy = real_matrix.for_destination("DEU")
    assert len(german_policy) == 199
