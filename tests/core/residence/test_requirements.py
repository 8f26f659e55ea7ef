"""The dated rule pack: which version of a requirement applies on a day, and a pack that does not load."""

from datetime import date

import pytest

from borderdesk.core.residence import Requirement, ResidenceError, requirement_kinds, requirement_on
from borderdesk.core.residence.requirements import load_requirements


def test_both_kinds_are_in_the_pack():
    assert requirement_kinds() == ("naturalisation", "permanent_residence")


def test_the_day_decides_which_naturalisation_version_applies():
    before = requirement_on("naturalisation", date(2026, 12, 31))
    after = requirement_on("naturalisation", date(2027, 1, 1))
    assert before.requirement == Requirement(years=5, max_absent_days=450, max_absent_days_last_year=90)
    assert after.requirement == Requirement(
        years=5, max_absent_days=450, max_absent_days_last_year=90, max_single_absence_days=364, min_present_days=913
    )
    assert (before.effective_from, after.effective_from) == (date(2020, 7, 1), date(2027, 1, 1))
    for version in (before, after):
        assert version.kind == "naturalisation"
        assert version.legal_basis.instrument == "Utopia Nationality Act 2020"
        assert version.legal_basis.url == "https://legislation.utopia.example/una-2020#s6"
        assert "Schedule 1" in version.legal_basis.article and version.legal_basis.text


def test_permanent_residence():
    version = requirement_on("permanent_residence", date(2025, 6, 1))
    assert version.requirement == Requirement(years=5, max_absent_days=300, max_single_absence_days=183)
    assert version.legal_basis.instrument == "Utopia Immigration Act 2019"
    assert version.legal_basis.article.startswith("s. 27")


@pytest.mark.parametrize(("kind", "on"), [("naturalisation", date(2020, 6, 30)), ("citizenship", date(2025, 1, 1))])
def test_no_requirement_before_the_first_version_or_for_an_unknown_kind(kind, on):
    with pytest.raises(ResidenceError) as raised:
        requirement_on(kind, on)
    assert raised.value.code == "no_requirement"
    assert kind in raised.value.message


BASIS = "legal_basis: {instrument: A, article: s. 1, url: 'https://x.example/', text: T}"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("- 1", "<document>"),
        ("k: []", "k"),
        (f"k:\n  - {{effective_from: 2020-01-01, requirement: {{years: -5}}, {BASIS}}}", "k[0].requirement"),
        (f"k:\n  - {{effective_from: 2020-01-01, requirement: {{yeers: 5}}, {BASIS}}}", "k[0].requirement"),
        (f"k:\n  - {{effective_from: soon, requirement: {{}}, {BASIS}}}", "k[0].effective_from"),
        ("k:\n  - {effective_from: 2020-01-01, requirement: {}, legal_basis: {instrument: A}}", "k[0].legal_basis"),
        (
            f"k:\n  - {{effective_from: 2021-01-01, requirement: {{}}, {BASIS}}}\n"
            f"  - {{effective_from: 2020-01-01, requirement: {{}}, {BASIS}}}",
            "k",
        ),
        ("k: [unclosed", "<document>"),
    ],
)
def test_a_malformed_pack_is_refused_naming_the_place(text, where):
    with pytest.raises(ResidenceError) as raised:
        load_requirements(text)
    assert raised.value.code == "invalid_requirements"
    assert f": {where}: " in raised.value.message
