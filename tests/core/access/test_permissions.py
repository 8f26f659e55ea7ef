from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.access import POST_SCOPED, ROLE_PERMISSIONS, Perm, Role, allows, permissions_of


def test_every_permission_is_named_scope_resource_action():
    for perm in Perm:
        scope, resource, action = perm.value.split(":")
        assert scope and resource and action


def test_every_role_has_permissions_and_every_permission_a_role():
    assert set(ROLE_PERMISSIONS) == set(Role)
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert granted == set(Perm)


def test_border_officer_decides_only_at_assigned_posts():
    roles = [Role.BORDER_OFFICER]
    assert allows(roles, Perm.BORDER_INSPECTION_DECIDE, post="UCX", assigned_posts={"UCX"})
    assert not allows(roles, Perm.BORDER_INSPECTION_DECIDE, post="UTPRT", assigned_posts={"UCX"})


def test_post_scoped_permission_without_a_post_needs_some_post():
    assert allows([Role.BORDER_OFFICER], Perm.BORDER_TRAVELLER_READ, assigned_posts={"UCX"})
    assert not allows([Role.BORDER_OFFICER], Perm.BORDER_TRAVELLER_READ, assigned_posts=set())


def test_headquarters_staff_hold_post_scoped_permissions_everywhere():
    assert allows([Role.SENIOR_OFFICER], Perm.BORDER_DECISION_APPROVE, post="ANY", all_posts=True)


def test_four_eyes_approval_is_not_a_primary_line_permission():
    assert not allows([Role.BORDER_OFFICER], Perm.BORDER_DECISION_APPROVE, post="UCX", assigned_posts={"UCX"})
    assert allows([Role.SENIOR_OFFICER], Perm.BORDER_DECISION_APPROVE, post="UCX", assigned_posts={"UCX"})


def test_asylum_records_are_only_for_asylum_case_officers():
    holders = {role for role, perms in ROLE_PERMISSIONS.items() if Perm.ASYLUM_CLAIM_READ in perms}
    assert holders == {Role.ASYLUM_CASE_OFFICER}


def test_auditors_read_the_trail_but_change_nothing():
    perms = permissions_of([Role.AUDITOR])
    assert Perm.AUDIT_TRAIL_VERIFY in perms
    assert not any(p.value.endswith((":decide", ":manage", ":edit", ":import", ":write")) for p in perms)


def test_unknown_role_is_refused():
    import pytest

    with pytest.raises(ValueError):
        permissions_of(["king"])


@given(
    roles=st.sets(st.sampled_from(list(Role))),
    perm=st.sampled_from(list(Perm)),
    post=st.one_of(st.none(), st.sampled_from(["UCX", "UTPRT", "UTBER"])),
    assigned=st.sets(st.sampled_from(["UCX", "UTPRT", "UTBER"])),
    all_posts=st.booleans(),
)
def test_allows_is_exactly_role_grant_and_post_scope(roles, perm, post, assigned, all_posts):
    granted = allows(roles, perm, post=post, assigned_posts=assigned, all_posts=all_posts)
    role_grants = perm in permissions_of(roles)
    if perm not in POST_SCOPED or all_posts:
        in_scope = True
    elif post is None:
        in_scope = bool(assigned)
    else:
        in_scope = post in assigned
    assert granted == (role_grants and in_scope)
    # More roles never take a permission away.
    assert not granted or allows(
        set(roles) | {Role.AUDITOR}, perm, post=post, assigned_posts=assigned, all_posts=all_posts
    )


def test_roles_granting_names_every_role_that_holds_a_permission_in_the_roles_order():
    from borderdesk.core.access import roles_granting

    assert roles_granting(Perm.BORDER_DECISION_APPROVE) == [Role.SENIOR_OFFICER]
    assert roles_granting("border:inspection:decide") == [Role.BORDER_OFFICER, Role.SENIOR_OFFICER]
    for perm in Perm:
        assert roles_granting(perm) == [role for role in Role if perm in ROLE_PERMISSIONS[role]]
