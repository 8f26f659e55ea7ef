"""Publishing, reading, acknowledging, correcting and withdrawing briefings, and the booth's gate."""

from datetime import timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.briefings import services
from borderdesk.apps.briefings.models import Acknowledgement
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.inspection.services.booth import open_booth
from borderdesk.apps.posts.models import Booth
from tests.apps.briefings.conftest import form

pytestmark = pytest.mark.django_db


def events(action: str):
    return AuditEvent.objects.filter(action=action)


def test_a_duty_manager_publishes_to_their_post_and_it_is_in_the_trail(duty, officer):
    briefing = services.publish(duty, form())
    assert briefing.version == 1 and briefing.post_codes == {"TST"} and briefing.roles == ["border_officer"]
    event = events("briefings.briefing.publish").get()
    assert event.post_code == "TST" and event.new_values["posts"] == ["TST"]
    assert [item.briefing for item in services.my_briefings(officer)] == [briefing]


def test_a_duty_manager_cannot_brief_another_post_or_every_post(duty, other_port):
    for bad in (form(("TST", "OTH")), form((), all_posts=True)):
        with pytest.raises(Invalid) as caught:
            services.publish(duty, bad)
        assert caught.value.code == "posts_not_yours"
    assert not events("briefings.briefing.publish").exists()


def test_a_policy_author_briefs_every_post(author, officer, other_officer):
    briefing = services.publish(author, form((), all_posts=True))
    assert services.applies_to(officer, briefing) and services.applies_to(other_officer, briefing)


def test_an_officer_cannot_publish(officer):
    with pytest.raises(PermissionDenied):
        services.publish(officer, form())


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"effective_on": "01/12/2026"}, "invalid_date"),
        ({"effective_on": ""}, "date_required"),
        ({"expires_on": "2026-02-30"}, "invalid_date"),
        ({"title": "x" * 201}, "title_too_long"),
        ({"body": "x" * 20_001}, "body_too_long"),
        ({"roles": ("auditor",)}, "unknown_role"),
        ({"posts": ("ZZZ",)}, "posts_not_yours"),
        ({"priority": "<script>"}, "unknown_priority"),
    ],
)
def test_bad_input_is_refused_with_its_code(duty, changes, code):
    with pytest.raises(Invalid) as caught:
        services.publish(duty, form(**changes))
    assert caught.value.code == code


def test_an_unknown_post_is_named(author):
    with pytest.raises(Invalid) as caught:
        services.publish(author, form(("ZZZ",)))
    assert caught.value.code == "unknown_post"


def test_the_booth_stays_closed_until_the_briefing_is_acknowledged(duty, officer, port, on_shift):
    services.publish(duty, form())
    services.publish(duty, form(title="Second"))
    booth = Booth.objects.get(post=port, code="A01")
    with pytest.raises(Conflict) as caught:
        open_booth(officer, booth)
    assert caught.value.code == "briefings_unacknowledged" and "2 new briefings" in caught.value.message
    for item in services.my_briefings(officer):
        services.acknowledge(officer, item.briefing.pk)
    assert open_booth(officer, booth).booth == booth


def test_briefings_not_in_force_or_for_other_roles_do_not_close_the_booth(duty, officer, port, on_shift):
    services.publish(duty, form(days_from_now=2))  # coming, not yet in force
    services.publish(duty, form(roles=("senior_officer",)))  # for seniors only
    expired = services.publish(
        duty, form(days_from_now=-10, expires_on=(timezone.localdate() - timedelta(days=1)).isoformat())
    )
    assert services.to_acknowledge(officer, port) == []
    assert expired not in [item.briefing for item in services.my_briefings(officer)]
    assert open_booth(officer, Booth.objects.get(post=port, code="A01"))


def test_another_posts_briefing_does_not_close_this_booth(author, officer, port, other_port):
    services.publish(author, form(("OTH",)))
    assert services.to_acknowledge(officer, port) == []


def test_acknowledging_twice_counts_once(duty, officer):
    briefing = services.publish(duty, form())
    first = services.acknowledge(officer, briefing.pk)
    again = services.acknowledge(officer, briefing.pk)
    assert first.pk == again.pk and first.acknowledged_at == again.acknowledged_at
    assert Acknowledgement.objects.count() == 1 and events("briefings.briefing.acknowledge").count() == 1
    assert events("briefings.briefing.acknowledge").get().post_code == "TST"


def test_a_briefing_that_is_not_for_you_cannot_be_read_or_acknowledged(author, officer, other_officer, make_user, port):
    theirs = services.publish(author, form(("OTH",)))
    seniors = services.publish(author, form(("TST",), roles=("senior_officer",)))
    for briefing_id in (theirs.pk, seniors.pk, 999_999):
        with pytest.raises(NotFound) as caught:
            services.acknowledge(officer, briefing_id)
        assert caught.value.code == "briefing_not_found"
        with pytest.raises(NotFound):
            services.readable(officer, briefing_id)
    assert not Acknowledgement.objects.exists()


def test_a_withdrawn_briefing_is_no_longer_due_and_cannot_be_acknowledged(duty, officer, port):
    briefing = services.publish(duty, form())
    services.withdraw(duty, briefing.pk, "Issued in error")
    assert services.to_acknowledge(officer, port) == []
    with pytest.raises(Conflict) as caught:
        services.acknowledge(officer, briefing.pk)
    assert caught.value.code == "briefing_withdrawn"
    assert events("briefings.briefing.withdraw").get().new_values["reason"] == "Issued in error"
    with pytest.raises(NotFound):  # withdrawn once: not again
        services.withdraw(duty, briefing.pk, "again")


def test_a_withdrawal_needs_a_reason(duty):
    briefing = services.publish(duty, form())
    with pytest.raises(Invalid) as caught:
        services.withdraw(duty, briefing.pk, "   ")
    assert caught.value.code == "reason_required"


def test_a_correction_is_a_new_version_to_acknowledge_again(duty, officer, port):
    briefing = services.publish(duty, form())
    services.acknowledge(officer, briefing.pk)
    corrected = services.revise(duty, briefing.pk, form(body="The stamp is green, not blue."))
    briefing.refresh_from_db()
    assert corrected.version == 2 and corrected.supersedes == briefing and briefing.withdrawn_at is not None
    assert services.to_acknowledge(officer, port) == [corrected]
    assert events("briefings.briefing.publish").latest("seq").new_values["supersedes"] == briefing.pk


def test_a_duty_manager_cannot_withdraw_a_headquarters_briefing_for_every_post(author, duty):
    everywhere = services.publish(author, form((), all_posts=True))
    with pytest.raises(NotFound):
        services.withdraw(duty, everywhere.pk, "not mine")
    with pytest.raises(NotFound):
        services.revise(duty, everywhere.pk, form())


def test_the_duty_manager_sees_who_at_their_post_has_acknowledged(author, duty, officer, other_officer, make_user):
    colleague = make_user("colleague", "border_officer", posts=["TST"])
    briefing = services.publish(author, form((), all_posts=True))
    services.acknowledge(officer, briefing.pk)
    rows = services.acknowledgement_status(duty, briefing.pk)
    assert [(row.officer.username, row.acknowledged_at is not None) for row in rows] == [
        ("colleague", False),
        ("officer", True),
    ]  # only their post's officers (not "elsewhere"), those not yet first
    assert colleague.pk in {row.officer.pk for row in rows}
    everyone = {row.officer.username for row in services.acknowledgement_status(author, briefing.pk)}
    assert everyone == {"colleague", "officer", "elsewhere"}


def test_another_posts_duty_manager_does_not_see_this_posts_briefing(duty, make_user, other_port):
    theirs = make_user("duty2", "duty_manager", posts=["OTH"])
    briefing = services.publish(duty, form())
    with pytest.raises(NotFound):
        services.acknowledgement_status(theirs, briefing.pk)
    assert briefing.pk not in [b.pk for b in services.published_by_reach(theirs)]
