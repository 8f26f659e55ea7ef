"""The 403, 404 and 500 pages (and a stale form's): styled, in the page frame, saying in words what happened and
what to do; never a raw permission name; problem+json under /api/."""

from __future__ import annotations

import pytest
from django.test import Client

from borderdesk.apps.accounts.authz import refusal_message, require
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.core.access import Perm
from tests.apps.conftest import sign_in_fully


def test_a_refused_page_names_the_role_and_whom_to_ask(client_for, officer):
    response = client_for(officer).get("/audit/")
    page = response.content.decode()
    assert response.status_code == 403
    assert 'data-testid="error-title">You cannot do this here<' in page
    assert "This is work for an auditor, a role you do not hold." in page
    assert "ask an administrator to give you the role" in page
    assert "audit:trail:read" not in page
    assert 'data-testid="service-navigation"' in page, "the error page keeps the frame"


def test_a_refusal_inside_a_page_is_only_the_alert(client_for, officer):
    response = client_for(officer).get("/audit/", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 403 and "<header" not in page
    assert 'data-testid="error-message">This is work for an auditor' in page


def test_refusal_message_for_a_role_held_at_other_posts_asks_for_the_post(officer):
    with pytest.raises(PermissionDenied) as refused:
        require(officer, Perm.BORDER_INSPECTION_DECIDE, "OTH")
    assert refused.value.message == (
        "Only staff assigned to post OTH do this there, and you are not. "
        "If your work needs it, ask an administrator to assign you to OTH."
    )
    assert refused.value.permission == Perm.BORDER_INSPECTION_DECIDE  # for the audit trail


def test_refusal_message_lists_every_role_that_does_the_work(auditor):
    message = refusal_message(auditor, [Perm.BORDER_INSPECTION_DECIDE], "UCX")
    assert message.startswith("This is work for a border officer or a senior officer at post UCX, ")
    message = refusal_message(auditor, [Perm.DOCUMENTS_MRZ_CHECK])
    assert "a caseworker, a consular officer, an asylum case officer or a patrol officer," in message


def test_an_unknown_address_is_a_styled_404(client_for, officer):
    response = client_for(officer).get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="error-title">Not found<' in page and "it may be mistyped" in page
    assert "go back to your home page" in page and 'href="/"' in page


def test_an_unknown_address_is_a_404_for_visitors_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and b"There is no page at this address" in response.content


def test_an_unknown_api_address_is_problem_json(client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


def test_an_error_in_the_app_is_a_styled_500_that_says_what_to_do(officer, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the trail is unreachable")

    monkeypatch.setattr("borderdesk.apps.accounts.views.recent_events", broken)
    client = sign_in_fully(Client(raise_request_exception=False), officer)
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in page and "Nothing you saved before is lost" in page
    assert "unreachable" not in page and "Traceback" not in page
    assert 'rel="icon"' in page and "borderdesk.css" in page, "styled like every page"


def test_a_form_sent_after_its_session_changed_says_to_reload(officer):
    client = sign_in_fully(Client(enforce_csrf_checks=True), officer)
    response = client.post("/switch-post/", {"post": "TST"})
    page = response.content.decode()
    assert response.status_code == 403 and 'data-testid="error-code">form_expired<' in page
    assert "Reload the page" in page


def test_every_page_links_the_projects_own_icon(client, settings):
    page = client.get("/login/").content.decode()
    assert '<link rel="icon" href="/static/borderdesk/favicon.svg" type="image/svg+xml">' in page
    icon = client.get("/static/borderdesk/favicon.svg")
    assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content)
