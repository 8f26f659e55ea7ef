"""Watchlist screening: name normalisation, an in-memory match index, a feature scorer with explanations."""

from .model import Action, IdentityDocument, ListEntry, PartialDate, Query, Schema
from .names import UnscreenableName, name_tokens
from .screener import HIT, POSSIBLE, ListConfig, Match, Screener, ScreenResult, list_configs

__all__ = [
    "HIT",
    "POSSIBLE",
    "Action",
    "IdentityDocument",
    "ListConfig",
    "ListEntry",
    "Match",
    "PartialDate",
    "Query",
    "Schema",
    "ScreenResult",
    "Screener",
    "UnscreenableName",
    "list_configs",
    "name_tokens",
]
