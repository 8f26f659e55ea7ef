"""Deciding applications: proposals with grounds or terms, four eyes, what an approval issues (a visa the booth
counts, a residence permit with a valid TD1 card), inadmissibility, notification and appeals, the sticker and the
card, and two officers at once."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.models import Application, CaseEvent, CheckRun, EvidenceRequest
from borderdesk.apps.casework.services import decisions
from borderdesk.apps.casework.services.cases import act, load
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.inspection import services as booth
from borderdesk.apps.visas.models import Visa, VisaKind, VisaStatus
from borderdesk.apps.visas.services import annul_visa, valid_visa, view_visa
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.terms import add_months
from borderdesk.core.documents import parse_mrz
from tests.apps.casework.conftest import make_traveller
from tests.apps.inspection.conftest import passport, session  # noqa: F401 (a fixture used here)

TODAY = timezone.localdate()
ARRIVAL = TODAY + timedelta(days=20)
TRIP = {
    "purpose": "tourism",
    "arrival_date": ARRIVAL.isoformat(),
    "departure_date": (ARRIVAL + timedelta(days=14)).isoformat(),
    "entries": "single",
    "previous_visa": False,
}
VISA_TERMS = {
    "valid_from": ARRIVAL.isoformat(),
    "valid_until": (ARRIVAL + timedelta(days=29)).isoformat(),
    "entries": "1",
    "days": "15",
}
WORK = {
    "employer_name": "Amaurot Robotics",
    "employer_registration": "UTO-REG-1",
    "occupation": "engineer",
    "contract_start": (TODAY + timedelta(days=10)).isoformat(),
    "contract_months": 24,
    "monthly_salary": 4000,
    "shortage_occupation": False,
    "regulated_profession": False,
}


def to_assessment(officer, case, *, checked: bool = True) -> Application:
    for action in ("find_admissible", "start_checks", "checks_done"):
        case = act(officer, case.reference, action)
    if checked:
        CheckRun.objects.create(
            application=case, stage="before_decision", run_at=timezone.now(), run_by=officer, clear=True, results={}
        )
    return load(case.reference)


@pytest.fixture
def trip_case(consul, embassy, applicant):
    traveller, document = applicant
    case = lodge(consul, post=embassy, kind="short_stay_visa", traveller=traveller, document=document, answers=TRIP)
    return to_assessment(consul, case)


@pytest.fixture
def permit_case(caseworker, office, applicant):
    traveller, document = applicant
    case = lodge(caseworker, post=office, kind="work_permit", traveller=traveller, document=document, answers=WORK)
    return to_assessment(caseworker, case)


@pytest.fixture
def other_senior(make_user, embassy):
    return make_user("othersenior", "senior_officer", posts=[embassy.code])


@pytest.fixture
def senior_elsewhere(make_user, office):
    return make_user("faraway", "senior_officer", posts=[office.code])


def refuse(consul, case, grounds=("insufficient_means",), reason="bank statements of one month only"):
    return decisions.propose(
        consul, case.reference, version=case.version, outcome="refuse", grounds=list(grounds), reason=reason
    )


# --- Proposals ---------------------------------------------------------------------------------------------------


def test_a_refusal_needs_grounds_of_its_kind(consul, trip_case):
    for grounds, code in (
        ([], "grounds_required"),
        (["no_such_ground"], "ground_not_for_kind"),
        (["false_document", "incomplete_application"], "ground_not_for_kind"),  # an inadmissibility ground
    ):
        with pytest.raises(Invalid) as exc:
            refuse(consul, trip_case, grounds)
        assert exc.value.code == code and exc.value.field == "grounds"
    with pytest.raises(Invalid) as exc:
        refuse(consul, trip_case, [f"g{n}" for n in range(31)])
    assert exc.value.code == "too_many_grounds"
    for reason, code in (("", "reason_required"), ("x" * 5001, "reason_too_long")):
        with pytest.raises(Invalid) as exc:
            refuse(consul, trip_case, reason=reason)
        assert exc.value.code == code
    with pytest.raises(Invalid) as exc:
        decisions.propose(consul, trip_case.reference, version=trip_case.version, outcome="revoke")
    assert exc.value.code == "unknown_outcome"
    with pytest.raises(Invalid) as exc:
        decisions.propose(consul, trip_case.reference, version="v", outcome="refuse")
    assert exc.value.code == "invalid_version"
    assert load(trip_case.reference).state == "assessment" and load(trip_case.reference).version == trip_case.version


def test_a_ground_of_another_kind_is_refused(caseworker, permit_case):
    # stay_limit_reached is a ground for short-stay visas only
    with pytest.raises(Invalid) as exc:
        refuse(caseworker, permit_case, ["stay_limit_reached"])
    assert exc.value.code == "ground_not_for_kind" and "stay_limit_reached" in exc.value.message


def test_an_approval_needs_sensible_terms(consul, trip_case):
    bad = [
        ({}, "invalid_date"),
        ({**VISA_TERMS, "days": "91"}, "terms_days"),
        ({**VISA_TERMS, "days": "31"}, "terms_days"),  # longer than the validity
        ({**VISA_TERMS, "entries": "3"}, "terms_entries"),
        ({**VISA_TERMS, "valid_until": (ARRIVAL - timedelta(days=1)).isoformat()}, "terms_dates_reversed"),
        ({**VISA_TERMS, "valid_from": (ARRIVAL + timedelta(days=1)).isoformat()}, "terms_miss_the_journey"),
        ({**VISA_TERMS, "valid_until": (ARRIVAL + timedelta(days=365 * 6)).isoformat()}, "terms_too_long"),
    ]
    for terms, code in bad:
        with pytest.raises(Invalid) as exc:
            decisions.propose(consul, trip_case.reference, version=trip_case.version, outcome="approve", terms=terms)
        assert exc.value.code == code, terms
    assert Visa.objects.count() == 0


def test_only_a_deciding_role_proposes(make_user, embassy, office, applicant):
    # A caseworker may work cases at the embassy, but short-stay visas are decided by consular officers.
    clerk = make_user("clerk", "caseworker", "consular_officer", posts=[embassy.code])
    caseworker = make_user("cw2", "caseworker", posts=[embassy.code])
    traveller, document = applicant
    case = to_assessment(
        clerk, lodge(clerk, post=embassy, kind="short_stay_visa", traveller=traveller, document=document, answers=TRIP)
    )
    with pytest.raises(PermissionDenied) as exc:
        refuse(caseworker, case)
    assert exc.value.code == "not_a_decider"


def test_checks_must_have_run_after_the_last_evidence(consul, embassy, applicant):
    traveller, document = applicant
    case = lodge(consul, post=embassy, kind="short_stay_visa", traveller=traveller, document=document, answers=TRIP)
    case = to_assessment(consul, case, checked=False)
    with pytest.raises(Conflict) as exc:
        refuse(consul, case)
    assert exc.value.code == "checks_not_run"
    CheckRun.objects.create(
        application=case,
        stage="before_decision",
        run_at=timezone.now() - timedelta(days=3),
        run_by=consul,
        clear=True,
        results={},
    )
    EvidenceRequest.objects.create(
        application=case,
        requested_on=TODAY - timedelta(days=2),
        due_on=TODAY,
        requested_by=consul,
        answered_on=TODAY - timedelta(days=1),
    )
    with pytest.raises(Conflict) as exc:
        refuse(consul, case)
    assert exc.value.code == "checks_not_run" and "run them again" in exc.value.message
    CheckRun.objects.create(application=case, stage="lodged", run_at=timezone.now(), clear=True, results={})
    with pytest.raises(Conflict):  # checks of another stage do not count
        refuse(consul, case)
    CheckRun.objects.create(application=case, stage="before_decision", run_at=timezone.now(), clear=True, results={})
    assert refuse(consul, case).state == "decision_proposed"


# --- Four eyes ---------------------------------------------------------------------------------------------------


def test_a_refusal_waits_for_another_senior_officer(consul, case_senior, trip_case, senior_elsewhere, make_user):
    proposed = refuse(consul, trip_case)
    assert proposed.state == "decision_proposed" and proposed.outcome == ""
    assert proposed.proposed_grounds == ["insufficient_means"] and proposed.proposed_by == consul

    with pytest.raises(PermissionDenied) as exc:  # a consul is no senior officer
        decisions.approve_decision(consul, proposed.reference, version=proposed.version)
    assert exc.value.code == "permission_denied"
    with pytest.raises(PermissionDenied) as exc:  # a senior officer of another post
        decisions.approve_decision(senior_elsewhere, proposed.reference, version=proposed.version)
    assert exc.value.code == "not_your_post"

    decided = decisions.approve_decision(case_senior, proposed.reference, version=proposed.version, note="agreed")
    assert decided.state == "refused" and decided.outcome == "refuse" and decided.visa is None
    assert decided.approved_by == case_senior and decided.decided_by == consul
    actions = list(CaseEvent.objects.filter(application=decided).values_list("action", flat=True))
    assert actions[-2:] == ["propose_decision", "refuse"]
    for action in (AuditAction.CASEWORK_DECISION_PROPOSE, AuditAction.CASEWORK_DECISION_APPROVE):
        assert AuditEvent.objects.filter(action=action, object_id=str(decided.pk), post_code="UTB").count() == 1


def test_the_proposer_cannot_approve_their_own_proposal(make_user, embassy, applicant):
    # A senior officer who is also a consular officer proposes: someone else must approve.
    both = make_user("both", "consular_officer", "senior_officer", posts=[embassy.code])
    traveller, document = applicant
    case = to_assessment(
        both, lodge(both, post=embassy, kind="short_stay_visa", traveller=traveller, document=document, answers=TRIP)
    )
    proposed = refuse(both, case)
    with pytest.raises(PermissionDenied) as exc:
        decisions.approve_decision(both, proposed.reference, version=proposed.version)
    assert exc.value.code == "four_eyes_same_person"
    assert load(case.reference).state == "decision_proposed"


def test_a_returned_proposal_goes_back_to_assessment_with_a_reason(consul, case_senior, trip_case):
    proposed = refuse(consul, trip_case)
    with pytest.raises(Invalid) as exc:
        decisions.return_decision(case_senior, proposed.reference, version=proposed.version, reason=" ")
    assert exc.value.code == "reason_required"
    back = decisions.return_decision(
        case_senior, proposed.reference, version=proposed.version, reason="interview the host first"
    )
    assert back.state == "assessment" and back.proposed_outcome == "" and back.proposed_grounds == []
    assert "interview the host first" in CaseEvent.objects.filter(application=back).last().text


def test_two_seniors_approving_at_once_one_wins(consul, case_senior, other_senior, trip_case):
    proposed = refuse(consul, trip_case)
    decisions.approve_decision(case_senior, proposed.reference, version=proposed.version)
    with pytest.raises(Conflict) as exc:  # the second saw the same version
        decisions.approve_decision(other_senior, proposed.reference, version=proposed.version)
    assert exc.value.code == "case_changed"
    assert load(proposed.reference).approved_by == case_senior


@pytest.mark.django_db(transaction=True)
def test_two_seniors_approving_at_the_same_moment(consul, case_senior, other_senior, trip_case):
    """Two requests in two transactions: the row lock makes the second read the first's version."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite holds one writer at a time: the lock race needs PostgreSQL")
    proposed = refuse(consul, trip_case)
    results: dict = {}
    start = threading.Barrier(2)

    def approve(who):
        start.wait()
        try:
            decisions.approve_decision(who, proposed.reference, version=proposed.version)
            results[who.username] = "ok"
        except Conflict as exc:
            results[who.username] = exc.code
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    threads = [threading.Thread(target=approve, args=(who,)) for who in (case_senior, other_senior)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == ["case_changed", "ok"]
    assert load(proposed.reference).state == "refused"


# --- What an approval issues ---------------------------------------------------------------------------------------


def test_an_approval_issues_a_visa_the_booth_counts(consul, trip_case, officer, session, client_for):
    decided = decisions.propose(
        consul, trip_case.reference, version=trip_case.version, outcome="approve", terms=VISA_TERMS, reason="ok"
    )
    assert decided.state == "approved" and decided.outcome == "approve"  # no four eyes for a visa approval
    visa = decided.visa
    assert visa.kind == VisaKind.VISA and visa.issued_at_post.code == "UTB" and visa.issued_by == consul
    assert (visa.valid_from, visa.entries_allowed, visa.duration_days) == (ARRIVAL, 1, 15)
    assert visa.number.startswith(f"V{TODAY:%y}")
    actions = list(CaseEvent.objects.filter(application=decided).values_list("action", flat=True))
    assert actions[-2:] == ["propose_decision", "approve"]
    # The sticker's zone is MRV-A (a consulate's visa), with the passport number in its optional field.
    lines = visa.mrz.splitlines()
    assert [len(line) for line in lines] == [44, 44] and lines[1][28:37] == "A07654321"
    parsed = parse_mrz(visa.mrz, today=TODAY)
    assert parsed.format == "MRVA" and parsed.valid and parsed.fields["document_number"] == visa.number
    assert AuditEvent.objects.filter(action=AuditAction.VISAS_VISA_ISSUE, object_id=str(visa.pk)).count() == 1

    # The traveller arrives: the booth finds the visa on record.
    assert valid_visa(decided.applicant, ARRIVAL) == visa
    mrz = passport(surname="OKAFOR", given="CHINEDU", number="A07654321", nationality="NGA", born=date(1990, 5, 1))
    inspection = booth.start_inspection(officer, session, mrz, today=ARRIVAL)
    assert inspection.traveller_id == decided.applicant_id
    assert inspection.situation["authorisation"]["type"] == "visa"


def test_a_residence_permit_has_a_card_with_a_valid_td1_zone(caseworker, case_senior, permit_case, client_for):
    terms = decisions.prefilled_terms(permit_case)
    start = date.fromisoformat(WORK["contract_start"])
    assert terms == {
        "valid_from": start.isoformat(),
        "valid_until": (add_months(start, 24) - timedelta(days=1)).isoformat(),
    }
    with pytest.raises(Invalid) as exc:  # a work permit is granted for two years at most
        decisions.propose(
            caseworker,
            permit_case.reference,
            version=permit_case.version,
            outcome="approve",
            terms={**terms, "valid_until": (date.fromisoformat(terms["valid_from"]) + timedelta(days=800)).isoformat()},
        )
    assert exc.value.code == "terms_too_long"
    decided = decisions.propose(
        caseworker, permit_case.reference, version=permit_case.version, outcome="approve", terms=terms
    )
    permit = decided.visa
    assert decided.state == "approved" and permit.kind == VisaKind.RESIDENCE_PERMIT
    assert len(permit.number) == 12 and permit.number.startswith(f"UTO{TODAY:%y}")
    lines = permit.mrz.splitlines()
    assert [len(line) for line in lines] == [30, 30, 30] and lines[0].startswith("IRUTO")
    parsed = parse_mrz(permit.mrz, today=TODAY)
    assert parsed.format == "TD1" and parsed.valid, parsed.to_dict()
    assert all(parsed.checks.values()) and parsed.fields["document_number"] == permit.number
    assert parsed.fields["nationality"] == "NGA" and parsed.expiry_date == permit.valid_until

    # The card is a PDF, each print an access event; a caseworker has no visa sticker for it.
    reads = AccessEvent.objects.count()
    response = client_for(caseworker).get(reverse("casework:card", args=[decided.reference]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf" and AccessEvent.objects.count() == reads + 1
    response = client_for(caseworker).get(reverse("casework:sticker", args=[decided.reference]))
    assert response.status_code == 409

    # The residence permit is found by the e-gate and the booth as the traveller's authorisation.
    assert valid_visa(decided.applicant, date.fromisoformat(terms["valid_from"])) == permit


def test_the_sticker_is_a_pdf_for_readers_of_the_case_only(consul, trip_case, client_for, caseworker):
    decided = decisions.propose(
        consul, trip_case.reference, version=trip_case.version, outcome="approve", terms=VISA_TERMS
    )
    response = client_for(consul).get(reverse("casework:sticker", args=[decided.reference]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    event = AccessEvent.objects.latest("seq")
    assert event.purpose == "visa sticker" and decided.visa.number in event.detail
    assert client_for(caseworker).get(reverse("casework:sticker", args=[decided.reference])).status_code == 403
    assert client_for(consul).get(reverse("casework:card", args=[decided.reference])).status_code == 409
    assert client_for(consul).get(reverse("casework:sticker", args=["UTB-2026-999999"])).status_code == 404


def test_an_annulled_visa_shows_on_the_case_and_no_longer_counts(consul, trip_case, client_for):
    decided = decisions.propose(
        consul, trip_case.reference, version=trip_case.version, outcome="approve", terms=VISA_TERMS
    )
    number = decided.visa.number
    record = view_visa(consul, number)  # the consul at the issuing post may read and end it
    assert record.may_end
    annul_visa(consul, number, reason="wrong validity printed")
    assert valid_visa(decided.applicant, ARRIVAL) is None
    page = client_for(consul).get(reverse("casework:case", args=[decided.reference]))
    assert page.status_code == 200
    assert b'data-testid="decision-visa-status"' in page.content and b"Annulled" in page.content
    assert reverse("visas:visa", args=[number]).encode() in page.content
    assert client_for(consul).get(reverse("casework:sticker", args=[decided.reference])).status_code == 409
    assert Visa.objects.get(number=number).status == VisaStatus.ANNULLED


# --- Inadmissible, notification, appeals -------------------------------------------------------------------------


def test_inadmissible_needs_inadmissibility_grounds(consul, visa_case):
    with pytest.raises(Invalid) as exc:
        decisions.find_inadmissible(consul, visa_case.reference, version=1, grounds=["insufficient_means"])
    assert exc.value.code == "ground_not_for_kind"
    with pytest.raises(Invalid) as exc:
        act(consul, visa_case.reference, "find_inadmissible")  # no longer a simple action: it needs grounds
    assert exc.value.code == "transition_not_allowed"
    ground = decisions.inadmissibility_grounds("short_stay_visa")[0].code
    case = decisions.find_inadmissible(consul, visa_case.reference, version=1, grounds=[ground], reason="no fee")
    assert case.state == "inadmissible" and case.proposed_grounds == [ground]
    case = decisions.notify(consul, case.reference, version=case.version, how="handed_over")
    assert case.state == "applicant_notified"


def test_an_appeal_within_thirty_days_of_the_notification(consul, case_senior, trip_case):
    refused = decisions.approve_decision(
        case_senior, refuse(consul, trip_case).reference, version=trip_case.version + 1
    )
    today = trip_case.post.local_date()  # the post's day, not the server's: they differ for hours every day
    with pytest.raises(Invalid) as exc:
        decisions.notify(consul, refused.reference, version=refused.version, how="emailed")
    assert exc.value.code == "notify_no_email"
    with pytest.raises(Invalid) as exc:
        decisions.notify(consul, refused.reference, version=refused.version, how="posted", on=today + timedelta(days=1))
    assert exc.value.code == "notify_date_out_of_range"
    notified = decisions.notify(consul, refused.reference, version=refused.version, how="posted", on=today)
    assert decisions.notified_on(notified) == today and decisions.appeal_deadline(notified) == today + timedelta(
        days=30
    )
    appealed = decisions.lodge_appeal(consul, notified.reference, version=notified.version, reason="means were proven")
    assert appealed.state == "appeal_lodged"
    with pytest.raises(PermissionDenied):  # a consul does not decide appeals
        decisions.decide_appeal(consul, appealed.reference, version=appealed.version, result="upheld", reason="x")
    decided = decisions.decide_appeal(
        case_senior, appealed.reference, version=appealed.version, result="upheld", reason="statements insufficient"
    )
    assert decided.state == "appeal_decided" and decided.outcome == "refuse" and decided.visa is None


def test_an_appeal_out_of_time_is_refused(consul, case_senior, trip_case):
    refused = decisions.approve_decision(
        case_senior, refuse(consul, trip_case).reference, version=trip_case.version + 1
    )
    # Told 40 days ago (the decision itself is dated back, as a case decided on paper before it was recorded).
    Application.objects.filter(pk=refused.pk).update(decided_at=timezone.now() - timedelta(days=45))
    notified = decisions.notify(
        consul, refused.reference, version=refused.version, how="handed_over", on=TODAY - timedelta(days=40)
    )
    with pytest.raises(Conflict) as exc:
        decisions.lodge_appeal(consul, notified.reference, version=notified.version)
    assert exc.value.code == "appeal_out_of_time" and exc.value.field == "lodged_on"
    assert load(notified.reference).state == "applicant_notified"
    on_time = decisions.lodge_appeal(
        consul, notified.reference, version=notified.version, lodged_on=TODAY - timedelta(days=11)
    )
    assert on_time.state == "appeal_lodged"


def test_an_allowed_appeal_grants_the_visa(consul, case_senior, trip_case):
    refused = decisions.approve_decision(
        case_senior, refuse(consul, trip_case).reference, version=trip_case.version + 1
    )
    notified = decisions.notify(consul, refused.reference, version=refused.version, how="handed_over")
    appealed = decisions.lodge_appeal(consul, notified.reference, version=notified.version)
    with pytest.raises(Invalid) as exc:  # allowed: the terms of the visa are needed
        decisions.decide_appeal(case_senior, appealed.reference, version=appealed.version, result="allowed", reason="x")
    assert exc.value.code == "invalid_date"
    decided = decisions.decide_appeal(
        case_senior,
        appealed.reference,
        version=appealed.version,
        result="allowed",
        reason="means proven on appeal",
        terms=VISA_TERMS,
    )
    assert decided.state == "appeal_decided" and decided.outcome == "approve" and decided.visa.kind == VisaKind.VISA
    assert valid_visa(decided.applicant, ARRIVAL) == decided.visa


def test_an_approval_cannot_be_appealed(consul, trip_case):
    decided = decisions.propose(
        consul, trip_case.reference, version=trip_case.version, outcome="approve", terms=VISA_TERMS
    )
    notified = decisions.notify(consul, decided.reference, version=decided.version, how="handed_over")
    with pytest.raises(Conflict) as exc:
        decisions.lodge_appeal(consul, notified.reference, version=notified.version)
    assert exc.value.code == "nothing_to_appeal"


# --- An extension of stay, and other posts ---------------------------------------------------------------------


def test_an_extension_begins_the_day_after_the_current_stay(caseworker, office):
    traveller, document = make_traveller(surname="LINDQVIST", given="ASA", nationality="SWE", number="SE1234567")
    ends = TODAY + timedelta(days=5)
    answers = {
        "current_permission": "short_stay_visa",
        "current_stay_ends": ends.isoformat(),
        "days_requested": 20,
        "reason": "illness",
        "reason_details": "hospital",
    }
    case = to_assessment(
        caseworker,
        lodge(
            caseworker, post=office, kind="extension_of_stay", traveller=traveller, document=document, answers=answers
        ),
    )
    terms = decisions.prefilled_terms(case)
    assert terms["valid_from"] == (ends + timedelta(days=1)).isoformat()
    with pytest.raises(Invalid) as exc:
        decisions.propose(
            caseworker, case.reference, version=case.version, outcome="approve", terms={**terms, "valid_from": ends}
        )
    assert exc.value.code == "extension_must_follow"
    decided = decisions.propose(caseworker, case.reference, version=case.version, outcome="approve", terms=terms)
    assert decided.visa.kind == VisaKind.VISA and decided.visa.valid_from == ends + timedelta(days=1)
    assert decided.visa.duration_days == 20 and decided.visa.issued_at_post == office


def test_another_posts_officer_and_unknown_cases_are_refused(make_user, office, trip_case):
    stranger = make_user("stranger", "consular_officer", posts=[office.code])
    with pytest.raises(PermissionDenied) as exc:
        refuse(stranger, trip_case)
    assert exc.value.code == "not_your_post"
    with pytest.raises(NotFound):
        decisions.propose(stranger, "UTB-2026-999999", version=1, outcome="refuse", grounds=["x"], reason="x")
    assert load(trip_case.reference).state == "assessment"


def test_replayed_and_stale_forms_change_nothing(consul, trip_case):
    refuse(consul, trip_case)
    with pytest.raises(Conflict) as exc:  # the same form sent again
        refuse(consul, trip_case)
    assert exc.value.code == "case_changed"
    case = load(trip_case.reference)
    with pytest.raises(Invalid) as exc:  # sent from the current version, but nothing to propose now
        refuse(consul, case)
    assert exc.value.code == "transition_not_allowed"


# --- The panel -----------------------------------------------------------------------------------------------------


def test_the_panel_proposes_and_a_senior_approves_on_the_page(consul, case_senior, trip_case, client_for):
    page = client_for(consul).get(reverse("casework:case", args=[trip_case.reference]))
    body = page.content.decode()
    assert 'data-testid="propose-form"' in body and 'value="insufficient_means"' in body
    assert f'value="{ARRIVAL.isoformat()}"' in body  # the terms prefilled from the answers
    assert "s. 10(1)(e); s. 31(1)(c)" in body  # each ground with its legal basis
    assert "Sufficient means of subsistence, for the duration of the intended stay" in body  # and in words
    assert 'data-testid="approve-forms"' not in body

    url = reverse("casework:propose", args=[trip_case.reference])
    typed = {"version": trip_case.version, "outcome": "approve", **VISA_TERMS, "days": "91", "reason": "my words"}
    answer = client_for(consul).post(url, typed)
    assert answer.status_code == 422 and b"terms_days" in answer.content
    assert b"my words" in answer.content and b'value="91"' in answer.content  # nothing typed is lost
    assert load(trip_case.reference).state == "assessment"

    refusal = {"version": trip_case.version, "outcome": "refuse", "grounds": ["insufficient_means"], "reason": "r"}
    assert client_for(consul).post(url, refusal).status_code == 302
    page = client_for(consul).get(reverse("casework:case", args=[trip_case.reference])).content.decode()
    assert 'data-testid="decision-proposed"' in page and "Waiting for a senior officer" in page
    assert "<li>Sufficient means of subsistence, for the duration" in page  # the proposed ground, in words
    assert 'data-testid="approve-forms"' not in page

    senior_page = client_for(case_senior).get(reverse("casework:case", args=[trip_case.reference])).content.decode()
    assert 'data-testid="approve-forms"' in senior_page and "Approve the refusal" in senior_page
    version = load(trip_case.reference).version
    approved = client_for(case_senior).post(
        reverse("casework:approve-decision", args=[trip_case.reference]), {"version": version, "note": "agreed"}
    )
    assert approved.status_code == 302 and load(trip_case.reference).state == "refused"
    page = client_for(consul).get(reverse("casework:case", args=[trip_case.reference])).content.decode()
    assert 'data-testid="notify-form"' in page and 'data-testid="decision-outcome"' in page


def test_a_stale_approval_on_the_page_says_the_case_changed(consul, case_senior, trip_case, client_for):
    proposed = refuse(consul, trip_case)
    url = reverse("casework:approve-decision", args=[proposed.reference])
    assert client_for(case_senior).post(url, {"version": proposed.version}).status_code == 302
    again = client_for(case_senior).post(url, {"version": proposed.version})
    assert again.status_code == 409 and b"case_changed" in again.content


def test_the_e_gate_finds_a_residence_permit_at_once(caseworker, permit_case, officer, port, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["NGA"]
    terms = decisions.prefilled_terms(permit_case)
    on = date.fromisoformat(terms["valid_from"])
    mrz = passport(surname="OKAFOR", given="CHINEDU", number="A07654321", nationality="NGA", born=date(1990, 5, 1))
    before = booth.egate_inspection(officer, mrz=mrz, post_code=port.code, idempotency_key="no-permit", today=on)
    assert before["gate_action"] == "to_booth"  # a Nigerian needs a visa or a permit
    decided = decisions.propose(
        caseworker, permit_case.reference, version=permit_case.version, outcome="approve", terms=terms
    )
    gate = booth.egate_inspection(officer, mrz=mrz, post_code=port.code, idempotency_key="permit-in", today=on)
    assert gate["gate_action"] == "open", gate["reasons"]
    assert valid_visa(decided.applicant, on) == decided.visa
