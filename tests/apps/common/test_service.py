"""The one way into a service: an actor is required, the permission is checked once at the record's post before
anything is read or written, nested services run under the outer check at the same post only, and every audit
action is a named one."""

import pytest

from borderdesk.apps.accounts.actors import SystemActor, command_line
from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.apps.common.services import service, the_post_code
from borderdesk.apps.posts.services import create_post
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from tests.actors import SETUP


@service(Perm.BORDER_TRAVELLER_READ, post=the_post_code)
def read_at(actor, *, post_code, log=True):
    if log:
        record_access(actor, purpose="test", post_code=post_code, object_type="t", object_id="1")
    return post_code


@service(Perm.BORDER_INSPECTION_DECIDE, post=the_post_code)
def decide_then_read(actor, *, post_code, read_post_code):
    record_change(actor, AuditAction.POSTS_POST_UPDATE, post_code=post_code, object_type="t", object_id="1")
    return read_at(actor, post_code=read_post_code)


class CountingActor:
    """A user stand-in that counts the permission checks made for it (the service's own contract)."""

    pk = None
    is_authenticated = True
    all_posts = False
    current_post = None

    def __init__(self, allowed: set[tuple[Perm, str | None]]):
        self.allowed, self.asked = allowed, []

    def can(self, perm, post=None):
        self.asked.append((perm, post))
        return (perm, post) in self.allowed or (post is None and any(p == perm for p, _ in self.allowed))

    def get_username(self):
        return "counting"


def test_no_actor_is_no_longer_a_silent_bypass(db):
    with pytest.raises(TypeError, match="needs an actor"):
        read_at(None, post_code="TST")
    with pytest.raises(TypeError):
        create_post(None, code="NOP", name="Nope", kind="airport", country="UTO", time_zone="UTC")


def test_the_system_acts_under_its_own_name_in_the_trail(db):
    read_at(SystemActor("nightly job"), post_code="TST")
    assert AccessEvent.objects.get().actor_username == "system:nightly job"
    assert command_line("watchlist import").get_username().startswith("system:watchlist import (")


def test_a_refusal_checks_before_anything_is_written(db):
    actor = CountingActor(allowed=set())
    with pytest.raises(PermissionDenied) as refused:
        decide_then_read(actor, post_code="TST", read_post_code="TST")
    assert refused.value.code == "permission_denied"
    assert not AuditEvent.objects.exists() and not AccessEvent.objects.exists()


def test_a_nested_service_at_the_same_post_runs_under_the_outer_check(db):
    actor = CountingActor(allowed={(Perm.BORDER_INSPECTION_DECIDE, "TST")})  # may decide, holds no read perm
    assert decide_then_read(actor, post_code="TST", read_post_code="TST") == "TST"
    assert actor.asked == [(Perm.BORDER_INSPECTION_DECIDE, "TST")]  # one check, not two
    assert AuditEvent.objects.count() == 1 and AccessEvent.objects.count() == 1


def test_a_nested_service_at_another_post_is_checked_there(db):
    actor = CountingActor(allowed={(Perm.BORDER_INSPECTION_DECIDE, "TST")})
    with pytest.raises(PermissionDenied):
        decide_then_read(actor, post_code="TST", read_post_code="OTH")
    assert (Perm.BORDER_TRAVELLER_READ, "OTH") in actor.asked
    assert not AuditEvent.objects.exists()  # the outer work rolled back with the refusal


def test_holding_the_permission_elsewhere_is_told_apart_from_not_holding_it(db):
    actor = CountingActor(allowed={(Perm.BORDER_TRAVELLER_READ, "TST")})
    with pytest.raises(PermissionDenied) as refused:
        read_at(actor, post_code="OTH")
    assert refused.value.code == "not_your_post"


def test_only_named_audit_actions_are_recorded(db):
    with pytest.raises(ValueError):
        record_change(SETUP, "made.up.action", object_type="t", object_id="1")
    event = record_change(SETUP, "posts.post.update", object_type="t", object_id="1")  # the stored value is fine
    assert event.action == AuditAction.POSTS_POST_UPDATE


def test_every_audit_action_names_its_context():
    contexts = {action.context for action in AuditAction}
    assert contexts <= {
        "access",
        "accounts",
        "asylum",
        "audit",
        "casework",
        "citizenship",
        "inspection",
        "policy",
        "posts",
        "rosters",  # #16 rosters
        "travel_documents",
        "travellers",
        "watchlists",
        "visas",
        "briefings",  # #16
        "messaging",  # #16
        "queues",  # #16
        "incidents",  # #17 incidents
        "partners",  # #17 partners
        "patrols",  # #17 patrols
        "manifests",  # #18
    }
