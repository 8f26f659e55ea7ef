from datetime import date

from borderdesk.core.documents import compare_viz, parse_mrz

from .zones import TD3, TODAY, changed, rechecked, text

SPECIMEN = parse_mrz(text(TD3), today=TODAY)
AS_PRINTED = {
    "surname": "Eriksson",
    "given_names": "Anna María",
    "document_number": "L898902C3",
    "birth_date": date(1974, 8, 12),
    "expiry_date": "2012-04-15",
    "sex": "f",
    "nationality": "Utopia (ICAO specimen state)",
}


def test_matching_viz_has_no_differences():
    assert compare_viz(SPECIMEN, AS_PRINTED) == []


def test_each_difference_is_listed_with_both_values():
    typed = {
        **AS_PRINTED,
        "surname": "Eriksen",
        "birth_date": "1974-08-21",
        "sex": "M",
        "nationality": "SWE",
        "document_number": "L898902C8",
    }
    differences = [difference.to_dict() for difference in compare_viz(SPECIMEN, typed)]
    assert differences == [
        {"field": "surname", "viz": "Eriksen", "mrz": "ERIKSSON"},
        {"field": "document_number", "viz": "L898902C8", "mrz": "L898902C3"},
        {"field": "birth_date", "viz": "1974-08-21", "mrz": "1974-08-12"},
        {"field": "sex", "viz": "M", "mrz": "F"},
        {"field": "nationality", "viz": "SWE", "mrz": "UTO"},
    ]


def test_normalisation_of_case_accents_fillers_and_spaces():
    typed = {
        "surname": "  eriksson ",
        "given_names": "ANNA-MARIA",
        "document_number": "l898 902 c3",
        "nationality": "uto",
    }
    assert compare_viz(SPECIMEN, typed) == []


def test_german_spellings_of_umlauts_match():
    lines = rechecked(changed(TD3, 0, 5, "MUELLER<<JUERGEN<<<<<<<<"), "TD3")
    document = parse_mrz(text(lines), today=TODAY)
    assert compare_viz(document, {"surname": "Müller", "given_names": "Jürgen"}) == []


def test_truncated_mrz_name_matches_the_full_printed_name():
    lines = changed(TD3, 0, 5, "ERIKSSON<<ANNA<MARIA<ALEXANDRA<CHRISTIN")
    document = parse_mrz(text(lines), today=TODAY)
    assert compare_viz(document, {"given_names": "Anna Maria Alexandra Christina"}) == []
    assert compare_viz(SPECIMEN, {"given_names": "Anna Maria Alexandra"})[0].field == "given_names"


def test_fields_not_typed_are_not_compared():
    assert compare_viz(SPECIMEN, {"surname": None}) == []
