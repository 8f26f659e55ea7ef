"""Signing in: password, lock-out after repeated failures, the second factor, and the trail of every sign-in."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from borderdesk.apps.accounts.navigation import NAVIGATION
from borderdesk.apps.accounts.second_factor import current_code
from borderdesk.apps.audit.models import AuditEvent
from tests.apps.conftest import PASSWORD, enrol_totp

CODE_URL = "/sign-in/code/"
ENROL_URL = "/sign-in/enrol/"


def actions():
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


def last(action):
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def sign_in_with_password(client, username="officer", password=PASSWORD):
    return client.post("/login/", {"username": username, "password": password})


def lift_code_throttle(device):
    """Each wrong code makes the next check wait (1 s, then doubling); tests do not wait."""
    device.refresh_from_db()
    device.throttle_reset()


def fail(client, times, username="officer"):
    for _ in range(times):
        response = sign_in_with_password(client, username, "wrong-password")
    return response


# Throttling and lock-out


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, officer, settings):
    limit = settings.AXES_FAILURE_LIMIT
    assert 3 <= limit <= 10
    fail(client, limit - 1)
    response = fail(client, 1)
    assert response.status_code == 429
    assert b"locked" in response.content and b"15 minutes" in response.content

    response = sign_in_with_password(client)
    assert response.status_code == 429 and b"locked" in response.content
    assert "_auth_user_id" not in client.session
    assert last("accounts.signin.locked_out").new_values["username"] == "officer"


def test_after_the_cool_off_the_right_password_works_again(client, officer, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in_with_password(client).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    response = sign_in_with_password(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_the_lock_out_message_does_not_tell_whether_the_user_exists(client, officer, settings):
    known = fail(client, settings.AXES_FAILURE_LIMIT, "officer")
    unknown = fail(client, settings.AXES_FAILURE_LIMIT, "nobody-by-that-name")
    assert known.status_code == unknown.status_code == 429
    assert alert(known) == alert(unknown) and "locked for 15 minutes" in alert(known)
    assert b'data-testid="login-error"' not in known.content


def alert(response):
    return re.search(r'<p class="usa-alert__text"[^>]*>(.*?)</p>', response.content.decode()).group(1)


def test_an_administrator_unlocks_an_account_and_it_is_audited(client, officer, admin_user, settings):
    from borderdesk.apps.accounts.lockout import unlock

    fail(client, settings.AXES_FAILURE_LIMIT)
    cleared = unlock(admin_user, "officer")
    assert cleared >= 1
    assert sign_in_with_password(client).status_code == 302
    event = last("accounts.signin.unlock")
    assert event.actor == admin_user and event.new_values == {"username": "officer", "attempts_cleared": cleared}


def test_only_administrators_unlock(officer):
    from borderdesk.apps.accounts.lockout import unlock
    from borderdesk.apps.common.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        unlock(officer, "officer")


# Audit events of each kind


def test_a_failed_sign_in_is_audited_with_the_username_and_never_the_password(client, officer):
    sign_in_with_password(client, "officer", "wrong-password-xyz")
    event = last("accounts.signin.failure")
    assert event.new_values["username"] == "officer"
    assert "wrong-password-xyz" not in str(event.new_values) and "password" not in event.new_values
    assert event.object_id == str(officer.pk)


def test_password_second_factor_and_logout_are_audited(client, officer):
    device = enrol_totp(officer)
    sign_in_with_password(client)
    assert last("accounts.signin.password").actor == officer
    client.post(CODE_URL, {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert last("accounts.signin.second_factor_failure").actor == officer
    lift_code_throttle(device)
    client.post(CODE_URL, {"code": current_code(device)})
    assert last("accounts.signin.second_factor").new_values["method"] == "totp"
    client.post("/logout/")
    assert last("accounts.signout").actor == officer
    assert actions()[-4:] == [
        "accounts.signin.password",
        "accounts.signin.second_factor_failure",
        "accounts.signin.second_factor",
        "accounts.signout",
    ]


# The second-factor gate


def test_the_password_alone_leads_to_the_code_page(client, officer):
    enrol_totp(officer)
    response = sign_in_with_password(client)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(CODE_URL)
    page = client.get(response["Location"]).content.decode()
    assert 'name="code"' in page and 'autocomplete="one-time-code"' in page


@pytest.mark.parametrize("item", NAVIGATION, ids=lambda item: item.url_name)
def test_a_password_only_session_gets_no_page(client, admin_user, item):
    enrol_totp(admin_user)
    client.force_login(admin_user)
    response = client.get(reverse(item.url_name))
    assert response.status_code == 302 and response["Location"].startswith(CODE_URL)


def test_a_password_only_session_gets_401_from_the_api(client, officer):
    enrol_totp(officer)
    client.force_login(officer)
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_a_verified_session_and_a_token_get_the_api(client_for, officer, admin_user):
    from django.test import Client

    from borderdesk.apps.accounts.tokens import issue_token

    assert client_for(officer).get("/api/v1/me").json()["username"] == "officer"
    _, secret = issue_token(admin_user, officer, name="UCX e-gate 3")
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


def test_the_right_code_opens_the_pages_and_a_wrong_one_says_so(client, officer):
    device = enrol_totp(officer)
    sign_in_with_password(client)
    wrong = client.post(CODE_URL, {"code": "12345x"})
    assert wrong.status_code == 200 and b"That code is not right" in wrong.content
    wrong = client.post(CODE_URL, {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert b"That code is not right" in wrong.content
    throttled = client.post(CODE_URL, {"code": current_code(device)})
    assert throttled.status_code == 200 and b"Too many wrong codes" in throttled.content
    lift_code_throttle(device)
    response = client.post(CODE_URL, {"code": current_code(device), "next": "/documents/check/"})
    assert response.status_code == 302 and response["Location"] == "/documents/check/"
    assert client.get("/").status_code == 200


def test_the_code_page_never_redirects_elsewhere(client, officer):
    device = enrol_totp(officer)
    sign_in_with_password(client)
    response = client.post(CODE_URL, {"code": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


# Enrolment and recovery codes


def test_a_user_without_a_device_enrols_and_gets_ten_recovery_codes_once(client, officer):
    sign_in_with_password(client)
    response = client.get("/")
    assert response["Location"].startswith(ENROL_URL)
    page = client.get(ENROL_URL).content.decode()
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    assert "<svg" in page and device.config_url.split("secret=")[1].split("&")[0] in page

    refused = client.post(ENROL_URL, {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert refused.status_code == 200 and b"That code is not right" in refused.content
    assert client.get("/").status_code == 302

    lift_code_throttle(device)
    response = client.post(ENROL_URL, {"code": current_code(device)})
    assert response.status_code == 200
    codes = StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)
    assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
    assert client.get("/").status_code == 200
    assert client.get(ENROL_URL).status_code == 302  # enrolled: the codes are never shown again
    assert last("accounts.second_factor.enrol").new_values == {"device": "totp", "recovery_codes": 10}


def test_a_recovery_code_works_once(client, officer):
    enrol_totp(officer)
    recovery = StaticDevice.objects.create(user=officer, name="recovery")
    recovery.token_set.create(token="abcd2345")

    sign_in_with_password(client)
    response = client.post(CODE_URL, {"code": "abcd2345"})
    assert response.status_code == 302 and client.get("/").status_code == 200
    event = last("accounts.signin.recovery_code_used")
    assert event.actor == officer and event.new_values == {"recovery_codes_left": 0}

    client.post("/logout/")
    sign_in_with_password(client)
    again = client.post(CODE_URL, {"code": "abcd2345"})
    assert again.status_code == 200 and b"That code is not right" in again.content
    assert client.get("/").status_code == 302


def test_enrolment_is_refused_once_a_device_is_confirmed(client, officer):
    enrol_totp(officer)
    sign_in_with_password(client)
    assert client.get(ENROL_URL)["Location"].startswith(CODE_URL)
    assert client.post(ENROL_URL, {"code": "123456"})["Location"].startswith(CODE_URL)
    assert TOTPDevice.objects.filter(user=officer).count() == 1


# Turning the second factor off


def test_without_the_second_factor_every_page_warns(client, officer, settings):
    settings.BORDERDESK_REQUIRE_SECOND_FACTOR = False
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert 'data-testid="second-factor-off"' in page
    assert client.get("/api/v1/me").status_code == 200


def test_production_cannot_turn_the_second_factor_off(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "BORDERDESK_DATA_DIR": str(tmp_path),
        "BORDERDESK_REQUIRE_SECOND_FACTOR": "false",
        "BORDERDESK_DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "borderdesk.config.settings",
    }
    script = "import django; django.setup()"
    refused = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "BORDERDESK_REQUIRE_SECOND_FACTOR" in refused.stderr and "BORDERDESK_DEBUG" in refused.stderr
    env["BORDERDESK_DEBUG"] = "true"
    allowed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert allowed.returncode == 0, allowed.stderr


def test_the_admin_signs_in_on_the_one_sign_in_page(client, client_for, officer):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/login/?next=/admin/"
    signed_in = client_for(officer).get("/admin/", follow=True)
    assert signed_in.status_code == 200 and b"not authorized" in signed_in.content


def test_an_administrator_resets_a_lost_second_factor_and_it_is_audited(client, officer, admin_user):
    from borderdesk.apps.accounts.second_factor import reset
    from borderdesk.apps.common.errors import PermissionDenied

    enrol_totp(officer)
    enrol_totp(admin_user)
    assert reset(admin_user, officer) == 1
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert last("accounts.second_factor.reset").new_values == {"username": "officer", "devices_removed": 1}
    sign_in_with_password(client)
    assert client.get("/")["Location"].startswith(ENROL_URL)
    with pytest.raises(PermissionDenied):
        reset(admin_user, admin_user)
    with pytest.raises(PermissionDenied):
        reset(officer, admin_user)
