"""Messages' pages: the header indicator polls (and is marked as a poll), bodies are text, a huge body is refused
keeping what was typed, another person's message is not found, and the booth's call box calls and follows."""

import pytest
from django.urls import reverse

from borderdesk.apps.messaging import services
from borderdesk.apps.messaging.models import Message
from borderdesk.core.messaging import BODY_MAX

pytestmark = pytest.mark.django_db


def test_every_page_shows_the_indicator_marked_as_a_poll(client_for, senior, officer, port):
    services.send(senior, port, "Hello", to_user_id=officer.pk)
    page = client_for(officer).get(reverse("home")).content.decode()
    assert 'data-testid="messages-indicator"' in page and 'hx-trigger="every 10s"' in page
    assert "X-Borderdesk-Poll" in page and 'data-testid="messages-count">1<' in page


def test_the_indicator_answers_a_poll_with_the_newest_call(client_for, senior, officer, at_booth):
    services.call_supervisor(officer, at_booth)
    response = client_for(senior).get(reverse("messaging:indicator"), headers={"X-Borderdesk-Poll": "1"})
    assert response.status_code == 200 and b"Call: booth A01 at TST" in response.content


def test_a_body_is_text_never_html(client_for, senior, officer, port):
    message = services.send(senior, port, "<img src=x onerror=alert(1)>", to_user_id=officer.pk)
    page = client_for(officer).get(reverse("messaging:message", args=[message.pk])).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_huge_body_is_refused_and_kept(client_for, senior, officer):
    body = "x" * (BODY_MAX + 1)
    response = client_for(senior).post(reverse("messaging:send"), {"body": body, "to": officer.pk})
    assert response.status_code == 422 and b"body_too_long" in response.content and body.encode() in response.content
    assert not Message.objects.exists()


def test_another_persons_message_is_not_found(client_for, senior, officer, duty, port):
    message = services.send(senior, port, "For the officer", to_user_id=officer.pk)
    response = client_for(duty).get(reverse("messaging:message", args=[message.pk]))
    assert response.status_code == 404 and b"message_not_found" in response.content
    assert b"For the officer" not in response.content


def test_a_forged_recipient_id_is_refused(client_for, senior, stranger):
    response = client_for(senior).post(reverse("messaging:send"), {"body": "hi", "to": stranger.pk})
    assert response.status_code == 404 and b"recipient_not_found" in response.content
    response = client_for(senior).post(reverse("messaging:send"), {"body": "hi", "to": "1 OR 1=1"})
    assert response.status_code == 422 and b"invalid_id" in response.content


def test_the_booth_call_box_calls_and_follows_the_call(client_for, officer, senior, at_booth):
    http = client_for(officer)
    page = http.get(reverse("inspection:booth")).content.decode()
    assert 'data-testid="call-supervisor"' in page and "Call a supervisor to booth A01" in page
    box = http.post(reverse("messaging:call"), headers={"HX-Request": "true"}).content.decode()
    assert "waiting for an answer" in box and 'hx-trigger="every 5s"' in box and "X-Borderdesk-Poll" in box
    services.answer(senior, Message.objects.get().pk)
    assert b"is on the way" in http.get(reverse("messaging:call-state")).content


def test_a_call_without_a_booth_says_so(client_for, senior):
    response = client_for(senior).post(reverse("messaging:call"))
    assert response.status_code == 422 and b"no_open_booth" in response.content
