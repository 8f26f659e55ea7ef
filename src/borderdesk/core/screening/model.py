"""What a watchlist entry and a screened person are, independent of any source format or storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from borderdesk.core.reference import AlertAction


class Schema(str, Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    OTHER = "other"


# What the officer must do on a confirmed hit (national lists say it; sanctions lists imply refuse): the
# reference core's alert actions, in their severity order.
Action = AlertAction


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of birth as lists give it: exact, year-month, year, or a range of years (``year_to``).

    ``approximate`` marks a source's "about" / "circa" dates.
    """

    year: int
    month: int | None = None
    day: int | None = None
    year_to: int | None = None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    number: str
    issuing_state: str | None = None  # ISO 3166-1 alpha-3 / ICAO code when known
    kind: str | None = None  # "passport", "national_id", ...


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One listed person or entity. ``names[0]`` is the primary name; the rest are good-quality aliases."""

    entry_id: str
    names: tuple[str, ...]
    schema: Schema = Schema.PERSON
    weak_aliases: tuple[str, ...] = ()
    birth_dates: tuple[PartialDate, ...] = ()
    nationalities: tuple[str, ...] = ()
    sex: str | None = None  # "F", "M", "X" or None
    documents: tuple[IdentityDocument, ...] = ()
    programs: tuple[str, ...] = ()
    reason: str = ""
    action: Action = Action.REFUSE_ENTRY
    remarks: str = ""


@dataclass(frozen=True, slots=True)
class Query:
    """A person to screen, as `borderdesk screen` reads one JSON line."""

    name: str
    id: str | None = None
    birth_date: PartialDate | None = None
    nationality: str | None = None
    sex: str | None = None
    document_number: str | None = None
    document_issuing_state: str | None = None
    extra: dict = field(default_factory=dict)
