from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

TITLE_MAX = 200
BODY_MAX = 20_000
PRIORITIES = ("routine", "important", "urgent")


class BriefingProblem(ValueError):
    def __init__(self, message: str, *, code: str, field: str = "") -> None:
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


@dataclass(frozen=True)
class Audience:
    """Whom a briefing is for: holders of any of ``roles`` working at one of ``posts`` (every post when
    ``all_posts``)."""

    roles: frozenset[str]
    posts: frozenset[str]
    all_posts: bool = False

    def reaches(self, roles: Iterable[str], post_code: str | None) -> bool:
        """Whether a holder of ``roles`` working at ``post_code`` is among those it is for."""
        if not self.roles.intersection(roles) or post_code is None:
            return False
        return self.all_posts or post_code in self.posts

    def covers_post(self, post_code: str) -> bool:
        return self.all_posts or post_code in self.posts


@dataclass(frozen=True)
class Period:
    effective_on: date
    expires_on: date | None = None

    def in_force(self, on: date) -> bool:
        return self.effective_on <= on and (self.expires_on is None or on <= self.expires_on)


@dataclass(frozen=True)
class Draft:
    title: str
    body: str
    priority: str
    period: Period
    audience: Audience


def check_draft(
    *,
    title: str,
    body: str,
    priority: str,
    period: Period,
    audience: Audience,
    known_roles: Collection[str],
) -> Draft:
    """The draft with its text tidied (title on one line, body's line ends unified), or the first problem."""
    title = " ".join(str(title or "").split())
    body = str(body or "").replace("\r\n", "\n").strip()
    if not title:
        raise BriefingProblem("Give the briefing a title.", code="title_required", field="title")
    if len(title) > TITLE_MAX:
        raise BriefingProblem(f"The title is at most {TITLE_MAX} characters.", code="title_too_long", field="title")
    if not body:
        raise BriefingProblem("Write what officers must know.", code="body_required", field="body")
    if len(body) > BODY_MAX:
        raise BriefingProblem(f"The text is at most {BODY_MAX:,} characters.", code="body_too_long", field="body")
    if priority not in PRIORITIES:
        raise BriefingProblem(
            f"The priority is one of {', '.join(PRIORITIES)}.", code="unknown_priority", field="priority"
        )
    if not audience.roles:
        raise BriefingProblem("Choose at least one role it is for.", code="no_roles", field="roles")
    unknown = sorted(audience.roles - set(known_roles))
    if unknown:
        raise BriefingProblem(f"No such role: {unknown[0][:40]!r}.", code="unknown_role", field="roles")
    if not audience.all_posts and not audience.posts:
        raise BriefingProblem("Choose the posts it is for, or all posts.", code="no_posts", field="posts")
    if period.expires_on is not None and period.expires_on < period.effective_on:
        raise BriefingProblem(
            "It cannot expire before it takes effect.", code="expires_before_effective", field="expires_on"
        )
    return Draft(title, body, priority, period, audience)


def check_reach(audience: Audience, *, everywhere: bool, own_posts: Collection[str]) -> None:
    """A publisher working everywhere (headquarters) may brief any post or all posts; anyone else only the posts
    they are assigned to."""
    if everywhere:
        return
    outside = sorted(audience.posts - set(own_posts))
    if audience.all_posts or outside:
        where = "every post" if audience.all_posts else ", ".join(outside)
        raise BriefingProblem(
            f"You may brief only the posts you are assigned to, not {where}.", code="posts_not_yours", field="posts"
        )
