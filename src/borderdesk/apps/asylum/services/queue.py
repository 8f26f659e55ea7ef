"""The asylum unit's queue: the claims waiting to be registered (with their deadline, and a warning when it is near
or past), the officer's own claims, and for the unit's senior officers every claim in work. A row says where and
when the claim was made, its deadline and the household's size: nothing of the claimant's account, no name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.accounts.authz import allowed
from borderdesk.apps.asylum.models import IN_WORK, Claim, ClaimAssignment
from borderdesk.apps.asylum.services.claims import OPEN, SENIOR, WORK
from borderdesk.apps.asylum.services.making import calendar_of
from borderdesk.apps.common.services import service, the_post
from borderdesk.apps.posts.models import Post
from borderdesk.core.casework.asylum import ClaimState, registration_warning

ROWS_MAX = 200


@dataclass(frozen=True)
class Row:
    reference: str
    state: str
    made_where: str
    made_at_post: str
    made_on: date
    deadline: date  # registration's, then the decision's
    warning: str | None
    household_size: int
    assigned: bool


@dataclass
class Queue:
    unit: Post
    to_register: list[Row]
    mine: list[Row]
    unit_claims: list[Row]  # for senior officers only
    is_senior: bool
    may_take: bool  # an asylum case officer of the unit: takes an unassigned claim to register it


@service(OPEN, post=the_post)
def unit_queue(actor, *, post: Post) -> Queue:
    unit = Post.objects.get(pk=post.pk)
    today = unit.local_date()
    calendar = calendar_of(unit)
    claims = (
        Claim.objects.filter(IN_WORK, post=unit)
        .select_related("made_at_post")
        .annotate(
            members=Count("household", distinct=True),
            assigned=Exists(ClaimAssignment.objects.filter(claim=OuterRef("pk"), ended_at=None)),
        )
    )

    def rows(queryset) -> list[Row]:
        return [_row(claim, today, calendar) for claim in queryset[:ROWS_MAX]]

    is_senior = allowed(actor, SENIOR, unit.code)
    mine = claims.filter(assignments__officer=user_of(actor), assignments__ended_at=None)
    return Queue(
        unit=unit,
        to_register=rows(claims.filter(state=ClaimState.CLAIMED).order_by("registration_due", "made_at")),
        mine=rows(mine.order_by("registration_due", "made_at")),
        unit_claims=rows(claims.order_by("made_at")) if is_senior else [],
        is_senior=is_senior,
        may_take=allowed(actor, WORK, unit.code),
    )


def _row(claim: Claim, today: date, calendar) -> Row:
    registering = claim.state == ClaimState.CLAIMED
    deadline = claim.registration_due if registering else (claim.decision_due or claim.registration_due)
    return Row(
        reference=claim.reference,
        state=claim.get_state_display(),
        made_where=claim.get_made_where_display(),
        made_at_post=claim.made_at_post.name,
        made_on=claim.made_on,
        deadline=deadline,
        warning=registration_warning(deadline, today, calendar) if registering else None,
        household_size=1 + claim.members,
        assigned=claim.assigned,
    )
