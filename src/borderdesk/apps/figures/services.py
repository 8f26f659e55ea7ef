"""A post's figures for a period (a day, a month, a range of at most 13 months): each section of ``sections.SECTIONS``
as a table with a row per local day and, for more than one day, a total row; small counts suppressed
(``core/figures``) in the one place both the page and the CSV export read them from. Who may: ``border:figures:read``
at that post (senior officers, duty managers). Figures are aggregates, but every page and every export is in the
access log with the post, the period and what was made of it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from borderdesk.apps.audit.services import record_access
from borderdesk.apps.common.errors import Invalid, NotFound
from borderdesk.apps.common.services import service, the_post_code
from borderdesk.apps.figures.sections import MEASURES, SECTIONS, Section
from borderdesk.apps.posts.models import Post
from borderdesk.core.access import Perm
from borderdesk.core.figures import FiguresError, Period, parse_period, safe_cell, suppress_table

OUTPUTS = ("page", "csv")
CSV_HEADER = ("post", "period", "section", "day", "column", "value")


@dataclass(frozen=True)
class SectionFigures:
    code: str
    caption: str
    note: str
    columns: list[tuple[str, str]]  # (code, label), the total last for counts
    rows: list[tuple[date, list[str]]]  # each local day of the period, its cells as published
    totals: list[str] | None  # the whole period's, when it has more than one day


@dataclass(frozen=True)
class Figures:
    post: Post
    period: Period
    threshold: int
    sections: list[SectionFigures]


def threshold() -> int:
    return int(getattr(settings, "BORDERDESK_FIGURES_THRESHOLD", 5))


def period_from(query, today: date) -> Period:
    """The period a page or an export asks for (``day``, ``month``, or ``from`` and ``to``), or a clear error."""
    try:
        return parse_period(
            day=query.get("day", ""),
            month=query.get("month", ""),
            start=query.get("from", ""),
            end=query.get("to", ""),
            today=today,
        )
    except FiguresError as exc:
        raise Invalid(exc.message, code=exc.code, field=exc.field or None) from None


@service(Perm.BORDER_FIGURES_READ, post=the_post_code)
def post_figures(actor, *, post_code: str, period: Period, output: str = "page") -> Figures:
    if output not in OUTPUTS:
        raise Invalid(f"Figures are shown as a page or exported as csv, not {output[:20]!r}.", code="unknown_output")
    post = Post.objects.filter(code=post_code).first()
    if post is None:
        raise NotFound(f"No post {post_code[:20]!r}.", code="post_not_found")
    record_access(
        actor,
        purpose="figures export" if output != "page" else "figures page",
        detail=f"{post.code} {period.kind} {period.label} {output}",
        post_code=post.code,
        object_type="figures",
        object_id=post.code,
    )
    limit = threshold()
    return Figures(post, period, limit, [_section(s, actor, post, period, limit) for s in SECTIONS])


def _section(section: Section, actor, post: Post, period: Period, limit: int) -> SectionFigures:
    asked = (actor, post, period.first, period.last) if section.with_actor else (post, period.first, period.last)
    found = section.rows(*asked)
    columns = section.columns(post, period.first, period.last, found) if section.columns else _own_columns(found)
    if section.kind == MEASURES:
        return _measures(section, period, columns, found, limit)
    by_day = {row["day"]: row for row in found}
    grid = [[by_day.get(day, {}).get(code, 0) for code, _ in columns] for day in period.days]
    table = suppress_table(grid, limit)
    rows = [
        (day, [c.text(limit) for c in (*row.cells, row.total)])
        for day, row in zip(period.days, table.rows, strict=True)
    ]
    totals = [c.text(limit) for c in (*table.totals.cells, table.totals.total)]
    if not section.with_total:
        rows, totals = [(day, cells[:-1]) for day, cells in rows], totals[:-1]
    else:
        columns = [*columns, (section.total_label, section.total_label.capitalize())]
    return SectionFigures(
        section.code, section.caption, section.note, columns, rows, totals if len(period.days) > 1 else None
    )


def _own_columns(found: list[dict]) -> list[tuple[str, str]]:
    codes = dict.fromkeys(key for row in found for key in row if key != "day")
    return [(code, code.replace("_", " ").capitalize()) for code in codes]


def _measures(section: Section, period: Period, columns, found: list[dict], limit: int) -> SectionFigures:
    """Measures are shown as they are, except those of a row about fewer people than the threshold."""
    by_day = {row.get("day"): row for row in found}
    counter = section.extra.get("count_column")

    def cells(row: dict | None) -> list[str]:
        row = row or {}
        people = row.get(counter, 0) if counter else None
        hide = people is not None and 1 <= people < limit
        texts = []
        for code, _ in columns:
            value = row.get(code)
            if code == counter:
                texts.append(f"<{limit}" if hide else str(value or 0))
            else:
                texts.append("x" if hide and value is not None else ("" if value is None else str(value)))
        return texts

    rows = [(day, cells(by_day.get(day))) for day in period.days]
    totals = cells(by_day.get(None)) if len(period.days) > 1 else None
    return SectionFigures(section.code, section.caption, section.note, list(columns), rows, totals)


def as_csv(figures: Figures) -> str:
    """The figures in long form: one line per published cell, under a header row; dates in ISO 8601, the whole
    period's totals on lines whose day is ``total``; column codes stable; every cell safe for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for section in figures.sections:
        lines = [(day.isoformat(), cells) for day, cells in section.rows]
        if section.totals is not None:
            lines.append(("total", section.totals))
        for day, cells in lines:
            for (code, _), value in zip(section.columns, cells, strict=True):
                writer.writerow(
                    [safe_cell(v) for v in (figures.post.code, figures.period.label, section.code, day, code, value)]
                )
    return out.getvalue()
