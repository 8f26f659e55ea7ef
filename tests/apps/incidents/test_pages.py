"""The incidents' pages: the day's list, recording an incident (a patrol preselected), its page with the people
met, their screening and health needs first, and the forms on it. A form refused keeps what was typed; another
post's incident is refused and the refusal is on record."""

from django.urls import reverse

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.incidents import services
from borderdesk.apps.incidents.models import Incident, InvolvedPerson
from tests.apps.incidents.conftest import form, person


def test_recording_an_incident_from_the_patrols_link(client_for, patrol_officer, sea, boat_patrol):
    http = client_for(patrol_officer)
    page = http.get(reverse("incidents:new"), {"patrol": boat_patrol.pk})
    assert page.status_code == 200
    assert f'<option value="{boat_patrol.pk}" selected>SEAHAWK 2' in page.content.decode()
    typed = form(sea.post, patrol=str(boat_patrol.pk)).__dict__
    answer = http.post(reverse("incidents:new"), typed)
    incident = Incident.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/incidents/{incident.reference}/"
    assert incident.patrol == boat_patrol
    day = sea.post.local_date(incident.occurred_at).isoformat()  # 30 minutes ago: yesterday, just after midnight
    listing = http.get(reverse("incidents:list"), {"day": day}).content.decode()
    assert incident.reference in listing and "SEAHAWK 2" in listing


def test_a_patrol_of_another_sector_is_not_preselected_and_says_so(client_for, patrol_officer, sea):
    page = client_for(patrol_officer).get(reverse("incidents:new"), {"patrol": "987654"})
    assert page.status_code == 200 and "patrol_not_in_sector" in page.content.decode()


def test_a_refused_incident_keeps_what_was_typed(client_for, patrol_officer, sea):
    typed = form(sea.post, latitude="95.5", circumstances="Three people on a jet ski, heading north.").__dict__
    answer = client_for(patrol_officer).post(reverse("incidents:new"), typed)
    body = answer.content.decode()
    assert answer.status_code == 422 and "latitude_out_of_range" in body
    assert 'value="95.5"' in body and "Three people on a jet ski, heading north." in body
    assert not Incident.objects.exists()


def test_the_incident_page_shows_health_needs_screening_and_what_follows(
    client_for, patrol_officer, sea, watchlist, unit, police
):
    incident = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post))
    http = client_for(patrol_officer)
    wanted = person(surname="VOLKOV", given_names="SERGEI", birth_date="1971-03-04", nationality="UKR")
    answer = http.post(reverse("incidents:add-person", args=[incident.reference]), wanted.__dict__)
    met = InvolvedPerson.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"/#person-{met.pk}")
    injured = person(health_needs="Insulin needed within 4 hours").__dict__
    http.post(reverse("incidents:add-person", args=[incident.reference]), injured)
    asker = InvolvedPerson.objects.latest("pk")
    assert http.post(reverse("incidents:protection", args=[asker.pk])).status_code == 302
    page = http.get(reverse("incidents:incident", args=[incident.reference]))
    body = page.content.decode()
    assert "Watchlist hit: Arrest" in body and "Absconded from custody" in body and 'data-testid="hits-summary"' in body
    assert "Insulin needed within 4 hours" in body and body.index("Health needs") < body.index("No watchlist match")
    assert "claim made" in body and "Asylum unit Amaurot" in body and "PC-" not in body  # the reference stays there
    assert f'href="{reverse("incidents:refer", args=[met.pk])}"' in body


def test_a_person_refused_keeps_what_was_typed(client_for, patrol_officer, sea):
    incident = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post))
    typed = person(nationality="QQQ", health_needs="Pregnant, 8 months").__dict__
    answer = client_for(patrol_officer).post(reverse("incidents:add-person", args=[incident.reference]), typed)
    body = answer.content.decode()
    assert answer.status_code == 422 and "invalid_nationality" in body
    assert 'value="QQQ"' in body and "Pregnant, 8 months" in body and not InvolvedPerson.objects.exists()


def test_the_referral_form_shares_the_fields_ticked(client_for, patrol_officer, sea, police):
    incident = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post))
    met = services.add_person(patrol_officer, incident.reference, person())
    http = client_for(patrol_officer)
    url = reverse("incidents:refer", args=[met.pk])
    assert "National Police" in http.get(url).content.decode()
    refused = http.post(url, {"partner": police.pk, "kind": "referral", "reason": "", "fields": ["surname"]})
    assert refused.status_code == 422 and "reason_required" in refused.content.decode()
    assert 'value="surname" checked' in refused.content.decode()
    done = http.post(url, {"partner": police.pk, "kind": "referral", "reason": "Wanted", "fields": ["surname"]})
    assert done.status_code == 302
    page = http.get(reverse("incidents:incident", args=[incident.reference])).content.decode()
    assert f"REF-UTPSN-{sea.post.local_date().year}-000001" in page and "not yet acknowledged" in page


def test_another_sectors_incident_is_refused_and_recorded(client_for, land_officer, patrol_officer, sea):
    incident = services.record_incident(patrol_officer, post=sea.post, form=form(sea.post))
    met = services.add_person(patrol_officer, incident.reference, person())
    http = client_for(land_officer)
    for url in (
        reverse("incidents:incident", args=[incident.reference]),
        reverse("incidents:refer", args=[met.pk]),
    ):
        answer = http.get(url)
        assert answer.status_code == 403 and "AHMADI" not in answer.content.decode()
        assert AuditEvent.objects.filter(action="access.denied", new_values__path=url).count() == 1
    assert http.get(reverse("incidents:incident", args=["INC-NOPE"])).status_code == 404
    posted = http.post(reverse("incidents:add-person", args=[incident.reference]), person().__dict__)
    assert posted.status_code == 403 and InvolvedPerson.objects.count() == 1
