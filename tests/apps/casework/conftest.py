"""A consulate (UTB, in Germany: German public holidays) and an office (UTO, Utopia's own), their officers and a
senior officer at both, and a traveller to apply: the world of the casework tests."""

from datetime import date

import pytest

from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from tests.actors import SETUP

LODGED_ON = date(2026, 3, 2)  # a Monday
TOURIST = {
    "purpose": "tourism",
    "arrival_date": "2026-04-01",
    "departure_date": "2026-04-15",
    "entries": "single",
    "previous_visa": False,
}


@pytest.fixture
def embassy(db):
    return create_post(
        SETUP, code="UTB", name="Embassy in Berlin", kind="embassy", country="DEU", time_zone="Europe/Berlin"
    )


@pytest.fixture
def office(db):
    return create_post(
        SETUP, code="UTO1", name="Amaurot office", kind="inland_office", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def consul(make_user, embassy):
    return make_user("consul", "consular_officer", posts=[embassy.code])


@pytest.fixture
def caseworker(make_user, office):
    return make_user("caseworker", "caseworker", posts=[office.code])


@pytest.fixture
def case_senior(make_user, embassy, office):
    return make_user("casesenior", "senior_officer", posts=[embassy.code, office.code])


def make_traveller(surname="OKAFOR", given="CHINEDU", nationality="NGA", number="A07654321", born=date(1990, 5, 1)):
    traveller = Traveller.objects.create(surname=surname, given_names=given, nationality=nationality, birth_date=born)
    document = HeldDocument.objects.create(
        traveller=traveller,
        document_code="P",
        category="P",
        issuing_state=nationality,
        document_number=number,
        expiry_date=date(2031, 1, 1),
    )
    return traveller, document


@pytest.fixture
def applicant(db):
    return make_traveller()


@pytest.fixture
def visa_case(consul, embassy, applicant):
    traveller, document = applicant
    return lodge(
        consul,
        post=embassy,
        kind="short_stay_visa",
        traveller=traveller,
        document=document,
        answers=TOURIST,
        lodged_on=LODGED_ON,
    )
