"""Roles, posts and headquarters scope change only by someone else, and every change is in the trail."""

import pytest

from borderdesk.apps.accounts.models import User
from borderdesk.apps.accounts.services import assign_posts, create_user, deactivate_user, set_roles
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import PermissionDenied
from tests.apps.conftest import PASSWORD


def last(action):
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def change_form(user, *, roles, posts=(), all_posts=False, is_active=True, **extra):
    """What the admin's user change form posts: the user's fields and the role grants inline."""
    grants = list(user.role_grants.order_by("pk"))
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "posts": [post.pk for post in posts],
        "current_post": "",
        "role_grants-TOTAL_FORMS": str(len(roles)),
        "role_grants-INITIAL_FORMS": str(len(grants)),
        "role_grants-MIN_NUM_FORMS": "0",
        "role_grants-MAX_NUM_FORMS": "1000",
        **extra,
    }
    if all_posts:
        data["all_posts"] = "on"
    if is_active:
        data["is_active"] = "on"
    for index, role in enumerate(roles):
        data[f"role_grants-{index}-user"] = str(user.pk)
        data[f"role_grants-{index}-role"] = role
        if index < len(grants):
            data[f"role_grants-{index}-id"] = str(grants[index].pk)
    return data


def roles_of(user):
    return sorted(User.objects.get(pk=user.pk).role_grants.values_list("role", flat=True))


def test_an_administrator_cannot_grant_themselves_roles_or_posts_in_the_admin(client_for, make_user, port):
    admin = make_user("admin2", "administrator")
    client = client_for(admin)
    url = f"/admin/accounts/user/{admin.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200

    client.post(
        url,
        change_form(
            admin,
            roles=["administrator", "senior_officer"],
            posts=[port],
            all_posts=True,
            is_superuser="on",
            is_staff="on",
        ),
    )
    admin = User.objects.get(pk=admin.pk)
    assert roles_of(admin) == ["administrator"]
    assert not admin.all_posts and not admin.is_superuser and not admin.is_staff
    assert list(admin.posts.all()) == []
    for event in AuditEvent.objects.filter(action="accounts.user.update", object_id=str(admin.pk)):
        assert {key: event.old_values[key] for key in ("roles", "posts", "all_posts")} == {
            key: event.new_values[key] for key in ("roles", "posts", "all_posts")
        }


def test_an_administrator_cannot_deactivate_themselves_in_the_admin(client_for, admin_user):
    client = client_for(admin_user)
    client.post(
        f"/admin/accounts/user/{admin_user.pk}/change/",
        change_form(admin_user, roles=["administrator"], all_posts=True, is_active=False),
    )
    assert User.objects.get(pk=admin_user.pk).is_active


def test_role_and_post_changes_of_others_are_audited_with_old_and_new(client_for, admin_user, officer, other_port):
    client = client_for(admin_user)
    response = client.post(
        f"/admin/accounts/user/{officer.pk}/change/",
        change_form(officer, roles=["border_officer", "senior_officer"], posts=[officer.posts.get(), other_port]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert roles_of(officer) == ["border_officer", "senior_officer"]
    event = last("accounts.user.update")
    assert event.actor == admin_user and event.object_id == str(officer.pk)
    assert event.old_values["roles"] == ["border_officer"]
    assert event.new_values["roles"] == ["border_officer", "senior_officer"]
    assert event.old_values["posts"] == ["TST"] and event.new_values["posts"] == ["OTH", "TST"]
    assert event.old_values["all_posts"] is False and event.new_values["is_active"] is True
    assert "password" not in event.new_values


def test_granting_all_posts_or_the_auditor_role_is_its_own_visible_event(client_for, admin_user, officer):
    client = client_for(admin_user)
    client.post(
        f"/admin/accounts/user/{officer.pk}/change/",
        change_form(officer, roles=["border_officer", "auditor"], posts=[officer.posts.get()], all_posts=True),
    )
    event = last("accounts.user.privileged_grant")
    assert event.actor == admin_user and event.object_id == str(officer.pk)
    assert event.new_values == {"username": "officer", "granted": ["all_posts", "auditor"]}
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "auditor" in listing


def test_services_refuse_changes_to_ones_own_roles_posts_and_status(admin_user, port):
    for change in (
        lambda: set_roles(admin_user, admin_user, ["administrator", "senior_officer"]),
        lambda: assign_posts(admin_user, admin_user, [port.code]),
        lambda: deactivate_user(admin_user, admin_user),
    ):
        with pytest.raises(PermissionDenied) as exc:
            change()
        assert exc.value.code == "own_account"
    assert roles_of(admin_user) == ["administrator"]


def test_creating_an_administrator_or_granting_all_posts_by_service_is_visible(admin_user):
    created = create_user(admin_user, username="hq", password=PASSWORD, roles=["administrator"], all_posts=True)
    event = last("accounts.user.privileged_grant")
    assert event.object_id == str(created.pk) and event.new_values["granted"] == ["all_posts", "administrator"]
    clerk = create_user(admin_user, username="clerk", password=PASSWORD, roles=["border_officer"])
    set_roles(admin_user, clerk, ["border_officer", "auditor"])
    assert last("accounts.user.privileged_grant").new_values == {"username": "clerk", "granted": ["auditor"]}


def test_the_admin_unlocks_sign_in_for_selected_users_and_it_is_audited(client_for, admin_user, officer, settings):
    from django.test import Client

    stranger = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        stranger.post("/login/", {"username": "officer", "password": "wrong-password"})
    assert stranger.post("/login/", {"username": "officer", "password": PASSWORD}).status_code == 429

    client_for(admin_user).post("/admin/accounts/user/", {"action": "unlock_sign_in", "_selected_action": [officer.pk]})
    assert last("accounts.signin.unlock").actor == admin_user
    assert stranger.post("/login/", {"username": "officer", "password": PASSWORD}).status_code == 302


def test_a_password_set_in_the_admin_is_audited_without_the_password(client_for, admin_user, officer):
    new_password = "another-long-password-77"
    response = client_for(admin_user).post(
        f"/admin/accounts/user/{officer.pk}/password/",
        {"password1": new_password, "password2": new_password, "usable_password": "true"},
    )
    assert response.status_code == 302
    event = last("accounts.user.set_password")
    assert event.actor == admin_user and event.new_values == {"username": "officer"}
    assert new_password not in str(event.new_values)
