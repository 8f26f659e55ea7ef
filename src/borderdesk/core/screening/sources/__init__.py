"""Watchlist source parsers: OFAC SDN CSV, UN consolidated XML, US CSL CSV, FollowTheMoney JSON and the
national CSV list, each read into ``ListEntry`` objects (see ``parse_source``)."""

from .common import ParseReport
from .countries import alpha3_from_code, alpha3_from_name, to_alpha3
from .errors import ErrorCode, SourceError
from .parse import FORMATS, ParsedSource, load_source, parse_source

__all__ = [
    "FORMATS",
    "ErrorCode",
    "ParseReport",
    "ParsedSource",
    "SourceError",
    "alpha3_from_code",
    "alpha3_from_name",
    "load_source",
    "parse_source",
    "to_alpha3",
]
