"""Assessing an application against its kind's rules: each criterion the kind declares (``assessment:`` in its YAML,
see ``kinds.CHECKS``) is met, not met or unknown, with the facts it used, a sentence why, and its legal basis, as the
booth's rule trace gives them. Rules recommend; officers decide: a criterion marked ``advisory`` (the immigration
history) flags something for the officer to weigh and is never a ground of refusal by itself.

Plain Python: the app gathers the facts (the document on record, the files sent, the border history, the screening,
the days already used in the rolling window, counted by the rules core) and passes them in as :class:`Facts`.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from borderdesk.core.casework.kinds import (
    ApplicationKind,
    Criterion,
    IntendedStay,
    LegalBasis,
    required_documents,
    visible_fields,
)

ADVISORY_CHECKS = frozenset({"clean_history"})
MAX_STAY_DAYS = 36500  # a hundred years: a longer stay applied for is a typo, not a stay


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class StayDates:
    """The stay applied for, from the answers: its first day and its last (None: open-ended or not answered)."""

    start: date
    end: date | None

    @property
    def days(self) -> int | None:
        return (self.end - self.start).days + 1 if self.end is not None else None


@dataclass(frozen=True)
class Facts:
    """What the app found out about one application, for its kind's criteria to judge.

    ``days_used``: the days counted in the rolling window on the last day of the stay applied for, that stay
    included (None: not counted). ``watchlist_screened``: how many people were screened (None: no screening);
    ``watchlist_errors``: how many could not be (an unscreenable name). ``admitted_until``: the last day of the
    stay the applicant is on now, as the border record has it.
    """

    on: date
    lodged_on: date
    answers: Mapping[str, object] = field(default_factory=dict)
    document_expiry: date | None = None
    document_reported: str = ""  # "stolen, reported 2025-01-01" when the register lists the travel document
    has_document: bool = True
    documents_present: frozenset[str] = frozenset()
    days_used: int | None = None
    history_known: bool = True
    refusals: int = 0
    detentions: int = 0
    overstays: int = 0
    watchlist_screened: int | None = None
    watchlist_hits: int = 0
    watchlist_possibles: int = 0
    watchlist_errors: int = 0
    sponsor_name: str = ""
    admitted_until: date | None = None


@dataclass(frozen=True)
class CriterionResult:
    id: str
    check: str
    title: str
    outcome: Outcome
    why: str
    facts: dict
    legal_basis: LegalBasis
    advisory: bool = False

    def to_dict(self) -> dict:
        basis = self.legal_basis
        return {
            "id": self.id,
            "check": self.check,
            "title": self.title,
            "outcome": self.outcome.value,
            "why": self.why,
            "facts": self.facts,
            "advisory": self.advisory,
            "legal_basis": {
                "instrument": basis.instrument,
                "article": basis.article,
                "url": basis.url,
                "text": basis.text,
            },
        }


@dataclass(frozen=True)
class Assessment:
    kind: str
    on: date
    results: tuple[CriterionResult, ...]

    @property
    def not_met(self) -> list[CriterionResult]:
        """Criteria not met that bear on the decision (advisory flags are in ``flags``)."""
        return [r for r in self.results if r.outcome is Outcome.NOT_MET and not r.advisory]

    @property
    def flags(self) -> list[CriterionResult]:
        return [r for r in self.results if r.outcome is Outcome.NOT_MET and r.advisory]

    @property
    def unknown(self) -> list[CriterionResult]:
        return [r for r in self.results if r.outcome is Outcome.UNKNOWN]

    @property
    def all_met(self) -> bool:
        return all(r.outcome is Outcome.MET for r in self.results)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "on": self.on.isoformat(),
            "all_met": self.all_met,
            "not_met": [r.id for r in self.not_met],
            "flags": [r.id for r in self.flags],
            "unknown": [r.id for r in self.unknown],
            "criteria": [r.to_dict() for r in self.results],
        }


def assess(kind: ApplicationKind, facts: Facts) -> Assessment:
    """Every criterion of ``kind`` judged over ``facts``, in the order the kind declares them."""
    return Assessment(kind.id, facts.on, tuple(_judge(kind, criterion, facts) for criterion in kind.assessment))


def intended_stay(kind: ApplicationKind, answers: Mapping[str, object]) -> StayDates | None:
    """The stay applied for, as the kind's ``intended_stay`` reads it from the answers; None when the kind names
    none or its first day is not answered. A length of 0 (an open-ended contract) leaves the end open; an end
    before the start, or absurd lengths, are read as not answered."""
    spec = kind.intended_stay
    if spec is None:
        return None
    start = _date(answers.get(spec.start))
    if start is None:
        return None
    return StayDates(start, _end(spec, start, answers))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter: 31 January + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- the checks ----------------------------------------------------------------------------------------------------


def _judge(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> CriterionResult:
    outcome, why, used = _CHECKS[criterion.check](kind, criterion, facts)
    return CriterionResult(
        criterion.id,
        criterion.check,
        criterion.title,
        outcome,
        why,
        _plain_dict(used),
        criterion.legal_basis,
        advisory=criterion.check in ADVISORY_CHECKS,
    )


Judged = tuple[Outcome, str, dict]


def _document_validity(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    margin = int(criterion.param("margin_months", 0))  # type: ignore[call-overload]
    expiry = facts.document_expiry
    used: dict = {"expiry": expiry, "margin_months": margin}
    if not facts.has_document:
        return Outcome.UNKNOWN, "No travel document is recorded on the application.", used
    if facts.document_reported:
        used["register"] = facts.document_reported
        return (
            Outcome.NOT_MET,
            f"The travel document is in the lost and stolen register ({facts.document_reported}).",
            used,
        )
    if expiry is None:
        return Outcome.UNKNOWN, "The travel document's expiry date is not on record.", used
    stay = intended_stay(kind, facts.answers)
    if kind.intended_stay is not None and (stay is None or stay.end is None):
        if expiry < facts.on:
            return Outcome.NOT_MET, f"The travel document expired on {expiry.isoformat()}.", used
        what = "open-ended" if stay is not None else "not answered"
        return Outcome.UNKNOWN, f"The end of the stay applied for is {what}: check the validity by hand.", used
    last_day = stay.end if stay is not None and stay.end is not None else facts.on
    used["stay_ends"] = last_day if stay is not None else None
    try:
        needed = add_months(last_day, margin)
    except OverflowError:
        return Outcome.UNKNOWN, "The stay applied for ends too far in the future to count.", used
    used["valid_until_needed"] = needed
    after = f"{margin} month{'s' if margin != 1 else ''} after " if margin else ""
    until = f"{after}the stay's last day, {last_day.isoformat()}" if stay is not None else "today"
    if expiry >= needed:
        return Outcome.MET, f"Valid until {expiry.isoformat()}: at least until {needed.isoformat()} ({until}).", used
    return Outcome.NOT_MET, f"Valid only until {expiry.isoformat()}; needed until {needed.isoformat()} ({until}).", used


def _means(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    key = str(criterion.param("field"))
    per = str(criterion.param("per"))
    minimum = Decimal(str(criterion.param("minimum")))
    document = str(criterion.param("document"))
    used: dict = {"field": key, "per": per, "minimum": minimum, "document": document}
    asked = {f.key for f in visible_fields(kind, facts.answers)}
    label = next((f.label for f in kind.form if f.key == key), key)
    has_document = document in facts.documents_present
    used["document_on_file"] = has_document
    if key not in asked:
        return Outcome.MET, f"Not required: {label.lower()} is not asked for these answers.", used
    declared = _number(facts.answers.get(key))
    used["declared"] = declared
    if declared is not None:
        if per == "day":
            stay = intended_stay(kind, facts.answers)
            days = stay.days if stay is not None else None
            used["days"] = days
            if days is None:
                return Outcome.UNKNOWN, "The length of the stay applied for is not known.", used
            total, needed = declared * days, minimum * days
            used.update(total=total, needed=needed)
            if total >= needed:
                return (
                    Outcome.MET,
                    f"{declared} a day for {days} days is {total}, at least {needed} ({minimum} a day).",
                    used,
                )
            short = f"{declared} a day for {days} days is {total}, less than {needed} ({minimum} a day)"
        else:
            if declared >= minimum:
                return Outcome.MET, f"{declared} a month, at least the {minimum} required.", used
            short = f"{declared} a month, less than the {minimum} required"
        if has_document:
            return Outcome.MET, f"Shown by the document on file ({document}), though declared {short}: check it.", used
        return Outcome.NOT_MET, f"Declared {short}, and no proof of means ({document}) is on file.", used
    if has_document:
        return Outcome.MET, f"Shown by the document on file ({document}).", used
    return Outcome.NOT_MET, f"Neither {label.lower()} was answered nor the proof of means ({document}) sent.", used


def _proof_of_means(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    document = str(criterion.param("document"))
    owed = {d.code for d in required_documents(kind, facts.answers)}
    used = {"document": document, "document_on_file": document in facts.documents_present, "owed": document in owed}
    if document in facts.documents_present:
        return Outcome.MET, f"Shown by the document on file ({document}).", used
    if document not in owed:
        return Outcome.MET, "Not required for these answers (the means are shown otherwise).", used
    return Outcome.NOT_MET, f"The proof of means ({document}) is owed and not on file.", used


def _short_stay_limit(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    limit, window = criterion.param("limit"), criterion.param("window")
    stay = intended_stay(kind, facts.answers)
    used = {"limit": limit, "window": window, "days_used": facts.days_used, "stay_days": stay.days if stay else None}
    if stay is None or stay.end is None:
        return Outcome.UNKNOWN, "The dates of the stay applied for are not known.", used
    if facts.days_used is None:
        return Outcome.UNKNOWN, "The days already used could not be counted from the border history.", used
    where = (
        f"{facts.days_used} days in the {window} days up to {stay.end.isoformat()}, this stay's {stay.days} included"
    )
    if facts.days_used <= limit:  # type: ignore[operator]
        return Outcome.MET, f"{where}: within {limit}.", used
    return Outcome.NOT_MET, f"{where}: more than {limit}.", used


def _clean_history(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    used = {"refusals": facts.refusals, "detentions": facts.detentions, "overstays": facts.overstays}
    if not facts.history_known:
        return Outcome.UNKNOWN, "The border history could not be read.", used
    found = [
        _count(facts.refusals, "refusal of entry", "refusals of entry"),
        _count(facts.detentions, "detention", "detentions"),
        _count(facts.overstays, "overstay", "overstays"),
    ]
    found = [text for text in found if text]
    if not found:
        return Outcome.MET, "No refusal of entry, detention or overstay on record.", used
    return Outcome.NOT_MET, f"On record: {', '.join(found)}. For the officer to weigh; not a refusal by itself.", used


def _required_documents(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    owed = required_documents(kind, facts.answers)
    missing = [d for d in owed if d.code not in facts.documents_present]
    used = {"required": [d.code for d in owed], "missing": [d.code for d in missing]}
    if not missing:
        return Outcome.MET, f"All {len(owed)} required documents are on file.", used
    titles = "; ".join(d.title for d in missing)
    return Outcome.NOT_MET, f"{len(missing)} of {len(owed)} required documents missing: {titles}.", used


def _watchlist_clear(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    used = {
        "screened": facts.watchlist_screened,
        "hits": facts.watchlist_hits,
        "possibles": facts.watchlist_possibles,
        "not_screened": facts.watchlist_errors,
    }
    if facts.watchlist_screened is None:
        return Outcome.UNKNOWN, "Nobody on the application was screened.", used
    if facts.watchlist_hits:
        return (
            Outcome.NOT_MET,
            f"{_count(facts.watchlist_hits, 'hit', 'hits')} on the watchlists: see the screening.",
            used,
        )
    if facts.watchlist_possibles or facts.watchlist_errors:
        parts = [
            _count(facts.watchlist_possibles, "possible match", "possible matches"),
            _count(facts.watchlist_errors, "person who could not be screened", "people who could not be screened"),
        ]
        return Outcome.UNKNOWN, f"{', '.join(p for p in parts if p)}: for an officer to judge.", used
    return Outcome.MET, f"{_count(facts.watchlist_screened, 'person', 'people')} screened, no match.", used


def _sponsor_present(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    key = str(criterion.param("field"))
    answered = facts.answers.get(key)
    name = (answered.strip() if isinstance(answered, str) else "") or facts.sponsor_name.strip()
    used = {"field": key, "name": name or None}
    if name:
        return Outcome.MET, f"Named: {name}.", used
    return Outcome.NOT_MET, "No sponsor or employer is named on the application.", used


def _lodged_before_stay_ends(kind: ApplicationKind, criterion: Criterion, facts: Facts) -> Judged:
    key = str(criterion.param("field"))
    answered = _date(facts.answers.get(key))
    on_record = facts.admitted_until
    ends = on_record or answered
    used = {"lodged_on": facts.lodged_on, "stay_ends_answered": answered, "admitted_until": on_record}
    if ends is None:
        return Outcome.UNKNOWN, "When the current stay ends is neither answered nor on record.", used
    source = "as the border record has it" if on_record else "as answered"
    differs = (
        f" (the applicant answered {answered.isoformat()})" if on_record and answered and answered != on_record else ""
    )
    if facts.lodged_on <= ends:
        return (
            Outcome.MET,
            f"Lodged {facts.lodged_on.isoformat()}, on or before the stay's end {ends.isoformat()} {source}{differs}.",
            used,
        )
    return (
        Outcome.NOT_MET,
        f"Lodged {facts.lodged_on.isoformat()}, after the stay ended on {ends.isoformat()} {source}{differs}.",
        used,
    )


_CHECKS = {
    "document_validity": _document_validity,
    "means_of_subsistence": _means,
    "proof_of_means": _proof_of_means,
    "short_stay_limit": _short_stay_limit,
    "clean_history": _clean_history,
    "required_documents": _required_documents,
    "watchlist_clear": _watchlist_clear,
    "sponsor_present": _sponsor_present,
    "lodged_before_stay_ends": _lodged_before_stay_ends,
}


# -- small helpers ---------------------------------------------------------------------------------------------------


def _end(spec: IntendedStay, start: date, answers: Mapping[str, object]) -> date | None:
    try:
        if spec.until:
            end = _date(answers.get(spec.until))
            return end if end is not None and end >= start and (end - start).days <= MAX_STAY_DAYS else None
        length = _number(answers.get(spec.length))
        if length is None or length < 0 or length != int(length):
            return None
        count = int(length)
        if count == 0:
            return None
        if spec.unit == "months":
            return add_months(start, count) - timedelta(days=1) if count <= MAX_STAY_DAYS // 28 else None
        if spec.unit == "days" and count <= MAX_STAY_DAYS:
            # an extension: the extra days follow the current stay's last day (``start``)
            return start + timedelta(days=count)
    except OverflowError:
        return None
    return None


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _count(number: int, one: str, many: str) -> str:
    return "" if not number else f"{number} {one if number == 1 else many}"


def _plain_dict(values: dict) -> dict:
    return {str(key): _plain(value) for key, value in values.items()}


def _plain(value: object) -> object:
    """JSON-ready: dates as ISO text, amounts as numbers."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


__all__ = [
    "ADVISORY_CHECKS",
    "Assessment",
    "CriterionResult",
    "Facts",
    "Outcome",
    "StayDates",
    "add_months",
    "assess",
    "intended_stay",
]
