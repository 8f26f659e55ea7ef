import pytest
from django.conf import global_settings

import borderdesk.config.settings as production
from borderdesk.apps.accounts.models import User
from borderdesk.apps.accounts.services import assign_posts, create_user, deactivate_user, set_roles, switch_post
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.core.access import Perm, Role
from tests.actors import SETUP
from tests.apps.conftest import PASSWORD


def last_event():
    return AuditEvent.objects.order_by("-seq").first()


def test_create_user_writes_the_new_values_to_the_trail(admin_user, port, settings):
    # The test suite hashes at MD5's cost (tests/conftest.py); the hashers production runs with are these.
    settings.PASSWORD_HASHERS = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    user = create_user(
        admin_user, username="ana", password=PASSWORD, roles=["border_officer"], posts=["TST"], first_name="Ana"
    )
    event = last_event()
    assert event.action == "accounts.user.create"
    assert event.actor == admin_user and event.object_id == str(user.pk)
    assert event.new_values["roles"] == ["border_officer"] and event.new_values["posts"] == ["TST"]
    assert "password" not in event.new_values
    assert user.check_password(PASSWORD) and user.password.startswith("pbkdf2_")
    assert user.current_post == port


def test_only_administrators_manage_users(officer):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied) as exc:
        create_user(officer, username="x", password=PASSWORD, roles=["auditor"])
    assert exc.value.code == "permission_denied"
    assert not User.objects.filter(username="x").exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "kwargs, code",
    [
        (dict(username="u1", password=PASSWORD, roles=["king"]), "unknown_role"),
        (dict(username="u1", password=PASSWORD, posts=["NOPE"]), "unknown_post"),
        (dict(username="u1", password="short"), "invalid_user"),
        (dict(username="bad name!", password=PASSWORD), "invalid_user"),
    ],
)
def test_bad_input_gets_a_stable_code_and_creates_nothing(admin_user, kwargs, code):
    with pytest.raises(Invalid) as exc:
        create_user(admin_user, **kwargs)
    assert exc.value.code == code
    assert not User.objects.filter(username=kwargs["username"]).exists()


def test_duplicate_user_is_a_conflict(admin_user, officer):
    with pytest.raises(Conflict) as exc:
        create_user(admin_user, username="officer", password=PASSWORD)
    assert exc.value.code == "user_exists"


def test_roles_and_posts_change_with_old_and_new_values(admin_user, officer, other_port):
    set_roles(admin_user, officer, ["border_officer", "senior_officer"])
    assert officer.has_role(Role.SENIOR_OFFICER)
    event = last_event()
    assert event.old_values["roles"] == ["border_officer"]
    assert event.new_values["roles"] == ["border_officer", "senior_officer"]

    assign_posts(admin_user, officer, ["OTH"])
    assert officer.can(Perm.BORDER_INSPECTION_DECIDE, "OTH")
    assert not officer.can(Perm.BORDER_INSPECTION_DECIDE, "TST")
    assert officer.current_post == other_port
    assert last_event().old_values["posts"] == ["TST"]


def test_a_user_switches_only_to_their_own_posts(officer, other_port):
    with pytest.raises(PermissionDenied) as exc:
        switch_post(officer, "OTH")
    assert exc.value.code == "post_not_assigned"


def test_deactivated_users_can_do_nothing(admin_user, officer):
    deactivate_user(admin_user, officer)
    officer.refresh_from_db()
    assert not officer.can(Perm.BORDER_TRAVELLER_READ, "TST")
    assert last_event().new_values["is_active"] is False


def test_a_machine_user_has_no_usable_password(db):
    gate = create_user(SETUP, username="ucx-gates", password=None, roles=["border_officer"])
    gate.refresh_from_db()
    assert not gate.has_usable_password() and not gate.check_password("")
