"""The officer web app shell and the API: sign-in, home per role, admin for administrators only."""

import json

import pytest

from borderdesk.apps.accounts.second_factor import current_code
from borderdesk.apps.audit.models import AuditEvent
from tests.apps.conftest import PASSWORD, enrol_totp


def test_pages_need_a_signed_in_user(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_sign_in_with_a_wrong_password_says_so(client, officer):
    response = client.post("/login/", {"username": "officer", "password": "wrong-password"})
    assert response.status_code == 200
    assert b"do not match an active account" in response.content


def test_sign_in_leads_to_the_home_page_of_the_role(client, officer):
    device = enrol_totp(officer)
    response = client.post("/login/", {"username": "officer", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/sign-in/code/")
    response = client.post("/sign-in/code/", {"code": current_code(device)}, follow=True)
    page = response.content.decode()
    assert 'data-testid="section-border_officer"' in page
    assert "TST Test International" in page and "A01" in page
    assert 'data-testid="section-auditor"' not in page


def test_the_session_expires_when_idle_and_with_the_browser(settings):
    # Idle time counts from a person's last request (tests/apps/common/test_idle_sessions.py), not every request.
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and not settings.SESSION_SAVE_EVERY_REQUEST
    assert "borderdesk.apps.common.middleware.IdleSessionMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


@pytest.mark.parametrize(
    "role",
    [
        "senior_officer",
        "duty_manager",
        "caseworker",
        "consular_officer",
        "asylum_case_officer",
        "patrol_officer",
        "policy_author",
        "auditor",
        "administrator",
        "carrier",  # #18
    ],
)
def test_every_role_has_a_home(client_for, make_user, port, role):
    user = make_user(f"u_{role}", role, posts=[port.code])
    page = client_for(user).get("/").content.decode()
    assert f'data-testid="section-{role}"' in page


def test_assets_are_served_by_the_app_itself(client, officer):
    page = client.get("/login/").content.decode()
    assert "/static/uswds/css/uswds.min.css" in page and "/static/htmx/htmx.min.js" in page
    assert "http://" not in page.split("<body")[0] and "https://" not in page.split("<body")[0]


def test_admin_is_for_administrators_only(client_for, officer, admin_user):
    assert client_for(officer).get("/admin/").status_code == 302
    response = client_for(admin_user).get("/admin/")
    assert response.status_code == 200 and b"Posts" in response.content


def test_admin_changes_are_audited(client_for, admin_user, port):
    client = client_for(admin_user)
    response = client.post(
        f"/admin/posts/post/{port.pk}/change/",
        {
            "code": "TST",
            "name": "Renamed International",
            "kind": "airport",
            "country": "UTO",
            "time_zone": "Europe/Lisbon",
            "is_active": "on",
            "booths-TOTAL_FORMS": "0",
            "booths-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "posts.post.update" and event.actor == admin_user
    assert event.old_values["name"] == "Test International" and event.new_values["name"] == "Renamed International"


def test_audit_trail_page_and_htmx_verification(client_for, auditor, officer):
    client = client_for(auditor)
    assert client.get("/audit/").status_code == 200
    response = client.post("/audit/verify", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"links intact" in response.content


def test_an_officer_gets_a_clear_refusal_from_the_audit_trail(client_for, officer):
    response = client_for(officer).get("/audit/")
    assert response.status_code == 403 and b"permission_denied" in response.content


def test_api_me_and_post_scope(client_for, officer, other_port):
    client = client_for(officer)
    me = client.get("/api/v1/me").json()
    assert me["roles"] == ["border_officer"] and me["posts"] == ["TST"]
    posts = client.get("/api/v1/posts").json()
    assert [p["code"] for p in posts] == ["TST"] and posts[0]["booths"][0]["code"] == "A01"


def test_api_errors_are_problem_json_with_a_code(client, client_for, officer):
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"
    response = client_for(officer).post("/api/v1/audit/verify")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_the_openapi_document_lists_the_api(client, db):
    spec = json.loads(client.get("/api/v1/openapi.json").content)
    assert spec["info"]["title"] == "Borderdesk API"
    assert "/api/v1/me" in spec["paths"] and "/api/v1/audit/verify" in spec["paths"]
