"""Roster changes through their services: every rule kept on every change, refusals with a stable code naming the
officer and the shifts, nothing partial saved, every change in the audit trail."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.rosters import changes
from borderdesk.apps.rosters.checks import zone
from borderdesk.apps.rosters.models import LeaveStatus, Shift, SwapStatus
from borderdesk.apps.rosters.services import on_shift, rostered_booth_officers
from borderdesk.core.rosters.patterns import local_moment
from tests.apps.rosters.conftest import hours_from_now
from tests.rosters import put_on_shift


def shift(actor, post, officer, start_h, length_h=8, **kw):
    starts = hours_from_now(start_h)
    return changes.create_shift(
        actor, post=post, officer=officer, starts_at=starts, ends_at=starts + timedelta(hours=length_h), **kw
    )


def actions():
    return list(AuditEvent.objects.filter(action__startswith="rosters.").values_list("action", flat=True))


def test_a_duty_manager_rosters_an_officer_and_it_is_audited(duty, officer, port):
    made = shift(duty, port, officer, -1)
    assert on_shift(officer, port) == made
    assert rostered_booth_officers(port, hours_from_now(0).replace(minute=0, second=0), 1) == [1]
    assert actions() == ["rosters.shift.create"]


def test_double_booking_is_refused_naming_the_officer_and_both_shifts(duty, officer, port):
    shift(duty, port, officer, 24)
    with pytest.raises(Invalid) as error:
        shift(duty, port, officer, 28)
    assert error.value.code == "double_booked"
    assert "officer" in error.value.message and "two shifts at once" in error.value.message
    assert Shift.objects.count() == 1


def test_double_booking_across_posts_is_refused(duty, make_user, officer, port, other_port):
    officer.posts.add(other_port)
    other_duty = make_user("duty2", "duty_manager", posts=[other_port.code])
    shift(duty, port, officer, 24)
    with pytest.raises(Invalid) as error:
        shift(other_duty, other_port, officer, 26)
    assert error.value.code == "double_booked" and "TST" in error.value.message and "OTH" in error.value.message


def test_too_little_rest_is_refused(duty, officer, port):
    shift(duty, port, officer, 24, 12)
    with pytest.raises(Invalid) as error:
        shift(duty, port, officer, 24 + 12 + 5)
    assert error.value.code == "rest_too_short" and "11 hours" in error.value.message


def test_limits_follow_the_settings(duty, officer, port, settings):
    settings.BORDERDESK_ROSTER_MAX_SHIFT_HOURS = 6
    with pytest.raises(Invalid) as error:
        shift(duty, port, officer, 24, 8)
    assert error.value.code == "shift_too_long"


def test_an_officer_not_assigned_to_the_post_cannot_be_rostered(duty, make_user, port, other_port):
    stranger = make_user("stranger", "border_officer", posts=[other_port.code])
    with pytest.raises(Invalid) as error:
        shift(duty, port, stranger, 24)
    assert error.value.code == "officer_not_at_post"


def test_another_posts_duty_manager_is_refused(make_user, officer, port, other_port):
    elsewhere = make_user("duty2", "duty_manager", posts=[other_port.code])
    with pytest.raises(PermissionDenied):
        shift(elsewhere, port, officer, 24)
    made = shift(make_user("duty", "duty_manager", posts=[port.code]), port, officer, 24)
    with pytest.raises(PermissionDenied):
        changes.cancel_shift(elsewhere, made.pk)


def test_an_officer_cannot_roster_themselves(officer, port):
    with pytest.raises(PermissionDenied):
        shift(officer, port, officer, 24)


def test_a_pattern_is_applied_whole_to_staggered_officers(duty, officer, colleague, port, four_on_four_off):
    first = port.local_date() + timedelta(days=1)
    made = changes.apply_pattern(
        duty, four_on_four_off, officers=[(officer, 0), (colleague, 4)], first_day=first, last_day=first + timedelta(15)
    )
    assert len(made) == 16
    assert Shift.objects.filter(officer=officer).count() == 8 == Shift.objects.filter(officer=colleague).count()
    assert actions() == ["rosters.pattern.create", "rosters.pattern.apply"]


def test_a_pattern_that_would_break_a_rule_makes_no_shift_at_all(duty, officer, colleague, port, four_on_four_off):
    first = port.local_date() + timedelta(days=1)
    starts = local_moment(first + timedelta(days=9), time(10, 0), zone(port))
    changes.create_shift(duty, post=port, officer=colleague, starts_at=starts, ends_at=starts + timedelta(hours=4))
    with pytest.raises(Invalid) as error:
        changes.apply_pattern(
            duty,
            four_on_four_off,
            officers=[(officer, 0), (colleague, 0)],
            first_day=first,
            last_day=first + timedelta(15),
        )
    assert error.value.code == "double_booked" and "colleague" in error.value.message
    assert Shift.objects.count() == 1


def test_a_pattern_is_not_applied_to_days_gone_by(duty, officer, port, four_on_four_off):
    yesterday = port.local_date() - timedelta(days=1)
    with pytest.raises(Invalid) as error:
        changes.apply_pattern(duty, four_on_four_off, officers=[(officer, 0)], first_day=yesterday, last_day=yesterday)
    assert error.value.code == "roster_in_past"


def test_a_pattern_that_cannot_be_read_is_refused(duty, port):
    with pytest.raises(Invalid) as error:
        changes.create_pattern(duty, post=port, name="broken", days="07:00 12h, whenever")
    assert error.value.code == "pattern_bad_day"


def test_approved_leave_cancels_shifts_and_keeps_the_officer_off_the_roster(duty, officer, port):
    in_leave = shift(duty, port, officer, 24 * 3)
    kept = shift(duty, port, officer, 24 * 10)
    leave = changes.request_leave(
        officer,
        post=port,
        first_day=in_leave.starts_at.date() - timedelta(1),
        last_day=in_leave.starts_at.date() + timedelta(2),
    )
    changes.decide_leave(duty, leave.pk, approve=True)
    in_leave.refresh_from_db()
    kept.refresh_from_db()
    assert in_leave.cancelled_at is not None and kept.cancelled_at is None
    with pytest.raises(Invalid) as error:
        shift(duty, port, officer, 24 * 3)
    assert error.value.code == "on_leave"
    assert actions() == [
        "rosters.shift.create",
        "rosters.shift.create",
        "rosters.leave.request",
        "rosters.shift.cancel",
        "rosters.leave.approve",
    ]
    with pytest.raises(Conflict):
        changes.decide_leave(duty, leave.pk, approve=False)


def test_leave_in_the_past_or_out_of_order_is_refused(officer, port):
    today = port.local_date()
    with pytest.raises(Invalid) as error:
        changes.request_leave(officer, post=port, first_day=today - timedelta(2), last_day=today)
    assert error.value.code == "leave_in_past"
    with pytest.raises(Invalid) as error:
        changes.request_leave(officer, post=port, first_day=today + timedelta(3), last_day=today + timedelta(1))
    assert error.value.code == "dates_out_of_order"


def test_a_duty_manager_does_not_approve_their_own_leave(duty, port):
    leave = changes.request_leave(duty, post=port, first_day=port.local_date(), last_day=port.local_date())
    with pytest.raises(Invalid) as error:
        changes.decide_leave(duty, leave.pk, approve=True)
    assert error.value.code == "own_leave"
    assert leave.status == LeaveStatus.REQUESTED


def test_a_swap_changes_the_shifts_only_when_approved(duty, officer, colleague, port):
    mine, theirs = shift(duty, port, officer, 24), shift(duty, port, colleague, 48)
    swap = changes.propose_swap(officer, my_shift=mine.pk, their_shift=theirs.pk)
    with pytest.raises(NotFound):
        changes.answer_swap(officer, swap.pk, accept=True)  # only the colleague answers
    changes.answer_swap(colleague, swap.pk, accept=True)
    mine.refresh_from_db()
    assert mine.officer == officer
    with pytest.raises(PermissionDenied):
        changes.decide_swap(officer, swap.pk, approve=True)
    changes.decide_swap(duty, swap.pk, approve=True)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.officer == colleague and theirs.officer == officer
    swap.refresh_from_db()
    assert swap.status == SwapStatus.APPROVED
    assert actions()[-5:] == [
        "rosters.swap.propose",
        "rosters.swap.accept",
        "rosters.shift.change",
        "rosters.shift.change",
        "rosters.swap.approve",
    ]


def test_a_swap_with_oneself_or_another_posts_shift_is_refused(duty, make_user, officer, port, other_port):
    mine, also_mine = shift(duty, port, officer, 24), shift(duty, port, officer, 48)
    with pytest.raises(Invalid) as error:
        changes.propose_swap(officer, my_shift=mine.pk, their_shift=also_mine.pk)
    assert error.value.code == "swap_with_self"
    roaming = make_user("roaming", "border_officer", posts=[other_port.code])
    other_duty = make_user("duty2", "duty_manager", posts=[other_port.code])
    elsewhere = shift(other_duty, other_port, roaming, 72)
    with pytest.raises(Invalid) as error:
        changes.propose_swap(officer, my_shift=mine.pk, their_shift=elsewhere.pk)
    assert error.value.code == "swap_other_post"
    with pytest.raises(NotFound):
        changes.propose_swap(roaming, my_shift=mine.pk, their_shift=elsewhere.pk)  # not their shift


def test_a_swap_that_would_break_the_rest_rule_is_refused_at_approval(duty, officer, colleague, port):
    mine, theirs = shift(duty, port, officer, 24), shift(duty, port, colleague, 72)
    swap = changes.propose_swap(officer, my_shift=mine.pk, their_shift=theirs.pk)
    changes.answer_swap(colleague, swap.pk, accept=True)
    shift(duty, port, officer, 72 + 8 + 2)  # meanwhile the officer gets a shift 2 hours after the colleague's
    with pytest.raises(Invalid) as error:
        changes.decide_swap(duty, swap.pk, approve=True)
    assert error.value.code == "rest_too_short"
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.officer == officer and theirs.officer == colleague  # nothing changed
    swap.refresh_from_db()
    assert swap.status == SwapStatus.ACCEPTED


def test_a_swap_of_a_cancelled_shift_is_stale(duty, officer, colleague, port):
    mine, theirs = shift(duty, port, officer, 24), shift(duty, port, colleague, 48)
    swap = changes.propose_swap(officer, my_shift=mine.pk, their_shift=theirs.pk)
    changes.answer_swap(colleague, swap.pk, accept=True)
    changes.cancel_shift(duty, theirs.pk)
    with pytest.raises(Conflict) as error:
        changes.decide_swap(duty, swap.pk, approve=True)
    assert error.value.code == "swap_stale"


def test_the_feed_token_is_kept_only_as_a_digest_and_a_new_one_ends_the_old(officer):
    from borderdesk.apps.rosters.models import CalendarFeed
    from borderdesk.apps.rosters.schedule import feed_owner

    first = changes.reset_feed(officer)
    assert feed_owner(first) == officer
    assert not CalendarFeed.objects.filter(digest=first).exists()
    second = changes.reset_feed(officer)
    assert feed_owner(first) is None and feed_owner(second) == officer


def test_the_shared_test_helper_makes_a_real_shift(officer, port):
    made = put_on_shift(officer, port)
    assert made.pk and on_shift(officer, port) == made
