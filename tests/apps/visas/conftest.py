from datetime import timedelta

import pytest

from borderdesk.apps.inspection import services as booth
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.visas.services import record_visa
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport, senior, session  # noqa: F401 (fixtures used here)

NIGERIAN = {"surname": "OKAFOR", "given": "CHINEDU", "number": "A07654321", "nationality": "NGA"}
GERMAN = {"surname": "MUELLER", "given": "JONAS", "number": "C22X81T45", "nationality": "D"}


@pytest.fixture
def voa(officer, session):
    """A visa on arrival issued at the booth of TST to a German, still being inspected: (inspection, visa)."""
    inspection = booth.start_inspection(officer, session, passport(**GERMAN), today=TODAY)
    visa = booth.issue_visa_on_arrival(
        officer, inspection, version=inspection.version, fee_paid=True, receipt_number="R-1", today=TODAY
    )
    inspection.refresh_from_db()
    return inspection, visa


@pytest.fixture
def e_visa(officer, session):
    """A Nigerian at the booth of TST, and a multiple-entry e-visa on record for them (the e-visa system put it
    on record: no issuing post): (inspection, visa)."""
    inspection = booth.start_inspection(officer, session, passport(**NIGERIAN), today=TODAY)
    visa = record_visa(
        SETUP,
        traveller=inspection.traveller,
        document=inspection.document,
        number="EV2026001",
        kind="e_visa",
        valid_from=TODAY - timedelta(days=10),
        valid_until=TODAY + timedelta(days=80),
        duration_days=30,
    )
    return inspection, visa


@pytest.fixture
def consulate(db):
    return create_post(SETUP, code="CON", name="Embassy in Berlin", kind="embassy", country="DEU", time_zone="UTC")


@pytest.fixture
def consul(make_user, consulate):
    return make_user("consul", "consular_officer", posts=[consulate.code])


@pytest.fixture
def elsewhere(make_user, other_port):
    """A senior officer (every border permission) of another post."""
    return make_user("elsewhere", "senior_officer", posts=[other_port.code])
