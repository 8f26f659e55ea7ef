"""Issuing-state and nationality codes a machine-readable zone may hold: the reference core's MRZ view.

The table lives in ``borderdesk.core.reference``; these names stay for the code that imports them from here.
"""

from __future__ import annotations

from borderdesk.core.reference import ICAO_CODES, ISO_3166_ALPHA_3, MRZ_CODES

COUNTRY_CODES = MRZ_CODES

__all__ = ["COUNTRY_CODES", "ICAO_CODES", "ISO_3166_ALPHA_3", "country_name", "is_known_country"]


def country_name(code: str) -> str | None:
    """The name of an issuing state or nationality code, or None when Doc 9303 does not know it."""
    return MRZ_CODES.get(code)


def is_known_country(code: str) -> bool:
    return code in MRZ_CODES
