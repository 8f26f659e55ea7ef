"""Users, posts and clients for integration tests: every app's tests reuse these."""

from __future__ import annotations

import pytest

from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.posts.services import create_booth, create_post
from tests.actors import SETUP

PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def port(db):
    post = create_post(
        SETUP, code="TST", name="Test International", kind="airport", country="UTO", time_zone="Europe/Lisbon"
    )
    create_booth(SETUP, post, code="A01", direction="entry", lane="all")
    return post


@pytest.fixture
def other_port(db):
    return create_post(
        SETUP, code="OTH", name="Other Harbour", kind="seaport", country="UTO", time_zone="Atlantic/Azores"
    )


@pytest.fixture
def make_user(db):
    def make(username: str, *roles: str, posts=(), all_posts: bool = False):
        return create_user(SETUP, username=username, password=PASSWORD, roles=roles, posts=posts, all_posts=all_posts)

    return make


@pytest.fixture
def officer(make_user, port):
    return make_user("officer", "border_officer", posts=[port.code])


@pytest.fixture
def admin_user(make_user):
    return make_user("admin", "administrator", all_posts=True)


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", "auditor", all_posts=True)


def enrol_totp(user):
    """A confirmed authenticator (TOTP) device for ``user``, as after enrolment."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def sign_in_fully(client, user):
    """Password and second factor, as after a real sign-in: the session holds the verified device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrol_totp(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(client):
    def sign_in(user):
        return sign_in_fully(client, user)

    return sign_in


def work_events():
    """Audit events of the work itself: without signing in (every `client_for` is a sign-in) and without the
    `access.denied` events that refused requests add."""
    from borderdesk.apps.audit.models import AuditEvent

    return AuditEvent.objects.exclude(action="access.denied").exclude(action__startswith="accounts.sign")


@pytest.fixture(autouse=True)
def _screen_manifests_at_commit(settings):
    """A manifest stored in a test is screened at its commit, in the test's thread (not a background thread)."""
    settings.BORDERDESK_MANIFEST_SCREEN_IN_BACKGROUND = False
