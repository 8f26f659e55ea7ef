from borderdesk.core.reference import (
    ICAO_CODES,
    ISO_3166_ALPHA_3,
    MRZ_CODES,
    NATIONALITY_ALIASES,
    NATIONALITY_CODES,
    nationality_code,
    state_name,
)


def test_kosovo_is_rks_and_xkx_is_an_alias_for_it():
    assert nationality_code("RKS") == "RKS"
    assert nationality_code("XKX") == "RKS"
    assert state_name("XKX") == state_name("RKS") == "Kosovo"


def test_germany_is_d_in_the_zone_and_deu_as_a_nationality():
    assert "D" in MRZ_CODES and "DEU" not in MRZ_CODES
    assert nationality_code("D") == "DEU"
    assert nationality_code(" d< ") == "DEU"


def test_the_icao_codes_of_doc_9303_are_nationalities():
    for code in ("GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XXA", "XXB", "XXC", "XXX", "EUE", "UTO"):
        assert code in ICAO_CODES
        assert nationality_code(code) == code


def test_an_unknown_code_has_no_nationality():
    for code in ("ZZZ", "", "XK", "DE", None):
        assert nationality_code(code) is None
    assert state_name("ZZZ") is None


def test_every_alias_names_a_nationality_and_is_not_one_itself():
    for alias, code in NATIONALITY_ALIASES.items():
        assert code in NATIONALITY_CODES
        assert alias not in NATIONALITY_CODES


def test_every_code_of_a_zone_is_a_nationality_once_aliases_are_folded():
    for code in MRZ_CODES:
        assert nationality_code(code) in NATIONALITY_CODES, code


def test_every_iso_code_has_a_name():
    assert len(ISO_3166_ALPHA_3) == 249
    assert all(len(code) == 3 and name for code, name in ISO_3166_ALPHA_3.items())
