"""The contract's input (CONTRACTS.md section 4), parsed from JSON and checked, into an assessment."""

from __future__ import annotations

import re
from datetime import date

from borderdesk.core.residence.assessment import LIMITS, Absence, Assessment, Requirement, assess
from borderdesk.core.residence.errors import ResidenceError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def assess_request(request: object) -> Assessment:
    """``{"resident_since", "on", "absences": [{"left", "returned"}], "requirement": {...}}`` judged; other
    top-level keys are ignored. ResidenceError on bad input."""
    if not isinstance(request, dict):
        raise ResidenceError("not_an_object", "the input must be one JSON object")
    resident_since = parse_date(_required(request, "resident_since"), "resident_since")
    on = parse_date(_required(request, "on"), "on")
    return assess(resident_since, on, parse_absences(request.get("absences")), parse_requirement(request))


def parse_date(value: object, where: str) -> date:
    """A date written ``YYYY-MM-DD`` (ISO 8601's extended calendar date), or ResidenceError ``invalid_date``."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ResidenceError("invalid_date", f"{where}: {value!r} is not a date written YYYY-MM-DD")


def parse_absences(value: object) -> list[Absence]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ResidenceError("invalid_absences", "absences must be a list of {left, returned} objects")
    absences = []
    for index, item in enumerate(value):
        where = f"absences[{index}]"
        if not isinstance(item, dict):
            raise ResidenceError("invalid_absences", f"{where} must be an object with left and returned")
        left = parse_date(_required(item, "left", where), f"{where}.left")
        returned = item.get("returned")
        absences.append(Absence(left, None if returned is None else parse_date(returned, f"{where}.returned")))
    return absences


def parse_requirement(request: dict) -> Requirement:
    """The ``requirement`` object; a key it does not know is refused, so that a misspelt limit is never silently
    left unchecked."""
    value = request.get("requirement")
    if value is None:
        return Requirement()
    if not isinstance(value, dict):
        raise ResidenceError("invalid_requirement", "requirement must be an object of limits")
    unknown = sorted(str(key) for key in value if key not in LIMITS)
    if unknown:
        raise ResidenceError("unknown_limit", f"requirement: unknown {', '.join(unknown)} (known: {', '.join(LIMITS)})")
    return Requirement(**value)


def _required(mapping: dict, key: str, where: str = "") -> object:
    if mapping.get(key) is None:
        raise ResidenceError("missing_field", f"{where + '.' if where else ''}{key} is required")
    return mapping[key]
