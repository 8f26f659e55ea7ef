"""Briefings: what an officer must read and acknowledge before opening a booth. Plain Python, no database: who a
briefing reaches (its roles and posts), when it is in force, who may publish it where, and a draft's checks.

Every error it raises on purpose is a :class:`BriefingProblem` with a stable code: ``title_required``,
``title_too_long``, ``body_required``, ``body_too_long``, ``unknown_priority``, ``no_roles``, ``unknown_role``,
``no_posts``, ``expires_before_effective``, ``posts_not_yours``.
"""

from borderdesk.core.briefings.rules import (
    BODY_MAX,
    PRIORITIES,
    TITLE_MAX,
    Audience,
    BriefingProblem,
    Draft,
    Period,
    check_draft,
    check_reach,
)

__all__ = [
    "BODY_MAX",
    "PRIORITIES",
    "TITLE_MAX",
    "Audience",
    "BriefingProblem",
    "Draft",
    "Period",
    "check_draft",
    "check_reach",
]
