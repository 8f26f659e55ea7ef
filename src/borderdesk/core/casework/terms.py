"""What an approval grants, and the terms an officer may give it: for a visa its validity, entries and days of
stay; for a residence permit its validity; for an extension of stay the days after the current stay.

What each kind grants, and its longest validity, is a table here (``GRANTS``) rather than a key of the kinds'
YAML: the limits are the Act's, one line a kind, and a kind without a line cannot be approved (``no_grant``).

Plain Python: ``settle_terms`` checks the terms an officer typed against the kind and the applicant's answers and
returns them typed, or raises :class:`TermsError` with a stable code and the field at fault.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

VISA, LONG_STAY_VISA, RESIDENCE_PERMIT, EXTENSION = "visa", "long_stay_visa", "residence_permit", "extension"
CITIZENSHIP = "citizenship"  # no terms and nothing issued at the approval: a certificate follows the oath
ENTRIES = {"1": 1, "2": 2, "multiple": None}
SHORT_STAY_DAYS = 90  # days of stay in any 180 (UIA s. 20(1))


@dataclass(frozen=True)
class Grant:
    """What an approval of a kind issues (``what``), and the longest it may be valid."""

    what: str  # visa, long_stay_visa, residence_permit, extension or citizenship
    max_months: int = 0  # the longest validity in calendar months (0: counted in days)
    max_days: int = 0  # the longest validity in days (when not in months)
    max_stay_days: int = 0  # visas: the most days of stay

    def latest_end(self, start: date) -> date:
        """The last day a grant beginning on ``start`` may be valid."""
        if self.max_months:
            return add_months(start, self.max_months) - timedelta(days=1)
        return start + timedelta(days=self.max_days - 1)


# UIA ss. 20-27: a short-stay visa up to five years (multiple entries), 90 days of stay; a long-stay visa up to a
# year; work, study, family and change-of-status permits up to two years at a time; permanent residence five
# years (its card is renewed, the right is not); an extension of stay up to 90 days more. Naturalisation (UNA
# s. 6) grants citizenship, for life.
GRANTS: dict[str, Grant] = {
    "short_stay_visa": Grant(VISA, max_months=60, max_stay_days=SHORT_STAY_DAYS),
    "long_stay_visa": Grant(LONG_STAY_VISA, max_days=365, max_stay_days=365),
    "extension_of_stay": Grant(EXTENSION, max_days=90),
    "work_permit": Grant(RESIDENCE_PERMIT, max_months=24),
    "study_permit": Grant(RESIDENCE_PERMIT, max_months=24),
    "family_reunification": Grant(RESIDENCE_PERMIT, max_months=24),
    "change_of_status": Grant(RESIDENCE_PERMIT, max_months=24),
    "permanent_residence": Grant(RESIDENCE_PERMIT, max_months=60),
    "naturalisation": Grant(CITIZENSHIP),
}


class TermsError(ValueError):
    """Terms that cannot be granted: ``code`` is stable, ``field`` names the term at fault."""

    def __init__(self, code: str, message: str, field: str = "terms") -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


@dataclass(frozen=True)
class Terms:
    """Terms as granted. ``entries`` None is multiple entries; ``days`` the days of stay (visas) or of validity."""

    what: str
    valid_from: date
    valid_until: date
    entries: int | None
    days: int

    @property
    def validity_days(self) -> int:
        return (self.valid_until - self.valid_from).days + 1

    def to_dict(self) -> dict:
        return {
            "what": self.what,
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "entries": "multiple" if self.entries is None else str(self.entries),
            "days": self.days,
        }


def grant_of(kind_id: str) -> Grant:
    grant = GRANTS.get(kind_id)
    if grant is None:
        raise TermsError("no_grant", f"An approval of {kind_id!r} issues nothing this system knows.", "outcome")
    return grant


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _date(value: object, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        raise TermsError(
            "invalid_date", f"{field.replace('_', ' ').capitalize()}: give a date (YYYY-MM-DD).", field
        ) from None


def _answer_date(answers: Mapping[str, object], key: str) -> date | None:
    try:
        return date.fromisoformat(str(answers.get(key) or ""))
    except ValueError:
        return None


def settle_terms(
    kind_id: str,
    answers: Mapping[str, object],
    terms: Mapping[str, object],
    *,
    today: date,
    follows: date | None = None,
) -> Terms:
    """The ``terms`` of an approval of ``kind_id``, checked and typed. ``follows``, for an extension of stay, is
    the last day of the current stay: the extension begins the day after."""
    grant = grant_of(kind_id)
    if grant.what == CITIZENSHIP:
        raise TermsError("no_terms", "Citizenship is granted for life: an approval of it has no terms.", "terms")
    if not isinstance(terms, Mapping):
        raise TermsError("terms_required", "An approval needs its terms.", "terms")
    valid_from = _date(terms.get("valid_from"), "valid_from")
    valid_until = _date(terms.get("valid_until"), "valid_until")
    if valid_until < valid_from:
        raise TermsError("terms_dates_reversed", "The validity cannot end before it begins.", "valid_until")
    if valid_until < today:
        raise TermsError("terms_in_the_past", "The validity would be over before it is issued.", "valid_until")
    latest = grant.latest_end(valid_from)
    if valid_until > latest:
        raise TermsError(
            "terms_too_long",
            f"A grant of this kind is valid at most until {latest.isoformat()} when it begins on "
            f"{valid_from.isoformat()}.",
            "valid_until",
        )
    validity = (valid_until - valid_from).days + 1
    if grant.what == EXTENSION:
        if follows is not None and valid_from != follows + timedelta(days=1):
            start = follows + timedelta(days=1)
            raise TermsError(
                "extension_must_follow",
                f"An extension begins the day after the current stay ends: {start.isoformat()}.",
                "valid_from",
            )
        return Terms(EXTENSION, valid_from, valid_until, 1, validity)
    if grant.what == RESIDENCE_PERMIT:
        return Terms(RESIDENCE_PERMIT, valid_from, valid_until, None, validity)
    entries_text = str(terms.get("entries") or "").strip().lower()
    if entries_text not in ENTRIES:
        raise TermsError("terms_entries", "Entries: 1, 2 or multiple.", "entries")
    try:
        days = int(str(terms.get("days") or "").strip())
    except ValueError:
        raise TermsError("terms_days", "Days of stay: a whole number.", "days") from None
    if not 1 <= days <= grant.max_stay_days:
        raise TermsError("terms_days", f"Days of stay: from 1 to {grant.max_stay_days}.", "days")
    if days > validity:
        raise TermsError("terms_days", f"{days} days of stay do not fit a validity of {validity} days.", "days")
    arrival = _answer_date(answers, "arrival_date")
    if arrival is not None and not valid_from <= arrival <= valid_until:
        raise TermsError(
            "terms_miss_the_journey",
            f"The validity must include the day of arrival the applicant gave ({arrival.isoformat()}).",
            "valid_from",
        )
    departure = _answer_date(answers, "departure_date")
    if arrival is not None and departure is not None and departure >= arrival:
        asked = (departure - arrival).days + 1
        if ENTRIES[entries_text] == 1 and days > asked + 15:
            raise TermsError(
                "terms_days",
                f"{days} days for a single journey of {asked} days: give at most 15 days more than asked.",
                "days",
            )
    return Terms(grant.what, valid_from, valid_until, ENTRIES[entries_text], days)


def proposed_terms(kind_id: str, answers: Mapping[str, object], *, today: date, follows: date | None = None) -> dict:
    """Terms to prefill the approval form with, from the answers (the officer may change them)."""
    grant = GRANTS.get(kind_id)
    if grant is None or grant.what == CITIZENSHIP:
        return {}
    if grant.what == EXTENSION:
        start = (follows or today - timedelta(days=1)) + timedelta(days=1)
        try:
            asked = max(1, min(int(str(answers.get("days_requested") or 30)), grant.max_days))
        except ValueError:
            asked = 30
        return {"valid_from": start.isoformat(), "valid_until": (start + timedelta(days=asked - 1)).isoformat()}
    start = (
        _answer_date(answers, "arrival_date")
        or _answer_date(answers, "contract_start")
        or _answer_date(answers, "course_start")
        or today
    )
    if grant.what == VISA:
        end = _answer_date(answers, "departure_date") or start + timedelta(days=29)
        end = max(end, start)
        days = min((end - start).days + 1, grant.max_stay_days)
        entries = {"single": "1", "double": "2", "multiple": "multiple"}.get(str(answers.get("entries")), "1")
        return {"valid_from": start.isoformat(), "valid_until": end.isoformat(), "entries": entries, "days": days}
    if grant.what == LONG_STAY_VISA:
        end = grant.latest_end(start)
        return {"valid_from": start.isoformat(), "valid_until": end.isoformat(), "entries": "multiple", "days": 365}
    months = answers.get("contract_months") or answers.get("course_months")
    if isinstance(months, (int, float)) and not isinstance(months, bool) and months >= 1:
        end = min(add_months(start, int(months)) - timedelta(days=1), grant.latest_end(start))
    else:
        end = grant.latest_end(start)
    return {"valid_from": start.isoformat(), "valid_until": end.isoformat()}
