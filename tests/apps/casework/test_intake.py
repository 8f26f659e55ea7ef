"""Intake: the applicant read through the MRZ reader and matched to the traveller on record (by the document; by the
identity only with the officer's choice, nothing merged silently, nothing doubled), the case lodged in the same
transaction; the intake page; family members as linked applications; other posts' officers refused."""

from datetime import date
from html import escape

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.models import Application, CaseEvent
from borderdesk.apps.casework.services.cases import act
from borderdesk.apps.casework.services.intake import (
    ApplicationExists,
    FamilyMember,
    add_family_member,
    lodge_application,
    read_applicant,
)
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from borderdesk.core.audit.actions import AuditAction
from tests.apps.casework.conftest import TOURIST, make_traveller
from tests.apps.inspection.conftest import passport

OKAFOR = {"surname": "OKAFOR", "given": "CHINEDU", "nationality": "NGA", "born": date(1990, 5, 1)}


def okafor(number="B12345678"):
    """The applicant of the conftest (OKAFOR, NGA, born 1990-05-01) with a passport not on record."""
    return passport(number=number, sex="M", **OKAFOR)


def misread(zone: str) -> str:
    """The zone with the document number's check digit wrong."""
    first, second = zone.splitlines()
    digit = "1" if second[9] != "1" else "2"
    return f"{first}\n{second[:9]}{digit}{second[10:]}"


def lodge(actor, post, zone, **options):
    options.setdefault("kind", "short_stay_visa")
    options.setdefault("answers", TOURIST)
    return lodge_application(actor, post=post, mrz=zone, **options)


# ---------------------------------------------------------------------------------------------- who the applicant is


def test_a_new_applicant_becomes_a_traveller_and_the_case_is_lodged(consul, embassy):
    done = lodge(consul, embassy, passport(surname="SRISAI", given="NARIN", number="TH1234567"))
    case = done.application
    assert case is not None and case.reference.startswith("UTB-") and case.state == "lodged"
    traveller = Traveller.objects.get()
    assert (traveller.surname, traveller.nationality, str(traveller.birth_date)) == ("SRISAI", "THA", "1988-06-01")
    assert case.applicant == traveller and case.document.document_number == "TH1234567"
    assert (case.fee_amount, case.fee_currency) == (80, "UTD")
    created = AuditEvent.objects.get(action=AuditAction.TRAVELLERS_TRAVELLER_CREATE)
    assert created.post_code == "UTB" and created.actor_username == "consul"
    assert AuditEvent.objects.filter(action=AuditAction.CASEWORK_APPLICATION_LODGE).count() == 1
    kinds = list(CaseEvent.objects.filter(application=case).values_list("kind", flat=True))
    assert kinds == ["lodged", "document"]
    assert "TH1234567" in CaseEvent.objects.get(application=case, kind="document").text
    assert AccessEvent.objects.filter(object_type="travel_document", purpose="casework intake").exists()


def test_the_same_passport_twice_is_one_traveller(consul, embassy):
    zone = passport(surname="SRISAI", given="NARIN", number="TH1234567")
    first = lodge(consul, embassy, zone).application
    long_stay = {"purpose": "study", "arrival_date": "2026-09-01", "length_months": 10, "address_in_utopia": "Quay 1"}
    long_stay["institution_name"] = "University of Amaurot"
    second = lodge(consul, embassy, zone, kind="long_stay_visa", answers=long_stay).application
    assert second.applicant_id == first.applicant_id and second.document_id == first.document_id
    assert Traveller.objects.count() == 1 and HeldDocument.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.TRAVELLERS_TRAVELLER_CREATE).count() == 1
    with pytest.raises(Conflict) as exc:  # the form sent twice: the open application is named, nothing doubled
        lodge(consul, embassy, zone)
    assert exc.value.code == "application_open" and first.reference in exc.value.message
    assert Application.objects.count() == 2


def test_a_bad_check_digit_is_a_clear_error_and_nothing_is_written(consul, embassy):
    with pytest.raises(Invalid) as exc:
        lodge(consul, embassy, misread(passport(number="TH1234567")))
    assert exc.value.code == "mrz_misread" and exc.value.field == "mrz"
    assert "document_number check digit" in exc.value.message and "Scan the data page again" in exc.value.message
    assert Traveller.objects.count() == 0 and Application.objects.count() == 0


@pytest.mark.parametrize("zone", ["", "hello", "P<UTO\nX", "x" * 5000, "\x00" * 10, "P<" * 300])
def test_anything_but_a_zone_is_refused_clearly(consul, embassy, zone):
    with pytest.raises(Invalid) as exc:
        lodge(consul, embassy, zone)
    assert exc.value.code in ("not_an_mrz", "mrz_misread") and exc.value.field == "mrz"
    assert Traveller.objects.count() == 0


def test_an_applicant_on_record_under_another_document_is_offered_and_nothing_is_written(consul, embassy, applicant):
    known, _ = applicant
    done = lodge(consul, embassy, okafor())
    assert done.application is None and [p.candidates for p in done.waiting] == [[known]]
    assert Application.objects.count() == 0 and Traveller.objects.count() == 1 and HeldDocument.objects.count() == 1
    shown = AccessEvent.objects.get(purpose="casework intake: same person?")
    assert shown.object_id == str(known.pk) and shown.post_code == "UTB" and "B12345678" in shown.detail


def test_the_same_person_gets_the_new_document_on_their_record(consul, embassy, applicant):
    known, _ = applicant
    case = lodge(consul, embassy, okafor(), choice=str(known.pk)).application
    assert case.applicant == known and case.document.document_number == "B12345678"
    assert Traveller.objects.count() == 1 and known.documents.count() == 2
    added = AuditEvent.objects.get(action=AuditAction.TRAVELLERS_DOCUMENT_ADD)
    assert added.object_id == str(known.pk) and added.post_code == "UTB" and "B12345678" in added.new_values["document"]
    again = lodge(consul, embassy, okafor(), kind="long_stay_visa", answers=_long_stay()).application
    assert again.applicant == known  # the document is on record now: no question asked


def test_a_different_person_gets_a_record_of_their_own(consul, embassy, applicant):
    known, _ = applicant
    case = lodge(consul, embassy, okafor(), choice="new").application
    assert case.applicant != known and Traveller.objects.count() == 2
    assert known.documents.count() == 1 and not AuditEvent.objects.filter(action=AuditAction.TRAVELLERS_DOCUMENT_ADD)


def test_only_a_traveller_offered_can_be_chosen(consul, embassy, applicant):
    stranger, _ = make_traveller(surname="DOE", given="JANE", nationality="GBR", number="G1")
    for choice in (str(stranger.pk), "0", "-1", "abc", "9" * 40):
        with pytest.raises(Invalid) as exc:
            lodge(consul, embassy, okafor(), choice=choice)
        assert exc.value.code == "applicant_choice_invalid"
    assert stranger.documents.count() == 1 and Application.objects.count() == 0


def test_a_form_not_complete_is_refused_before_anyone_is_created(consul, embassy):
    with pytest.raises(Invalid) as exc:
        lodge(consul, embassy, passport(), answers={"purpose": "tourism"})
    assert exc.value.code == "answers_invalid" and exc.value.field == "arrival_date"
    for answers in ({**TOURIST, "purpose": {"x": 1}}, {**TOURIST, "extra": "x" * 3000}, [1, 2], "x"):
        with pytest.raises(Invalid) as exc:
            lodge(consul, embassy, passport(), answers=answers)
        assert exc.value.code == "answers_invalid"
    with pytest.raises(Invalid) as exc:
        lodge(consul, embassy, passport(), contact_email="not an address")
    assert exc.value.code == "contact_email_invalid"
    assert Traveller.objects.count() == 0 and Application.objects.count() == 0


def test_another_posts_officer_is_refused_and_nothing_is_read(caseworker, embassy):
    with pytest.raises(PermissionDenied) as exc:
        lodge(caseworker, embassy, passport())
    assert exc.value.code == "not_your_post"
    assert Traveller.objects.count() == 0 and not AccessEvent.objects.filter(object_type="travel_document").exists()


def test_a_kind_is_lodged_only_where_it_belongs(caseworker, office):
    with pytest.raises(Invalid) as exc:
        lodge(caseworker, office, passport())
    assert exc.value.code == "kind_not_lodged_here" and Traveller.objects.count() == 0


def test_reading_the_document_first_shows_who_it_is(consul, embassy, applicant):
    known, _ = applicant
    on_record = read_applicant(consul, post=embassy, mrz=passport(number="A07654321", **OKAFOR))
    assert on_record.traveller == known and not on_record.needs_choice
    offered = read_applicant(consul, post=embassy, mrz=okafor())
    assert offered.needs_choice and offered.candidates == [known]
    assert Application.objects.count() == 0 and HeldDocument.objects.count() == 1


def test_a_sending_systems_reference_lodges_once(consul, embassy):
    first = lodge(consul, embassy, passport(), channel="api", external_reference="EXT-1").application
    with pytest.raises(ApplicationExists) as exc:
        lodge(consul, embassy, passport(number="OTHER1234"), channel="api", external_reference="EXT-1")
    assert exc.value.reference == first.reference and exc.value.status == 409
    with pytest.raises(Invalid) as exc:
        lodge(consul, embassy, passport(), channel="api", external_reference="")
    assert exc.value.code == "external_reference_required"
    assert Application.objects.count() == 1 and Traveller.objects.count() == 1


# ---------------------------------------------------------------------------------------------------- family members


def test_a_family_member_joins_the_principals_application(consul, visa_case):
    spouse_zone = passport(surname="OKAFOR", given="ADA", number="A09999999", nationality="NGA", sex="F")
    done = add_family_member(consul, visa_case.reference, mrz=spouse_zone, relationship="spouse")
    member = done.application
    assert member.principal == visa_case and member.relationship == "spouse" and member.kind == "short_stay_visa"
    assert member.answers == visa_case.answers and member.post == visa_case.post
    assert member.applicant.given_names == "ADA" and member.reference != visa_case.reference
    linked = CaseEvent.objects.filter(application=visa_case, details__family_member=member.reference)
    assert linked.count() == 1
    assert AuditEvent.objects.filter(
        action=AuditAction.CASEWORK_APPLICATION_UPDATE, object_id=str(visa_case.pk)
    ).exists()
    with pytest.raises(Conflict) as exc:  # the same family member again
        add_family_member(consul, visa_case.reference, mrz=spouse_zone, relationship="spouse")
    assert exc.value.code == "application_open"
    with pytest.raises(Invalid) as exc:  # a family member's application takes no family of its own
        add_family_member(consul, member.reference, mrz=passport(number="C1"), relationship="child")
    assert exc.value.code == "principal_invalid"
    assert Application.objects.filter(principal=visa_case).count() == 1


def test_a_family_member_may_answer_for_themselves(consul, visa_case):
    own = {**TOURIST, "purpose": "family_visit", "host_name": "Ngozi Okafor", "host_relationship": "sibling"}
    member = add_family_member(
        consul, visa_case, mrz=passport(number="C2", nationality="NGA"), relationship="sibling", answers=own
    ).application
    assert member.answers["purpose"] == "family_visit" and visa_case.answers["purpose"] == "tourism"
    with pytest.raises(Invalid) as exc:
        add_family_member(
            consul, visa_case, mrz=passport(number="C3"), relationship="sibling", answers={"purpose": "tourism"}
        )
    assert exc.value.code == "answers_invalid"


def test_family_members_are_refused_what_does_not_fit(consul, caseworker, visa_case, applicant):
    _, document = applicant
    principal_zone = passport(number=document.document_number, **OKAFOR)
    with pytest.raises(Invalid) as exc:
        add_family_member(consul, visa_case, mrz=principal_zone, relationship="spouse")
    assert exc.value.code == "same_as_principal"
    with pytest.raises(Invalid) as exc:
        add_family_member(consul, visa_case, mrz=passport(number="C4"), relationship="neighbour")
    assert exc.value.code == "relationship_invalid"
    with pytest.raises(PermissionDenied):
        add_family_member(caseworker, visa_case, mrz=passport(number="C5"), relationship="child")
    act(consul, visa_case, "withdraw")
    with pytest.raises(Conflict) as exc:
        add_family_member(consul, visa_case, mrz=passport(number="C6"), relationship="child")
    assert exc.value.code == "principal_closed"
    assert Application.objects.count() == 1


def test_family_members_lodged_with_the_principal_at_once(consul, embassy):
    family = [
        FamilyMember(mrz=passport(given="MALI", number="TH7000001", sex="F"), relationship="spouse"),
        FamilyMember(mrz=passport(given="NOI", number="TH7000002", born=date(2015, 2, 2)), relationship="child"),
    ]
    done = lodge(consul, embassy, passport(number="TH7000000"), family=family)
    assert [f.relationship for f in done.family] == ["spouse", "child"]
    assert all(f.principal == done.application for f in done.family) and Application.objects.count() == 3
    with pytest.raises(Invalid) as exc:  # one passport for two people
        twin = [FamilyMember(passport(number="TH8000000"), "child")]
        lodge(consul, embassy, passport(number="TH8000000"), family=twin)
    assert exc.value.code == "same_document_twice" and Application.objects.count() == 3


def _long_stay():
    return {
        "purpose": "study",
        "arrival_date": "2026-09-01",
        "length_months": 10,
        "address_in_utopia": "Quay 1",
        "institution_name": "University of Amaurot",
    }


# ------------------------------------------------------------------------------------------------------ the pages


def _form(zone, **extra):
    form = {
        "kind": "short_stay_visa",
        "mrz": zone,
        "answer_purpose": "tourism",
        "answer_arrival_date": "2026-04-01",
        "answer_departure_date": "2026-04-15",
        "answer_entries": "single",
        "answer_previous_visa": "no",
        "answer_means_per_day": "120",
        "language": "de",
        "contact_email": "narin@example.org",
    }
    return {**form, **extra}


def test_the_intake_page_offers_the_kinds_lodged_at_the_post_and_their_form(client_for, consul, embassy):
    client = client_for(consul)
    body = client.get("/casework/new/").content.decode()
    assert 'value="short_stay_visa"' in body and 'value="family_reunification"' in body
    assert 'value="extension_of_stay"' not in body and 'value="permanent_residence"' not in body
    page = client.get("/casework/new/?kind=short_stay_visa").content.decode()
    assert 'name="answer_arrival_date"' in page and 'data-testid="mrz"' in page
    assert "Only when “Main purpose of the journey” is Family visit." in page  # a conditional question's hint
    assert "35 for nationals of ALB" in page.replace(" UTD", "")  # the fee schedule, by nationality
    unknown = client.get("/casework/new/?kind=extension_of_stay").content.decode()
    assert "not lodged here" in unknown and 'name="answer_' not in unknown


def test_lodging_from_the_page_leads_to_the_case(client_for, consul, embassy):
    answer = client_for(consul).post("/casework/new/", _form(passport(number="TH1234567")))
    case = Application.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/casework/{case.reference}/"
    assert case.answers["means_per_day"] == 120 and case.answers["previous_visa"] is False
    assert (case.language, case.contact_email) == ("de", "narin@example.org")


def test_a_bad_check_digit_comes_back_on_the_page_with_everything_typed(client_for, consul, embassy):
    zone = misread(passport(number="TH1234567"))
    answer = client_for(consul).post("/casework/new/", _form(zone, sponsor_name="Hotel Adlon"))
    body = answer.content.decode()
    assert answer.status_code == 422 and "mrz_misread" in body and "check digit" in body
    assert escape(zone.splitlines()[1]) in body and 'value="2026-04-01"' in body and 'value="Hotel Adlon"' in body
    assert 'value="tourism" selected' in body and 'value="no" checked' in body
    assert Application.objects.count() == 0 and Traveller.objects.count() == 0


def test_a_wrong_answer_comes_back_on_the_page(client_for, consul, embassy):
    answer = client_for(consul).post("/casework/new/", _form(passport(), answer_means_per_day="lots"))
    assert answer.status_code == 422 and "means_per_day" in answer.content.decode()
    assert 'value="lots"' in answer.content.decode() and Traveller.objects.count() == 0


def test_on_the_page_the_officer_chooses_who_the_applicant_is(client_for, consul, embassy, applicant):
    known, _ = applicant
    client = client_for(consul)
    read = client.post("/casework/new/", _form(okafor(), step="read"))
    body = read.content.decode()
    assert read.status_code == 200 and 'data-testid="candidates"' in body and f'value="{known.pk}"' in body
    assert "Fee for a national of NGA" in body and Application.objects.count() == 0
    asked = client.post("/casework/new/", _form(okafor()))
    assert asked.status_code == 200 and 'data-testid="candidates"' in asked.content.decode()
    assert 'value="2026-04-15"' in asked.content.decode() and Application.objects.count() == 0
    done = client.post("/casework/new/", _form(okafor(), choice=str(known.pk)))
    assert done.status_code == 302 and Application.objects.get().applicant == known


def test_reading_a_new_applicants_document_on_the_page_shows_them_and_their_fee(client_for, consul, embassy):
    # Nobody on record: no candidates to choose from, the fee still by the nationality read (once a server error).
    read = client_for(consul).post("/casework/new/", _form(okafor(), step="read"))
    body = read.content.decode()
    assert read.status_code == 200 and 'data-testid="intake-read"' in body and "a new record" in body
    assert "Fee for a national of NGA" in body and 'data-testid="candidates"' not in body
    assert Application.objects.count() == 0 and Traveller.objects.count() == 0


def test_another_posts_officer_cannot_lodge_at_a_post_they_do_not_work_at(client_for, caseworker, embassy):
    page = client_for(caseworker).get("/casework/new/?kind=short_stay_visa").content.decode()
    assert 'value="short_stay_visa"' not in page  # the office's kinds only
    answer = client_for(caseworker).post("/casework/new/", _form(passport()))
    assert answer.status_code == 422 and "kind_not_lodged_here" in answer.content.decode()
    assert Traveller.objects.count() == 0


def test_a_family_member_is_added_from_the_case_page(client_for, consul, visa_case):
    client = client_for(consul)
    page = client.get(f"/casework/{visa_case.reference}/").content.decode()
    assert 'data-testid="case-family-add"' in page and 'name="answer_arrival_date"' in page
    zone = passport(surname="OKAFOR", given="ADA", number="A09999999", nationality="NGA", sex="F")
    bad = client.post(f"/casework/{visa_case.reference}/family", {"mrz": misread(zone), "relationship": "spouse"})
    assert bad.status_code == 422 and "mrz_misread" in bad.content.decode()
    assert escape(misread(zone).splitlines()[1]) in bad.content.decode()
    assert 'value="spouse" selected' in bad.content.decode()
    own = {**_form(zone), "relationship": "spouse", "answers": "own", "answer_entries": "multiple", "kind": "x"}
    answer = client.post(f"/casework/{visa_case.reference}/family", own)
    assert answer.status_code == 302 and answer["Location"] == f"/casework/{visa_case.reference}/"
    member = Application.objects.get(principal=visa_case)
    assert member.answers["entries"] == "multiple" and member.relationship == "spouse"
    page = client.get(f"/casework/{visa_case.reference}/").content.decode()
    assert member.reference in page and "ADA" in page
    family_page = client.get(f"/casework/{member.reference}/").content.decode()
    assert 'data-testid="case-family-add"' not in family_page and visa_case.reference in family_page


def test_another_posts_officer_cannot_add_a_family_member(client_for, caseworker, visa_case):
    answer = client_for(caseworker).post(
        f"/casework/{visa_case.reference}/family", {"mrz": passport(number="C7"), "relationship": "child"}
    )
    assert answer.status_code == 403 and "OKAFOR" not in answer.content.decode()
    assert Application.objects.count() == 1 and Traveller.objects.count() == 1


def test_a_document_on_record_for_someone_else_is_noted_on_the_timeline(consul, embassy, applicant):
    _, document = applicant
    zone = passport(surname="OKAFORR", given="CHINEDU", number=document.document_number, nationality="NGA")
    case = lodge(consul, embassy, zone).application
    read = CaseEvent.objects.get(application=case, kind="document")
    assert read.details["holder_differs"] is True and "the zone names OKAFORR" in read.text
