"""Reference codes that several contexts share, in one place: states and nationalities with their aliases,
the direction of a crossing, alert actions and their severity order.

Plain data and small lookups, no I/O. Every core may import this package; it imports no other core, so the cores
stay independent of each other (see the import-linter contracts in pyproject.toml).
"""

from borderdesk.core.reference.actions import SEVERITY_ORDER, AlertAction, severity, strongest_action
from borderdesk.core.reference.directions import Direction
from borderdesk.core.reference.states import (
    ICAO_CODES,
    ISO_3166_ALPHA_3,
    MRZ_CODES,
    NATIONALITY_ALIASES,
    NATIONALITY_CODES,
    nationality_code,
    state_name,
)

__all__ = [
    "AlertAction",
    "SEVERITY_ORDER",
    "severity",
    "strongest_action",
    "Direction",
    "ISO_3166_ALPHA_3",
    "ICAO_CODES",
    "MRZ_CODES",
    "NATIONALITY_ALIASES",
    "NATIONALITY_CODES",
    "nationality_code",
    "state_name",
]
