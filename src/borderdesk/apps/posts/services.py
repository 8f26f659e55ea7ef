"""Posts and booths: reference data that administrators keep; every change is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from borderdesk.apps.audit.services import record_change, snapshot
from borderdesk.apps.common import hot_reads
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import service
from borderdesk.apps.posts.models import Booth, Post
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction

POST_FIELDS = ["code", "name", "kind", "country", "time_zone", "is_active"]
BOOTH_FIELDS = ["code", "name", "direction", "lane", "is_active"]


def _validated(instance, exclude=None):
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise Invalid(
            f"{field}: {' '.join(messages)}", code="invalid_" + instance._meta.model_name, field=field
        ) from exc
    return instance


@service(Perm.ADMIN_POST_MANAGE)
def create_post(actor, **fields) -> Post:
    if Post.objects.filter(code=fields.get("code")).exists():
        raise Conflict(f"Post {fields['code']} already exists.", code="post_exists", field="code")
    post = _validated(Post(**fields))
    post.save()
    record_change(actor, AuditAction.POSTS_POST_CREATE, post, new=snapshot(post, POST_FIELDS))
    return post


@service(Perm.ADMIN_POST_MANAGE)
def update_post(actor, post: Post, **changes) -> Post:
    old = snapshot(post, POST_FIELDS)
    for name, value in changes.items():
        if name not in POST_FIELDS:
            raise Invalid(f"{name} cannot be changed here.", code="field_not_editable", field=name)
        setattr(post, name, value)
    _validated(post)
    post.save()
    record_change(actor, AuditAction.POSTS_POST_UPDATE, post, old=old, new=snapshot(post, POST_FIELDS))
    return post


@service(Perm.ADMIN_POST_MANAGE)
def create_booth(actor, post: Post, **fields) -> Booth:
    if not post.is_port:
        raise Invalid(
            f"{post.code} is a {post.get_kind_display().lower()}, not a port: it has no booths.",
            code="booth_needs_port",
        )
    if post.booths.filter(code=fields.get("code")).exists():
        raise Conflict(f"Booth {fields['code']} already exists at {post.code}.", code="booth_exists", field="code")
    booth = _validated(Booth(post=post, **fields))
    booth.save()
    record_change(
        actor,
        AuditAction.POSTS_BOOTH_CREATE,
        booth,
        new={"post": post.code, **snapshot(booth, BOOTH_FIELDS)},
        post_code=post.code,
    )
    return booth


def posts_visible_to(user) -> QuerySet[Post]:
    """The posts a user works at (all of them for headquarters staff and administrators)."""
    posts = Post.objects.filter(is_active=True)
    if user.all_posts or user.can(Perm.ADMIN_POST_MANAGE):
        return posts
    return posts.filter(staff=user)


def get_post(code: str) -> Post:
    try:
        return Post.objects.get(code=code)
    except Post.DoesNotExist:
        raise NotFound(f"No post with code {code}.", code="post_not_found") from None


def post_of_caller(actor, code: str | None, *, field: str = "post") -> Post:
    """The post a caller names in a request (an API body's ``post`` or ``post_code``), as a post the caller works
    at. Every endpoint that takes a post code calls this before anything is written with it (an access event, a
    screening, an evaluation): unknown codes are refused (``unknown_post``), and so are posts the caller is not
    assigned to (``not_your_post``), whatever the permission asked for there."""
    code = (code or "").strip().upper()
    found = hot_reads.select(Post, ("code", "is_active"), [code, True], limit=1) if code else []  # every API call
    post = found[0] if found else None
    if post is None:
        raise Invalid(f"No post in use has the code {code[:20]!r}.", code="unknown_post", field=field)
    if actor is not None and not (actor.all_posts or post.code in actor.assigned_post_codes):
        raise PermissionDenied(
            f"You are not assigned to post {post.code}.",
            code="not_your_post",
            field=field,
            permission="post:assignment",
            post=post.code,
        )
    return post
