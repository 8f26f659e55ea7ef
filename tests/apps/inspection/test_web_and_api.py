from borderdesk.apps.inspection.models import Inspection
from tests.apps.inspection.conftest import passport
from tests.rosters import put_on_shift


def test_booth_page_lists_booths_then_scans(client_for, officer, port):
    client = client_for(officer)
    page = client.get("/booth/").content.decode()
    assert 'data-testid="open-A01"' in page
    put_on_shift(officer, port)
    client.post("/booth/open", {"booth": port.booths.get(code="A01").pk})
    assert b'data-testid="scan"' in client.get("/booth/").content
    panel = client.post("/booth/scan", {"scan": passport()}).content.decode()
    assert 'data-testid="traveller-name"' in panel and "SRISAI" in panel
    assert 'data-testid="confirm-admit"' in panel


def test_a_bad_scan_is_a_clear_message(client_for, officer, port):
    client = client_for(officer)
    put_on_shift(officer, port)
    client.post("/booth/open", {"booth": port.booths.get(code="A01").pk})
    response = client.post("/booth/scan", {"scan": "P<THASRISAI<<NARIN\nTH12345"})
    assert response.status_code == 422 and b'data-testid="scan-error"' in response.content


def test_a_blank_scan_answers_nothing_and_leaves_the_panel(client_for, officer, port):
    client = client_for(officer)
    put_on_shift(officer, port)
    client.post("/booth/open", {"booth": port.booths.get(code="A01").pk})
    for blank in ("", "\n", " \r\n "):
        response = client.post("/booth/scan", {"scan": blank})
        assert response.status_code == 204 and response.content == b""
    assert not Inspection.objects.exists()


def test_scanning_needs_a_booth(client_for, officer):
    response = client_for(officer).post("/booth/scan", {"scan": passport()})
    assert b"no_booth_session" in response.content


def test_decide_through_the_page_twice_is_one_decision(client_for, officer, port):
    client = client_for(officer)
    put_on_shift(officer, port)
    client.post("/booth/open", {"booth": port.booths.get(code="A01").pk})
    client.post("/booth/scan", {"scan": passport()})
    inspection = Inspection.objects.get()
    form = {"kind": "admit", "version": inspection.version, "idempotency_key": "k-admit"}
    first = client.post(f"/inspections/{inspection.pk}/decide", form).content.decode()
    second = client.post(f"/inspections/{inspection.pk}/decide", form).content.decode()
    assert "Admitted until" in first and "Admitted until" in second
    assert inspection.decisions.count() == 1


def test_egate_api(client_for, officer, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["THA"]
    client = client_for(officer)
    response = client.post("/api/v1/inspections", {"mrz": passport(), "post": "TST"}, content_type="application/json")
    body = response.json()
    assert response.status_code == 200, body
    assert body["gate_action"] == "open" and body["document_valid"] is True
    bad = client.post("/api/v1/inspections", {"mrz": "junk", "post": "TST"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"] == "not_an_mrz"
    elsewhere = client.post("/api/v1/inspections", {"mrz": passport(), "post": "NOPE"}, content_type="application/json")
    assert elsewhere.status_code == 422 and elsewhere.json()["code"] == "unknown_post"


def test_senior_queue_page(client_for, senior, officer, port):
    page = client_for(senior).get("/queue/")
    assert page.status_code == 200
    assert '<a href="/figures/TST/" data-testid="figures-link">' in page.content.decode()
    assert client_for(officer).get("/queue/").status_code == 403


def test_a_senior_settles_an_earlier_stay_from_the_secondary_screen(client_for, officer, senior, session):
    from borderdesk.apps.inspection import services
    from tests.apps.inspection.conftest import TODAY

    first = services.start_inspection(officer, session, passport(), today=TODAY)
    services.decide(officer, first, kind="admit", idempotency_key="a", version=first.version, today=TODAY)
    again = services.start_inspection(officer, session, passport(), today=TODAY)
    services.decide(
        officer,
        again,
        kind="refer",
        remarks="no exit on record",
        idempotency_key="r",
        version=again.version,
        today=TODAY,
    )
    services.take_for_secondary(senior, again)
    client = client_for(senior)
    page = client.get(f"/inspections/{again.pk}/").content.decode()
    assert 'data-testid="settle-stay"' in page
    version = Inspection.objects.get(pk=again.pk).version
    bad = client.post(
        f"/inspections/{again.pk}/settle-stay", {"version": version, "left_on": "yesterday", "evidence": "stamp"}
    )
    assert "is not a date" in bad.content.decode()
    done = client.post(
        f"/inspections/{again.pk}/settle-stay",
        {"version": version, "left_on": TODAY.isoformat(), "evidence": "entry stamp of Malaysia"},
    )
    assert "The earlier stay is closed" in done.content.decode()
    assert 'data-testid="settle-stay"' not in done.content.decode()
    assert "exit not recorded at the time, settled later (entry stamp of Malaysia)" in done.content.decode()
    assert client_for(officer).post(f"/inspections/{again.pk}/settle-stay", {}).status_code == 403
