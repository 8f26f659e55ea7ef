import pytest

from borderdesk.core.screening.sources import alpha3_from_code, alpha3_from_name, to_alpha3


@pytest.mark.parametrize(
    "name, code",
    [
        ("Iran (Islamic Republic of)", "IRN"),
        ("Iran", "IRN"),
        ("Syrian Arab Republic", "SYR"),
        ("Korea, North", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Burma", "MMR"),
        ("Congo, Democratic Republic of the", "COD"),
        ("Congo", "COG"),
        ("Türkiye", "TUR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("St. Kitts & Nevis", "KNA"),
        ("former Soviet Union", "SUN"),
        ("Kosovo", "RKS"),
        ("  germany ", "DEU"),
    ],
)
def test_names_as_lists_write_them(name, code):
    assert alpha3_from_name(name) == code


@pytest.mark.parametrize(
    "code, alpha3",
    [("ir", "IRN"), ("IR", "IRN"), ("IRN", "IRN"), ("suhh", "SUN"), ("xk", "RKS"), ("D", "DEU"), ("UTO", "UTO")],
)
def test_codes(code, alpha3):
    assert alpha3_from_code(code) == alpha3


def test_unknown_values_are_none_not_errors():
    assert alpha3_from_name("Atlantis") is None
    assert alpha3_from_code("zz") is None
    assert to_alpha3("") is None and to_alpha3(None) is None


def test_a_placeholder_in_a_name_field_is_not_a_code():
    assert alpha3_from_name("na") is None  # the UN list's "not available"
    assert to_alpha3("na") == "NAM"  # where codes are allowed, NA is Namibia
