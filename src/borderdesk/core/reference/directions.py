"""Which way a traveller crosses the border."""

from __future__ import annotations

from enum import Enum


class Direction(str, Enum):
    ENTRY = "entry"
    EXIT = "exit"
