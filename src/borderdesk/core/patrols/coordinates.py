"""Coordinates as patrols write them, read into WGS 84 decimal degrees with six places (about 0.1 m).

Accepted for one coordinate: decimal degrees (``38.7``, ``-9.4``, ``38.7N``, ``N 38.7``), degrees and minutes
(``36°58.2'N``, ``36 58.2 N``) and degrees, minutes and seconds (``36°58'12"N``). A hemisphere letter (N/S for a
latitude, E/W for a longitude) or a sign, not both. Degrees and minutes need a separator (a degree sign or a space):
``3658.2N`` is read as 3658.2 degrees (out of range), not guessed at.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

PLACES = Decimal("0.000001")
TEXT_MAX = 40  # no coordinate needs more characters than this
LIMITS = {"latitude": Decimal(90), "longitude": Decimal(180)}
HEMISPHERES = {"latitude": {"N": 1, "S": -1}, "longitude": {"E": 1, "W": -1}}
_MARKS = str.maketrans({"°": " ", "º": " ", "'": " ", "′": " ", '"': " ", "″": " "})
_PART = re.compile(r"[0-9]+(\.[0-9]+)?")


class PositionProblem(ValueError):
    """A coordinate that cannot be used. ``code`` is one of ``invalid_coordinate``, ``latitude_out_of_range``,
    ``longitude_out_of_range`` (the codes the incidents' checks use too)."""

    def __init__(self, message: str, *, code: str, field: str = "") -> None:
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


def check_position(latitude: object, longitude: object) -> tuple[Decimal, Decimal]:
    """A latitude and a longitude (numbers or text in any accepted form) as decimal degrees of six places, or the
    first :class:`PositionProblem`."""
    return coordinate(latitude, "latitude"), coordinate(longitude, "longitude")


def coordinate(value: object, axis: str) -> Decimal:
    """One coordinate (``axis`` is ``latitude`` or ``longitude``) as decimal degrees, checked against its range."""
    if axis not in LIMITS:
        raise ValueError(f"no axis {axis!r}")
    degrees = _from_text(value, axis) if isinstance(value, str) else _from_number(value, axis)
    limit = LIMITS[axis]
    if not -limit <= degrees <= limit:
        direction = "south" if axis == "latitude" else "west"
        other = "north" if axis == "latitude" else "east"
        raise PositionProblem(
            f"{axis.capitalize()} {_shown(degrees)} is out of range: a {axis} is from -{limit} ({direction}) "
            f"to {limit} ({other}).",
            code=f"{axis}_out_of_range",
            field=axis,
        )
    return degrees.quantize(PLACES, rounding=ROUND_HALF_EVEN)


def _invalid(value: object, axis: str, why: str) -> PositionProblem:
    shown = str(value)[:TEXT_MAX]
    return PositionProblem(f"{shown!r} is not a {axis}: {why}", code="invalid_coordinate", field=axis)


def _from_number(value: object, axis: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _invalid(value, axis, "give it in degrees, e.g. 38.7 or 38°42.0'N.")
    if isinstance(value, float) and not math.isfinite(value):
        raise _invalid(value, axis, "it is not a finite number.")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise _invalid(value, axis, "it is not a finite number.")
    return number


def _from_text(value: str, axis: str) -> Decimal:
    text = value.strip().upper()
    if not text or len(text) > TEXT_MAX:
        raise _invalid(value, axis, f"give it in degrees, e.g. {_example(axis)}.")
    text = text.replace("''", '"')
    sign, text = _hemisphere(text, axis, value)
    if text[:1] in "+-":
        if sign is not None:
            raise _invalid(value, axis, "give a hemisphere letter or a sign, not both.")
        sign, text = (-1 if text[0] == "-" else 1), text[1:]
    parts = text.translate(_MARKS).split()
    if not 1 <= len(parts) <= 3 or not all(_PART.fullmatch(part) for part in parts):
        raise _invalid(value, axis, f"write degrees, or degrees and minutes, e.g. {_example(axis)}.")
    if len(parts) > 1 and len(parts[0]) > 3:
        raise _invalid(value, axis, "degrees have at most 3 digits.")
    if any("." in part for part in parts[:-1]):
        raise _invalid(value, axis, "only the last part (degrees, minutes or seconds) may have decimals.")
    numbers = [Decimal(part) for part in parts]
    if any(number >= 60 for number in numbers[1:]) or any(len(part.split(".")[0]) > 2 for part in parts[1:]):
        raise _invalid(value, axis, "minutes and seconds are less than 60.")
    try:
        degrees = sum((number / (60**n) for n, number in enumerate(numbers)), Decimal(0))
    except InvalidOperation:  # pragma: no cover - the parts are short decimal numbers
        raise _invalid(value, axis, "it is not a number.") from None
    return degrees * (sign or 1)


def _hemisphere(text: str, axis: str, original: str) -> tuple[int | None, str]:
    """The sign a leading or trailing hemisphere letter gives, and the text without it."""
    letters = HEMISPHERES[axis]
    first, last = text[:1], text[-1:]
    for letter, rest in ((first, text[1:]), (last, text[:-1])):
        if letter in letters:
            return letters[letter], rest.strip()
        if letter.isalpha() and letter in "NSEW":
            wanted = " or ".join(letters)
            raise _invalid(original, axis, f"a {axis}'s hemisphere is {wanted}, not {letter}.")
    return None, text


def _example(axis: str) -> str:
    return "38.7 or 38°42.0'N" if axis == "latitude" else "-9.4 or 9°24.0'W"


def _shown(number: Decimal) -> str:
    return f"{number:f}"[:TEXT_MAX]


def as_degrees_minutes(latitude: Decimal, longitude: Decimal) -> str:
    """The position as patrols read it: ``38°42.000'N 9°24.000'W``."""
    return f"{_dm(latitude, 'NS')} {_dm(longitude, 'EW')}"


def _dm(value: Decimal, letters: str) -> str:
    letter = letters[0] if value >= 0 else letters[1]
    magnitude = abs(Decimal(value))
    degrees = int(magnitude)
    minutes = ((magnitude - degrees) * 60).quantize(Decimal("0.001"))
    if minutes >= 60:
        degrees, minutes = degrees + 1, minutes - 60
    return f"{degrees}°{minutes:06.3f}'{letter}"
