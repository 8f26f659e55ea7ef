"""Absences abroad from Borderdesk's own crossings (for the residence requirement of citizenship)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borderdesk.apps.posts.services import create_post
from borderdesk.apps.travellers.models import Crossing, CrossingOutcome, Direction
from borderdesk.apps.travellers.services import (
    absence_history,
    identify,
    merge_travellers,
    record_entry,
    record_exit,
    record_refusal,
    settle_open_stay,
)
from borderdesk.core.residence import Absence
from tests.actors import SETUP

FIELDS = {
    "document_code": "P",
    "issuing_state": "UTO",
    "document_number": "UT7654321",
    "surname": "MORE",
    "given_names": "THOMAS",
    "nationality": "SWE",
    "birth_date": "1980-02-07",
    "sex": "M",
    "expiry_date": "2032-01-01",
}


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def senior(make_user, port, other_port):
    return make_user("senior", "border_officer", "senior_officer", posts=[port.code, other_port.code])


@pytest.fixture
def person(officer):
    return identify(officer, FIELDS, post_code="TST")


def cross(person, post, direction, moment, outcome=None):
    """A crossing as the records hold it (also the inconsistent histories that the services would not write)."""
    return Crossing.objects.create(
        traveller=person.traveller,
        document=person.document,
        post=post,
        direction=direction,
        outcome=outcome or (CrossingOutcome.ADMITTED if direction == Direction.ENTRY else CrossingOutcome.EXITED),
        occurred_at=moment,
    )


def test_gaps_between_exits_and_the_next_entries_through_the_services(senior, port, other_port, person):
    def enter(day, post=port):
        record_entry(
            senior,
            traveller=person.traveller,
            document=person.document,
            post=post,
            admitted_until=None,
            class_of_admission="resident",
            occurred_at=noon(day),
        )

    def leave(day, post=port):
        record_exit(senior, traveller=person.traveller, document=person.document, post=post, occurred_at=noon(day))

    enter(date(2020, 3, 1))
    leave(date(2021, 1, 10))
    enter(date(2021, 2, 1), other_port)
    record_refusal(senior, traveller=person.traveller, document=person.document, post=port, detained=False)
    leave(date(2024, 9, 20), other_port)
    enter(date(2025, 1, 2))
    leave(date(2025, 5, 1))
    history = absence_history(person.traveller.pk)
    assert history.absences == (
        Absence(date(2021, 1, 10), date(2021, 2, 1)),
        Absence(date(2024, 9, 20), date(2025, 1, 2)),
        Absence(date(2025, 5, 1), None),
    )
    assert history.first_entry == date(2020, 3, 1)
    assert history.complete and history.problems == ()


def test_a_settled_exit_counts_as_leaving_on_the_day_of_the_evidence(senior, port, person):
    record_entry(
        senior,
        traveller=person.traveller,
        document=person.document,
        post=port,
        admitted_until=None,
        class_of_admission="resident",
        occurred_at=noon(date(2022, 1, 1)),
    )
    settle_open_stay(
        senior,
        traveller=person.traveller,
        document=person.document,
        post=port,
        left_on=date(2022, 6, 1),
        evidence="Entry stamp of another country",
        today=date(2022, 9, 1),
    )
    cross(person, port, Direction.ENTRY, noon(date(2022, 9, 1)))
    assert absence_history(person.traveller.pk).absences == (Absence(date(2022, 6, 1), date(2022, 9, 1)),)


def test_no_crossings_no_absences(person):
    history = absence_history(person.traveller.pk)
    assert history == type(history)((), None, ())
    assert history.complete


def test_the_day_is_the_day_at_the_post(db, person):
    auckland = create_post(
        SETUP, code="AKL", name="Far East Port", kind="airport", country="UTO", time_zone="Pacific/Auckland"
    )
    honolulu = create_post(
        SETUP, code="HNL", name="Far West Port", kind="airport", country="UTO", time_zone="Pacific/Honolulu"
    )
    cross(person, honolulu, Direction.ENTRY, datetime(2023, 1, 1, 12, tzinfo=UTC))
    # 2023-03-01 20:00 UTC is 2 March at Auckland (UTC+13), still 1 March at Honolulu (UTC-10).
    cross(person, auckland, Direction.EXIT, datetime(2023, 3, 1, 20, tzinfo=UTC))
    cross(person, honolulu, Direction.ENTRY, datetime(2023, 3, 10, 20, tzinfo=UTC))
    assert absence_history(person.traveller.pk).absences == (Absence(date(2023, 3, 2), date(2023, 3, 10)),)


def test_days_never_run_backwards_across_time_zones(db, person):
    auckland = create_post(
        SETUP, code="AKL", name="Far East Port", kind="airport", country="UTO", time_zone="Pacific/Auckland"
    )
    honolulu = create_post(
        SETUP, code="HNL", name="Far West Port", kind="airport", country="UTO", time_zone="Pacific/Honolulu"
    )
    cross(person, honolulu, Direction.ENTRY, datetime(2023, 1, 1, 12, tzinfo=UTC))
    # Left at Auckland on 2 March (local) and back at Honolulu an hour later, still 1 March there.
    cross(person, auckland, Direction.EXIT, datetime(2023, 3, 1, 20, tzinfo=UTC))
    cross(person, honolulu, Direction.ENTRY, datetime(2023, 3, 1, 21, tzinfo=UTC))
    assert absence_history(person.traveller.pk).absences == (Absence(date(2023, 3, 2), date(2023, 3, 2)),)


def test_two_entries_without_an_exit_are_a_problem_naming_both(port, other_port, person):
    cross(person, port, Direction.ENTRY, noon(date(2020, 1, 1)))
    cross(person, other_port, Direction.ENTRY, noon(date(2020, 6, 1)))
    cross(person, port, Direction.EXIT, noon(date(2020, 7, 1)))
    cross(person, port, Direction.ENTRY, noon(date(2020, 7, 20)))
    history = absence_history(person.traveller.pk)
    assert history.absences == (Absence(date(2020, 7, 1), date(2020, 7, 20)),)
    assert not history.complete
    (problem,) = history.problems
    assert (problem.code, problem.on) == ("entry_without_exit", date(2020, 6, 1))
    for words in ("TST", "OTH", "2020-01-01", "2020-06-01", "missing exit"):
        assert words in problem.message


def test_two_exits_after_the_first_entry_are_a_problem(port, other_port, person):
    cross(person, port, Direction.EXIT, noon(date(2019, 5, 1)))  # before the first entry: records began later
    cross(person, port, Direction.EXIT, noon(date(2019, 8, 1)))
    cross(person, port, Direction.ENTRY, noon(date(2019, 9, 1)))
    cross(person, port, Direction.EXIT, noon(date(2020, 1, 1)))
    cross(person, other_port, Direction.EXIT, noon(date(2020, 4, 1)))
    history = absence_history(person.traveller.pk)
    assert history.first_entry == date(2019, 9, 1)
    assert history.absences == (Absence(date(2019, 8, 1), date(2019, 9, 1)), Absence(date(2020, 4, 1), None))
    (problem,) = history.problems
    assert (problem.code, problem.on) == ("exit_without_entry", date(2020, 4, 1))
    assert "missing entry" in problem.message and "OTH" in problem.message


def test_refused_and_detained_arrivals_are_no_entry(port, person):
    cross(person, port, Direction.ENTRY, noon(date(2021, 1, 1)))
    cross(person, port, Direction.EXIT, noon(date(2021, 2, 1)))
    cross(person, port, Direction.ENTRY, noon(date(2021, 2, 10)), CrossingOutcome.REFUSED)
    cross(person, port, Direction.ENTRY, noon(date(2021, 2, 11)), CrossingOutcome.DETAINED)
    history = absence_history(person.traveller.pk)
    assert history.absences == (Absence(date(2021, 2, 1), None),) and history.complete


def test_a_merged_record_counts_and_other_travellers_do_not(officer, port, person):
    duplicate = identify(officer, {**FIELDS, "document_number": "UT0000001"}, post_code="TST")
    stranger = identify(officer, {**FIELDS, "document_number": "ZZ0000002", "surname": "OTHER"}, post_code="TST")
    cross(person, port, Direction.ENTRY, noon(date(2020, 1, 1)))
    cross(duplicate, port, Direction.EXIT, noon(date(2020, 5, 1)))
    cross(stranger, port, Direction.ENTRY, noon(date(2020, 5, 10)))
    cross(person, port, Direction.ENTRY, noon(date(2020, 6, 1)))
    merge_travellers(officer, person.traveller, duplicate.traveller, reason="same person", post_code="TST")
    assert absence_history(person.traveller.pk).absences == (Absence(date(2020, 5, 1), date(2020, 6, 1)),)
    # A crossing still on the merged record (written before the merge moved crossings) counts too.
    Crossing.objects.filter(occurred_at=noon(date(2020, 5, 1))).update(traveller=duplicate.traveller)
    assert absence_history(person.traveller.pk).absences == (Absence(date(2020, 5, 1), date(2020, 6, 1)),)
    assert absence_history(stranger.traveller.pk).first_entry == date(2020, 5, 10)


def test_one_query_whatever_the_length_of_the_history(port, other_port, person):
    for year in range(2000, 2025):
        cross(person, port if year % 2 else other_port, Direction.EXIT, noon(date(year, 3, 1)))
        cross(person, other_port if year % 2 else port, Direction.ENTRY, noon(date(year, 4, 1)))
    with CaptureQueriesContext(connection) as queries:
        history = absence_history(person.traveller.pk)
    assert len(queries) == 1
    assert len(history.absences) == 25 and history.complete
