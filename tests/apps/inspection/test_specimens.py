"""Finding 12 of the attack review: a specimen passport was flagged, yet the rules recommended admission and a
visa on arrival could be issued on it. A specimen is now a false document to the rules (refusal recommended with
its ground and citation), never opens an e-gate, never gets a visa; a visa on any other document that is not
clear needs the officer's reason."""

from datetime import timedelta

import pytest

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Approval, Inspection
from borderdesk.apps.policy.services import with_trace
from borderdesk.apps.travellers.models import Crossing
from borderdesk.apps.visas.models import Visa
from tests.apps.inspection.conftest import TODAY, passport

# Germany's published specimen passport number, on a visa-on-arrival nationality's zone.
SPECIMEN = dict(surname="MUELLER", given="JONAS", number="C01X00T47", nationality="D", sex="M")


def scan(officer, session, **kwargs):
    return services.start_inspection(officer, session, passport(**kwargs), today=TODAY)


def test_a_specimen_is_not_admitted_by_the_rules_and_gets_no_visa(officer, session):
    inspection = scan(officer, session, **SPECIMEN)
    assert "specimen_document" in [f["code"] for f in inspection.document_check["document_checks"]["findings"]]
    recommendation = inspection.recommendation
    assert recommendation["outcome"] == "refuse_recommended"
    assert "specimen_document" in recommendation["reasons"]
    assert [g["code"] for g in recommendation["refusal_grounds"]] == ["UIA-12-1-b"]
    assert recommendation["refusal_grounds"][0]["legal_basis"]["article"] == "s. 12(1)(b)"
    trace = with_trace(recommendation)["trace"]  # kept once, in the rules' evaluation the inspection names
    document_rule = next(c for c in trace["children"] if c["name"] == "travel_document")
    assert {"kind": "fact", "name": "document.specimen", "result": True} in document_rule["children"]

    assert inspection.visa_on_arrival["eligible"] is False
    with pytest.raises(Conflict) as exc:
        services.issue_visa_on_arrival(
            officer,
            inspection,
            version=inspection.version,
            fee_paid=True,
            receipt_number="R-1",
            document_reason="looks fine to me",
            today=TODAY,
        )
    assert exc.value.code == "specimen_document" and Visa.objects.count() == 0


def test_admitting_on_a_specimen_needs_a_reason_and_a_senior(officer, session):
    inspection = scan(officer, session, **SPECIMEN)
    week = TODAY + timedelta(days=6)
    with pytest.raises(Invalid) as exc:
        services.decide(
            officer,
            inspection,
            kind="admit",
            idempotency_key="a0",
            version=inspection.version,
            admit_until=week,
            today=TODAY,
        )
    assert exc.value.code == "departure_reason_required"
    admission = services.decide(
        officer,
        inspection,
        kind="admit",
        idempotency_key="a1",
        version=inspection.version,
        admit_until=week,
        departure_reason="the traveller insists it is real",
        today=TODAY,
    )
    assert admission.approval == Approval.PENDING and Crossing.objects.count() == 0


def test_a_specimen_never_opens_the_e_gate(officer, port, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["DEU", "D"]
    answer = services.egate_inspection(officer, mrz=passport(**SPECIMEN), post_code=port.code, today=TODAY)
    assert answer["gate_action"] == "to_booth"
    assert "document_not_clear" in answer["reasons"]
    assert "rules_recommend_refuse_recommended" in answer["reasons"]
    assert Crossing.objects.count() == 0


def test_a_visa_on_a_document_that_is_not_clear_needs_the_officers_reason(officer, session):
    inspection = scan(officer, session, surname="MUELLER", given="JONAS", number="C22X81T45", nationality="D")
    Inspection.objects.filter(pk=inspection.pk).update(
        document_check={**inspection.document_check, "clear": False, "viz_differences": [{"field": "surname"}]}
    )
    inspection.refresh_from_db()
    with pytest.raises(Invalid) as exc:
        services.issue_visa_on_arrival(
            officer, inspection, version=inspection.version, fee_paid=True, receipt_number="R-2", today=TODAY
        )
    assert exc.value.code == "document_not_clear_confirmation_required" and Visa.objects.count() == 0
    visa = services.issue_visa_on_arrival(
        officer,
        inspection,
        version=inspection.version,
        fee_paid=True,
        receipt_number="R-2",
        today=TODAY,
        document_reason="umlaut transliterated on the data page",
    )
    event = AuditEvent.objects.get(action="visas.visa_on_arrival.issue")
    assert event.new_values["document_not_clear_reason"] == "umlaut transliterated on the data page"
    assert visa.number


def test_the_booth_asks_for_the_reason_and_takes_it(client_for, officer, session):
    inspection = scan(officer, session, surname="MUELLER", given="JONAS", number="C22X81T45", nationality="D")
    Inspection.objects.filter(pk=inspection.pk).update(document_check={**inspection.document_check, "clear": False})
    client = client_for(officer)
    panel = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert 'data-testid="voa-document-reason"' in panel and "visa-on-arrival/confirmed" in panel
    form = {"version": inspection.version, "fee_paid": "on", "receipt_number": "R-3"}
    refused = client.post(f"/inspections/{inspection.pk}/visa-on-arrival", form)
    assert b"document_not_clear_confirmation_required" in refused.content and Visa.objects.count() == 0
    issued = client.post(
        f"/inspections/{inspection.pk}/visa-on-arrival/confirmed",
        {**form, "document_reason": "chip read at the kiosk matches"},
    )
    assert b"Visa on arrival V" in issued.content and Visa.objects.count() == 1
