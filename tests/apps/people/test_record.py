"""The person record's pages: search, the reason asked before opening, the record with its whole history, each
opening an access event with the purpose and the officer's post; refusals and bad input with a clear code."""

import pytest
from django.urls import reverse

from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.audit.trail import browse_changes
from borderdesk.apps.common.errors import NotFound
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.people.services import load_person_record, object_refs, traveller_of
from borderdesk.apps.travellers.models import Traveller
from borderdesk.apps.travellers.services import merge_travellers
from borderdesk.core.audit.trail_query import parse_trail_query
from tests.actors import SETUP


def open_record(client, traveller, **form):
    return client.post(reverse("people:record", args=[traveller.pk]), form)


def test_the_search_page_posts_and_shows_enough_to_pick_the_person(client_for, officer, scanned):
    client = client_for(officer)
    assert b'method="post"' in client.get(reverse("people:find")).content
    response = client.post(reverse("people:search"), {"name": "okonkwo amelia"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "OKONKWO, AMELIA" in body and "1990-02-14" in body and "NGA" in body and "NG4455667" in body
    assert reverse("people:reason", args=[scanned["amelia"].pk]) in body


def test_a_search_without_htmx_answers_the_whole_page(client_for, officer, scanned):
    response = client_for(officer).post(reverse("people:search"), {"document_number": "SE1122334"})
    assert response.status_code == 200 and b"<html" in response.content and b"LINDQVIST" in response.content


def test_the_reason_page_shows_no_personal_data_and_writes_nothing(client_for, officer, scanned):
    before = AccessEvent.objects.count()
    response = client_for(officer).get(reverse("people:reason", args=[scanned["amelia"].pk]))
    assert response.status_code == 200 and b"OKONKWO" not in response.content and b'name="purpose"' in response.content
    assert AccessEvent.objects.count() == before


def test_the_record_shows_crossings_stays_inspections_decisions_and_visas(client_for, officer, scanned):
    response = open_record(client_for(officer), scanned["amelia"], purpose="primary_inspection")
    body = response.content.decode()
    assert response.status_code == 200 and "AMELIA OKONKWO" in body
    for section in ("record-documents", "record-crossings", "record-stays", "record-inspection", "record-visas"):
        assert f'data-testid="{section}"' in body
    assert "Admitted" in body and "still in the country" in body and "NG4455667" in body
    adaeze = open_record(client_for(officer), scanned["adaeze"], purpose="secondary_inspection").content.decode()
    assert "Refer to secondary" in adaeze and "No crossings on record." in adaeze


def test_opening_a_record_is_an_access_event_with_the_purpose_the_words_and_the_post(client_for, officer, scanned):
    open_record(client_for(officer), scanned["sven"], purpose="other", reason="Embassy asked about a lost passport")
    event = AccessEvent.objects.latest("seq")
    assert (event.object_type, event.object_id) == ("travellers.traveller", str(scanned["sven"].pk))
    assert (event.purpose, event.detail) == ("Other (say what below)", "Embassy asked about a lost passport")
    assert (event.actor_username, event.post_code) == ("officer", "TST")


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({}, "purpose_required"),
        ({"purpose": "curiosity"}, "purpose_required"),
        ({"purpose": "other", "reason": "  "}, "reason_required"),
        ({"purpose": "other", "reason": "x" * 301}, "value_too_long"),
    ],
)
def test_no_record_without_a_purpose(client_for, officer, scanned, form, code):
    before = AccessEvent.objects.count()
    response = open_record(client_for(officer), scanned["amelia"], **form)
    assert response.status_code == 422 and f">{code}<".encode() in response.content
    assert b"OKONKWO" not in response.content and AccessEvent.objects.count() == before


def test_an_unknown_record_is_a_clear_404(client_for, officer, scanned):
    response = client_for(officer).post(reverse("people:record", args=[99999999]), {"purpose": "stay_enquiry"})
    assert response.status_code == 404 and b"traveller_not_found" in response.content


def test_an_auditor_and_a_caseworker_are_refused_and_the_refusal_is_recorded(client_for, auditor, make_user, scanned):
    for user in (auditor, make_user("casey", "caseworker", posts=["TST"])):
        client = client_for(user)
        assert client.get(reverse("people:find")).status_code == 403
        response = open_record(client, scanned["amelia"], purpose="primary_inspection")
        assert response.status_code == 403 and b"OKONKWO" not in response.content
    assert not AccessEvent.objects.filter(actor_username__in=["auditor", "casey"]).exists()


def test_an_officer_with_no_current_post_is_told_to_choose_one(client_for, officer, scanned):
    officer.current_post = None
    officer.save(update_fields=["current_post"])
    response = client_for(officer).post(reverse("people:search"), {"name": "Okonkwo"})
    assert response.status_code == 422 and b"no_current_post" in response.content


def test_a_merged_record_opens_as_the_one_it_was_merged_into(officer, scanned):
    keep, duplicate = scanned["amelia"], scanned["adaeze"]
    merge_travellers(SETUP, keep, duplicate, reason="same person, two passports", post_code="TST")
    record = load_person_record(duplicate.pk)
    assert record.traveller == keep and record.opened_as == duplicate.pk
    assert load_person_record(keep.pk).merged_from == [Traveller.objects.get(pk=duplicate.pk)]
    with pytest.raises(NotFound):
        load_person_record(10**12)


def test_the_trail_finds_every_object_of_a_persons_record(auditor, scanned):
    amelia = scanned["amelia"]
    refs = object_refs(amelia.pk)
    inspection = Inspection.objects.get(traveller=amelia)
    assert refs["inspection.inspection"] == [str(inspection.pk)]
    assert refs["inspection.decision"] == [str(d.pk) for d in inspection.decisions.all()]
    assert len(refs["travellers.crossing"]) == 1 and refs["travellers.traveller"] == [str(amelia.pk)]
    for object_type, ids in refs.items():
        assert all(traveller_of(object_type, object_id) == amelia.pk for object_id in ids)
    assert traveller_of("posts.post", "1") is None and traveller_of("inspection.inspection", "x") is None
    page = browse_changes(auditor, parse_trail_query({"person": str(amelia.pk)}))
    assert {e.action for e in page.events} >= {
        "travellers.traveller.create",
        "inspection.decision.admit",
        "travellers.crossing.admitted",
    }
    others = {str(scanned["adaeze"].pk), str(scanned["sven"].pk)}
    assert not [e for e in page.events if e.object_type == "travellers.traveller" and e.object_id in others]


@pytest.mark.parametrize("pk", [10**30, 2**63])
def test_a_record_number_beyond_any_column_is_not_found(client_for, officer, scanned, pk):
    response = client_for(officer).post(reverse("people:record", args=[pk]), {"purpose": "stay_enquiry"})
    assert response.status_code == 404 and b"traveller_not_found" in response.content
