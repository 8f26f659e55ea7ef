"""A deliberately plain model of CONTRACTS.md section 4 for the property tests: one flag per calendar day, a running
count of absent days, and every candidate day tried in turn (no bisection, no search structure). Slow and obvious,
so that the fast implementation has something independent to agree with."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from borderdesk.core.residence import Absence, Requirement


def minus_years(day: date, years: int) -> date:
    if day.month == 2 and day.day == 29 and not calendar.isleap(day.year - years):
        return date(day.year - years, 2, 28)
    return day.replace(year=day.year - years)


def model(resident_since: date, on: date, absences: list[Absence], requirement: Requirement) -> dict:
    # Which absence (if any) each day before `on` was spent wholly in; from `on` on the person stays.
    start = min([on, resident_since] + [a.left for a in absences]) - timedelta(days=4000)
    days = [start + timedelta(days=n) for n in range((on - start).days)]
    owner = []
    for day in days:
        inside = [i for i, a in enumerate(absences) if a.left < day and (a.returned is None or day < a.returned)]
        assert len(inside) <= 1
        owner.append(inside[0] if inside else None)
    running = [0]
    for who in owner:
        running.append(running[-1] + (who is not None))
    absent_days_of = {i: [days[n] for n, who in enumerate(owner) if who == i] for i in range(len(absences))}

    def absent_between(first: date, last: date) -> int:
        lo = max(0, (first - start).days)
        hi = min(len(days) - 1, (last - start).days)
        return running[hi + 1] - running[lo] if lo <= hi else 0

    def whole(absence: Absence) -> int:
        end = absence.returned if absence.returned is not None else on
        return max(0, (end - absence.left).days - 1)

    def figures(day: date) -> dict:
        period_to = day - timedelta(days=1)
        period_from = resident_since if requirement.years is None else minus_years(day, requirement.years)
        period_days = max(0, (period_to - period_from).days + 1)
        absent_days = absent_between(period_from, period_to)
        absent_last_year = absent_between(minus_years(day, 1), period_to)
        # An absence's absent days are consecutive: it touches the period when its first and last straddle it.
        touching = [
            absences[i]
            for i, dates in absent_days_of.items()
            if dates and dates[0] <= period_to and dates[-1] >= period_from
        ]
        longest = max((whole(a) for a in touching), default=0)
        present = period_days - absent_days
        limit = requirement
        failed = [
            code
            for code, fails in [
                ("residence_too_short", limit.years is not None and resident_since > period_from),
                ("max_absent_days", limit.max_absent_days is not None and absent_days > limit.max_absent_days),
                (
                    "max_absent_days_last_year",
                    limit.max_absent_days_last_year is not None and absent_last_year > limit.max_absent_days_last_year,
                ),
                (
                    "max_single_absence_days",
                    limit.max_single_absence_days is not None and longest > limit.max_single_absence_days,
                ),
                ("min_present_days", limit.min_present_days is not None and present < limit.min_present_days),
            ]
            if fails
        ]
        return {
            "eligible": not failed,
            "qualifying_period": {"from": period_from.isoformat(), "to": period_to.isoformat()},
            "absent_days": absent_days,
            "absent_days_last_year": absent_last_year,
            "longest_absence_days": longest,
            "present_days": present,
            "failed": failed,
        }

    result = figures(on)
    if result["eligible"]:
        earliest: date | None = on
    elif any(a.returned is None and a.left < on for a in absences):
        earliest = None
    else:
        earliest = None
        horizon = minus_years(on, -10)
        candidate = on + timedelta(days=1)
        while candidate <= horizon:
            if figures(candidate)["eligible"]:
                earliest = candidate
                break
            candidate += timedelta(days=1)
    result["earliest_eligible_on"] = earliest.isoformat() if earliest else None
    return result
