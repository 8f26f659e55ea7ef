"""The booth's panel shows a scanned traveller's manifest match (a flight landing at the post today) and any
pre-arrival alert (#18 item 3)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.presenters import _manifest_match
from borderdesk.apps.manifests.screening import SCREENER, screen_message
from borderdesk.apps.manifests.services import receive_manifest, set_carrier_codes
from tests.actors import SETUP
from tests.apps.manifests.conftest import landing, paxlst

from .conftest import TODAY, passport

pytestmark = pytest.mark.django_db

SCANNED = dict(surname="SRISAI", given="NARIN", number="TH1234567", nationality="THA", born=date(1988, 6, 1))


@pytest.fixture
def carrier(make_user):
    user = make_user("lufthansa", "carrier")
    set_carrier_codes(SETUP, "lufthansa", ["LH"])
    user.forget_cached_grants()
    return user


def land(carrier, port, travellers, *, arrive="TST"):
    at = landing(port, hours=0)  # now: today on the post's clock at any hour
    received = receive_manifest(carrier, paxlst(at=at, travellers=travellers, arrive=arrive), screen=False)
    screen_message(SCREENER, received.message.pk)
    return received


def test_the_panel_shows_the_flight_and_seat_and_the_pre_arrival_alert(
    officer, session, port, carrier, client_for, monkeypatch, admin_user
):
    from borderdesk.apps.travel_documents import services as documents
    from borderdesk.core.documents import LostStolenRegister

    monkeypatch.setattr(documents, "_cached", (None, LostStolenRegister()))
    documents.import_lost_stolen(
        admin_user,
        b"document_number,issuing_state,document_type,reported_on,reason\nTH1234567,THA,P,2025-01-02,stolen\n",
        source_name="register.csv",
    )
    land(carrier, port, [("SRISAI", "NARIN", "880601", "THA", "TH1234567")])
    inspection = services.start_inspection(officer, session, passport(**SCANNED), today=TODAY)
    page = client_for(officer).get(f"/inspections/{inspection.pk}/").content.decode()
    assert 'data-testid="manifest-match"' in page and "LH400" in page and "document number and nationality" in page
    assert 'data-testid="prearrival-lost_stolen_document"' in page


def test_a_match_by_name_and_birth_date_when_the_document_differs(officer, session, port, carrier):
    land(carrier, port, [("SRISAI", "NARIN", "880601", "THA", "XX0000001")])
    inspection = services.start_inspection(officer, session, passport(**SCANNED), today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        match = _manifest_match(inspection)
    assert match is not None and match.by == "name" and match.alerts == []
    assert len(queries) == 1


def test_no_match_for_another_posts_flight_or_another_person(officer, session, port, other_port, carrier):
    land(carrier, port, [("ERIKSSON", "ANNA", "740812", "SWE", "L898902C3")])
    land(carrier, other_port, [("SRISAI", "NARIN", "880601", "THA", "TH1234567")], arrive=other_port.code)
    inspection = services.start_inspection(officer, session, passport(**SCANNED), today=TODAY)
    assert _manifest_match(inspection) is None
