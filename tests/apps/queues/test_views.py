"""The queue pages: a bad setup or arrival is shown with its code and what was typed is kept; a schedule's bad
rows are listed by line; the booth page has the break buttons."""

from borderdesk.apps.queues.models import Queue
from tests.rosters import open_booth_on_shift


def test_a_bad_setup_keeps_what_was_typed_and_says_why(client_for, duty, port):
    page = client_for(duty).post("/queues/setup/save/", {"kind": "crew", "terminal": "T9", "target_minutes": "abc"})
    assert page.status_code == 422
    body = page.content.decode()
    assert "bad_target" in body and 'value="T9"' in body
    assert not Queue.objects.exists()


def test_a_queue_set_up_from_the_page(client_for, duty, port):
    client = client_for(duty)
    page = client.post(
        "/queues/setup/save/", {"kind": "crew", "lanes": ["crew"], "target_minutes": "20", "active_given": "1"}
    )
    assert page.status_code == 302
    queue = Queue.objects.get()
    assert (queue.kind, queue.lanes, queue.target_minutes, queue.is_active) == ("crew", ["crew"], 20, False)
    dashboard = client.get("/queues/").content.decode()
    assert '<a href="/figures/TST/" data-testid="figures-link">' in dashboard


def test_a_pasted_schedule_lists_its_bad_rows_by_line(client_for, duty, port):
    text = "service,expected_at,passengers,residents_share\nUX1,2026-05-04T06:00,100,0.5\nUX2,2026-05-04T07:00,x,0.5\n"
    page = client_for(duty).post("/queues/schedule/import/", {"text": text})
    body = page.content.decode()
    assert page.status_code == 200 and "1 arrival stored" in body and "Line 3" in body and "bad_passengers" in body


def test_an_arrival_typed_wrong_is_refused_and_kept(client_for, duty, port):
    page = client_for(duty).post(
        "/queues/schedule/enter/",
        {"service": "UX7", "expected_on": "2026-13-40", "expected_time": "06:00", "passengers": "9"},
    )
    assert page.status_code == 422 and "bad_time" in page.content.decode() and 'value="UX7"' in page.content.decode()


def test_the_booth_page_offers_a_break_and_the_way_back(client_for, officer, port):
    open_booth_on_shift(officer, port.booths.get(code="A01"))
    client = client_for(officer)
    assert 'data-testid="start-break"' in client.get("/booth/").content.decode()
    assert client.post("/queues/break/start/").status_code == 302
    page = client.get("/booth/").content.decode()
    assert 'data-testid="on-break"' in page and 'data-testid="end-break"' in page
