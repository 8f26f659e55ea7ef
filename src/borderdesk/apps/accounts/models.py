from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from borderdesk.core.access import Perm, Role, allows

ROLE_CHOICES = [(role.value, role.label) for role in Role]


class User(AbstractUser):
    """An officer or staff member. Roles say what they may do; posts say where they may do it."""

    posts = models.ManyToManyField("posts.Post", blank=True, related_name="staff")
    all_posts = models.BooleanField(
        default=False, help_text="Headquarters staff: post-scoped permissions hold at every post."
    )
    current_post = models.ForeignKey(
        "posts.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the user works now: sets the time zone shown and the post written to the audit trail.",
    )
    # Not editable anywhere: `borderdesk otp code` prints the current code of demo users only.
    is_demo = models.BooleanField(
        default=False, editable=False, help_text="A user of the Utopia demo, whose second-factor secret is known."
    )

    @cached_property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(grant.role) for grant in self.role_grants.all())

    @cached_property
    def assigned_post_codes(self) -> frozenset[str]:
        return frozenset(self.posts.values_list("code", flat=True))

    def can(self, perm: Perm, post: str | None = None) -> bool:
        if not self.is_active:
            return False
        return allows(self.roles, perm, post=post, assigned_posts=self.assigned_post_codes, all_posts=self.all_posts)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def forget_cached_grants(self) -> None:
        for name in ("roles", "assigned_post_codes"):
            self.__dict__.pop(name, None)


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=32, choices=ROLE_CHOICES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_granted_once")]

    def __str__(self) -> str:
        return f"{self.user.username}: {self.role}"


class ApiToken(models.Model):
    """A machine's credential for the API (an e-gate, a kiosk, an airline's system): sent as
    ``Authorization: Bearer <token>``. Only its SHA-256 digest is stored; the token is shown once when issued."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="Which machine holds it, e.g. 'UCX e-gate 3'.")
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to recognise it in lists.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.user.username})"
