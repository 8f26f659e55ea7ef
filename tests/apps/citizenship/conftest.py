"""An immigration office (UTO1) with a caseworker and a senior officer, an airport (TST) whose border officer
records the crossings, and applicants for naturalisation whose crossings say how long they were away."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.casework.models import CheckRun
from borderdesk.apps.casework.services.cases import act, load
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.travellers.models import Crossing
from borderdesk.apps.travellers.services import record_entry, record_exit
from tests.actors import SETUP
from tests.apps.casework.conftest import make_traveller

TODAY = timezone.localdate()
RESIDENT_SINCE = TODAY - timedelta(days=6 * 365)


def answers(resident_since: date = RESIDENT_SINCE) -> dict:
    return {
        "resident_since": resident_since.isoformat(),
        "current_permit_number": "UTO123456",
        "marital_status": "single",
        "occupation": "nurse",
        "other_nationalities": "NGA",
        "keeps_other_nationality": True,
    }


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def crossed(officer, port, traveller, document, *, since: date, trips=()) -> None:
    """Entered on ``since``; then each trip abroad (left, returned); ``returned`` None: still abroad."""
    common = {"traveller": traveller, "document": document, "post": port}
    record_entry(officer, **common, admitted_until=None, class_of_admission="resident", occurred_at=at(since))
    for left, returned in trips:
        record_exit(officer, **common, occurred_at=at(left))
        if returned is not None:
            record_entry(
                officer, **common, admitted_until=None, class_of_admission="resident", occurred_at=at(returned)
            )


def to_assessment(officer, case):
    for action in ("find_admissible", "start_checks", "checks_done"):
        case = act(officer, case.reference, action)
    CheckRun.objects.create(
        application=case, stage="before_decision", run_at=timezone.now(), run_by=officer, clear=True, results={}
    )
    return load(case.reference)


@pytest.fixture
def office(db):
    return create_post(
        SETUP, code="UTO1", name="Amaurot office", kind="inland_office", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def other_office(db):
    return create_post(
        SETUP, code="UTO2", name="Northgate office", kind="inland_office", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def caseworker(make_user, office):
    return make_user("caseworker", "caseworker", posts=[office.code])


@pytest.fixture
def stranger(make_user, other_office):
    return make_user("elsewhere", "caseworker", posts=[other_office.code])


@pytest.fixture
def case_senior(make_user, office):
    return make_user("casesenior", "senior_officer", posts=[office.code])


@pytest.fixture
def applicant(db):
    return make_traveller()


@pytest.fixture
def make_case(caseworker, office, applicant, officer, port):
    def make(trips=(), *, since: date = RESIDENT_SINCE, resident_since: date = RESIDENT_SINCE, cross: bool = True):
        traveller, document = applicant
        if cross:
            crossed(officer, port, traveller, document, since=since, trips=trips)
        case = lodge(
            caseworker,
            post=office,
            kind="naturalisation",
            traveller=traveller,
            document=document,
            answers=answers(resident_since),
        )
        return to_assessment(caseworker, case)

    return make


def entry_without_exit(port, traveller, document, on: date) -> Crossing:
    """An entry recorded while the traveller was on record as in the country (an exit never recorded: a land
    border without exit control), as an import of old records would leave it."""
    return Crossing.objects.create(
        traveller=traveller, document=document, post=port, direction="entry", outcome="admitted", occurred_at=at(on)
    )
