"""Evidence asked of the applicant: the decision deadline stops while it is owed and counts again, the paused days
added, when it comes (a last day on a public holiday of the post's country moved to the next working day); a late
answer is taken and flagged; what is refused is refused whole; the case's page asks and records it."""

from datetime import date, timedelta

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.models import Application, CaseEvent, EvidenceRequest
from borderdesk.apps.casework.services.cases import act
from borderdesk.apps.casework.services.evidence import evidence_of, receive_evidence, request_evidence
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.core.audit.actions import AuditAction
from tests.apps.casework.conftest import make_traveller

ASKED_ON = date(2026, 3, 5)  # a Thursday, three days after the visa case was lodged (due 2026-03-17)


def _checks_running(actor, case) -> Application:
    act(actor, case.reference, "find_admissible", version=1)
    act(actor, case.reference, "start_checks", version=2)
    return Application.objects.get(pk=case.pk)


def _ask(actor, case, *, today=ASKED_ON, due_on=date(2026, 3, 20), documents=("photograph",), message=""):
    case.refresh_from_db()
    return request_evidence(
        actor,
        case.reference,
        version=case.version,
        documents=list(documents),
        due_on=due_on,
        message=message,
        today=today,
    )


def test_the_deadline_stops_while_evidence_is_owed_and_moves_by_the_paused_days(consul, visa_case):
    case = _checks_running(consul, visa_case)
    assert case.decision_due == date(2026, 3, 17)
    request = _ask(consul, case, documents=["photograph", "accommodation", "photograph"], message="Hotel booking")
    case.refresh_from_db()
    assert case.state == "evidence_requested" and case.decision_due is None and case.version == 4
    assert case.evidence_due == request.due_on  # the waiting queue's order
    assert request.documents == ["photograph", "accommodation"] and request.requested_on == ASKED_ON
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_EVIDENCE_REQUEST, post_code="UTB").count() == 1
    line = CaseEvent.objects.filter(application=case, kind="evidence").get()
    assert "2026-03-20" in line.text and "Photograph" in line.text

    received = receive_evidence(
        consul, case.reference, version=4, received_on=date(2026, 3, 12), today=date(2026, 3, 12)
    )
    case.refresh_from_db()
    assert case.state == "assessment" and received.answered_on == date(2026, 3, 12) and not received.answered_late
    assert case.decision_due == date(2026, 3, 24)  # 17 March + the 7 days it stood still
    assert case.evidence_due is None
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_EVIDENCE_RECEIVE).count() == 1
    assert CaseEvent.objects.filter(application=case, kind="evidence").last().details["paused_days"] == 7


def test_a_late_answer_is_taken_flagged_and_a_deadline_on_a_german_holiday_moves_on(consul, visa_case):
    case = _checks_running(consul, visa_case)
    _ask(consul, case)
    late = receive_evidence(consul, case.reference, version=4, received_on=date(2026, 3, 22), today=date(2026, 3, 23))
    case.refresh_from_db()
    assert late.answered_late and case.state == "assessment"
    # 17 March + 17 paused days is Good Friday, 3 April 2026; then a weekend and Easter Monday: Tuesday 7 April.
    assert case.decision_due == date(2026, 4, 7)
    assert "2 days late" in CaseEvent.objects.filter(application=case, kind="evidence").last().text


def test_an_offices_deadline_skips_utopias_own_holidays(caseworker, office):
    traveller, document = make_traveller()
    case = lodge(
        caseworker,
        post=office,
        kind="permanent_residence",
        traveller=traveller,
        document=document,
        answers={
            "resident_since": "2020-01-01",
            "current_permit_number": "RP123",
            "absence_days": 10,
            "language_level": "b1",
            "income_source": "employment",
        },
        lodged_on=date(2026, 1, 20),
    )
    assert case.decision_due == date(2026, 7, 20)  # 180 calendar days: Sunday 19 July, so Monday
    case = _checks_running(caseworker, case)
    _ask(caseworker, case, today=date(2026, 2, 2), due_on=date(2026, 2, 27), documents=["travel_document_copy"])
    receive_evidence(caseworker, case.reference, version=4, received_on=date(2026, 2, 7), today=date(2026, 2, 9))
    case.refresh_from_db()
    # 5 paused days: Friday 24 July, the Day of the Island in Utopia (a working day in Germany), so Monday 27 July.
    assert case.decision_due == date(2026, 7, 27)


def test_a_second_request_after_assessment_pauses_again_and_both_pauses_count(consul, visa_case):
    case = _checks_running(consul, visa_case)
    _ask(consul, case)
    receive_evidence(consul, case.reference, version=4, received_on=date(2026, 3, 10), today=date(2026, 3, 10))
    case.refresh_from_db()
    assert case.decision_due == date(2026, 3, 23)  # 5 days paused
    _ask(consul, case, today=date(2026, 3, 16), due_on=date(2026, 3, 30), documents=[], message="Proof of funds")
    case.refresh_from_db()
    assert case.decision_due is None and EvidenceRequest.objects.filter(answered_on__isnull=True).count() == 1
    receive_evidence(consul, case.reference, version=6, received_on=date(2026, 3, 18), today=date(2026, 3, 18))
    case.refresh_from_db()
    assert case.decision_due == date(2026, 3, 24)  # and 2 more: 7 in all


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"due_on": ASKED_ON}, "due_date_invalid"),
        ({"due_on": ASKED_ON - timedelta(days=1)}, "due_date_invalid"),
        ({"due_on": ASKED_ON + timedelta(days=91)}, "due_date_invalid"),
        ({"due_on": "2026-03-20"}, "invalid_date"),
        ({"due_on": None}, "invalid_date"),
        ({"documents": ["no_such_document"]}, "unknown_document"),
        ({"documents": ["photograph", "x" * 10_000]}, "unknown_document"),
        ({"documents": [], "message": "   "}, "evidence_empty"),
        ({"message": "x" * 5001}, "message_too_long"),
        ({"version": 1}, "case_changed"),
        ({"version": "abc"}, "invalid_version"),
    ],
)
def test_a_bad_request_is_refused_and_nothing_is_saved(consul, visa_case, change, code):
    case = _checks_running(consul, visa_case)
    values = {"version": 3, "documents": ["photograph"], "due_on": date(2026, 3, 20), "message": "", **change}
    with pytest.raises((Invalid, Conflict)) as exc:
        request_evidence(consul, case.reference, today=ASKED_ON, **values)
    assert exc.value.code == code
    case.refresh_from_db()
    assert EvidenceRequest.objects.count() == 0 and case.state == "checks_running" and case.version == 3
    assert case.decision_due == date(2026, 3, 17)


def test_evidence_is_asked_only_where_the_states_allow_it_and_received_only_when_owed(consul, visa_case):
    with pytest.raises(Invalid) as exc:
        _ask(consul, visa_case)  # lodged: not yet
    assert exc.value.code == "transition_not_allowed" and "find_admissible" in exc.value.message
    case = _checks_running(consul, visa_case)
    with pytest.raises(Invalid) as exc:
        receive_evidence(consul, case.reference, version=3, today=ASKED_ON)
    assert exc.value.code == "transition_not_allowed"
    _ask(consul, case)
    with pytest.raises(Invalid) as exc:
        _ask(consul, case)  # asked already
    assert exc.value.code == "transition_not_allowed"
    for received_on, today in [(date(2026, 3, 4), date(2026, 3, 6)), (date(2026, 3, 7), date(2026, 3, 6))]:
        with pytest.raises(Invalid) as exc:  # before it was asked; in the future
            receive_evidence(consul, case.reference, version=4, received_on=received_on, today=today)
        assert exc.value.code == "received_on_invalid"
    assert EvidenceRequest.objects.get().answered_on is None
    # Received twice (a replayed form): the second is refused from the version it saw.
    receive_evidence(consul, case.reference, version=4, today=date(2026, 3, 6))
    with pytest.raises(Conflict) as exc:
        receive_evidence(consul, case.reference, version=4, today=date(2026, 3, 6))
    assert exc.value.code == "case_changed"


def test_another_posts_officer_can_neither_ask_nor_read(caseworker, consul, visa_case):
    case = _checks_running(consul, visa_case)
    with pytest.raises(PermissionDenied):
        _ask(caseworker, case)
    with pytest.raises(PermissionDenied):
        evidence_of(caseworker, case.reference)
    with pytest.raises(NotFound):
        evidence_of(consul, "UTB-2026-999999")
    assert EvidenceRequest.objects.count() == 0


def test_reading_the_evidence_is_a_logged_read(consul, visa_case):
    case = _checks_running(consul, visa_case)
    _ask(consul, case)
    record = evidence_of(consul, case.reference)
    assert record.open is not None and record.requests == [record.open]
    assert {d.code for d in record.documents} >= {"photograph", "accommodation"}
    assert AccessEvent.objects.filter(purpose="case evidence", detail=case.reference).exists()


def test_the_case_page_asks_for_evidence_and_records_it_came(client_for, consul, visa_case):
    case = _checks_running(consul, visa_case)
    client = client_for(consul)
    page = client.get(f"/casework/{case.reference}/").content.decode()
    assert 'data-testid="evidence-request-form"' in page and 'value="travel_medical_insurance"' in page
    today = date.today()
    bad = client.post(
        f"/casework/{case.reference}/evidence/request",
        {"version": "3", "documents": ["photograph"], "due_on": "tomorrow", "message": "Bring the hotel booking"},
    )
    body = bad.content.decode()
    assert bad.status_code == 422 and "invalid_date" in body
    assert "Bring the hotel booking" in body and 'value="photograph" checked' in body  # nothing typed is lost
    due = today + timedelta(days=14)
    answer = client.post(
        f"/casework/{case.reference}/evidence/request",
        {"version": "3", "documents": ["photograph"], "due_on": due.isoformat(), "message": "Bring it"},
    )
    assert answer.status_code == 302
    page = client.get(f"/casework/{case.reference}/").content.decode()
    assert 'data-testid="evidence-open"' in page and due.isoformat() in page and "Deadline stopped" in page
    assert 'data-testid="evidence-receive-form"' in page and 'data-testid="evidence-request-form"' not in page
    answer = client.post(f"/casework/{case.reference}/evidence/received", {"version": "4", "received_on": ""})
    assert answer.status_code == 302 and Application.objects.get(pk=case.pk).state == "assessment"
    assert EvidenceRequest.objects.get().answered_on is not None


def test_a_late_answer_shows_on_the_page(client_for, consul, visa_case):
    case = _checks_running(consul, visa_case)
    _ask(consul, case)
    receive_evidence(consul, case.reference, version=4, received_on=date(2026, 3, 22), today=date(2026, 3, 23))
    page = client_for(consul).get(f"/casework/{case.reference}/").content.decode()
    assert 'data-testid="evidence-late"' in page


def test_another_posts_officer_gets_only_the_refusal_from_the_forms(client_for, caseworker, consul, visa_case):
    case = _checks_running(consul, visa_case)
    answer = client_for(caseworker).post(
        f"/casework/{case.reference}/evidence/request",
        {"version": "3", "documents": ["photograph"], "due_on": (date.today() + timedelta(days=5)).isoformat()},
    )
    assert answer.status_code == 403 and "OKAFOR" not in answer.content.decode()
    assert EvidenceRequest.objects.count() == 0
