"""The contract's input (CONTRACTS.md section 5), parsed from JSON and checked, into a :class:`StaffingRequest`."""

from __future__ import annotations

import math

from borderdesk.core.staffing.errors import StaffingError
from borderdesk.core.staffing.plan import HourDemand, StaffingRequest


def staffing_request(request: object) -> StaffingRequest:
    """``{"service_seconds", "target_wait_seconds", "target_share", "hours": [{"hour", "arrivals"}]}`` checked;
    other keys are ignored. StaffingError on bad input."""
    if not isinstance(request, dict):
        raise StaffingError("not_an_object", "the input must be one JSON object")
    hours = _required(request, "hours")
    if not isinstance(hours, list):
        raise StaffingError("wrong_type", "hours must be a list of {hour, arrivals} objects")
    return StaffingRequest(
        service_seconds=_number(request, "service_seconds"),
        target_wait_seconds=_number(request, "target_wait_seconds"),
        target_share=_number(request, "target_share"),
        hours=tuple(_hour_demand(item, f"hours[{index}]") for index, item in enumerate(hours)),
    )


def _hour_demand(item: object, where: str) -> HourDemand:
    if not isinstance(item, dict):
        raise StaffingError("wrong_type", f"{where} must be an object with hour and arrivals")
    hour = _required(item, "hour", where)
    if not isinstance(hour, str):
        raise StaffingError("wrong_type", f'{where}.hour must be a string, such as "06:00"')
    return HourDemand(hour, _number(item, "arrivals", where))


def _number(mapping: dict, key: str, where: str = "") -> float:
    value = _required(mapping, key, where)
    # bool is an int to Python, never to the person who wrote true
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isfinite(number):
            return number
    raise StaffingError("wrong_type", f"{_name(key, where)} must be a finite number, not {_shown(value)}")


def _required(mapping: dict, key: str, where: str = "") -> object:
    if mapping.get(key) is None:
        raise StaffingError("missing_field", f"{_name(key, where)} is required")
    return mapping[key]


def _name(key: str, where: str) -> str:
    return f"{where}.{key}" if where else key


def _shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return "a number too large"  # repr of a huge int is slow, or refused past 4,300 digits
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
