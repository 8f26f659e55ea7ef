import pytest

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.posts.services import create_booth, create_post, posts_visible_to, update_post


def test_creating_a_post_is_audited_with_its_values(admin_user):
    post = create_post(
        admin_user, code="UCX", name="Utopia City", kind="airport", country="UTO", time_zone="Europe/Lisbon"
    )
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "posts.post.create" and event.object_type == "posts.post"
    assert event.new_values == {
        "code": "UCX",
        "name": "Utopia City",
        "kind": "airport",
        "country": "UTO",
        "time_zone": "Europe/Lisbon",
        "is_active": True,
    }
    assert post.pk


def test_updating_a_post_keeps_old_and_new(admin_user, port):
    update_post(admin_user, port, time_zone="Atlantic/Azores")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.old_values["time_zone"] == "Europe/Lisbon"
    assert event.new_values["time_zone"] == "Atlantic/Azores"


@pytest.mark.parametrize(
    "fields, field",
    [
        (dict(code="ab", name="x", kind="airport", country="UTO", time_zone="UTC"), "code"),
        (dict(code="XYZ", name="x", kind="airport", country="Utopia", time_zone="UTC"), "country"),
        (dict(code="XYZ", name="x", kind="airport", country="UTO", time_zone="Mars/Olympus"), "time_zone"),
        (dict(code="XYZ", name="x", kind="castle", country="UTO", time_zone="UTC"), "kind"),
    ],
)
def test_bad_post_fields_are_refused_by_name(admin_user, fields, field):
    with pytest.raises(Invalid) as exc:
        create_post(admin_user, **fields)
    assert exc.value.field == field and exc.value.code == "invalid_post"


def test_duplicate_post_and_booth_are_conflicts(admin_user, port):
    with pytest.raises(Conflict):
        create_post(admin_user, code="TST", name="again", kind="airport", country="UTO", time_zone="UTC")
    with pytest.raises(Conflict):
        create_booth(admin_user, port, code="A01")


def test_only_ports_have_booths(admin_user):
    office = create_post(admin_user, code="OFC", name="Office", kind="inland_office", country="UTO", time_zone="UTC")
    with pytest.raises(Invalid) as exc:
        create_booth(admin_user, office, code="B1")
    assert exc.value.code == "booth_needs_port"


def test_officers_cannot_change_reference_data(officer, port):
    with pytest.raises(PermissionDenied):
        update_post(officer, port, name="Mine now")


def test_an_officer_sees_only_their_posts(officer, port, other_port, admin_user):
    assert list(posts_visible_to(officer)) == [port]
    assert set(posts_visible_to(admin_user)) == {port, other_port}
