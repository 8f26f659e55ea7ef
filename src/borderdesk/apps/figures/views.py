"""The figures pages, under /figures/: a post's figures for a day, a month or a range (a table per section), and
the same as a CSV file."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.figures import services
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm
from borderdesk.core.figures import Period
from borderdesk.core.figures.periods import month_period

READ = Perm.BORDER_FIGURES_READ


def _today_at(code: str) -> date:
    post = Post.objects.filter(code=code).only("time_zone").first()
    return post.local_date() if post else timezone.localdate()


@login_required
@refuses_without(READ)
def post_page(request, code: str):
    today = _today_at(code)
    try:
        period = services.period_from(request.GET, today)
    except Invalid as exc:  # the form again with its message, and today's figures under it
        period, error = Period("day", today, today), exc
    else:
        error = None
    figures = services.post_figures(request.user, post_code=code, period=period)
    return render(
        request,
        "figures/post.html",
        {
            "figures": figures,
            "error": error,
            "asked": request.GET,
            "export_query": urlencode(_period_query(period)),
            "previous": urlencode(_period_query(_step(period, -1))),
            "next": urlencode(_period_query(_step(period, 1))),
        },
        status=error.status if error else 200,
    )


@login_required
@refuses_without(READ)
def export_csv(request, code: str):
    period = services.period_from(request.GET, _today_at(code))
    figures = services.post_figures(request.user, post_code=code, period=period, output="csv")
    response = HttpResponse(services.as_csv(figures), content_type="text/csv; charset=utf-8")
    name = f"figures-{figures.post.code}-{period.label.replace('/', '_')}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _period_query(period: Period) -> dict:
    if period.kind == "day":
        return {"day": period.first.isoformat()}
    if period.kind == "month":
        return {"month": period.label}
    return {"from": period.first.isoformat(), "to": period.last.isoformat()}


def _step(period: Period, direction: int) -> Period:
    """The day or month before or after (a range: the same length before or after)."""
    if period.kind == "day":
        day = period.first + timedelta(days=direction)
        return Period("day", day, day)
    if period.kind == "month":
        anchor = period.first - timedelta(days=1) if direction < 0 else period.last + timedelta(days=1)
        return month_period(anchor.isoformat()[:7])
    length = period.last - period.first + timedelta(days=1)
    return Period("range", period.first + direction * length, period.last + direction * length)


urlpatterns = [
    path("<str:code>/", post_page, name="post"),
    path("<str:code>/figures.csv", export_csv, name="export"),
]
