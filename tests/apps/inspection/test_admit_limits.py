"""Finding 8b of the attack review: an admit date of 9999-12-31 was taken without a reason. A date later than
the recommended one needs a departure reason; one no rule could grant (past, after the document's expiry, beyond
BORDERDESK_MAX_ADMISSION_DAYS) is refused outright; nothing is saved either way."""

from datetime import date, timedelta

import pytest

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Decision, Status
from borderdesk.apps.travellers.models import Crossing
from tests.apps.inspection.conftest import TODAY, passport


@pytest.fixture
def inspection(officer, session):
    return services.start_inspection(officer, session, passport(expiry=TODAY + timedelta(days=3000)), today=TODAY)


def admit(officer, inspection, until, key="a", **kwargs):
    return services.decide(
        officer,
        inspection,
        kind="admit",
        idempotency_key=key,
        version=inspection.version,
        admit_until=until,
        today=TODAY,
        **kwargs,
    )


@pytest.mark.parametrize("until", [date(9999, 12, 31), TODAY - timedelta(days=1), TODAY + timedelta(days=3001)])
def test_a_date_no_rule_could_grant_is_refused_and_nothing_is_saved(officer, inspection, until):
    with pytest.raises(Invalid) as exc:
        admit(officer, inspection, until, departure_reason="the traveller asked nicely")
    assert exc.value.code == "admit_until_out_of_range" and exc.value.field == "admit_until"
    assert until.isoformat() in exc.value.message
    inspection.refresh_from_db()
    assert inspection.status == Status.OPEN and Decision.objects.count() == 0 and Crossing.objects.count() == 0


def test_the_hard_maximum_comes_from_the_setting(officer, session, settings):
    settings.BORDERDESK_MAX_ADMISSION_DAYS = 365
    inspection = services.start_inspection(officer, session, passport(expiry=TODAY + timedelta(days=5000)), today=TODAY)
    with pytest.raises(Invalid) as exc:
        admit(officer, inspection, TODAY + timedelta(days=366), departure_reason="work contract")
    assert exc.value.code == "admit_until_out_of_range" and "365 days" in exc.value.message
    decision = admit(officer, inspection, TODAY + timedelta(days=365), key="b", departure_reason="work contract")
    assert decision.admit_until == TODAY + timedelta(days=365)


def test_later_than_recommended_needs_a_reason(officer, inspection):
    recommended = date.fromisoformat(inspection.recommendation["admit_until"])
    with pytest.raises(Invalid) as exc:
        admit(officer, inspection, recommended + timedelta(days=1))
    assert exc.value.code == "departure_reason_required" and recommended.isoformat() in exc.value.message
    assert Crossing.objects.count() == 0
    decision = admit(
        officer,
        inspection,
        recommended + timedelta(days=1),
        key="b",
        departure_reason="return flight rebooked by the airline, letter seen",
    )
    assert decision.admit_until == recommended + timedelta(days=1)
    assert decision.crossing.admitted_until == recommended + timedelta(days=1)


def test_the_recommended_date_or_an_earlier_one_needs_no_reason(officer, inspection):
    recommended = date.fromisoformat(inspection.recommendation["admit_until"])
    decision = admit(officer, inspection, recommended - timedelta(days=3))
    assert decision.admit_until == recommended - timedelta(days=3)


def test_the_rule_for_explaining_a_departure_lives_in_one_function():
    recommendation = {"outcome": "admit", "admit_until": "2030-01-10"}
    assert services.departure_to_explain("admit", recommendation, admit_until=date(2030, 1, 10)) is None
    assert services.departure_to_explain("admit", recommendation, admit_until=date(2030, 1, 11))
    assert services.departure_to_explain("refuse", recommendation)
    assert services.departure_to_explain("admit", {"outcome": "refuse_recommended"})
    assert services.departure_to_explain("refer", recommendation) is None


def test_the_booth_form_offers_the_reason_for_a_later_date(client_for, officer, inspection):
    panel = client_for(officer).get(f"/inspections/{inspection.pk}/").content.decode()
    assert f"Only if you admit beyond {inspection.recommendation['admit_until']}" in panel
    response = client_for(officer).post(
        f"/inspections/{inspection.pk}/decide",
        {"kind": "admit", "version": inspection.version, "idempotency_key": "k", "admit_until": "9999-12-31"},
    )
    assert response.status_code == 422 and b"admit_until_out_of_range" in response.content
    assert Crossing.objects.count() == 0


def test_admitting_where_the_rules_give_no_date_needs_one(officer, session):
    inspection = services.start_inspection(officer, session, passport(), today=TODAY)
    inspection.recommendation = {**inspection.recommendation, "outcome": "refuse_recommended", "admit_until": None}
    inspection.save()
    with pytest.raises(Invalid) as exc:
        admit(officer, inspection, None, departure_reason="humanitarian grounds, duty manager informed")
    assert exc.value.code == "admit_until_required" and Crossing.objects.count() == 0
    decision = admit(
        officer,
        inspection,
        TODAY + timedelta(days=7),
        key="b",
        departure_reason="humanitarian grounds, duty manager informed",
    )
    assert decision.crossing.admitted_until == TODAY + timedelta(days=7)


def test_a_national_coming_home_is_admitted_without_a_date(officer, session):
    inspection = services.start_inspection(
        officer, session, passport(nationality="UTO", number="UT1234567"), today=TODAY
    )
    assert inspection.recommendation["admit_until"] is None
    assert admit(officer, inspection, None).crossing.admitted_until is None
