"""Findings 5 and 10 on the API: wrong tokens are 401, bad JSON is a clear 400, the docs use local assets."""

import json

import pytest
from django.test import Client

from borderdesk.apps.accounts.tokens import issue_token


@pytest.fixture
def strict_client(db):
    """As a browser or a machine really calls: Django's CSRF check is on (the test client skips it)."""
    return Client(enforce_csrf_checks=True)


def test_an_invalid_bearer_token_is_answered_401_not_a_csrf_failure(strict_client, officer):
    response = strict_client.post(
        "/api/v1/screening",
        json.dumps({"name": "Anna"}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer bdt_not-a-real-token",
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_malformed_authorization_header_is_answered_401(strict_client, officer):
    for header in ("Bearer", "Basic b2ZmaWNlcjp4", "bdt_abc"):
        response = strict_client.get("/api/v1/me", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401 and response.json()["code"] == "not_authenticated", header


def test_no_credentials_at_all_is_answered_401(strict_client, db):
    response = strict_client.post("/api/v1/screening", json.dumps({"name": "Anna"}), content_type="application/json")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_a_valid_token_still_works_and_a_session_post_still_needs_csrf(strict_client, officer, admin_user):
    _, secret = issue_token(admin_user, officer, name="UCX e-gate 3")
    token = strict_client.post(
        "/api/v1/screening",
        json.dumps({"name": "Anna"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert token.status_code != 403 and token.status_code < 500
    strict_client.force_login(officer)
    response = strict_client.post("/api/v1/screening", json.dumps({"name": "Anna"}), content_type="application/json")
    assert response.status_code == 403


def test_deeply_nested_json_is_answered_400_invalid_json(client_for, officer):
    client = client_for(officer)
    for depth in (40, 5000, 100_000):
        body = "[" * depth + "]" * depth
        response = client.post("/api/v1/screening", body, content_type="application/json")
        assert response.status_code == 400, depth
        assert response.json()["code"] == "invalid_json", depth


def test_a_body_that_is_not_json_is_answered_400_invalid_json(client_for, officer):
    response = client_for(officer).post("/api/v1/screening", "{name: ", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json" and "not valid JSON" in response.json()["detail"]


def test_the_api_docs_load_their_assets_from_the_app_itself(client, db):
    response = client.get("/api/v1/docs")
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page and "/static/ninja/swagger-ui.css" in page
    assert "cdn." not in page and "https://" not in page and "http://" not in page
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
