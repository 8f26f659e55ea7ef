"""Joining manifests into flights: designators, parts, who is one traveller, what to look at twice."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.manifests import (
    Document,
    Flight,
    Place,
    Traveller,
    arrival_day,
    designator,
    identity_key,
    parts_state,
    read_paxlst,
    shared_documents,
    traveller_flags,
    traveller_kind,
)
from borderdesk.core.manifests.model import Part

from .messages import TODAY, VALID, message, replaced


@pytest.mark.parametrize(
    ("sent", "carrier", "number"),
    [
        ("UA0989", "UA", "989"),  # leading zeros are not part of the number
        ("LH400", "LH", "400"),
        ("TN506", "TN", "506"),
        ("U21234", "U2", "1234"),
        ("9W12", "9W", "12"),
        ("DLH400", "DLH", "400"),  # ICAO
        ("LH400A", "LH", "400A"),  # an operational suffix
        (" lh 400 ", "LH", "400"),
        ("LH0", "LH", "0"),
    ],
)
def test_a_designator_is_the_carrier_and_the_number(sent, carrier, number):
    found = designator(sent)
    assert (found.carrier, found.number) == (carrier, number)
    assert str(found) == carrier + number


@pytest.mark.parametrize("sent", [None, "", "LH", "12345", "400", "LH12345", "L-400", "LH400AB", "ÄB123"])
def test_what_is_no_designator_is_none(sent):
    assert designator(sent) is None


@given(st.text(max_size=12))
def test_any_text_gives_a_designator_or_none_and_never_raises(text):
    found = designator(text)
    assert found is None or (2 <= len(found.carrier) <= 3 and found.number[0].isdigit())


@given(st.sampled_from(["LH", "U2", "9W", "DLH"]), st.integers(0, 9999), st.integers(0, 3))
def test_zeros_before_the_number_make_no_other_flight(carrier, number, zeros):
    assert designator(f"{carrier}{'0' * zeros}{number}") == designator(f"{carrier}{number}")


def test_the_arrival_day_is_the_arrival_airports_else_the_departures():
    both = Flight("LH400", Place("FRA", "2026-11-29T22:30"), Place("UCX", "2026-11-30T01:15"))
    assert arrival_day(both) == date(2026, 11, 30)
    departure_only = Flight("LH400", Place("FRA", "2026-11-29T22:30"), Place("UCX", None))
    assert arrival_day(departure_only) == date(2026, 11, 29)
    assert arrival_day(Flight("LH400", None, Place("UCX", None))) is None
    assert arrival_day(None) is None


def test_parts_missing_in_the_middle_and_at_the_end():
    assert parts_state([Part(1, False), Part(3, True)]).missing == (2,)
    assert parts_state([Part(1, False), Part(3, True)]).total == 3
    only_first = parts_state([Part(1, False)])
    assert (only_first.total, only_first.missing, only_first.last_received) == (None, (), False)
    assert not only_first.complete
    whole = parts_state([Part(2, True), Part(1, False), Part(1, False)])  # part 1 sent twice
    assert whole.complete and whole.received == (1, 2)
    assert parts_state([Part(1, True)]).complete
    assert parts_state([Part(None, True)]).received == ()  # a part number that could not be read counts nowhere


@given(st.lists(st.tuples(st.integers(1, 30), st.booleans()), max_size=20))
def test_every_part_up_to_the_highest_is_received_or_missing(sent):
    state = parts_state(Part(number, last) for number, last in sent)
    highest = max([number for number, _ in sent], default=0)
    assert sorted(state.received + state.missing) == list(range(1, highest + 1))
    assert state.complete == (state.total is not None and not state.missing)


def _traveller(**changes) -> Traveller:
    fields = dict(
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        sex="F",
        birth_date="1974-08-12",
        nationality="SWE",
        document=Document("P", "L898902C3", "SWE", "2031-04-15"),
        embarkation="FRA",
        debarkation="UCX",
        seat="23A",
        reservation="ABC123",
    )
    return Traveller(**{**fields, **changes})


def test_the_same_person_is_one_key_whatever_the_seat_case_or_spacing():
    key = identity_key(_traveller())
    assert identity_key(_traveller(seat="1A", reservation=None, segment=99, party="FL")) == key
    assert identity_key(_traveller(surname="eriksson", given_names=" Anna  Maria ")) == key
    assert identity_key(_traveller(document=Document("P", "l898 902c3", None, None))) == key
    assert identity_key(_traveller(nationality="swe")) == key


def test_germany_written_d_or_deu_is_one_nationality():
    assert identity_key(_traveller(nationality="D")) == identity_key(_traveller(nationality="DEU"))


def test_people_sharing_a_document_number_are_not_one_person():
    """Carriers' test data gives eight crew one passport number: eight people still."""
    assert identity_key(_traveller()) != identity_key(_traveller(surname="ANDERSSON"))
    assert identity_key(_traveller()) != identity_key(_traveller(birth_date="1974-08-13"))
    assert identity_key(_traveller()) != identity_key(_traveller(document=Document("P", "X1", "SWE", None)))


def test_flags_no_document_and_expired_by_the_day_of_arrival():
    assert traveller_flags(_traveller(document=None), date(2026, 1, 1)) == ["no_document"]
    assert traveller_flags(_traveller(document=Document("P", None, "SWE", None)), None) == ["no_document"]
    assert traveller_flags(_traveller(), date(2031, 4, 15)) == []  # valid on its last day
    assert traveller_flags(_traveller(), date(2031, 4, 16)) == ["document_expired"]
    assert traveller_flags(_traveller(), None) == []


def test_shared_documents_are_those_given_twice():
    shared = shared_documents([("L898902C3", "SWE"), ("l898 902c3", "swe"), ("X1", "SWE"), (None, "SWE"), ("", "")])
    assert shared == {("L898902C3", "SWE")}


def test_crew_and_passengers_by_the_list_else_by_the_party():
    assert traveller_kind("crew", "FL") == "crew"
    assert traveller_kind("passengers", "FM") == "passenger"
    assert traveller_kind(None, "FM") == "crew" and traveller_kind(None, "DDU") == "crew"
    assert traveller_kind(None, "FL") == "passenger" and traveller_kind(None, None) == "passenger"


def test_the_reader_says_where_each_traveller_stands_without_changing_the_contracts_json():
    manifest = read_paxlst(VALID, today=TODAY)
    assert [(t.segment, t.party) for t in manifest.travellers] == [(11, "FL"), (22, "FL")]
    assert manifest.reference == "42"
    assert "segment" not in manifest.as_dict()["travellers"][0] and "reference" not in manifest.as_dict()
    crew = read_paxlst(message(replaced("NAD+FL+++ERIKSSON:ANNA:MARIA", "NAD+FM+++ERIKSSON:ANNA:MARIA")), TODAY)
    assert crew.travellers[1].party == "FM"
