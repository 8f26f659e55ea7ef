"""The person search: checked criteria, fuzzy names, birth dates and documents; every person shown is a read."""

from datetime import date

import pytest

from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.common.errors import Invalid, PermissionDenied
from borderdesk.apps.people.search import comparable, criteria_from, name_score
from borderdesk.apps.people.services import search_people


def search(officer, **form):
    return search_people(officer, criteria_from(form), post_code="TST")


def names(result) -> list[str]:
    return [f.traveller.given_names for f in result.found]


def test_a_misspelt_name_in_either_order_finds_the_person_best_first(officer, scanned):
    result = search(officer, name="Amelia Okonkow")
    assert names(result)[0] == "AMELIA"
    assert 70 <= result.found[0].score < 100
    assert names(search(officer, name="okonkwo amelia"))[0] == "AMELIA"


def test_a_surname_alone_finds_everyone_of_that_name_and_no_one_else(officer, scanned):
    assert sorted(names(search(officer, name="Okonkwo"))) == ["ADAEZE", "AMELIA"]


def test_accents_and_punctuation_are_written_as_the_zone_writes_them():
    assert comparable("  Ökonkwo-Ámelia ") == "OKONKWO AMELIA"
    assert name_score("AMELIA OKONKWO", "OKONKWO", "AMELIA") == 100


def test_a_birth_date_narrows_and_a_name_with_it_ranks(officer, scanned):
    assert sorted(names(search(officer, birth_date="1990-02-14"))) == ["AMELIA", "SVEN"]
    assert names(search(officer, birth_date="1990-02-14", name="Sven Lindkvist")) == ["SVEN"]


def test_a_document_number_finds_its_holder_with_every_document_shown(officer, scanned):
    result = search(officer, document_number="ng 4455 667", issuing_state="nga")
    assert names(result) == ["AMELIA"] and result.found[0].score is None
    assert [d.document_number for d in result.found[0].documents] == ["NG4455667"]
    assert search(officer, document_number="NG4455667", issuing_state="SWE").found == []


def test_a_nationality_narrows_a_name(officer, scanned):
    assert names(search(officer, name="Okonkwo", nationality="SWE")) == []


def test_each_person_shown_is_an_access_event_with_the_search_and_the_post(officer, scanned):
    before = AccessEvent.objects.count()
    result = search(officer, name="Okonkwo")
    events = list(AccessEvent.objects.order_by("seq")[before:])
    assert sorted(e.object_id for e in events) == sorted(str(f.traveller.pk) for f in result.found)
    assert {(e.purpose, e.detail, e.post_code, e.actor_username) for e in events} == {
        ("person search", "name OKONKWO", "TST", "officer")
    }


@pytest.mark.parametrize(
    ("form", "code", "field"),
    [
        ({}, "search_needs_more", "name"),
        ({"nationality": "NGA"}, "search_needs_more", "name"),
        ({"name": "1234 !!"}, "invalid_name", "name"),
        ({"name": "x" * 101}, "value_too_long", "name"),
        ({"birth_date": "14/02/1990"}, "invalid_date", "birth_date"),
        ({"birth_date": "1990-02-30"}, "invalid_date", "birth_date"),
        ({"document_number": "A" * 36}, "invalid_document_number", "document_number"),
        ({"document_number": "NG-44"}, "invalid_document_number", "document_number"),
        ({"document_number": "NG1", "issuing_state": "NIGERIA"}, "invalid_state", "issuing_state"),
    ],
)
def test_bad_criteria_get_a_clear_code(form, code, field):
    with pytest.raises(Invalid) as exc:
        criteria_from(form)
    assert (exc.value.code, exc.value.field) == (code, field)


def test_criteria_are_read_as_typed():
    criteria = criteria_from({"name": " Amélia  Okonkwo ", "birth_date": "1990-02-14", "issuing_state": "d<<"})
    assert (criteria.name, criteria.birth_date, criteria.issuing_state) == ("AMELIA OKONKWO", date(1990, 2, 14), "D")


def test_an_auditor_and_a_caseworker_cannot_search(auditor, make_user, scanned):
    with pytest.raises(PermissionDenied):
        search(auditor, name="Okonkwo")
    caseworker = make_user("casey", "caseworker", posts=["TST"])
    with pytest.raises(PermissionDenied):
        search(caseworker, name="Okonkwo")


def test_more_matches_than_shown_or_compared_are_told(officer, scanned, monkeypatch):
    from borderdesk.apps.people import services

    assert not search(officer, name="Okonkwo").more
    monkeypatch.setattr(services, "RESULTS", 1)
    result = search(officer, name="Okonkwo")
    assert len(result.found) == 1 and result.more
    monkeypatch.setattr(services, "RESULTS", 25)
    monkeypatch.setattr(services, "CANDIDATES", 2)
    assert search(officer, birth_date="1990-02-14").more
