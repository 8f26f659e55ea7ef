import pytest

from borderdesk.core.screening.model import PartialDate
from borderdesk.core.screening.sources.ofac_remarks import RemarkDocument, parse_remarks


@pytest.mark.parametrize(
    "statement, date",
    [
        ("DOB 12 Jan 1960", PartialDate(1960, 1, 12)),
        ("DOB 1960", PartialDate(1960)),
        ("DOB circa 1960", PartialDate(1960, approximate=True)),
        ("DOB Jan 1960", PartialDate(1960, 1)),
        ("DOB 1960 to 1962", PartialDate(1960, year_to=1962)),
        ("DOB circa 1958-1960", PartialDate(1958, year_to=1960, approximate=True)),
        ("DOB 01 Jan 1980 to 31 Jan 1980", PartialDate(1980, 1)),
        ("DOB 01 Jan 1958 to 31 Dec 1958", PartialDate(1958)),
        ("DOB Mar 1960 to Feb 1961", PartialDate(1960, year_to=1961)),
        ("alt. DOB 31 Aug 1953.", PartialDate(1953, 8, 31)),
    ],
)
def test_dates_of_birth(statement, date):
    assert parse_remarks(statement).birth_dates == [date]


def test_several_facts_in_one_remark():
    facts = parse_remarks(
        "DOB 1960; alt. DOB 1962; nationality Iran; alt. citizen possibly Palestinian; Gender Female; "
        "National ID No. 13/Ta Ta Na (Naing)019077 (Burma); Passport A1 expires 2020; a.k.a. 'ABU-'UMAR'."
    )
    assert facts.birth_dates == [PartialDate(1960), PartialDate(1962)]
    assert facts.nationalities == ["Iran", "Palestinian"]
    assert facts.sex == "F"
    assert facts.documents == [
        RemarkDocument("13/Ta Ta Na (Naing)019077", "Burma", "national_id"),
        RemarkDocument("A1", None, "passport"),
    ]
    assert facts.weak_aliases == ["ABU-'UMAR"]


def test_remarks_without_known_facts_give_nothing():
    facts = parse_remarks("POB Tehran, Iran; DOB 31 Feb 1960; DOB sometime; Tax ID No. 123 (Iran); Linked To: X.")
    assert (facts.birth_dates, facts.nationalities, facts.documents, facts.weak_aliases, facts.sex) == (
        [],
        [],
        [],
        [],
        None,
    )
