"""The heart of casework: lodging (kind at the right post, answers, fee, reference, deadline), moving a case only
as its states allow and only from the version seen, assignment, notes, and reading a case at its post alone."""

from datetime import date

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.models import Application, CaseEvent
from borderdesk.apps.casework.services.cases import act, add_note, assign, take, view_case
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.core.audit.actions import AuditAction
from tests.apps.casework.conftest import TOURIST, make_traveller


def test_lodging_gives_a_reference_a_fee_and_a_deadline(visa_case, embassy):
    case = visa_case
    assert case.reference == "UTB-2026-000001" and case.state == "lodged" and case.version == 1
    assert (case.fee_amount, case.fee_currency, case.fee_exempt) == (80, "UTD", False)
    assert case.decision_due == date(2026, 3, 17)  # 15 calendar days from Monday 2 March
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_APPLICATION_LODGE, post_code="UTB").count() == 1
    assert CaseEvent.objects.get(application=case).kind == "lodged"


def test_references_count_per_post_and_year(consul, embassy):
    refs = []
    for n in range(3):
        traveller, document = make_traveller(number=f"B{n:08d}")
        refs.append(
            lodge(
                consul, post=embassy, kind="short_stay_visa", traveller=traveller, document=document, answers=TOURIST
            ).reference
        )
    assert len(set(refs)) == 3 and all(ref.startswith("UTB-") for ref in refs)


def test_a_kind_is_lodged_only_where_it_belongs_and_answers_are_checked(consul, embassy, applicant):
    traveller, document = applicant
    with pytest.raises(Invalid) as exc:
        lodge(consul, post=embassy, kind="extension_of_stay", traveller=traveller, document=document, answers={})
    assert exc.value.code == "kind_not_lodged_here"
    with pytest.raises(Invalid) as exc:
        lodge(consul, post=embassy, kind="no_such_kind", traveller=traveller, document=document, answers={})
    assert exc.value.code == "unknown_application_kind"
    with pytest.raises(Invalid) as exc:
        lodge(
            consul,
            post=embassy,
            kind="short_stay_visa",
            traveller=traveller,
            document=document,
            answers={"purpose": "tourism"},
        )
    assert exc.value.code == "answers_invalid" and "arrival_date" in exc.value.message
    assert Application.objects.count() == 0


def test_a_sending_systems_reference_lodges_once(consul, embassy, applicant):
    traveller, document = applicant
    first = lodge(
        consul,
        post=embassy,
        kind="short_stay_visa",
        traveller=traveller,
        document=document,
        answers=TOURIST,
        external_reference="X-1",
    )
    with pytest.raises(Conflict) as exc:
        lodge(
            consul,
            post=embassy,
            kind="short_stay_visa",
            traveller=traveller,
            document=document,
            answers=TOURIST,
            external_reference="X-1",
        )
    assert exc.value.code == "application_exists" and first.reference in exc.value.message
    assert Application.objects.count() == 1


def test_a_transition_not_allowed_names_the_allowed_ones(consul, visa_case):
    with pytest.raises(Invalid) as exc:
        act(consul, visa_case.reference, "close")
    assert exc.value.code == "transition_not_allowed"
    assert "find_admissible" in exc.value.message and "withdraw" in exc.value.message
    assert Application.objects.get().state == "lodged"


def test_two_officers_one_case_the_second_is_told(consul, visa_case):
    act(consul, visa_case.reference, "find_admissible", version=1)
    with pytest.raises(Conflict) as exc:
        act(consul, visa_case.reference, "withdraw", version=1)
    assert exc.value.code == "case_changed"
    case = Application.objects.get()
    assert case.state == "admissible" and case.version == 2


def test_withdrawn_from_any_open_state(consul, visa_case):
    act(consul, visa_case, "find_admissible")
    act(consul, visa_case, "start_checks")
    case = act(consul, visa_case, "withdraw", text="applicant wrote")
    assert case.state == "withdrawn"
    with pytest.raises(Invalid) as exc:
        act(consul, visa_case, "find_admissible")
    assert "final" in exc.value.message


def test_only_the_posts_officers_read_or_work_a_case(visa_case, caseworker, make_user, other_port):
    stranger = make_user("stranger", "consular_officer", posts=[other_port.code])
    for who in (caseworker, stranger):
        with pytest.raises(PermissionDenied):
            view_case(who, visa_case.reference)
        with pytest.raises(PermissionDenied):
            act(who, visa_case.reference, "find_admissible")
    assert not AccessEvent.objects.filter(detail=visa_case.reference).exists()
    with pytest.raises(NotFound):
        view_case(stranger, "UTB-2026-999999")


def test_reading_a_case_is_an_access_event(consul, visa_case):
    record = view_case(consul, visa_case.reference)
    assert record.may_work and not record.may_approve and "find_admissible" in record.allowed_actions
    assert AccessEvent.objects.filter(detail=visa_case.reference, post_code="UTB").count() == 1


def test_assignment_by_a_senior_officer(consul, case_senior, embassy, office, visa_case, caseworker):
    assert assign(case_senior, [visa_case.reference], post=embassy, to=consul) == 1
    assert Application.objects.get().assigned_to == consul
    with pytest.raises(Invalid) as exc:  # a caseworker of another post works no cases here
        assign(case_senior, [visa_case.reference], post=embassy, to=caseworker)
    assert exc.value.code == "assignee_not_at_post"
    with pytest.raises(NotFound):  # a case of another post: nothing assigned
        assign(case_senior, [visa_case.reference], post=office, to=caseworker)
    with pytest.raises(PermissionDenied):
        assign(consul, [visa_case.reference], post=embassy, to=consul)
    with pytest.raises(Conflict) as exc:
        take(consul, visa_case.reference, version=1)
    assert exc.value.code == "case_changed"


def test_notes_go_on_the_timeline(consul, visa_case):
    add_note(consul, visa_case.reference, "Called the applicant")
    with pytest.raises(Invalid):
        add_note(consul, visa_case.reference, "   ")
    assert [e.kind for e in view_case(consul, visa_case.reference).events] == ["lodged", "note"]


def test_a_case_is_lodged_on_the_posts_own_day(consul, embassy, applicant):
    """Just before midnight UTC it is already tomorrow in Berlin: the case is lodged on Berlin's day."""
    from datetime import UTC, datetime
    from unittest import mock

    from django.utils import timezone

    late_utc = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    assert embassy.local_date(late_utc) == date(2026, 3, 2)
    traveller, document = applicant
    with mock.patch.object(timezone, "now", return_value=late_utc):
        case = lodge(
            consul, post=embassy, kind="short_stay_visa", traveller=traveller, document=document, answers=TOURIST
        )
    assert case.lodged_on == date(2026, 3, 2)
