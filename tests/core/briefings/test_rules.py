from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.briefings import (
    BODY_MAX,
    TITLE_MAX,
    Audience,
    BriefingProblem,
    Period,
    check_draft,
    check_reach,
)

ROLES = ("border_officer", "senior_officer", "duty_manager")
DAY = date(2026, 11, 1)


def draft(**changes):
    fields = dict(
        title="New stamp",
        body="From Monday the entry stamp is blue.",
        priority="important",
        period=Period(DAY),
        audience=Audience(frozenset({"border_officer"}), frozenset({"UCX"})),
        known_roles=ROLES,
    )
    return check_draft(**{**fields, **changes})


def code_of(**changes) -> str:
    with pytest.raises(BriefingProblem) as caught:
        draft(**changes)
    return caught.value.code


def test_a_draft_is_tidied():
    checked = draft(title="  New \n stamp ", body="Line one\r\nLine two\n\n")
    assert checked.title == "New stamp" and checked.body == "Line one\nLine two"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": "  "}, "title_required"),
        ({"title": "x" * (TITLE_MAX + 1)}, "title_too_long"),
        ({"body": "\n"}, "body_required"),
        ({"body": "x" * (BODY_MAX + 1)}, "body_too_long"),
        ({"priority": "critical"}, "unknown_priority"),
        ({"audience": Audience(frozenset(), frozenset({"UCX"}))}, "no_roles"),
        ({"audience": Audience(frozenset({"auditor"}), frozenset({"UCX"}))}, "unknown_role"),
        ({"audience": Audience(frozenset({"border_officer"}), frozenset())}, "no_posts"),
        ({"period": Period(DAY, DAY - timedelta(days=1))}, "expires_before_effective"),
    ],
)
def test_each_problem_has_its_code(changes, code):
    assert code_of(**changes) == code


def test_all_posts_needs_no_post_list_and_a_one_day_briefing_is_fine():
    checked = draft(
        audience=Audience(frozenset({"border_officer"}), frozenset(), all_posts=True), period=Period(DAY, DAY)
    )
    assert checked.audience.all_posts and checked.period.in_force(DAY)


def test_reach_follows_roles_and_posts():
    audience = Audience(frozenset({"border_officer", "senior_officer"}), frozenset({"UCX", "UTPRT"}))
    assert audience.reaches({"border_officer"}, "UCX")
    assert not audience.reaches({"border_officer"}, "UTNGT")  # another post
    assert not audience.reaches({"duty_manager"}, "UCX")  # another role
    assert not audience.reaches({"border_officer"}, None)  # no post chosen: nothing applies yet
    assert Audience(frozenset({"border_officer"}), frozenset(), True).reaches({"border_officer"}, "ANY")


def test_a_duty_manager_briefs_only_their_posts_and_headquarters_anywhere():
    mine = Audience(frozenset({"border_officer"}), frozenset({"UCX"}))
    check_reach(mine, everywhere=False, own_posts={"UCX", "UTPRT"})
    for audience in (Audience(mine.roles, frozenset({"UCX", "OTH"})), Audience(mine.roles, frozenset(), True)):
        with pytest.raises(BriefingProblem) as caught:
            check_reach(audience, everywhere=False, own_posts={"UCX"})
        assert caught.value.code == "posts_not_yours"
        check_reach(audience, everywhere=True, own_posts=())


@given(
    effective=st.dates(),
    length=st.one_of(st.none(), st.integers(0, 400)),
    on=st.dates(),
    roles=st.sets(st.sampled_from(ROLES)),
)
def test_in_force_is_exactly_the_days_from_effect_to_expiry(effective, length, on, roles):
    try:
        expires = None if length is None else effective + timedelta(days=length)
    except OverflowError:
        return
    period = Period(effective, expires)
    assert period.in_force(on) == (effective <= on and (expires is None or on <= expires))
    audience = Audience(frozenset({"border_officer"}), frozenset({"UCX"}))
    assert audience.reaches(roles, "UCX") == ("border_officer" in roles)
