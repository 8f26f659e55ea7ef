"""The figures, as a list of sections. Each section is a function ``(post, first_day, last_day) -> rows``, one row
per local day that has anything (a dict with ``day`` and a value for each column code), computed by the database:
one ``GROUP BY`` query per section, the day being the post's local calendar day (``TruncDate`` in the post's time
zone, so a day of 23 or 25 hours around a clock change is one day). Processing times are the exception that the
database cannot do alike on SQLite and PostgreSQL: SQLite has no percentile function, so each inspection's
duration is fetched as one column (with its day) and the percentiles computed per day in Python; a post's day is
thousands of inspections at most.

A section of counts (``COUNTS``) is a partition: its columns add up to the row's total, and the page and the export
suppress small counts (``core/figures``). A section of measures (``MEASURES``) is shown as it is: a later section
(the queues) joins with one line: ``queue_section(queue_measures)`` added to ``SECTIONS``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import BooleanField, Count, DurationField, ExpressionWrapper, F, Min, Q
from django.db.models.functions import TruncDate

from borderdesk.apps.inspection.models import Approval, Channel, Decision, DecisionKind, Inspection, Status
from borderdesk.apps.policy.services import refusal_grounds
from borderdesk.apps.queues.services import queue_measures
from borderdesk.apps.visas.models import Visa, VisaKind, VisaStatus
from borderdesk.core.figures import nearest_rank

COUNTS = "counts"
MEASURES = "measures"
DIRECTIONS = ("entry", "exit")


@dataclass(frozen=True)
class Section:
    code: str
    caption: str
    rows: Callable[..., list[dict]]
    columns: Callable[..., list[tuple[str, str]]] | None = None  # (code, label); None: the rows' own keys
    kind: str = COUNTS
    note: str = ""
    total_label: str = "total"
    with_total: bool = True  # False for a section of one column, whose total would repeat it
    with_actor: bool = False  # rows(actor, post, first, last): a section that is another app's service
    # For measures: the column counting the people a row's measures are of; the measures are hidden when it is small.
    extra: dict = field(default_factory=dict)


def local_bounds(post, first: date, last: date) -> tuple[datetime, datetime, ZoneInfo]:
    """The instants the post's local days ``first`` to ``last`` begin and end at, and the post's time zone."""
    zone = ZoneInfo(post.time_zone)
    return datetime.combine(first, time.min, zone), datetime.combine(last + timedelta(days=1), time.min, zone), zone


def _by_day(queryset, moment: str, post, first: date, last: date, **groups) -> list[dict]:
    """``SELECT day, <groups>, COUNT(*) ... GROUP BY day, <groups>`` over the period, days local to the post."""
    start, end, zone = local_bounds(post, first, last)
    return list(
        queryset.filter(**{f"{moment}__gte": start, f"{moment}__lt": end})
        .annotate(day=TruncDate(moment, tzinfo=zone), **groups)
        .order_by()  # a model's default ordering would join the GROUP BY
        .values("day", *groups)
        .annotate(n=Count("pk"))
    )


def _rows(counted: list[dict], column: Callable[[dict], str]) -> list[dict]:
    rows: dict[date, dict] = defaultdict(dict)
    for found in counted:
        code = column(found)
        rows[found["day"]][code] = rows[found["day"]].get(code, 0) + found["n"]
    return [{"day": day, **values} for day, values in sorted(rows.items())]


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _counted_inspections(post):
    return Inspection.objects.filter(post=post).exclude(status=Status.SUPERSEDED)


# -------------------------------------------------------------------------------------------------- inspections


def inspections(post, first: date, last: date) -> list[dict]:
    counted = _by_day(_counted_inspections(post), "created_at", post, first, last, ch=F("channel"), dir=F("direction"))
    return _rows(counted, lambda f: f"{f['ch']}_{f['dir']}")


def inspection_columns(post, first, last, rows=()) -> list[tuple[str, str]]:
    return [(f"{c.value}_{d}", f"{c.label}, {d}") for c in Channel for d in DIRECTIONS]


# ---------------------------------------------------------------------------------------------- processing times


def processing_durations(post, first: date, last: date) -> dict[date, list[float]]:
    """Seconds from reaching the booth (the inspection made) to its first decision, by the local day it was made."""
    start, end, zone = local_bounds(post, first, last)
    took = ExpressionWrapper(F("first_decided") - F("created_at"), output_field=DurationField())
    found = (
        _counted_inspections(post)
        .filter(created_at__gte=start, created_at__lt=end)
        .annotate(first_decided=Min("decisions__decided_at"))
        .filter(first_decided__isnull=False)
        .annotate(day=TruncDate("created_at", tzinfo=zone), took=took)
        .order_by()
        .values_list("day", "took")
    )
    durations: dict[date, list[float]] = defaultdict(list)
    for day, duration in found:
        durations[day].append(max(0.0, duration.total_seconds()))
    return durations


def processing(post, first: date, last: date) -> list[dict]:
    """Per day, and for the whole period (``day`` None): how many were decided, and the median, 90th and 95th
    percentile of their processing times in whole seconds."""
    durations = processing_durations(post, first, last)
    rows = [{"day": day, **_percentiles(values)} for day, values in sorted(durations.items())]
    everything = [v for values in durations.values() for v in values]
    return [*rows, {"day": None, **_percentiles(everything)}]


def _percentiles(values: list[float]) -> dict:
    def rounded(p):
        found = nearest_rank(values, p)
        return None if found is None else round(found)

    return {"decided": len(values), "median_s": rounded(50), "p90_s": rounded(90), "p95_s": rounded(95)}


def processing_columns(post, first, last, rows=()) -> list[tuple[str, str]]:
    return [
        ("decided", "Decided"),
        ("median_s", "Median (seconds)"),
        ("p90_s", "90th percentile (seconds)"),
        ("p95_s", "95th percentile (seconds)"),
    ]


# ---------------------------------------------------------------------------------------------------- decisions


def decisions(post, first: date, last: date) -> list[dict]:
    """Decisions by the day taken, in one partition: a referral by the channel it came from (secondary
    referrals), an exit by whether the stay it closed had gone past its admitted-until date (overstays at exit).
    One partition, one equation per row: a referral or an exit shown again in a table of its own would be a second
    total of the same counts, from which a hidden one could be worked out."""
    stay = "crossing__stay_ended"
    overstayed = Q(**{f"{stay}__admitted_until__isnull": False, f"{stay}__exit_date__gt": F(f"{stay}__admitted_until")})
    counted = _by_day(
        Decision.objects.filter(inspection__post=post),
        "decided_at",
        post,
        first,
        last,
        kind_=F("kind"),
        approval_=F("approval"),
        ch=F("inspection__channel"),
        late=_flag(overstayed),
    )
    return _rows(counted, _decision_column)


def _decision_column(found: dict) -> str:
    if found["approval_"] == Approval.PENDING:
        return "awaiting_approval"
    if found["approval_"] == Approval.REJECTED:
        return "not_approved"
    if found["kind_"] == DecisionKind.REFER:
        return f"refer_from_{found['ch']}"
    if found["kind_"] == DecisionKind.EXIT:
        return "exit_overstay" if found["late"] else "exit_in_time"
    return found["kind_"]


def decision_columns(post, first, last, rows=()) -> list[tuple[str, str]]:
    return [
        ("admit", "Admitted"),
        *[(f"refer_from_{c.value}", f"Referred to secondary from the {c.label.lower()}") for c in Channel],
        ("refuse", "Refused entry"),
        ("detain", "Detained"),
        ("exit_in_time", "Exit within the stay admitted (or no stay on record)"),
        ("exit_overstay", "Exit past the admitted-until date (overstay)"),
        ("awaiting_approval", "Refusal or detention awaiting a senior officer's approval"),
        ("not_approved", "Not approved"),
    ]


# ------------------------------------------------------------------------------------------ refusals and grounds


def refusal_ground_citations(post, first: date, last: date) -> list[dict]:
    """Refusals and detentions in force (approved), counted once for each legal ground they cite. The database
    groups the decisions by their list of grounds; the few distinct lists are then split into grounds."""
    counted = _by_day(
        Decision.objects.filter(
            inspection__post=post, kind__in=[DecisionKind.REFUSE, DecisionKind.DETAIN], approval=Approval.APPROVED
        ),
        "decided_at",
        post,
        first,
        last,
        grounds=F("refusal_grounds"),
    )
    exploded = [{"day": f["day"], "ground": g, "n": f["n"]} for f in counted for g in (f["grounds"] or [])]
    return _rows(exploded, lambda f: str(f["ground"]))


def refusal_ground_columns(post, first, last, rows=()) -> list[tuple[str, str]]:
    in_force = [(g["code"], f"{g['code']}: {g['title']}") for g in refusal_grounds(last)]
    known = {code for code, _ in in_force}
    cited = sorted({key for row in rows for key in row if key != "day"} - known)
    return in_force + [(code, code) for code in cited]


# -------------------------------------------------------------------------------------------- visas on arrival


def visas_on_arrival(post, first: date, last: date) -> list[dict]:
    counted = _by_day(
        Visa.objects.filter(kind=VisaKind.VISA_ON_ARRIVAL, issued_at_post=post),
        "issued_on",
        post,
        first,
        last,
        status_=F("status"),
    )
    return _rows(counted, lambda f: f"{f['status_']}_now")


def visa_columns(post, first, last, rows=()) -> list[tuple[str, str]]:
    return [(f"{s.value}_now", f"Issued, {s.label.lower()} now") for s in VisaStatus]


# -------------------------------------------------------------------------------------------------- watchlists


def watchlist_hits(post, first: date, last: date) -> list[dict]:
    """Inspections whose screening found a hit. Only the hits: the inspections without one would be a second
    partition of the inspections' total, from which a hidden count of either table could be worked out."""
    counted = _by_day(_counted_inspections(post).filter(screening__hits__gt=0), "created_at", post, first, last)
    return _rows(counted, lambda f: "with_hit")


def watchlist_columns(post, first, last, rows=()) -> list[tuple[str, str]]:
    return [("with_hit", "Inspections with a screening hit")]


# ----------------------------------------------------------------------------------------------------- queues

QUEUE_DAYS_AT_ONCE = 366  # what queues.services.queue_measures answers for in one call


def queue_section(queue_measures: Callable[..., list[dict]]) -> Section:
    """The queues' section, from ``queues.services.queue_measures(actor, post, first_day, last_day)`` (a day, then
    each queue's measures): a column group per queue, its waits hidden on a day it measured fewer travellers than
    the threshold. Asked for 366 days at a time."""

    def rows(actor, post, first: date, last: date) -> list[dict]:
        days, start = [], first
        while start <= last:
            end = min(last, start + timedelta(days=QUEUE_DAYS_AT_ONCE - 1))
            days += queue_measures(actor, post, start, end)
            start = end + timedelta(days=1)
        return queue_rows(days, _threshold())

    return Section(
        "queues",
        "Queues: travellers' waits against the target",
        rows,
        kind=MEASURES,
        with_actor=True,
        note="Per queue: travellers whose wait was measured, the share within the target, the median and 95th "
        "percentile wait in seconds.",
    )


def queue_rows(days: list[dict], threshold: int) -> list[dict]:
    """One row per day, four columns per queue (``queue_<id>_measured``, ``_within``, ``_median_s``, ``_p95_s``)."""
    rows = []
    for day in days:
        row: dict = {"day": day["day"]}
        for queue in day["queues"]:
            code, measured = f"queue_{queue['queue']}", queue.get("measures") or 0
            small = 1 <= measured < threshold
            share, median, p95 = (
                queue.get("share_within"),
                queue.get("median_wait_seconds"),
                queue.get("p95_wait_seconds"),
            )
            row[f"{code}_measured"] = f"<{threshold}" if small else measured
            row[f"{code}_within"] = "x" if small and share is not None else _share(share)
            row[f"{code}_median_s"] = "x" if small and median is not None else _whole(median)
            row[f"{code}_p95_s"] = "x" if small and p95 is not None else _whole(p95)
        rows.append(row)
    return rows


def _share(value: float | None) -> str | None:
    return None if value is None else f"{value:.0%}"


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


def _threshold() -> int:
    from django.conf import settings

    return int(getattr(settings, "BORDERDESK_FIGURES_THRESHOLD", 5))


SECTIONS: list[Section] = [
    Section(
        "inspections",
        "Inspections by channel and direction",
        inspections,
        inspection_columns,
        note="Travellers inspected, by the day they reached the booth or gate (a scan superseded by a later one "
        "is not counted).",
    ),
    Section(
        "processing",
        "Processing times: reaching the booth to the first decision",
        processing,
        processing_columns,
        kind=MEASURES,
        extra={"count_column": "decided"},
        note="Inspections made that day and decided since; times are hidden on a day with fewer travellers than "
        "the threshold.",
    ),
    Section(
        "decisions",
        "Decisions by kind, with secondary referrals and overstays at exit",
        decisions,
        decision_columns,
        note="By the day decided. Refusals and detentions count as such once approved (four eyes); a referral "
        "by where it came from; an exit by whether the stay it closed was past its admitted-until date.",
    ),
    Section(
        "refusal_grounds",
        "Refusals with their grounds",
        refusal_ground_citations,
        refusal_ground_columns,
        note="Approved refusals and detentions, once for each ground they cite: one may cite several.",
        total_label="citations",
    ),
    Section("visas_on_arrival", "Visas on arrival issued", visas_on_arrival, visa_columns),
    Section(
        "watchlist",
        "Watchlist hits at inspection",
        watchlist_hits,
        watchlist_columns,
        with_total=False,
        note="Inspections whose screening found a hit (the lost and stolen documents register included).",
    ),
    queue_section(queue_measures),
]
