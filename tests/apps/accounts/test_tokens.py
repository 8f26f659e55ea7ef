import json

import pytest
from django.test import Client

from borderdesk.apps.accounts.models import ApiToken
from borderdesk.apps.accounts.services import deactivate_user
from borderdesk.apps.accounts.tokens import issue_token, revoke_token, user_for_token
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Invalid, NotFound, PermissionDenied
from tests.apps.inspection.conftest import passport


def test_a_token_is_shown_once_stored_as_a_digest_and_audited(admin_user, officer):
    token, secret = issue_token(admin_user, officer, name="TST e-gate 1")
    assert secret.startswith("bdt_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.digest, stored.prefix) and stored.prefix == secret[:12]
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "accounts.token.issue" and event.new_values["prefix"] == token.prefix
    assert secret not in json.dumps(event.new_values)
    assert user_for_token(secret) == officer
    assert ApiToken.objects.get(pk=token.pk).last_used_on is not None


def test_only_administrators_issue_tokens_and_a_machine_needs_a_name(officer, admin_user):
    with pytest.raises(PermissionDenied):
        issue_token(officer, officer, name="mine")
    with pytest.raises(Invalid) as exc:
        issue_token(admin_user, officer, name="  ")
    assert exc.value.code == "token_name_required"
    assert not ApiToken.objects.exists()


def test_revoked_tokens_and_deactivated_users_are_refused_at_once(admin_user, officer):
    _, kept = issue_token(admin_user, officer, name="gate 1")
    revoked, secret = issue_token(admin_user, officer, name="gate 2")
    revoke_token(admin_user, revoked.prefix)
    assert user_for_token(secret) is None
    assert user_for_token(kept) == officer
    assert user_for_token("bdt_not-a-token") is None and user_for_token("") is None
    with pytest.raises(NotFound):
        revoke_token(admin_user, revoked.prefix)
    deactivate_user(admin_user, officer)
    assert user_for_token(kept) is None


def test_an_egate_inspects_with_its_token_and_without_a_session(admin_user, officer, settings):
    settings.BORDERDESK_EGATE_NATIONALITIES = ["THA"]
    _, secret = issue_token(admin_user, officer, name="TST e-gate 1")
    gate = Client()
    response = gate.post(
        "/api/v1/inspections",
        {"mrz": passport(), "post": "TST"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200, response.content
    assert response.json()["gate_action"] == "open"
    assert "sessionid" not in response.cookies
    refused = gate.post(
        "/api/v1/inspections",
        {"mrz": passport(), "post": "TST"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer bdt_wrong",
    )
    assert refused.status_code == 401 and refused.json()["code"] == "not_authenticated"
    me = gate.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert me.json()["username"] == "officer"
