"""ICAO Doc 9303 machine-readable zones: parse and judge (TD1, TD2, TD3, MRV-A, MRV-B), repair OCR
confusions, generate zones, check documents beyond the MRZ, compare with the visual inspection zone, and
look documents up in the lost and stolen register. Plain Python: no Django, no I/O of its own."""

from .checkdigit import compute_check_digit
from .checks import (
    FINDING_CODES,
    CheckPolicy,
    DocumentCheckReport,
    ValidityAfterDeparture,
    age_on,
    document_checks,
    expires_within,
    is_expired,
    is_minor,
    issuing_state_status,
    specimen_reasons,
    validity_after_departure,
)
from .countries import COUNTRY_CODES, country_name
from .errors import ERROR_CODES, WARNING_CODES, Issue
from .generator import MrzFields, MrzGenerationError, generate_mrz, transliterate
from .parser import MrzResult, Repair, parse_mrz
from .register import (
    REGISTER_ERROR_CODES,
    LostStolenEntry,
    LostStolenRegister,
    RegisterImportError,
    RegisterRowError,
    parse_register_csv,
)
from .viz import VizDifference, compare_viz

__all__ = [
    "COUNTRY_CODES",
    "ERROR_CODES",
    "FINDING_CODES",
    "REGISTER_ERROR_CODES",
    "WARNING_CODES",
    "CheckPolicy",
    "DocumentCheckReport",
    "Issue",
    "LostStolenEntry",
    "LostStolenRegister",
    "MrzFields",
    "MrzGenerationError",
    "MrzResult",
    "RegisterImportError",
    "RegisterRowError",
    "Repair",
    "ValidityAfterDeparture",
    "VizDifference",
    "age_on",
    "compare_viz",
    "compute_check_digit",
    "country_name",
    "document_checks",
    "expires_within",
    "generate_mrz",
    "is_expired",
    "is_minor",
    "issuing_state_status",
    "parse_mrz",
    "parse_register_csv",
    "specimen_reasons",
    "transliterate",
    "validity_after_departure",
]
