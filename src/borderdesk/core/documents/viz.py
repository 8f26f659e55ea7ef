"""Compare what the officer read in the visual inspection zone (VIZ) with the machine-readable zone.

Both sides are normalised before comparing: upper case, accents folded as in the MRZ, fillers, spaces,
hyphens and apostrophes ignored in the same way. Names are also compared in the German and Scandinavian
spellings Doc 9303 allows (Ä as AE, Ö as OE, Ü as UE, Å as AA). When the MRZ name field is full, the MRZ
name may be truncated, so a VIZ name that starts with it matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from borderdesk.core.reference import MRZ_CODES

from .generator import transliterate
from .parser import MrzResult

VIZ_FIELDS = ("surname", "given_names", "document_number", "birth_date", "expiry_date", "sex", "nationality")
_EXPANDED_SPELLINGS = str.maketrans({"Ä": "AE", "Ö": "OE", "Ü": "UE", "Å": "AA"})
_SEX_SPELLINGS = {"F": "F", "M": "M", "X": "X", "<": "X", "": "X"}


@dataclass(frozen=True, slots=True)
class VizDifference:
    field: str
    viz_value: str
    mrz_value: str | None

    def to_dict(self) -> dict:
        return {"field": self.field, "viz": self.viz_value, "mrz": self.mrz_value}


def name_spellings(name: str) -> set[str]:
    """The MRZ spellings of a name as printed, with single spaces between its parts."""
    upper = name.upper()
    return {transliterate(text).replace("<", " ") for text in (upper, upper.translate(_EXPANDED_SPELLINGS))}


def _names_match(viz_name: str, mrz_name: str, maybe_truncated: bool) -> bool:
    spellings = name_spellings(viz_name)
    if mrz_name in spellings:
        return True
    return maybe_truncated and any(spelling.startswith(mrz_name) for spelling in spellings)


def _document_numbers_match(viz_number: str, mrz_number: str) -> bool:
    return "".join(c for c in viz_number.upper() if c.isalnum()) == mrz_number


def _dates_match(viz_date: date | str, mrz_date: str | None) -> bool:
    text = viz_date.isoformat() if isinstance(viz_date, date) else str(viz_date).strip()
    return mrz_date is not None and text == mrz_date


def _sexes_match(viz_sex: str, mrz_sex: str | None) -> bool:
    return _SEX_SPELLINGS.get(viz_sex.strip().upper()) == mrz_sex


def _nationalities_match(viz_nationality: str, mrz_code: str) -> bool:
    text = viz_nationality.strip().upper().replace("<", "")
    return text == mrz_code or text == (MRZ_CODES.get(mrz_code) or "").upper()


def compare_viz(document: MrzResult, viz: dict) -> list[VizDifference]:
    """Each VIZ field the officer gave that disagrees with the MRZ; fields left out or None are skipped."""
    fields = document.fields
    truncated = any(warning.code == "name_truncated" for warning in document.warnings)
    matchers = {
        "surname": lambda value: _names_match(value, fields.get("surname", ""), truncated),
        "given_names": lambda value: _names_match(value, fields.get("given_names", ""), truncated),
        "document_number": lambda value: _document_numbers_match(value, fields.get("document_number", "")),
        "birth_date": lambda value: _dates_match(value, fields.get("birth_date")),
        "expiry_date": lambda value: _dates_match(value, fields.get("expiry_date")),
        "sex": lambda value: _sexes_match(value, fields.get("sex")),
        "nationality": lambda value: _nationalities_match(value, fields.get("nationality", "")),
    }
    differences = []
    for field_name in VIZ_FIELDS:
        value = viz.get(field_name)
        if value is None or matchers[field_name](value):
            continue
        shown = value.isoformat() if isinstance(value, date) else str(value)
        differences.append(VizDifference(field_name, shown, fields.get(field_name)))
    return differences
