"""Users, roles and post assignments. Every change is permission-checked, atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import Q

from borderdesk.apps.accounts.models import RoleGrant, User
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.common.services import service, unchecked_service
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import POST_SCOPED, Perm, Role, roles_granting
from borderdesk.core.audit.actions import AuditAction

# Headquarters scope and the roles that see or change everything: granting them is an event of its own.
PRIVILEGED_ROLES = {Role.ADMINISTRATOR.value, Role.AUDITOR.value}
# What nobody may change on their own account: what they may do, where, and whether they may sign in.
OWN_ACCOUNT_LOCKED = ("roles", "posts", "all_posts", "is_active", "is_staff", "is_superuser")


def account_snapshot(user: User) -> dict:
    """The account as written to the trail: who it is, what it may do and where (never the password)."""
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "email": user.email,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "all_posts": user.all_posts,
        "roles": sorted(user.role_grants.values_list("role", flat=True)),
        "posts": sorted(user.posts.values_list("code", flat=True)),
    }


def _refuse_own_account(actor, user: User) -> None:
    if actor.pk == user.pk:
        raise PermissionDenied(
            "Nobody changes their own roles, posts or status; ask another administrator.", code="own_account"
        )


def privileged_grants(old: dict | None, new: dict) -> list[str]:
    """What ``new`` grants that ``old`` did not among headquarters scope, privileged roles and superuser/staff."""
    old = old or {"all_posts": False, "roles": [], "is_staff": False, "is_superuser": False}
    flags = [flag for flag in ("all_posts", "is_superuser", "is_staff") if new[flag] and not old[flag]]
    return flags + sorted(PRIVILEGED_ROLES.intersection(new["roles"]) - set(old["roles"]))


def _record_privileged_grants(actor, user: User, old: dict | None, new: dict) -> list[str]:
    granted = privileged_grants(old, new)
    if granted:
        record_change(
            actor, AuditAction.ACCOUNTS_USER_PRIVILEGED_GRANT, user, new={"username": user.username, "granted": granted}
        )
    return granted


@service(Perm.ADMIN_USER_MANAGE)
def record_account_change(actor, user: User, old: dict | None) -> list[str]:
    """An account changed in the admin: refuse changes to one's own grants, write old and new values, and
    return what privileged access was granted (for the admin to show)."""
    user.forget_cached_grants()
    new = account_snapshot(user)
    if old is not None and actor is not None and actor.pk == user.pk:
        changed = [field for field in OWN_ACCOUNT_LOCKED if old[field] != new[field]]
        if changed:
            raise PermissionDenied(
                f"Nobody changes their own {', '.join(changed)}; ask another administrator.", code="own_account"
            )
    record_change(
        actor,
        AuditAction.ACCOUNTS_USER_UPDATE if old is not None else AuditAction.ACCOUNTS_USER_CREATE,
        user,
        old=old,
        new=new,
    )
    return _record_privileged_grants(actor, user, old, new)


def _parse_roles(roles: Iterable[str]) -> list[Role]:
    parsed = []
    for role in roles:
        try:
            parsed.append(Role(role))
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise Invalid(f"Unknown role {role!r}. Known roles: {known}.", code="unknown_role", field="roles") from None
    return parsed


def _find_posts(codes: Iterable[str]) -> list[Post]:
    codes = sorted(set(codes))
    posts = list(Post.objects.filter(code__in=codes))
    missing = set(codes) - {p.code for p in posts}
    if missing:
        raise Invalid(f"Unknown post code(s): {', '.join(sorted(missing))}.", code="unknown_post", field="posts")
    return posts


@service(Perm.ADMIN_USER_MANAGE)
def create_user(
    actor,
    *,
    username: str,
    password: str | None,
    roles: Iterable[str] = (),
    posts: Iterable[str] = (),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    all_posts: bool = False,
) -> User:
    from borderdesk.apps.audit.services import record_change

    parsed_roles = _parse_roles(roles)
    post_list = _find_posts(posts)
    if User.objects.filter(username=username).exists():
        raise Conflict(f"A user named {username!r} already exists.", code="user_exists", field="username")
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, all_posts=all_posts)
    try:
        user.full_clean(exclude=["password"])
        if password is not None:  # None: a machine that signs in only with an API token
            validate_password(password, user)
    except ValidationError as exc:
        raise Invalid(" ".join(exc.messages), code="invalid_user") from exc
    user.set_password(password)  # None makes the password unusable
    user.save()
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=role) for role in parsed_roles])
    user.posts.set(post_list)
    if post_list:
        user.current_post = post_list[0]
        user.save(update_fields=["current_post"])
    new = account_snapshot(user)
    record_change(actor, AuditAction.ACCOUNTS_USER_CREATE, user, new=new)
    _record_privileged_grants(actor, user, None, new)
    return user


@service(Perm.ADMIN_USER_MANAGE)
def set_roles(actor, user: User, roles: Iterable[str]) -> User:
    from borderdesk.apps.audit.services import record_change

    _refuse_own_account(actor, user)
    parsed = set(_parse_roles(roles))
    old = account_snapshot(user)
    user.role_grants.exclude(role__in=parsed).delete()
    existing = set(user.role_grants.values_list("role", flat=True))
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=r) for r in parsed if r.value not in existing])
    user.forget_cached_grants()
    new = account_snapshot(user)
    record_change(actor, AuditAction.ACCOUNTS_USER_SET_ROLES, user, old=old, new=new)
    _record_privileged_grants(actor, user, old, new)
    return user


@service(Perm.ADMIN_USER_MANAGE)
def assign_posts(actor, user: User, post_codes: Iterable[str]) -> User:
    from borderdesk.apps.audit.services import record_change

    _refuse_own_account(actor, user)
    old = account_snapshot(user)
    posts = _find_posts(post_codes)
    user.posts.set(posts)
    if user.current_post_id not in {p.pk for p in posts}:
        user.current_post = posts[0] if posts else None
        user.save(update_fields=["current_post"])
    user.forget_cached_grants()
    record_change(actor, AuditAction.ACCOUNTS_USER_ASSIGN_POSTS, user, old=old, new=account_snapshot(user))
    return user


@unchecked_service
def switch_post(actor: User, post_code: str) -> User:
    """The user chooses which of their posts they work at now."""
    from borderdesk.apps.audit.services import record_change

    post = Post.objects.filter(code=post_code, is_active=True).first()
    if post is None or not (actor.all_posts or post.code in actor.assigned_post_codes):
        raise PermissionDenied(f"You are not assigned to post {post_code}.", code="post_not_assigned")
    old_code = actor.current_post.code if actor.current_post else None
    actor.current_post = post
    actor.save(update_fields=["current_post"])
    record_change(
        actor,
        AuditAction.ACCOUNTS_USER_SWITCH_POST,
        actor,
        old={"current_post": old_code},
        new={"current_post": post.code},
        post_code=post.code,
    )
    return actor


@service(Perm.ADMIN_USER_MANAGE)
def deactivate_user(actor, user: User) -> User:
    from borderdesk.apps.audit.services import record_change

    _refuse_own_account(actor, user)
    old = account_snapshot(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    record_change(actor, AuditAction.ACCOUNTS_USER_DEACTIVATE, user, old=old, new=account_snapshot(user))
    return user


def staff_who_may(perm: Perm, post_code: str, *, exclude: User | None = None) -> list[User]:
    """Active users who may do ``perm`` at ``post_code``, by name: whom to turn to (four eyes: who else may
    approve). Names and roles of colleagues, no one's personal record."""
    roles = [role.value for role in roles_granting(perm)]
    users = User.objects.filter(is_active=True, role_grants__role__in=roles)
    if perm in POST_SCOPED:
        users = users.filter(Q(all_posts=True) | Q(posts__code=post_code))
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.distinct().order_by("last_name", "first_name", "username"))
