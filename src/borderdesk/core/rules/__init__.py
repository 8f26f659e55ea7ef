"""Entry rules as code (placeholder face, completed below as the package grows)."""

from borderdesk.core.rules.errors import RulesError, StayInputError
from borderdesk.core.rules.stay import (
    Stay,
    StayBasis,
    StayHistory,
    StayResult,
    calculate_stay,
    calculate_stay_request,
    stays_from_records,
)

__all__ = [
    "RulesError",
    "StayInputError",
    "Stay",
    "StayBasis",
    "StayHistory",
    "StayResult",
    "calculate_stay",
    "calculate_stay_request",
    "stays_from_records",
]
