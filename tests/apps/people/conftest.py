"""Travellers scanned at a booth, as the search and the record find them."""

from datetime import date, timedelta

import pytest

from borderdesk.apps.inspection import services as inspection
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift


@pytest.fixture
def session(officer, port):
    return open_booth_on_shift(officer, port.booths.get(code="A01"))


@pytest.fixture
def scanned(officer, session):
    """Three people: two named alike, one admitted (a crossing and a stay), one referred."""
    amelia = inspection.start_inspection(
        officer,
        session,
        passport(surname="OKONKWO", given="AMELIA", number="NG4455667", nationality="NGA", born=date(1990, 2, 14)),
        today=TODAY,
    )
    inspection.decide(
        officer,
        amelia,
        kind="admit",
        idempotency_key="a",
        version=amelia.version,
        admit_until=TODAY + timedelta(days=10),
        departure_reason="visa seen in the passport",
        today=TODAY,
    )
    adaeze = inspection.start_inspection(
        officer,
        session,
        passport(surname="OKONKWO", given="ADAEZE", number="NG9988776", nationality="NGA", born=date(1985, 7, 1)),
        today=TODAY,
    )
    inspection.decide(
        officer, adaeze, kind="refer", remarks="funds unclear", idempotency_key="r", version=adaeze.version, today=TODAY
    )
    lindqvist = inspection.start_inspection(
        officer,
        session,
        passport(surname="LINDQVIST", given="SVEN", number="SE1122334", nationality="SWE", born=date(1990, 2, 14)),
        today=TODAY,
    )
    return {"amelia": amelia.traveller, "adaeze": adaeze.traveller, "sven": lindqvist.traveller}
