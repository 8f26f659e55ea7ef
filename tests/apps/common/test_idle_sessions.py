"""Finding 6: a page that refreshes itself no longer keeps a session alive; only what a person does counts."""

import pytest
from django.test import Client

from borderdesk.apps.common import middleware
from tests.apps.conftest import sign_in_fully
from tests.rosters import put_on_shift

MINUTE = 60
POLL = {"HTTP_HX_REQUEST": "true", "HTTP_X_BORDERDESK_POLL": "1"}


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        minutes = 0.0

    monkeypatch.setattr(middleware, "now", lambda: 1_000_000 + Clock.minutes * MINUTE)
    return Clock


@pytest.fixture
def senior_client(make_user, port, client_for):
    return client_for(make_user("senior", "senior_officer", posts=[port.code]))


def test_polling_alone_does_not_keep_the_session_alive(clock, senior_client, settings):
    assert settings.BORDERDESK_SESSION_IDLE_SECONDS == 60 * MINUTE
    assert senior_client.get("/queue/").status_code == 200
    for minutes in range(5, 60, 5):
        clock.minutes = minutes
        assert senior_client.get("/queue/live", **POLL).status_code == 200, minutes
    clock.minutes = 60.5
    stopped = senior_client.get("/queue/live", **POLL)
    assert stopped.status_code == 286  # HTMX stops polling and shows the message
    assert b'data-testid="signed-out"' in stopped.content and b"60 minutes without activity" in stopped.content
    after = senior_client.get("/queue/")
    assert after.status_code == 302 and after["Location"].startswith("/login/")


def test_what_a_person_does_renews_the_session(clock, senior_client):
    senior_client.get("/queue/")
    clock.minutes = 50
    assert senior_client.get("/").status_code == 200
    clock.minutes = 105
    assert senior_client.get("/queue/live", **POLL).status_code == 200
    clock.minutes = 111
    assert senior_client.get("/queue/live", **POLL).status_code == 286


def test_after_the_idle_time_a_page_leads_to_the_sign_in_page_saying_why(clock, senior_client):
    senior_client.get("/")
    clock.minutes = 61
    response = senior_client.get("/queue/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/")
    assert b"signed out after 60 minutes without activity" in response.content


def test_after_the_idle_time_an_htmx_action_is_answered_401_and_the_api_too(clock, senior_client):
    senior_client.get("/")
    clock.minutes = 61
    action = senior_client.get("/queue/live", HTTP_HX_REQUEST="true")
    assert action.status_code == 401 and b'data-testid="signed-out"' in action.content
    assert senior_client.get("/api/v1/me").status_code == 401


def test_every_self_refreshing_element_marks_its_requests_as_polls():
    import re
    from pathlib import Path

    templates = Path(middleware.__file__).resolve().parents[2]
    polling = [
        (path, tag)
        for path in templates.rglob("*.html")
        for tag in re.findall(r"<[^>]*hx-trigger=\"[^\"]*every [^>]*>", path.read_text())
    ]
    assert polling, "the senior's queue refreshes itself"
    for path, tag in polling:
        assert """hx-headers='{"X-Borderdesk-Poll": "1"}'""" in tag, path


# A booth session lasts a shift: while a person has a booth open, the booth's idle time applies.


@pytest.fixture
def booth_client(make_user, port, client_for):
    officer = make_user("officer", "border_officer", posts=[port.code])
    put_on_shift(officer, port)
    client = client_for(officer)
    assert client.post("/booth/open", {"booth": port.booths.get(code="A01").pk}).status_code == 302
    return client


def test_the_booth_has_its_own_idle_time_longer_than_the_web(clock, settings):
    assert settings.BORDERDESK_BOOTH_IDLE_SECONDS == 480 * MINUTE
    # The session store keeps a session as long as either idle time may need it.
    assert max(settings.BORDERDESK_SESSION_IDLE_SECONDS, 480 * MINUTE) == settings.SESSION_COOKIE_AGE


def test_an_open_booth_is_not_signed_out_after_the_web_idle_time(clock, booth_client):
    clock.minutes = 61
    page = booth_client.get("/booth/")
    assert page.status_code == 200 and b'data-testid="scan"' in page.content
    clock.minutes = 61 + 479
    assert booth_client.get("/booth/").status_code == 200


def test_an_open_booth_is_signed_out_after_the_booth_idle_time(clock, booth_client):
    clock.minutes = 480.5
    response = booth_client.get("/booth/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/")
    assert b"signed out after 480 minutes without activity" in response.content
    assert booth_client.get("/api/v1/me").status_code == 401


def test_leaving_the_booth_brings_back_the_web_idle_time(clock, booth_client):
    assert booth_client.post("/booth/close").status_code == 302
    clock.minutes = 61
    response = booth_client.get("/booth/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/")
    assert b"signed out after 60 minutes without activity" in response.content


def test_a_booth_idle_time_shorter_than_the_web_one_applies_too(clock, booth_client, make_user, port, settings):
    settings.BORDERDESK_BOOTH_IDLE_SECONDS = 15 * MINUTE
    senior = sign_in_fully(Client(), make_user("senior", "senior_officer", posts=[port.code]))
    senior.get("/queue/")
    clock.minutes = 16
    assert senior.get("/queue/").status_code == 200  # no booth open: the web's 60 minutes
    signed_out = booth_client.get("/booth/", HTTP_HX_REQUEST="true")
    assert signed_out.status_code == 401 and b"15 minutes without activity" in signed_out.content
