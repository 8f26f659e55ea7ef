"""A case's letters: the decision (approval, refusal, inadmissibility), the request for evidence and the invitation,
each a PDF in the applicant's language; issuing one is an access event, a line on the timeline and an audit event
with the PDF's hash; a letter that does not exist yet is refused and writes nothing; another post's officer gets the
refusal alone."""

import hashlib
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.models import Application, Appointment, CaseEvent, EvidenceRequest
from borderdesk.apps.casework.services import cases
from borderdesk.apps.casework.services.letters import available_letters, letter_pdf
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.visas.services import record_visa
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.grounds import bundled_grounds
from tests.apps.casework.conftest import TOURIST, make_traveller
from tests.core.printing.pdf_text import pdf_text

REFUSAL_GROUNDS = ["insufficient_means", "return_not_established"]


def walk(case, actor, *actions):
    for action in actions:
        cases.move(cases.load(case.reference, for_update=True), actor, action)
    return cases.load(case.reference)


def decided(case, actor, outcome: str, **fields):
    walk(case, actor, "find_admissible", "start_checks", "checks_done", "propose_decision", outcome)
    Application.objects.filter(pk=case.pk).update(
        outcome=outcome, decided_by=actor, decided_at=datetime(2026, 3, 12, 10, 0, tzinfo=UTC), **fields
    )
    return cases.load(case.reference)


def issued(letter: str) -> list[AuditEvent]:
    events = AuditEvent.objects.filter(action=AuditAction.CASEWORK_LETTER_ISSUE).order_by("pk")
    return [event for event in events if event.new_values["letter"] == letter]


def letter_reads() -> int:
    return AccessEvent.objects.filter(purpose="case letter").count()


# --- The decision ------------------------------------------------------------------------------------------------


def test_a_refusal_letter_in_the_applicants_language_with_each_ground_and_its_basis(consul, case_senior, visa_case):
    Application.objects.filter(pk=visa_case.pk).update(language="de")
    case = decided(visa_case, consul, "refuse", proposed_grounds=REFUSAL_GROUNDS, approved_by=case_senior)
    letter = letter_pdf(consul, case.reference, "decision")
    text = pdf_text(letter.pdf)
    assert letter.language == "de" and letter.filename == "UTB-2026-000001-decision.pdf"
    assert "CHINEDU OKAFOR" in text and "UTB-2026-000001" in text and "2026-03-12" in text
    for code in REFUSAL_GROUNDS:
        ground = bundled_grounds()[code]
        assert ground.legal_basis.article in text and ground.text("de")[:30] in text
    assert "Rechtsbehelfsbelehrung" in text and "casesenior" in text and "consul" in text
    assert "P NGA A07654321" in text

    # Read, on the timeline and in the audit trail with the hash of what was printed.
    event = issued("decision")[-1]
    assert event.post_code == "UTB" and event.object_id == str(case.pk)
    assert event.new_values == {"letter": "decision", "language": "de", "sha256": letter.sha256}
    assert letter.sha256 == hashlib.sha256(letter.pdf).hexdigest()
    access = AccessEvent.objects.get(purpose="case letter")
    assert access.detail == "UTB-2026-000001 decision" and access.post_code == "UTB"
    line = CaseEvent.objects.filter(application=case, kind="letter").get()
    assert line.details["sha256"] == letter.sha256 and "Decision letter" in line.text and "(de)" in line.text

    # Printed again: the same bytes, a second issue on record.
    again = letter_pdf(case_senior, case.reference, "decision")
    assert again.pdf == letter.pdf and len(issued("decision")) == 2 and letter_reads() == 2


def test_an_approval_letter_says_what_the_visa_grants(consul, embassy, visa_case, applicant):
    traveller, document = applicant
    visa = record_visa(
        consul,
        traveller=traveller,
        number="UTB0004711",
        kind="visa",
        valid_from=date(2026, 4, 1),
        valid_until=date(2026, 4, 20),
        entries_allowed=1,
        duration_days=15,
        document=document,
        post=embassy,
    )
    case = decided(visa_case, consul, "approve", visa=visa)
    text = pdf_text(letter_pdf(consul, case.reference, "decision").pdf)
    assert "UTB0004711" in text and "2026-04-01" in text and "2026-04-20" in text
    assert "The visa will be placed in your travel document" in text and "Right of appeal" not in text
    assert "Approved by the senior officer" not in text  # no four eyes on an approval here


def test_an_approval_without_the_visa_on_record_uses_the_terms_or_waits(consul, visa_case):
    case = decided(visa_case, consul, "approve", proposed_terms={"entries": 2})
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, case.reference, "decision")
    assert exc.value.code == "letter_not_available"
    Application.objects.filter(pk=case.pk).update(
        proposed_terms={"valid_from": "2026-04-01", "valid_until": "2026-04-20", "entries": 2, "days": 10}
    )
    text = pdf_text(letter_pdf(consul, case.reference, "decision").pdf)
    assert "given when you collect it" in text and "2026-04-20" in text


def test_an_inadmissibility_letter_in_arabic(consul, visa_case):
    Application.objects.filter(pk=visa_case.pk).update(language="ar", proposed_grounds=["fee_not_paid"])
    case = walk(visa_case, consul, "find_inadmissible")
    letter = letter_pdf(consul, case.reference, "decision")
    text = pdf_text(letter.pdf)
    assert "s. 22(2)" in text and "UTB-2026-000001" in text and "CHINEDU OKAFOR" in text
    assert "حق الطعن" in text and letter.language == "ar"
    # Still the inadmissibility once the applicant is told.
    walk(case, consul, "notify")
    assert "s. 22(2)" in pdf_text(letter_pdf(consul, case.reference, "decision").pdf)


def test_no_decision_no_letter_and_nothing_written(consul, visa_case):
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, visa_case.reference, "decision")
    assert exc.value.code == "letter_not_available"
    # Proposed, or an outcome written while the case is still open, is not a decision yet.
    case = walk(visa_case, consul, "find_admissible", "start_checks", "checks_done", "propose_decision")
    Application.objects.filter(pk=case.pk).update(outcome="refuse", proposed_grounds=REFUSAL_GROUNDS)
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, case.reference, "decision")
    assert exc.value.code == "letter_not_available"
    assert issued("decision") == [] and letter_reads() == 0
    assert not CaseEvent.objects.filter(kind="letter").exists()


def test_a_refusal_without_recorded_or_with_unknown_grounds_is_not_printed(consul, visa_case):
    case = decided(visa_case, consul, "refuse")
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, case.reference, "decision")
    assert exc.value.code == "letter_not_available" and "grounds" in exc.value.message
    Application.objects.filter(pk=case.pk).update(proposed_grounds=["insufficient_means", "made_up<script>"])
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, case.reference, "decision")
    assert exc.value.code == "letter_not_available" and "made_up" in exc.value.message


# --- The evidence request ---------------------------------------------------------------------------------------


def ask(case, actor, *, requested_on=date(2026, 3, 4), answered_on=None, documents=("accommodation",)):
    return EvidenceRequest.objects.create(
        application=case,
        requested_on=requested_on,
        due_on=date(2026, 3, 18),
        documents=list(documents),
        message="Die Hotelbuchung fehlt.",
        requested_by=actor,
        answered_on=answered_on,
    )


def test_the_evidence_request_letter_names_the_documents_and_the_due_date(consul, visa_case):
    Application.objects.filter(pk=visa_case.pk).update(language="fr")
    ask(visa_case, consul, requested_on=date(2026, 3, 3), answered_on=date(2026, 3, 4), documents=["photograph"])
    latest = ask(visa_case, consul, documents=["accommodation", "return_ticket", "unknown_code"])
    letter = letter_pdf(consul, visa_case.reference, "evidence_request")
    text = pdf_text(letter.pdf)
    assert "Proof of accommodation (hotel booking or the host's letter)" in text
    assert "Return or onward ticket reservation" in text and "unknown_code" in text
    assert "Photograph" not in text  # the answered request is not the open one
    assert "2026-03-18" in text and "2026-03-04" in text and "Die Hotelbuchung fehlt." in text
    assert "s. 29(3)" in text and "intitulés des documents sont donnés en anglais" in text
    assert issued("evidence_request")[-1].new_values["request"] == latest.pk


def test_an_answered_request_is_printed_when_named_and_none_open_is_refused(consul, visa_case):
    answered = ask(visa_case, consul, answered_on=date(2026, 3, 10), documents=["photograph"])
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, visa_case.reference, "evidence_request")
    assert exc.value.code == "letter_not_available"
    text = pdf_text(letter_pdf(consul, visa_case.reference, "evidence_request", request=str(answered.pk)).pdf)
    assert "Photograph (ICAO 9303 compliant, taken within six months)" in text


def test_another_cases_request_and_a_malformed_id_are_refused(consul, embassy, visa_case):
    traveller, document = make_traveller(surname="OTHER", number="Z00000001")
    other = lodge(consul, post=embassy, kind="short_stay_visa", traveller=traveller, document=document, answers=TOURIST)
    theirs = ask(other, consul)
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, visa_case.reference, "evidence_request", request=theirs.pk)
    assert exc.value.code == "letter_not_available"
    for bad in ("abc", "-1", "1e9", "9" * 400):
        with pytest.raises((Invalid, Conflict)) as exc:
            letter_pdf(consul, visa_case.reference, "evidence_request", request=bad)
        assert exc.value.code in ("invalid_id", "letter_not_available")
    assert letter_reads() == 0


# --- The invitation -------------------------------------------------------------------------------------------


def book(case, actor, post, *, status="booked", purpose="interview", starts=datetime(2026, 3, 9, 8, 0, tzinfo=UTC)):
    return Appointment.objects.create(
        application=case,
        post=post,
        purpose=purpose,
        starts_at=starts,
        ends_at=starts.replace(minute=30),
        interpreter_language="ar",
        status=status,
        booked_by=actor,
        booked_at=timezone.now(),
    )


def test_the_invitation_gives_the_time_at_the_office_and_the_interpreter(consul, embassy, visa_case):
    appointment = book(visa_case, consul, embassy)
    text = pdf_text(letter_pdf(consul, visa_case.reference, "interview_invitation", appointment=appointment.pk).pdf)
    assert "2026-03-09" in text and "09:00–09:30" in text and "Europe/Berlin" in text  # 08:00 UTC in Berlin
    assert "Embassy in Berlin (UTB)" in text and "Interview" in text and "العربية" in text
    assert issued("interview_invitation")[-1].new_values["appointment"] == appointment.pk
    # Without an id: the next one booked.
    biometrics = book(visa_case, consul, embassy, purpose="biometrics", starts=datetime(2026, 3, 8, 9, 0, tzinfo=UTC))
    letter = letter_pdf(consul, visa_case.reference, "interview_invitation")
    assert "fingerprints" in pdf_text(letter.pdf)
    assert issued("interview_invitation")[-1].new_values["appointment"] == biometrics.pk


def test_a_moved_cancelled_or_missing_appointment_has_no_invitation(consul, embassy, visa_case):
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, visa_case.reference, "interview_invitation")
    assert exc.value.code == "letter_not_available"
    for status in ("cancelled", "rescheduled"):
        gone = book(visa_case, consul, embassy, status=status)
        with pytest.raises(Conflict) as exc:
            letter_pdf(consul, visa_case.reference, "interview_invitation", appointment=gone.pk)
        assert exc.value.code == "letter_not_available"
    with pytest.raises(Conflict) as exc:
        letter_pdf(consul, visa_case.reference, "interview_invitation", appointment=987654)
    assert exc.value.code == "letter_not_available"
    assert letter_reads() == 0 and issued("interview_invitation") == []


# --- Who may, and what is asked -------------------------------------------------------------------------------


def test_another_posts_officer_is_refused_and_nothing_is_read(caseworker, consul, embassy, visa_case):
    appointment = book(visa_case, consul, embassy)
    with pytest.raises(PermissionDenied):
        letter_pdf(caseworker, visa_case.reference, "interview_invitation", appointment=appointment.pk)
    with pytest.raises(NotFound):
        letter_pdf(consul, "UTB-2026-999999", "decision")
    assert letter_reads() == 0 and issued("decision") == []


def test_an_unknown_letter_is_refused(consul, visa_case):
    with pytest.raises(Invalid) as exc:
        letter_pdf(consul, visa_case.reference, "love_letter")
    assert (exc.value.code, exc.value.field) == ("unknown_letter", "letter")


def test_the_letters_a_case_can_send(consul, embassy, visa_case):
    assert available_letters(visa_case) == []
    asked = ask(visa_case, consul)
    booked = book(visa_case, consul, embassy)
    book(visa_case, consul, embassy, status="cancelled")
    found = available_letters(visa_case)
    assert [(entry["letter"], entry.get("request"), entry.get("appointment")) for entry in found] == [
        ("evidence_request", asked.pk, None),
        ("interview_invitation", None, booked.pk),
    ]


# --- The page -----------------------------------------------------------------------------------------------------


def test_the_letter_is_served_as_a_pdf_and_listed_on_the_case_page(client_for, consul, case_senior, visa_case):
    case = decided(visa_case, consul, "refuse", proposed_grounds=REFUSAL_GROUNDS, approved_by=case_senior)
    client = client_for(consul)
    page = client.get(f"/casework/{case.reference}/").content.decode()
    assert 'data-testid="letter-decision"' in page and f"/casework/{case.reference}/letters/decision.pdf" in page
    response = client.get(f"/casework/{case.reference}/letters/decision.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and response.content.startswith(b"%PDF-")
    assert 'filename="UTB-2026-000001-decision.pdf"' in response["Content-Disposition"]


def test_the_page_says_when_a_letter_does_not_exist_and_refuses_another_post(client_for, caseworker, consul, visa_case):
    response = client_for(consul).get(f"/casework/{visa_case.reference}/letters/evidence_request.pdf?request=x")
    assert response.status_code == 422 and "invalid_id" in response.content.decode()
    response = client_for(consul).get(f"/casework/{visa_case.reference}/letters/decision.pdf")
    assert response.status_code == 409 and "No decision has been taken" in response.content.decode()
    response = client_for(caseworker).get(f"/casework/{visa_case.reference}/letters/decision.pdf")
    assert response.status_code == 403 and "OKAFOR" not in response.content.decode()
    assert client_for(consul).post(f"/casework/{visa_case.reference}/letters/decision.pdf").status_code == 405
