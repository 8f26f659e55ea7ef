"""Post scope at the booth (finding 1) and bad ids (finding 5): an officer of another post who sends any action
to an inspection of this post gets a plain 403 (404 for an id that does not exist) that shows nothing of the
traveller, and nothing changes; what a read shows goes through a service that checks and logs first."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Alert, Decision, Inspection
from borderdesk.apps.travellers.models import Crossing, Traveller
from borderdesk.apps.visas.models import Visa, VisaKind
from tests.apps.conftest import work_events
from tests.apps.inspection.conftest import TODAY, passport

NAME, GIVEN, NUMBER = "SRISAI", "NARIN", "TH1234567"
SECRETS = (NAME, GIVEN, NUMBER)


@pytest.fixture
def intruder(make_user, other_port):
    """A senior officer (every booth permission) of another post."""
    return make_user("elsewhere", "senior_officer", posts=[other_port.code])


@pytest.fixture
def at_the_booth(officer, session):
    """An open inspection, and a detention waiting for approval (with its custody) on a second one."""
    open_one = services.start_inspection(officer, session, passport(), today=TODAY)
    detained = services.start_inspection(officer, session, passport(number="TH7654321"), today=TODAY)
    decision = services.decide(
        officer,
        detained,
        kind="detain",
        grounds=["UIA-12-1-e"],
        departure_reason="x",
        custody={"reason": "forged visa", "place": "room 2"},
        idempotency_key="d",
        version=detained.version,
        today=TODAY,
    )
    return open_one, decision


def action_posts(inspection, decision):
    form = {"version": inspection.version}
    return [
        (f"/inspections/{inspection.pk}/interview", {**form, "purpose": "tourism", "notes": "x"}),
        (f"/inspections/{inspection.pk}/decide", {**form, "kind": "admit", "idempotency_key": "steal"}),
        (f"/inspections/{inspection.pk}/visa-on-arrival", {**form, "fee_paid": "on", "receipt_number": "R1"}),
        (
            f"/inspections/{inspection.pk}/visa-on-arrival/confirmed",
            {**form, "fee_paid": "on", "receipt_number": "R1", "document_reason": "seen"},
        ),
        (f"/inspections/{inspection.pk}/merge", {**form, "duplicate": "1", "reason": "same person"}),
        (f"/inspections/{inspection.pk}/ask-protection", {}),
        (f"/inspections/{inspection.pk}/visa", {**form, "number": "EV1"}),
        (f"/inspections/{inspection.pk}/take", {}),
        (f"/inspections/{inspection.pk}/secondary-notes", {**form, "notes": "x"}),
        (f"/inspections/{inspection.pk}/settle-stay", {**form, "left_on": TODAY.isoformat(), "evidence": "x"}),
        (f"/custody/{decision.custody.pk}/end", {"outcome": "released"}),
        (f"/decisions/{decision.pk}/approve", {"approved": "yes", "note": "ok"}),
        (f"/decisions/{decision.pk}/signed", {}),
        (f"/alerts/{Alert.objects.filter(inspection=decision.inspection).first().pk}/acknowledge", {}),
        (f"/inspections/{inspection.pk}/chip", {"chip_files": [SimpleUploadedFile("DG1", b"\x61\x00")]}),
        (f"/inspections/{inspection.pk}/live-photo", {"photo": SimpleUploadedFile("me.jpg", b"\xff\xd8\xff")}),
    ]


def state():
    return (
        work_events().count(),
        AccessEvent.objects.count(),
        Decision.objects.count(),
        Crossing.objects.count(),
        Visa.objects.count(),
        Alert.objects.filter(acknowledged_at=None).count(),
        sorted(Inspection.objects.values_list("pk", "version", "status", "notes", "secondary_notes")),
    )


def test_every_action_url_is_covered():
    from borderdesk.apps.inspection.urls import urlpatterns

    posted = {
        "interview",
        "decide",
        "visa-on-arrival",
        "visa-on-arrival-confirmed",
        "merge",
        "ask-protection",
        "attach-visa",
        "take",
        "secondary-notes",
        "settle-stay",
        "end-custody",
        "approve",
        "refusal-signed",
        "acknowledge",
        "read-chip",
        "take-live-photo",
    }
    actions = {
        p.name
        for p in urlpatterns
        if "<int:pk>" in str(p.pattern) and p.name not in ("inspection", "refusal-form", "chip-face", "live-photo")
    }
    assert actions == posted


def test_another_posts_officer_gets_403_and_sees_nothing_for_every_action(client_for, intruder, at_the_booth):
    inspection, decision = at_the_booth
    client = client_for(intruder)
    before = state()
    for url, form in action_posts(inspection, decision):
        response = client.post(url, form, HTTP_HX_REQUEST="true")
        body = response.content.decode()
        assert response.status_code == 403, (url, response.status_code)
        assert not any(secret in body for secret in SECRETS), url
    assert state() == before


def test_another_posts_officer_cannot_read_the_page_or_the_refusal_form(client_for, intruder, at_the_booth):
    inspection, decision = at_the_booth
    client = client_for(intruder)
    before = state()
    for url in (f"/inspections/{inspection.pk}/", f"/decisions/{decision.pk}/refusal-form.pdf"):
        response = client.get(url)
        assert response.status_code == 403 and not any(s in response.content.decode() for s in SECRETS), url
    assert state() == before


def test_an_id_that_does_not_exist_is_404_and_writes_nothing(client_for, senior, at_the_booth):
    client = client_for(senior)
    before = state()
    for url in (
        "/inspections/999999/interview",
        "/inspections/999999/decide",
        "/decisions/999999/approve",
        "/custody/999999/end",
        "/decisions/999999/signed",
    ):
        response = client.post(url, {"version": "1"})
        assert response.status_code == 404, url
    assert client.get("/inspections/999999/").status_code == 404
    assert state() == before


def test_the_panel_after_an_action_is_a_logged_read(client_for, officer, at_the_booth):
    inspection, _ = at_the_booth
    before = AccessEvent.objects.filter(object_id=str(inspection.traveller_id)).count()
    response = client_for(officer).post(
        f"/inspections/{inspection.pk}/interview", {"version": inspection.version, "purpose": "tourism"}
    )
    assert response.status_code == 200 and NAME in response.content.decode()
    events = AccessEvent.objects.filter(object_id=str(inspection.traveller_id))
    assert events.count() == before + 1 and events.order_by("-seq").first().detail == f"inspection {inspection.pk}"


def test_view_inspection_checks_the_post_before_it_loads_or_logs(intruder, at_the_booth):
    inspection, _ = at_the_booth
    before = AccessEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.view_inspection(intruder, inspection.pk, purpose="curious")
    assert AccessEvent.objects.count() == before


def test_the_queue_is_a_logged_read_of_the_post(make_user, port, at_the_booth):
    senior = make_user("boss", "senior_officer", posts=[port.code])
    before = AccessEvent.objects.count()
    queue = services.post_queue(senior, port)
    assert [d.pk for d in queue["pending"]] == [at_the_booth[1].pk]
    assert AccessEvent.objects.count() == before + 1


# --- Finding 5: bad ids and the e-visa sticker -----------------------------------------------------------------


def test_a_non_numeric_booth_is_invalid_id(client_for, officer, port):
    response = client_for(officer).post("/booth/open", {"booth": "abc"})
    assert response.status_code == 422 and "invalid_id" in response.content.decode()


def test_a_non_numeric_duplicate_is_invalid_id_and_merges_nothing(client_for, officer, at_the_booth):
    inspection, _ = at_the_booth
    before = state()
    response = client_for(officer).post(
        f"/inspections/{inspection.pk}/merge", {"version": inspection.version, "duplicate": "abc", "reason": "same"}
    )
    assert response.status_code == 422 and "invalid_id" in response.content.decode()
    assert state()[2:] == before[2:] and Traveller.objects.filter(merged_into__isnull=False).count() == 0


def test_an_e_visa_has_no_sticker(client_for, officer, at_the_booth):
    inspection, _ = at_the_booth
    Visa.objects.create(
        number="EV2026001",
        kind=VisaKind.E_VISA,
        traveller=inspection.traveller,
        valid_from=TODAY,
        valid_until=TODAY + timedelta(days=30),
    )
    response = client_for(officer).get("/visas/EV2026001/sticker.pdf")
    assert response.status_code == 409 and "no_sticker_for_evisa" in response.content.decode()
    assert client_for(officer).get("/visas/NOPE/sticker.pdf").status_code == 404


def test_a_sticker_is_printed_only_at_the_post_that_issued_it(client_for, officer, intruder, session):
    inspection = services.start_inspection(
        officer, session, passport(surname="MUELLER", given="JONAS", number="C22X81T45", nationality="D"), today=TODAY
    )
    visa = services.issue_visa_on_arrival(
        officer, inspection, version=inspection.version, fee_paid=True, receipt_number="R-1", today=TODAY
    )
    mine = client_for(officer).get(f"/visas/{visa.number}/sticker.pdf")
    assert mine.status_code == 200 and mine.content.startswith(b"%PDF")
    before = AccessEvent.objects.count()
    theirs = client_for(intruder).get(f"/visas/{visa.number}/sticker.pdf")
    assert theirs.status_code == 403 and b"MUELLER" not in theirs.content
    assert AccessEvent.objects.count() == before


def test_a_visa_of_someone_else_does_not_name_them(officer, session):
    from borderdesk.apps.common.errors import Conflict

    holder = services.start_inspection(
        officer,
        session,
        passport(surname="OKAFOR", given="CHINEDU", number="A07654321", nationality="NGA"),
        today=TODAY,
    )
    Visa.objects.create(
        number="EV2026001",
        kind=VisaKind.E_VISA,
        traveller=holder.traveller,
        valid_from=TODAY,
        valid_until=TODAY + timedelta(days=30),
    )
    other = services.start_inspection(
        officer, session, passport(surname="ADEYEMI", given="NGOZI", number="A01111111", nationality="NGA"), today=TODAY
    )
    with pytest.raises(Conflict) as exc:
        services.attach_visa(officer, other, version=other.version, number="EV2026001", today=TODAY)
    assert exc.value.code == "visa_of_someone_else"
    assert "OKAFOR" not in exc.value.message and "CHINEDU" not in exc.value.message
