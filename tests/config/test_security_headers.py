"""Finding 10: a strict Content-Security-Policy everywhere, no caching of what signed-in users see, HSTS and
the redirect to HTTPS when BORDERDESK_HTTPS is on."""

import json
import os
import subprocess
import sys
from pathlib import Path

from borderdesk.apps.accounts.tokens import issue_token

SRC = Path(__file__).resolve().parents[2] / "src"
TEMPLATES = SRC / "borderdesk"


def csp_of(response) -> dict[str, str]:
    directives = [part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")]
    return {name: value for name, value in directives}


def test_every_response_has_a_strict_content_security_policy(client, officer, client_for):
    for response in (
        client.get("/login/"),
        client.get("/api/v1/openapi.json"),
        client.get("/static/borderdesk/borderdesk.css"),
        client_for(officer).get("/"),
    ):
        policy = csp_of(response)
        assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_templates_have_no_inline_script_style_or_event_handlers():
    """The policy forbids them, so they would silently stop working."""
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert "<script>" not in text and "<style" not in text and "style=" not in text, template
        assert " onclick=" not in text and "hx-on" not in text and "javascript:" not in text, template
        assert "<script" not in text or text.count("<script") == text.count("<script src="), template


def test_pages_and_api_answers_of_signed_in_users_are_never_cached(client_for, officer, admin_user, client):
    page = client_for(officer).get("/")
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    api = client_for(officer).get("/api/v1/me")
    assert "no-store" in api["Cache-Control"]
    client.logout()
    _, secret = issue_token(admin_user, officer, name="kiosk")
    token = client.post(
        "/api/v1/screening",
        json.dumps({"name": "Anna"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert "no-store" in token["Cache-Control"]


def test_hsts_and_the_redirect_to_https_follow_borderdesk_https():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )

    def settings_with(https: str) -> str:
        env = {
            **os.environ,
            "PYTHONPATH": str(SRC),
            "DJANGO_SETTINGS_MODULE": "borderdesk.config.settings",
            "BORDERDESK_HTTPS": https,
        }
        return subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.split()

    assert settings_with("true") == ["True", str(365 * 24 * 3600), "True", "True"]
    assert settings_with("false") == ["False", "0", "False", "False"]


def test_hsts_header_is_sent_over_https(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    response = client.get("/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=3600"
