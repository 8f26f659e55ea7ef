"""Short-stay calculator: at most ``limit`` days of stay in any rolling window of ``window`` days.

The day of entry and the day of exit are both days of stay. A stay whose exit is unknown (``exit=None``) is still
going on and counts up to the day asked about. Stays under a long-stay visa or a residence permit are kept (they
still may not overlap other stays) but do not count (Schengen Borders Code, Article 6(1), second subparagraph).

Days are handled as ordinals on sorted, disjoint intervals with prefix sums, so that "how many days of stay fall
between two dates" costs O(log n) whatever the length of the history or of the range.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from borderdesk.core.rules.dates import parse_date, parse_optional_date
from borderdesk.core.rules.errors import StayInputError

DEFAULT_LIMIT = 90
DEFAULT_WINDOW = 180


class StayBasis(str, Enum):
    SHORT_STAY = "short_stay"
    LONG_STAY_VISA = "long_stay_visa"
    RESIDENCE_PERMIT = "residence_permit"


@dataclass(frozen=True, slots=True)
class Stay:
    entry: date
    exit: date | None = None
    basis: StayBasis = StayBasis.SHORT_STAY

    @property
    def counted(self) -> bool:
        return self.basis is StayBasis.SHORT_STAY


@dataclass(frozen=True, slots=True)
class StayResult:
    on: date
    limit: int
    window: int
    days_used: int
    entry_on: date | None
    latest_exit: date | None
    stays_not_counted: int

    @property
    def days_remaining(self) -> int:
        return max(0, self.limit - self.days_used)

    @property
    def overstay_days(self) -> int:
        return max(0, self.days_used - self.limit)

    def to_dict(self) -> dict:
        result = {
            "on": self.on.isoformat(),
            "days_used": self.days_used,
            "days_remaining": self.days_remaining,
            "overstay_days": self.overstay_days,
        }
        if self.entry_on is not None:
            result["entry_on"] = self.entry_on.isoformat()
            result["latest_exit"] = self.latest_exit.isoformat() if self.latest_exit else None
        result.update(limit=self.limit, window=self.window, stays_not_counted=self.stays_not_counted)
        return result


class StayHistory:
    """The counted days of a validated stay history, answering range questions in O(log n).

    ``on`` is the day up to which a stay without exit counts. Raises :class:`StayInputError` with code
    ``end_before_start`` or ``overlapping_stays``. Two stays may share one day (left in the morning, back in the
    evening): that day counts once.
    """

    def __init__(self, stays: Iterable[Stay], on: date) -> None:
        ordered = sorted(stays, key=lambda stay: stay.entry)
        _check_each_stay(ordered)
        self.on = on
        self.last_day = _check_no_overlap(ordered, on.toordinal())
        self.stays_not_counted = sum(1 for stay in ordered if not stay.counted)
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._days_before: list[int] = [0]
        for stay in ordered:
            if stay.counted:
                self._add_interval(stay.entry.toordinal(), _effective_end(stay, on.toordinal()))

    def _add_interval(self, start: int, end: int) -> None:
        if self._ends and start <= self._ends[-1]:
            start = self._ends[-1] + 1  # the shared day is already counted
        if end < start:
            return
        self._starts.append(start)
        self._ends.append(end)
        self._days_before.append(self._days_before[-1] + end - start + 1)

    def _days_up_to(self, day: int) -> int:
        index = bisect_right(self._starts, day) - 1
        if index < 0:
            return 0
        return self._days_before[index] + min(day, self._ends[index]) - self._starts[index] + 1

    def days_between(self, first: int, last: int) -> int:
        """Counted days of stay from ordinal ``first`` to ordinal ``last``, both included."""
        if last < first:
            return 0
        return self._days_up_to(last) - self._days_up_to(first - 1)

    def days_used(self, on: date, window: int) -> int:
        end = on.toordinal()
        return self.days_between(end - window + 1, end)

    def latest_exit(self, entry_on: date, limit: int, window: int) -> date | None:
        """Last day of a stay begun on ``entry_on`` for which every day keeps the window's count within ``limit``.

        For a day ``d`` of the new stay, count(d) = earlier days in the window + (d - entry + 1). Going one day
        further adds one new day and drops at most one earlier day, so count never decreases: the answer is the
        largest ``d`` with count(d) <= limit, found by bisection over at most ``limit`` days.
        """
        entry = entry_on.toordinal()
        if self.last_day is not None and entry < self.last_day:
            raise StayInputError(
                "entry_overlaps_stay",
                f"entry_on {entry_on.isoformat()} falls before the end of a recorded stay",
                field="entry_on",
            )

        def count(day: int) -> int:
            return self.days_between(day - window + 1, entry - 1) + day - entry + 1

        if count(entry) > limit:
            return None
        low, high = entry, min(entry + limit - 1, date.max.toordinal())
        while low < high:
            middle = (low + high + 1) // 2
            if count(middle) <= limit:
                low = middle
            else:
                high = middle - 1
        return date.fromordinal(low)


def calculate_stay(
    stays: Iterable[Stay],
    on: date,
    limit: int = DEFAULT_LIMIT,
    window: int = DEFAULT_WINDOW,
    entry_on: date | None = None,
) -> StayResult:
    """Days used on ``on`` and, when ``entry_on`` is given, the latest permitted exit for a stay starting then."""
    check_limit_and_window(limit, window)
    history = StayHistory(stays, on)
    return StayResult(
        on=on,
        limit=limit,
        window=window,
        days_used=history.days_used(on, window),
        entry_on=entry_on,
        latest_exit=history.latest_exit(entry_on, limit, window) if entry_on is not None else None,
        stays_not_counted=history.stays_not_counted,
    )


def calculate_stay_request(request: object) -> StayResult:
    """:func:`calculate_stay` for a JSON-like request, as ``borderdesk stay calc`` and the API receive it."""
    if not isinstance(request, Mapping):
        raise StayInputError("malformed_input", "the request must be a JSON object")
    if "on" not in request:
        raise StayInputError("missing_field", "on is required", field="on")
    return calculate_stay(
        stays_from_records(request.get("stays", [])),
        on=parse_date(request["on"], "on", StayInputError),
        limit=request.get("limit", DEFAULT_LIMIT),
        window=request.get("window", DEFAULT_WINDOW),
        entry_on=parse_optional_date(request.get("entry_on"), "entry_on", StayInputError),
    )


def check_limit_and_window(limit: object, window: object) -> None:
    for name, value in (("limit", limit), ("window", window)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise StayInputError("invalid_limit", f"{name} must be a whole number of days, at least 1", field=name)
    assert isinstance(limit, int) and isinstance(window, int)  # checked just above
    if limit >= window:
        raise StayInputError("invalid_limit", f"limit ({limit}) must be smaller than window ({window})", field="limit")


def stays_from_records(records: object) -> list[Stay]:
    """Stays from JSON-like records ``{"entry": "YYYY-MM-DD", "exit": "YYYY-MM-DD" | null, "basis": ...}``."""
    if not isinstance(records, list):
        raise StayInputError("malformed_input", "stays must be a list of {entry, exit} objects", field="stays")
    return [_stay_from_record(record, f"stays[{index}]") for index, record in enumerate(records)]


def _stay_from_record(record: object, where: str) -> Stay:
    if not isinstance(record, Mapping):
        raise StayInputError("malformed_input", f"{where} must be an object with entry and exit", field=where)
    if "entry" not in record:
        raise StayInputError("missing_field", f"{where}.entry is required", field=f"{where}.entry")
    basis = record.get("basis", StayBasis.SHORT_STAY.value)
    try:
        basis = StayBasis(basis)
    except ValueError:
        allowed = ", ".join(item.value for item in StayBasis)
        raise StayInputError(
            "malformed_input", f"{where}.basis must be one of {allowed}", field=f"{where}.basis"
        ) from None
    return Stay(
        entry=parse_date(record["entry"], f"{where}.entry", StayInputError),
        exit=parse_optional_date(record.get("exit"), f"{where}.exit", StayInputError),
        basis=basis,
    )


def _check_each_stay(stays: list[Stay]) -> None:
    for stay in stays:
        if stay.exit is not None and stay.exit < stay.entry:
            raise StayInputError(
                "end_before_start",
                f"stay entered {stay.entry.isoformat()} has exit {stay.exit.isoformat()} before its entry",
                entry=stay.entry.isoformat(),
            )


def _effective_end(stay: Stay, on: int) -> int:
    return stay.exit.toordinal() if stay.exit is not None else on


def _check_no_overlap(ordered: list[Stay], on: int) -> int | None:
    """Raise on overlapping stays; return the last day (ordinal) of the history, None when it is empty."""
    last_end: int | None = None
    open_stay: Stay | None = None
    for stay in ordered:
        if open_stay is not None or (last_end is not None and stay.entry.toordinal() < last_end):
            earlier = (
                "a stay without exit"
                if open_stay is not None or last_end is None
                else f"the stay ending {date.fromordinal(last_end)}"
            )
            raise StayInputError(
                "overlapping_stays",
                f"stay entered {stay.entry.isoformat()} overlaps {earlier}",
                entry=stay.entry.isoformat(),
            )
        if stay.exit is None:
            open_stay = stay
        last_end = max(_effective_end(stay, on), stay.entry.toordinal())
    return last_end
