"""Naturalisation from lodging to the booth: the residence computed from the crossings (stored with its inputs and
rule), the tests, the police's certificate, the approval refused until every requirement holds (and always
possible to refuse), the refusal for absences naming the earliest eligible date, the ceremony, the oath, the
certificate, and the citizen at the booth; and the attacks: other posts, other cases, replays, bad input."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.services import decisions
from borderdesk.apps.casework.services.intake import lodge_application
from borderdesk.apps.casework.services.letters import letter_pdf
from borderdesk.apps.citizenship import services as citizenship
from borderdesk.apps.citizenship.models import PoliceCertificate, ResidenceCheck
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.inspection import services as booth
from borderdesk.apps.travellers.models import Traveller
from borderdesk.core.audit.actions import AuditAction
from tests.apps.casework.conftest import make_traveller
from tests.apps.citizenship.conftest import TODAY, entry_without_exit
from tests.apps.inspection.conftest import passport, session  # noqa: F401 (a fixture used here)

SHORT_TRIP = (TODAY - timedelta(days=400), TODAY - timedelta(days=390))
LONG_TRIP = (TODAY - timedelta(days=200), TODAY - timedelta(days=60))  # 139 days absent in the last year


def passed_everything(caseworker, case):
    citizenship.record_test(caseworker, case.reference, test="language", taken_on=TODAY, score="B1", passed=True)
    citizenship.record_test(caseworker, case.reference, test="civics", taken_on=TODAY, score="20/24", passed=True)
    asked = citizenship.request_police_certificate(
        caseworker, case.reference, authority="Utopia National Police", requested_on=TODAY, reference="PC-1"
    )
    citizenship.record_police_answer(
        caseworker, case.reference, request=asked.pk, answered_on=TODAY, answer="no_record"
    )


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_an_eligible_applicant_is_approved_sworn_in_and_a_citizen_at_the_booth(
    make_case, caseworker, case_senior, officer, session, applicant
):
    case = make_case([SHORT_TRIP])
    check = citizenship.check_residence(caseworker, case.reference)
    assert check.assessed and check.eligible and check.earliest_eligible_on == TODAY
    assert check.figures["absent_days"] == 9 and check.figures["failed"] == []
    assert check.inputs["absences"] == [{"left": SHORT_TRIP[0].isoformat(), "returned": SHORT_TRIP[1].isoformat()}]
    assert check.rule["legal_basis"]["instrument"] == "Utopia Nationality Act 2020" and check.rule["effective_from"]
    passed_everything(caseworker, case)

    case = decisions.propose(caseworker, case.reference, version=case.version, outcome="approve")
    assert case.state == "decision_proposed" and case.proposed_terms == {}
    case = decisions.approve_decision(case_senior, case.reference, version=case.version)
    assert case.state == "approved" and case.visa is None
    assert ResidenceCheck.objects.filter(application=case).count() == 3  # on demand, at the proposal, at approval
    assert "citizenship ceremony" in text_of(letter_pdf(caseworker, case.reference, "decision").pdf)

    citizenship.book_ceremony(caseworker, case.reference, on=TODAY, post_code="UTO1")
    sworn = citizenship.record_oath(caseworker, case.reference, on=TODAY)
    assert sworn.certificate_number == f"UNC-{TODAY.year}-000001" and sworn.oath_on == TODAY
    pdf = citizenship.certificate(caseworker, case.reference).pdf
    assert "Certificate of Naturalisation" in text_of(pdf) and sworn.certificate_number in text_of(pdf)
    assert AccessEvent.objects.filter(purpose="naturalisation certificate").count() == 1

    traveller, document = applicant  # shows the Nigerian passport: still a Utopian citizen
    scan = passport(
        surname=traveller.surname,
        given=traveller.given_names,
        number=document.document_number,
        nationality="NGA",
        born=traveller.birth_date,
    )
    inspection = booth.start_inspection(officer, session, scan, today=TODAY)
    assert inspection.recommendation["citizen"] == {"since": TODAY.isoformat(), "certificate": sworn.certificate_number}
    assert "own_national" in inspection.recommendation["reasons"]
    assert inspection.recommendation["outcome"] == "admit" and not inspection.recommendation.get("admit_until")


def test_before_the_oath_the_booth_sees_a_foreigner(make_case, caseworker, case_senior, officer, session, applicant):
    case = make_case([SHORT_TRIP])
    passed_everything(caseworker, case)
    case = decisions.propose(caseworker, case.reference, version=case.version, outcome="approve")
    decisions.approve_decision(case_senior, case.reference, version=case.version)
    citizenship.book_ceremony(caseworker, case.reference, on=TODAY + timedelta(days=10))
    traveller, document = applicant
    scan = passport(
        surname=traveller.surname,
        given=traveller.given_names,
        number=document.document_number,
        nationality="NGA",
        born=traveller.birth_date,
    )
    inspection = booth.start_inspection(officer, session, scan, today=TODAY)
    assert "citizen" not in inspection.recommendation
    with pytest.raises(Invalid) as future:
        citizenship.record_oath(caseworker, case.reference, on=TODAY + timedelta(days=10))
    assert future.value.code == "oath_date_out_of_range"


def test_too_long_away_is_refused_naming_the_earliest_eligible_date(make_case, caseworker, case_senior, client_for):
    case = make_case([LONG_TRIP])
    passed_everything(caseworker, case)
    check = citizenship.check_residence(caseworker, case.reference)
    assert not check.eligible and check.figures["failed"] == ["max_absent_days_last_year"]
    earliest = check.earliest_eligible_on
    assert earliest > TODAY

    with pytest.raises(Conflict) as refused:
        decisions.propose(caseworker, case.reference, version=case.version, outcome="approve")
    assert refused.value.code == "residence_not_eligible" and earliest.isoformat() in refused.value.message
    case = decisions.propose(
        caseworker,
        case.reference,
        version=case.version,
        outcome="refuse",
        grounds=["residence_requirement_not_met"],
        reason="139 days away in the last year",
    )
    case = decisions.approve_decision(case_senior, case.reference, version=case.version)
    assert case.state == "refused"
    letter = text_of(letter_pdf(caseworker, case.reference, "decision").pdf)
    assert earliest.isoformat() in letter

    page = client_for(caseworker).get(reverse("casework:case", kwargs={"reference": case.reference}))
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="earliest-eligible"' in body and earliest.isoformat() in body
    assert 'data-testid="absence-calendar"' in body and 'data-absent="yes"' in body


def test_a_crossing_history_with_gaps_is_not_assessed_and_says_what_is_missing(make_case, caseworker, applicant, port):
    case = make_case([SHORT_TRIP])
    traveller, document = applicant
    entry_without_exit(port, traveller, document, TODAY - timedelta(days=100))
    passed_everything(caseworker, case)
    check = citizenship.check_residence(caseworker, case.reference)
    assert not check.assessed and not check.eligible and check.problems
    assert all(problem["code"] and problem["message"] for problem in check.problems)
    with pytest.raises(Conflict) as refused:
        decisions.propose(caseworker, case.reference, version=case.version, outcome="approve")
    assert refused.value.code == "residence_not_assessed"
    assert ResidenceCheck.objects.filter(application=case).count() == 1  # the refused approval kept nothing half-done


def test_a_conviction_blocks_the_approval_and_its_details_are_sealed(make_case, caseworker, client_for):
    case = make_case([SHORT_TRIP])
    citizenship.record_test(caseworker, case.reference, test="language", taken_on=TODAY, score="B2", passed=True)
    citizenship.record_test(caseworker, case.reference, test="civics", taken_on=TODAY, score="22/24", passed=True)
    asked = citizenship.request_police_certificate(
        caseworker, case.reference, authority="Amaurot Police", requested_on=TODAY, reference="PC-9"
    )
    details = "2024-05-02 Amaurot Magistrates: theft, fine of 800 UTD"
    citizenship.record_police_answer(
        caseworker, case.reference, request=asked.pk, answered_on=TODAY, answer="convictions", details=details
    )
    stored = PoliceCertificate.objects.get(pk=asked.pk)
    assert b"theft" not in bytes(stored.details_sealed) and stored.details_key_id
    answer_events = AuditEvent.objects.filter(action=AuditAction.CITIZENSHIP_POLICE_ANSWER)
    assert all("theft" not in str(event.new_values) for event in answer_events) and answer_events.exists()
    with pytest.raises(Conflict) as refused:
        decisions.propose(caseworker, case.reference, version=case.version, outcome="approve")
    assert refused.value.code == "convicted"

    page = client_for(caseworker).get(reverse("casework:case", kwargs={"reference": case.reference}))
    body = page.content.decode()
    assert 'data-testid="conviction-alert"' in body and details in body
    assert AccessEvent.objects.filter(purpose="criminal record").exists()
    with pytest.raises(Conflict) as replayed:
        citizenship.record_police_answer(
            caseworker, case.reference, request=asked.pk, answered_on=TODAY, answer="no_record"
        )
    assert replayed.value.code == "police_answer_recorded"


def test_a_test_not_passed_or_no_police_answer_blocks_the_approval(make_case, caseworker):
    case = make_case([SHORT_TRIP])
    citizenship.record_test(caseworker, case.reference, test="language", taken_on=TODAY, score="A2", passed=False)
    with pytest.raises(Conflict) as refused:
        decisions.propose(caseworker, case.reference, version=case.version, outcome="approve")
    assert refused.value.code == "test_not_passed"
    assert "police" in refused.value.message


def test_another_posts_caseworker_reads_and_writes_nothing(make_case, stranger):
    case = make_case([SHORT_TRIP])
    for call in (
        lambda: citizenship.check_residence(stranger, case.reference),
        lambda: citizenship.naturalisation_file(stranger, case.reference),
        lambda: citizenship.record_test(
            stranger, case.reference, test="civics", taken_on=TODAY, score="1", passed=True
        ),
        lambda: citizenship.certificate(stranger, case.reference),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not ResidenceCheck.objects.exists()


def test_another_cases_police_request_is_not_answered_here(make_case, caseworker, make_user, office):
    from borderdesk.apps.casework.services.lodging import lodge
    from tests.apps.casework.conftest import make_traveller
    from tests.apps.citizenship.conftest import answers

    case = make_case([SHORT_TRIP])
    traveller, document = make_traveller(surname="DUPONT", given="ANNE", nationality="FRA", number="FR0000001")
    other = lodge(
        caseworker, post=office, kind="naturalisation", traveller=traveller, document=document, answers=answers()
    )
    theirs = citizenship.request_police_certificate(
        caseworker, other.reference, authority="Police", requested_on=TODAY, reference="PC-2"
    )
    with pytest.raises(Invalid) as wrong:
        citizenship.record_police_answer(
            caseworker, case.reference, request=theirs.pk, answered_on=TODAY, answer="no_record"
        )
    assert wrong.value.code == "police_request_not_found"


def test_bad_input_is_refused_with_a_code(make_case, caseworker):
    case = make_case([SHORT_TRIP])
    cases = [
        (
            lambda: citizenship.record_test(
                caseworker, case.reference, test="maths", taken_on=TODAY, score="1", passed=True
            ),
            "unknown_test",
        ),
        (
            lambda: citizenship.record_test(
                caseworker, case.reference, test="civics", taken_on=TODAY + timedelta(days=1), score="1", passed=True
            ),
            "test_in_future",
        ),
        (
            lambda: citizenship.record_test(
                caseworker, case.reference, test="civics", taken_on=TODAY, score="x" * 500, passed=True
            ),
            "score_too_long",
        ),
        (
            lambda: citizenship.request_police_certificate(
                caseworker, case.reference, authority="", requested_on=TODAY, reference="R"
            ),
            "authority_required",
        ),
        (
            lambda: citizenship.record_police_answer(
                caseworker, case.reference, request="abc", answered_on=TODAY, answer="no_record"
            ),
            "invalid_id",
        ),
        (lambda: citizenship.book_ceremony(caseworker, case.reference, on=TODAY), "not_approved"),
        (lambda: citizenship.record_oath(caseworker, case.reference, on=TODAY), "no_ceremony"),
        (lambda: citizenship.certificate(caseworker, case.reference), "no_certificate"),
    ]
    for call, code in cases:
        with pytest.raises((Invalid, Conflict)) as refused:
            call()
        assert refused.value.code == code
    asked = citizenship.request_police_certificate(
        caseworker, case.reference, authority="P", requested_on=TODAY, reference="R"
    )
    with pytest.raises(Invalid) as no_details:
        citizenship.record_police_answer(
            caseworker, case.reference, request=asked.pk, answered_on=TODAY, answer="convictions"
        )
    assert no_details.value.code == "details_required"
    with pytest.raises(Conflict) as twice:
        citizenship.request_police_certificate(
            caseworker, case.reference, authority="P", requested_on=TODAY, reference="R"
        )
    assert twice.value.code == "police_request_recorded"


def test_a_result_sent_twice_is_recorded_once(make_case, caseworker):
    case = make_case([SHORT_TRIP])
    result = {"test": "civics", "taken_on": TODAY, "score": "18/24", "passed": True, "certificate_number": "LU-1"}
    citizenship.record_test(caseworker, case.reference, **result)
    with pytest.raises(Conflict) as twice:
        citizenship.record_test(caseworker, case.reference, **result)
    assert twice.value.code == "test_recorded"


def test_a_form_with_an_error_keeps_what_was_typed(make_case, caseworker, client_for):
    case = make_case([SHORT_TRIP])
    url = reverse("citizenship:record-test", kwargs={"reference": case.reference})
    answer = client_for(caseworker).post(
        url,
        {"test": "civics", "taken_on": "2999-01-01", "score": "17/24", "passed": "yes", "certificate_number": "LIU-77"},
    )
    body = answer.content.decode()
    assert answer.status_code == 422 and "test_in_future" in body and "LIU-77" in body and "17/24" in body


def test_the_oath_is_recorded_once(make_case, caseworker, case_senior):
    case = make_case([SHORT_TRIP])
    passed_everything(caseworker, case)
    case = decisions.propose(caseworker, case.reference, version=case.version, outcome="approve")
    decisions.approve_decision(case_senior, case.reference, version=case.version)
    citizenship.book_ceremony(caseworker, case.reference, on=TODAY)
    citizenship.record_oath(caseworker, case.reference, on=TODAY)
    for call in (
        lambda: citizenship.record_oath(caseworker, case.reference, on=TODAY),
        lambda: citizenship.book_ceremony(caseworker, case.reference, on=TODAY),
    ):
        with pytest.raises(Conflict) as again:
            call()
        assert again.value.code == "oath_recorded"


def test_a_person_never_seen_at_the_border_cannot_apply(caseworker, office):
    mrz = passport(surname="NEWCOMER", given="NINA", number="NN1234567", nationality="NLD")
    from tests.apps.citizenship.conftest import answers

    with pytest.raises(Invalid) as refused:
        lodge_application(caseworker, post=office, kind="naturalisation", mrz=mrz, answers=answers())
    assert refused.value.code == "applicant_not_on_record"


def test_only_a_naturalisation_has_these_records(caseworker, office, applicant):
    from borderdesk.apps.casework.services.lodging import lodge

    traveller, document = applicant
    permit = lodge(
        caseworker,
        post=office,
        kind="work_permit",
        traveller=traveller,
        document=document,
        answers={
            "employer_name": "X",
            "employer_registration": "R",
            "occupation": "o",
            "contract_start": TODAY.isoformat(),
            "contract_months": 12,
            "monthly_salary": 3000,
            "shortage_occupation": False,
            "regulated_profession": False,
        },
    )
    with pytest.raises(Conflict) as wrong_kind:
        citizenship.check_residence(caseworker, permit.reference)
    assert wrong_kind.value.code == "not_naturalisation"


def test_the_booth_finds_the_citizenship_of_a_record_merged_into_the_one_scanned(
    make_case, caseworker, case_senior, applicant
):
    """Records of one person merged by an officer, once or twice over: the surviving record is the citizen's, from
    the oath on; an unrelated record and a day before the oath are not."""
    case = make_case([SHORT_TRIP])
    passed_everything(caseworker, case)
    case = decisions.propose(caseworker, case.reference, version=case.version, outcome="approve")
    decisions.approve_decision(case_senior, case.reference, version=case.version)
    citizenship.book_ceremony(caseworker, case.reference, on=TODAY)
    sworn = citizenship.record_oath(caseworker, case.reference, on=TODAY)
    naturalised = applicant[0]
    middle, survivor = make_traveller(number="M0000001")[0], make_traveller(number="S0000001")[0]
    stranger = make_traveller(surname="OTHER", number="X0000001")[0]

    assert citizenship.citizen_at_booth(naturalised.pk, TODAY).certificate == sworn.certificate_number
    assert citizenship.citizen_at_booth(survivor.pk, TODAY) is None
    Traveller.objects.filter(pk=naturalised.pk).update(merged_into=survivor)
    assert citizenship.citizen_at_booth(survivor.pk, TODAY).certificate == sworn.certificate_number
    Traveller.objects.filter(pk=naturalised.pk).update(merged_into=middle)
    Traveller.objects.filter(pk=middle.pk).update(merged_into=survivor)
    assert citizenship.citizen_at_booth(survivor.pk, TODAY).since == TODAY
    assert citizenship.citizen_at_booth(middle.pk, TODAY).since == TODAY
    assert citizenship.citizen_at_booth(survivor.pk, TODAY - timedelta(days=1)) is None
    assert citizenship.citizen_at_booth(stranger.pk, TODAY) is None
