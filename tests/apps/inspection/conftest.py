from datetime import date

import pytest

from borderdesk.apps.posts.services import create_booth
from borderdesk.core.documents import MrzFields, generate_mrz
from tests.actors import SETUP
from tests.rosters import open_booth_on_shift

TODAY = date.today()


def passport(
    surname="SRISAI",
    given="NARIN",
    number="TH1234567",
    nationality="THA",
    born=date(1988, 6, 1),
    sex="M",
    expiry=date(2031, 6, 1),
) -> str:
    fields = MrzFields(
        document_code="P",
        issuing_state=nationality,
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=nationality,
        birth_date=born,
        sex=sex,
        expiry_date=expiry,
    )
    return "\n".join(generate_mrz("TD3", fields))


@pytest.fixture
def exit_booth(port):
    return create_booth(SETUP, port, code="D01", direction="exit", lane="all")


@pytest.fixture
def senior(make_user, port):
    return make_user("senior", "senior_officer", posts=[port.code])


@pytest.fixture
def second_senior(make_user, port):
    return make_user("senior2", "senior_officer", posts=[port.code])


@pytest.fixture
def session(officer, port):
    return open_booth_on_shift(officer, port.booths.get(code="A01"))


@pytest.fixture
def exit_session(make_user, port, exit_booth):
    leaving_officer = make_user("exitofficer", "border_officer", posts=[port.code])
    return open_booth_on_shift(leaving_officer, exit_booth)
