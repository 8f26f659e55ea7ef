"""`borderdesk otp code` (demo users only) and `borderdesk unlock`, run in this test's database."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from borderdesk.apps.accounts.second_factor import current_code
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.cli import main
from tests.apps.conftest import enrol_totp


def test_otp_code_prints_the_current_code_of_a_demo_user(make_user, capsys):
    from borderdesk.apps.accounts.second_factor import enrol_demo_user

    user = make_user("demo-officer", "border_officer")
    enrol_demo_user(user)
    assert main(["otp", "code", "demo-officer"]) == 0
    device = TOTPDevice.objects.get(user=user)
    assert capsys.readouterr().out.strip() == current_code(device)


def test_otp_code_refuses_users_that_are_not_demo_users(officer, capsys):
    enrol_totp(officer)
    assert main(["otp", "code", "officer"]) == 2
    captured = capsys.readouterr()
    assert "not_a_demo_user" in captured.err and captured.out == ""


def test_otp_code_refuses_unknown_users(db, capsys):
    assert main(["otp", "code", "nobody"]) == 2
    assert "user_not_found" in capsys.readouterr().err


def test_unlock_clears_the_failures_and_is_audited(client, officer, settings, capsys):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "officer", "password": "wrong-password"})
    assert main(["unlock", "officer"]) == 0
    assert "officer" in capsys.readouterr().out
    event = AuditEvent.objects.filter(action="accounts.signin.unlock").get()
    assert event.actor_username.startswith("system:unlock") and event.new_values["username"] == "officer"
