import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.screening.model import IdentityDocument, PartialDate
from borderdesk.core.screening.score import (
    DOB_EXACT_BONUS,
    DOB_MISMATCH_PENALTY,
    DOCUMENT_MATCH_FLOOR,
    Feature,
    aligned_name_score,
    aligned_score,
    birth_date_feature,
    combine,
    compare_names,
    document_feature,
    name_feature,
    name_score,
    nationality_feature,
    sex_feature,
    token_similarity,
)


@pytest.mark.parametrize(
    ("query", "listed", "how"),
    [
        ("badege", "badege", "same"),
        ("j", "john", "initial"),
        ("muhammad", "mohammed", "spelling variant"),
        ("erik", "eric", "sounds alike"),
        ("mudacumura", "mudacunura", "similar spelling"),
        ("olaf", "octavian", "different"),
    ],
)
def test_token_similarity_names_the_kind_of_difference(query, listed, how):
    similarity, found = token_similarity(query, listed)
    assert found == how
    assert 0.0 <= similarity <= 1.0


def test_initial_of_another_letter_does_not_match():
    assert token_similarity("k", "john") == (0.0, "different")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Badege Eric", "ERIC BADEGE"),  # token order
        ("Muhammad Yousef Hasan", "Mohammed Yusuf Hassan"),  # spelling variants
        ("Abdulrahman Hassan", "Abd al-Rahman Hassan"),  # joined / split parts
        ("Abubakr Baghdadi", "Abu Bakr al-Baghdadi"),
        ("Eric Badegee", "Eric Badege"),  # typo
        ("Vladimir Putin", "Vladimir Vladimirovich Putin"),  # missing middle name
        ("Владимир Путин", "Vladimir Putin"),  # another script
        ("Mr Eric Badege", "Eric Badege"),  # honorific
    ],
)
def test_variants_of_one_name_score_high(query, listed):
    assert compare_names(query, listed).score >= 0.85


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Olaf Scholz", "Octavian Scholz"),
        ("Ali Saddam Hussein al-Rawi", "Ali Saddam Hussein al-Tikriti"),  # a different family name
        ("Angelo Cruz", "Angela Merkel"),
    ],
)
def test_different_people_score_below_a_hit(query, listed):
    assert compare_names(query, listed).score < 0.85


def test_name_detail_says_what_differs():
    detail = compare_names("Muhammad Ali Hassan", "Mohammed Hassan").detail
    assert "muhammad~mohammed (spelling variant)" in detail
    assert "only in screened name: ali" in detail


def test_joined_parts_are_explained():
    assert "read as one word" in compare_names("Abd al-Rahman Hassan", "Abdulrahman Hassan").detail


def test_initials_match_given_names():
    assert compare_names("J. Smith", "John Smith").score > compare_names("K. Smith", "John Smith").score


def test_birth_date_exact_year_range_swap_and_mismatch():
    born = PartialDate(1974, 8, 12)
    assert birth_date_feature(born, (PartialDate(1974, 8, 12),)).score == DOB_EXACT_BONUS
    assert "same year" in birth_date_feature(born, (PartialDate(1974),)).detail
    assert "within listed range" in birth_date_feature(born, (PartialDate(1970, year_to=1976),)).detail
    assert "swapped" in birth_date_feature(born, (PartialDate(1974, 12, 8),)).detail
    assert birth_date_feature(born, (PartialDate(1990, 1, 1),)).score == DOB_MISMATCH_PENALTY
    assert "close" in birth_date_feature(born, (PartialDate(1976, approximate=True),)).detail


def test_birth_date_uses_the_best_of_several_listed_dates():
    feature = birth_date_feature(PartialDate(1960, 1, 1), (PartialDate(1990), PartialDate(1960, 1, 1)))
    assert feature.score == DOB_EXACT_BONUS


def test_missing_birth_date_on_either_side_is_not_compared():
    assert birth_date_feature(None, (PartialDate(1974),)) is None
    assert birth_date_feature(PartialDate(1974), ()) is None


def test_nationality_and_sex():
    assert nationality_feature("swe", ("SWE", "NOR")).score > 0
    assert nationality_feature("DEU", ("SWE",)).score < 0
    assert sex_feature("f", "F").score == 0
    assert sex_feature("M", "F").score < 0
    assert sex_feature(None, "F") is None


def test_document_number_match_ignores_spacing_and_respects_issuer():
    listed = (IdentityDocument("OB 012345", "COD", "passport"),)
    assert document_feature("ob012345", "COD", listed).score == DOCUMENT_MATCH_FLOOR
    assert document_feature("OB012345", None, listed).score == DOCUMENT_MATCH_FLOOR
    assert document_feature("OB012345", "FRA", listed).score == 0.0
    assert document_feature("X1", None, listed).detail == "document number not among the listed documents"


def test_combine_clamps_and_ignores_bonuses_for_poor_names():
    assert combine({"name": Feature(0.98, ""), "birth_date": Feature(DOB_EXACT_BONUS, "")}) == 1.0
    assert combine({"name": Feature(0.3, ""), "birth_date": Feature(DOB_EXACT_BONUS, "")}) == 0.3
    assert combine({"name": Feature(0.1, ""), "birth_date": Feature(DOB_MISMATCH_PENALTY, "")}) == 0.0
    assert combine({"name": Feature(0.0, ""), "document": Feature(DOCUMENT_MATCH_FLOOR, "")}) == DOCUMENT_MATCH_FLOOR


# The scorer's fast path (score only) must agree exactly with the explained one, joins and merges included.
_PARTS = [
    "abdul",
    "rahman",
    "abdulrahman",
    "abu",
    "bakr",
    "abubakar",
    "muhammad",
    "mohammed",
    "hassan",
    "hasan",
    "xi",
    "jin",
    "ping",
    "jinping",
    "badege",
    "eric",
    "erik",
    "j",
    "al",
    "omar",
    "umar",
    "ali",
    "khairullah",
    "khairkhwah",
    "mudacumura",
    "mudacunura",
    "ibrahim",
    "awad",
    "badri",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PARTS), min_size=1, max_size=5), st.lists(st.sampled_from(_PARTS), min_size=1, max_size=5)
)
def test_score_only_path_agrees_with_the_explained_one(query, listed):
    query, listed = tuple(query), tuple(listed)
    assert aligned_score(query, listed) == aligned_name_score(query, listed).score
    assert name_score(query, listed) == name_feature(query, listed).score
    assert name_feature(query, listed, explain=False).score == name_feature(query, listed).score


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4),
    st.lists(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4).map(tuple), min_size=5, max_size=40),
)
def test_alias_preselection_keeps_the_best_token_set_ratios(query, aliases):
    import heapq

    from rapidfuzz import fuzz

    from borderdesk.core.screening.score import MAX_ALIASES_ALIGNED, _promising_aliases

    text = " ".join(query)
    quick = [(fuzz.token_set_ratio(text, " ".join(alias)), index) for index, alias in enumerate(aliases)]
    want = [index for _, index in heapq.nlargest(MAX_ALIASES_ALIGNED, quick)]
    assert _promising_aliases(tuple(query), tuple(aliases)) == want


def _reference_merge(tokens, loose, targets):
    """The compound-joining rule as first written, over itertools.permutations."""
    from itertools import permutations

    from rapidfuzz.distance import OSA

    result = list(tokens)
    for target in targets:
        for first, second in permutations(loose, 2):
            merged = first + second
            if (
                merged[0] == target[0]
                and abs(len(merged) - len(target)) <= 2
                and OSA.normalized_similarity(merged, target) >= 0.8
                and first in result
                and second in result
            ):
                result.remove(second)
                result[result.index(first)] = merged
                loose = [token for token in loose if token not in (first, second)]
                break
    return tuple(result)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PARTS), min_size=2, max_size=6), st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4)
)
def test_compound_joining_agrees_with_the_permutation_rule(tokens, targets):
    from borderdesk.core.screening.score import _merge_compounds

    loose = tokens[1:]
    want = _reference_merge(tuple(tokens), list(loose), targets)
    assert _merge_compounds(tuple(tokens), list(loose), targets) == want
