"""The work queues of a post: my cases (by decision due), the team's unassigned cases (oldest first), deadlines at
risk (due within N working days of the post's calendar, overdue first), cases waiting for the applicant's evidence
(overdue first) and, for senior officers, decisions awaiting approval. Also: how many cases each queue holds (the
home page's counts), the post's case officers (whom a senior officer may assign to), and assigning from a queue.

Each queue is one query on a partial index of ``Application`` (or of the evidence owed) with a LIMIT, so a page
stays fast with a million cases; paging is bounded (``MAX_PAGE``) and counts stop at ``COUNT_CAP``. A page of a
queue lists people: each page shown is one access event (purpose "work queue", the queue and the cases listed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F

from borderdesk.apps.accounts.actors import user_of
from borderdesk.apps.accounts.authz import allowed
from borderdesk.apps.accounts.models import User
from borderdesk.apps.audit.services import record_access
from borderdesk.apps.casework.models import DEADLINE_RUNNING, IN_WORK, Application
from borderdesk.apps.casework.services.cases import APPROVE, MANAGE, READ, WORK, assign, calendar_of
from borderdesk.apps.common.errors import Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import service, the_post
from borderdesk.apps.posts.models import Post
from borderdesk.core.casework import State, bundled_kinds
from borderdesk.core.casework.kinds import LODGING_POSTS
from borderdesk.core.casework.queues import DueIn, due_in, within_working_days

MINE, TEAM, AT_RISK, WAITING, APPROVAL = "mine", "team", "at_risk", "waiting", "approval"
VIEWS = {
    MINE: "My cases",
    TEAM: "Unassigned",
    AT_RISK: "Deadlines at risk",
    WAITING: "Waiting for the applicant",
    APPROVAL: "Awaiting approval",
}
PAGE_SIZE = 25
MAX_PAGE = 400  # bounded paging: 10,000 cases deep; past that, narrow the queue (assign, decide) instead
COUNT_CAP = 1_000  # counts stop here ("1,000+"): counting is one short index scan too
DEFAULT_AT_RISK_DAYS = 3
MAX_AT_RISK_DAYS = 30


@dataclass(frozen=True)
class QueueRow:
    application: Application
    kind_title: str
    due: DueIn | None  # the decision's due date (the evidence's, in the waiting queue); None while none runs
    evidence_due: date | None = None


@dataclass(frozen=True)
class QueuePage:
    post: Post
    view: str
    rows: list[QueueRow]
    page: int
    has_more: bool
    counts: dict[str, int]
    views: list[str]  # the queues this reader may open, in order
    days: int  # "within N working days" of the at-risk queue
    at_risk_until: date
    today: date
    may_assign: bool
    officers: list[User] = field(default_factory=list)  # whom a senior officer may assign to

    @property
    def title(self) -> str:
        return VIEWS[self.view]

    @property
    def tabs(self) -> list[tuple[str, str, str]]:
        """(view, title, count in words) of each queue the reader may open."""
        return [(view, VIEWS[view], count_words(self.counts[view])) for view in self.views]


def count_words(count: int) -> str:
    """A queue's count as shown: exact up to ``COUNT_CAP``, then "1,000+"."""
    return f"{COUNT_CAP:,}+" if count > COUNT_CAP else f"{count:,}"


def _mine(actor, post: Post):
    user = user_of(actor)
    if user is None:
        return Application.objects.none()
    return Application.objects.filter(IN_WORK, assigned_to=user, post=post).order_by(
        F("decision_due").asc(nulls_last=True), "id"
    )


def _team(post: Post):
    return Application.objects.filter(IN_WORK, post=post, assigned_to__isnull=True).order_by("lodged_at", "id")


def _at_risk(post: Post, until: date):
    return Application.objects.filter(DEADLINE_RUNNING, post=post, decision_due__lte=until).order_by(
        "decision_due", "id"
    )


def _waiting(post: Post):
    """Cases waiting for evidence, the evidence due soonest (or overdue longest) first."""
    return Application.objects.filter(post=post, state=State.EVIDENCE_REQUESTED.value).order_by(
        F("evidence_due").asc(nulls_last=True), "id"
    )


def _approval(post: Post):
    return Application.objects.filter(post=post, state=State.DECISION_PROPOSED.value).order_by("proposed_at", "id")


def _views_for(actor, post: Post) -> list[str]:
    views = [MINE, TEAM, AT_RISK, WAITING]
    if allowed(actor, APPROVE, post.code):
        views.append(APPROVAL)
    return views


def _count(rows) -> int:
    return rows[: COUNT_CAP + 1].count()


def _counts(actor, post: Post, views: list[str], until: date) -> dict[str, int]:
    queries = {
        MINE: lambda: _mine(actor, post),
        TEAM: lambda: _team(post),
        AT_RISK: lambda: _at_risk(post, until),
        WAITING: lambda: Application.objects.filter(post=post, state=State.EVIDENCE_REQUESTED.value),
        APPROVAL: lambda: _approval(post),
    }
    return {view: _count(queries[view]()) for view in views}


def _number(value, *, field: str, default: int, low: int, high: int, code: str) -> int:
    if value is None or str(value).strip() == "":
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise Invalid(f"{field.capitalize()} is a number from {low} to {high}.", code=code, field=field)
    return number


def _view(value, views: list[str], default: str) -> str:
    view = str(value or "").strip() or default
    if view == APPROVAL and APPROVAL not in views:
        raise PermissionDenied(
            "Decisions awaiting approval are shown to the post's senior officers.",
            code="not_a_senior_officer",
            permission=str(APPROVE),
        )
    if view not in views:
        raise Invalid(
            f"There is no queue {view[:40]!r}; queues: {', '.join(views)}.", code="unknown_queue", field="view"
        )
    return view


@service(READ, post=the_post)
def work_queue(actor, *, post: Post, view=None, page=None, days=None, today: date | None = None) -> QueuePage:
    """One page of one queue of ``post``, with every queue's count: a logged read of the cases listed."""
    today = today or post.local_date()
    views = _views_for(actor, post)
    view = _view(view, views, MINE if allowed(actor, WORK, post.code) else TEAM)
    page = _number(page, field="page", default=1, low=1, high=MAX_PAGE, code="invalid_page")
    days = _number(days, field="days", default=DEFAULT_AT_RISK_DAYS, low=0, high=MAX_AT_RISK_DAYS, code="invalid_days")
    calendar = calendar_of(post)
    until = within_working_days(today, days, calendar)
    start = (page - 1) * PAGE_SIZE
    window = slice(start, start + PAGE_SIZE + 1)  # one more than shown: is there a next page?
    related = ("applicant", "assigned_to")
    kinds = bundled_kinds()

    def title(kind: str) -> str:
        return kinds[kind].title if kind in kinds else kind

    query = {
        MINE: lambda: _mine(actor, post),
        TEAM: lambda: _team(post),
        AT_RISK: lambda: _at_risk(post, until),
        WAITING: lambda: _waiting(post),
        APPROVAL: lambda: _approval(post),
    }[view]()
    rows = []
    for case in query.select_related(*related)[window]:
        due = getattr(case, "evidence_due", None) if view == WAITING else case.decision_due
        rows.append(
            QueueRow(
                case, title(case.kind), due_in(today, due, calendar) if due else None, due if view == WAITING else None
            )
        )
    has_more = len(rows) > PAGE_SIZE and page < MAX_PAGE
    rows = rows[:PAGE_SIZE]
    may_assign = allowed(actor, MANAGE, post.code)
    record_access(
        actor,
        post,
        purpose="work queue",
        detail=f"{view} page {page}: applications " + ",".join(str(row.application.pk) for row in rows),
        post_code=post.code,
    )
    return QueuePage(
        post=post,
        view=view,
        rows=rows,
        page=page,
        has_more=has_more,
        counts=_counts(actor, post, views, until),
        views=views,
        days=days,
        at_risk_until=until,
        today=today,
        may_assign=may_assign,
        officers=_case_officers(post) if may_assign else [],
    )


@service(READ, post=the_post)
def queue_counts(actor, *, post: Post, today: date | None = None) -> dict[str, int]:
    """How many cases are mine, at risk and waiting at ``post`` (and awaiting approval, for a senior officer):
    numbers only, no one's record, so no access event."""
    today = today or post.local_date()
    until = within_working_days(today, DEFAULT_AT_RISK_DAYS, calendar_of(post))
    return _counts(actor, post, _views_for(actor, post), until)


def counts_at_current_post(actor) -> dict | None:
    """For the home page: the queues' counts at the actor's current post, when cases are worked there and the actor
    reads them; else None."""
    post = getattr(actor, "current_post", None)
    if post is None or post.kind not in LODGING_POSTS["both"] or not allowed(actor, READ, post.code):
        return None
    counts = queue_counts(actor, post=post)
    return {
        "post": post,
        "counts": {view: count_words(count) for view, count in counts.items()},
        "may_work": allowed(actor, WORK, post.code),
    }


def _case_officers(post: Post) -> list[User]:
    from borderdesk.apps.accounts.services import staff_who_may

    officers = {user.pk: user for perm in WORK for user in staff_who_may(perm, post.code)}
    return sorted(officers.values(), key=lambda u: (u.last_name, u.first_name, u.username))


@service(MANAGE, post=lambda post: post.code)
def post_case_officers(actor, post: Post) -> list[User]:
    """The officers who work cases at ``post`` (whom its senior officers assign cases to): colleagues' names."""
    return _case_officers(post)


@service(MANAGE, post=the_post)
def assign_from_queue(actor, *, post: Post, applications: list, to=None) -> int:
    """Assign the cases chosen in a queue (or release them, ``to`` empty) at ``post``: all or none."""
    refs = {str(a).strip().upper() for a in applications if str(a).strip()}
    if len(refs) <= 500 and Application.objects.filter(post=post, reference__in=refs).count() != len(refs):
        # Another post's case (or none) among them: said before anything about the assignee, as a case page would.
        raise NotFound(
            f"Not all the chosen cases are applications of {post.code}. Nothing was assigned.",
            code="application_not_found",
            field="applications",
        )
    officer = None
    if to not in (None, ""):
        from borderdesk.apps.common.services import as_id

        officer = as_id(to, field="to")
    return assign(actor, applications, post=post, to=officer)
