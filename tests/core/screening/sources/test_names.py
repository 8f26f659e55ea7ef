import pytest

from borderdesk.core.screening.sources.common import natural_order, person_names, split_names


@pytest.mark.parametrize(
    "listed, natural",
    [
        ("NORIEGA, Manuel Antonio", "Manuel Antonio NORIEGA"),
        ("DELOS REYES, Feliciano Semborio, Jr.", "Feliciano Semborio DELOS REYES Jr."),
        ("ABU FAYSAL", "ABU FAYSAL"),
        ("A, B, C", "A, B, C"),
        ("KIM,", "KIM,"),
    ],
)
def test_natural_order(listed, natural):
    assert natural_order(listed) == natural


def test_person_names_keep_the_listed_spelling_of_the_primary_name_only():
    assert person_names(["KIM, Jong Un", "KIM, Jong-un"]) == ["Jong Un KIM", "KIM, Jong Un", "Jong-un KIM"]


def test_split_names_drops_repeats_and_weak_aliases_that_are_also_good():
    assert split_names(["Ann  Lee", "Ann Lee", "Annie"], ["ANN LEE", "Nan", "Nan"]) == (("Ann Lee", "Annie"), ("Nan",))
