"""Briefings' pages: the booth page leads to what must be read, a refused opening says why, the publisher's
form keeps what was typed on an error, and another post's briefing is not found."""

import pytest
from django.urls import reverse

from borderdesk.apps.briefings import services
from borderdesk.apps.inspection.models import BoothSession
from tests.apps.briefings.conftest import form

pytestmark = pytest.mark.django_db


def test_the_booth_page_leads_to_the_briefing_and_opens_once_it_is_acknowledged(
    client_for, duty, officer, port, on_shift
):
    briefing = services.publish(duty, form(title="Blue <stamps>"))
    http = client_for(officer)
    page = http.get(reverse("inspection:booth")).content.decode()
    assert 'data-testid="briefings-gate"' in page and "Blue &lt;stamps&gt;" in page
    assert f"/briefings/{briefing.pk}/?next=booth" in page
    booth = port.booths.get(code="A01")
    refused = http.post(reverse("inspection:open-booth"), {"booth": booth.pk})
    assert refused.status_code == 409 and b"briefings_unacknowledged" in refused.content
    assert not BoothSession.objects.exists()
    done = http.post(reverse("briefings:acknowledge", args=[briefing.pk]), {"next": "booth"})
    assert done.status_code == 302 and done["Location"] == reverse("inspection:booth")
    assert http.post(reverse("inspection:open-booth"), {"booth": booth.pk}).status_code == 302
    assert BoothSession.objects.filter(officer=officer, ended_at__isnull=True).exists()


def test_the_body_is_shown_as_text_not_html(client_for, duty, officer):
    briefing = services.publish(duty, form(body="<script>alert(1)</script> <b>bold</b>"))
    page = client_for(officer).get(reverse("briefings:briefing", args=[briefing.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_bad_form_says_why_and_keeps_what_was_typed(client_for, duty):
    data = {"title": "Kept title", "body": "Kept body", "priority": "routine", "effective_on": "31/12/2026"}
    response = client_for(duty).post(reverse("briefings:new"), {**data, "roles": ["border_officer"], "posts": ["TST"]})
    page = response.content.decode()
    assert response.status_code == 422 and "invalid_date" in page
    assert 'value="Kept title"' in page and "Kept body" in page and 'value="31/12/2026"' in page


def test_a_duty_manager_posting_another_post_is_refused(client_for, duty, other_port):
    data = {"title": "T", "body": "B", "effective_on": "2026-01-01", "roles": ["border_officer"], "posts": ["OTH"]}
    response = client_for(duty).post(reverse("briefings:new"), data)
    assert response.status_code == 422 and b"posts_not_yours" in response.content


def test_another_posts_briefing_is_not_found(client_for, author, officer, other_port):
    theirs = services.publish(author, form(("OTH",)))
    http = client_for(officer)
    for response in (
        http.get(reverse("briefings:briefing", args=[theirs.pk])),
        http.post(reverse("briefings:acknowledge", args=[theirs.pk])),
    ):
        assert response.status_code == 404 and b"briefing_not_found" in response.content
        assert theirs.title.encode() not in response.content


def test_the_status_page_lists_who_has_not_acknowledged(client_for, duty, officer):
    briefing = services.publish(duty, form())
    page = client_for(duty).get(reverse("briefings:status", args=[briefing.pk])).content.decode()
    assert "0 acknowledged, 1 not yet." in page and 'data-testid="ack-officer"' in page
