"""ICAO 9303 Part 3 check digits: weights 7-3-1 over the character values, modulo 10.

Values: digits 0-9 as themselves, A=10 .. Z=35, and the filler `<` = 0. The sum is taken over bytes with a
translation table and stepped slices, so that one check digit costs a few C-level operations instead of a
Python loop per character (see benchmarks/mrz.py).
"""

from __future__ import annotations

import string

FILLER = "<"
DIGITS = string.digits
LETTERS = string.ascii_uppercase
MRZ_CHARACTERS = DIGITS + LETTERS + FILLER

CHARACTER_VALUES: dict[str, int] = {
    **{digit: value for value, digit in enumerate(DIGITS)},
    **{letter: value for value, letter in enumerate(LETTERS, start=10)},
    FILLER: 0,
}

# Byte-level table: every byte outside the MRZ alphabet counts as 0, like a filler. Callers judge the
# alphabet separately; the check digit itself must never raise.
_BYTE_VALUES = bytes(CHARACTER_VALUES.get(chr(code), 0) for code in range(256))


def compute_check_digit(data: str) -> str:
    """The check digit ICAO 9303 assigns to ``data``, as a one-character string."""
    values = data.encode("latin-1", "replace").translate(_BYTE_VALUES)
    total = 7 * sum(values[0::3]) + 3 * sum(values[1::3]) + sum(values[2::3])
    return DIGITS[total % 10]


def check_digit_holds(data: str, check_digit: str) -> bool:
    return compute_check_digit(data) == check_digit
