from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from borderdesk.core.documents import (
    COUNTRY_CODES,
    MrzFields,
    MrzGenerationError,
    generate_mrz,
    parse_mrz,
    transliterate,
)
from borderdesk.core.documents.layout import LAYOUTS

from .zones import SPECIMENS

TODAY = date(2026, 11, 23)
SPECIMEN_HOLDER = dict(issuing_state="UTO", surname="Eriksson", given_names="Anna Maria")


@pytest.mark.parametrize(
    "format, document_code, number, nationality, birth, expiry, optional",
    [
        ("TD1", "I", "D23145890", "UTO", date(1974, 8, 12), date(2012, 4, 15), ""),
        ("TD2", "I", "D23145890", "UTO", date(1974, 8, 12), date(2012, 4, 15), ""),
        ("TD3", "P", "L898902C3", "UTO", date(1974, 8, 12), date(2012, 4, 15), "ZE184226B"),
        ("MRVA", "V", "L8988901C", "XXX", date(1940, 9, 7), date(1996, 12, 10), "6ZE184226B"),
        ("MRVB", "V", "L8988901C", "XXX", date(1940, 9, 7), date(1996, 12, 10), ""),
    ],
)
def test_generating_the_specimens_reproduces_them(format, document_code, number, nationality, birth, expiry, optional):
    fields = MrzFields(
        document_code=document_code,
        document_number=number,
        nationality=nationality,
        birth_date=birth,
        sex="F",
        expiry_date=expiry,
        optional_data=optional,
        **SPECIMEN_HOLDER,
    )
    assert generate_mrz(format, fields) == SPECIMENS[format]


def test_long_td1_number_overflows_as_doc_9303_part_5_shows():
    fields = MrzFields(
        "I", "UTO", "Eriksson", "Anna Maria", "D23145890734", "UTO", date(1974, 8, 12), "F", date(2012, 4, 15)
    )
    assert generate_mrz("TD1", fields)[0] == "I<UTOD23145890<7349<<<<<<<<<<<"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Åsa Müller-Lüdenscheidt", "ASA<MULLER<LUDENSCHEIDT"),
        ("O'Neill", "ONEILL"),
        ("Ærø Straße", "AEROE<STRASSE"),
        ("  van  der   Berg ", "VAN<DER<BERG"),
        ("José María", "JOSE<MARIA"),
        ("Łukasz Żółć", "LUKASZ<ZOLC"),
    ],
)
def test_transliteration(name, expected):
    assert transliterate(name) == expected


def test_long_names_are_cut_to_the_field():
    fields = MrzFields(
        "P",
        "UTO",
        "Wolfeschlegelsteinhausenbergerdorff",
        "Hubert Blaine",
        "X1234567",
        "UTO",
        date(1980, 1, 1),
        "M",
        date(2030, 1, 1),
    )
    lines = generate_mrz("TD3", fields)
    assert lines[0][5:] == "WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HU"
    result = parse_mrz("\n".join(lines), today=TODAY)
    assert result.valid and result.fields["given_names"] == "HU"
    assert [warning.code for warning in result.warnings] == ["name_truncated"]


@pytest.mark.parametrize(
    "format, changes",
    [
        ("TD3", {"document_number": "1234567890"}),
        ("TD3", {"document_code": "V"}),
        ("MRVA", {"document_code": "P"}),
        ("TD3", {"surname": "1234"}),
        ("TD3", {"issuing_state": "U1O"}),
        ("TD3", {"nationality": " "}),
        ("TD3", {"sex": "Q"}),
        ("MRVB", {"optional_data": "TOO<LONG<FOR<IT"}),
        ("TD1", {"document_number": "D23145890" + "1" * 14, "optional_data": "A"}),
        ("TD2", {"optional_data_2": "X"}),
        ("PASSPORT", {}),
    ],
)
def test_fields_that_do_not_fit_are_refused(format, changes):
    base = dict(
        document_code="V" if format.startswith("MRV") else "P" if format == "TD3" else "I",
        issuing_state="UTO",
        surname="Eriksson",
        given_names="Anna",
        document_number="L898902C3",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2030, 1, 1),
    )
    with pytest.raises(MrzGenerationError):
        generate_mrz(format, MrzFields(**{**base, **changes}))


WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=9)
ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _optional_room(format: str, number_length: int) -> int:
    _, start, stop = LAYOUTS[format].optional_data
    room = stop - start
    if number_length > 9:
        room -= number_length - 9 + 2  # overflow, its check digit, and a filler before the optional data
    return max(room, 0)


@st.composite
def zone_fields(draw):
    format = draw(st.sampled_from(["TD1", "TD2", "TD3", "MRVA", "MRVB"]))
    layout = LAYOUTS[format]
    first = {"TD1": "ACI", "TD2": "ACI", "TD3": "P", "MRVA": "V", "MRVB": "V"}[format]
    code = draw(st.sampled_from(first)) + draw(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUWXYZ<"))
    surname = " ".join(draw(st.lists(WORD, min_size=1, max_size=3)))
    given_names = " ".join(draw(st.lists(WORD, min_size=0, max_size=3)))
    name_length = len(surname) + (2 + len(given_names) if given_names else 0)
    assume(name_length < layout.name[2] - layout.name[1])
    max_number = 9 if not layout.long_document_numbers else 9 + _optional_room(format, 9) - 1
    number = draw(st.text(alphabet=ALPHANUMERIC, min_size=1, max_size=max_number))
    room = _optional_room(format, len(number))
    optional = draw(st.text(alphabet=ALPHANUMERIC, max_size=room)) if room else ""
    optional_2 = draw(st.text(alphabet=ALPHANUMERIC, max_size=11)) if format == "TD1" else ""
    birth = draw(st.dates(min_value=TODAY.replace(year=TODAY.year - 99) + timedelta(days=1), max_value=TODAY))
    expiry = draw(
        st.dates(min_value=TODAY.replace(year=TODAY.year - 49), max_value=TODAY.replace(year=TODAY.year + 49))
    )
    fields = MrzFields(
        document_code=code,
        issuing_state=draw(st.sampled_from(sorted(COUNTRY_CODES))),
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=draw(st.sampled_from(sorted(COUNTRY_CODES))),
        birth_date=birth,
        sex=draw(st.sampled_from("FMX")),
        expiry_date=expiry,
        optional_data=optional,
        optional_data_2=optional_2,
    )
    return format, fields


@settings(max_examples=400, deadline=None)
@given(zone_fields())
def test_generate_then_parse_gives_the_same_fields(case):
    format, fields = case
    lines = generate_mrz(format, fields)
    result = parse_mrz("\n".join(lines), today=TODAY)
    assert (result.format, result.valid, result.errors) == (format, True, [])
    assert all(result.checks.values())
    assert result.fields == {
        "document_code": fields.document_code.rstrip("<"),
        "issuing_state": fields.issuing_state,
        "surname": fields.surname,
        "given_names": fields.given_names,
        "document_number": fields.document_number,
        "nationality": fields.nationality,
        "birth_date": fields.birth_date.isoformat(),
        "sex": fields.sex,
        "expiry_date": fields.expiry_date.isoformat(),
        "optional_data": fields.optional_data,
        "optional_data_2": fields.optional_data_2,
    }
