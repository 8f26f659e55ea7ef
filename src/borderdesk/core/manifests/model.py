"""What a manifest says: the flight, the part, the travellers, and the errors found reading it.

Every field the sender left out is None. ``as_dict`` gives the JSON object of CONTRACTS.md section 6.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Stable codes: scripts and the import key on them; messages are for people and may be reworded.
ERROR_CODES: dict[str, str] = {
    "truncated": "the text ends inside a segment, or stops before the message trailer (UNT)",
    "segment_count_mismatch": "UNT's segment count differs from the segments UNH..UNT",
    "declared_count_mismatch": "CNT's count of travellers differs from the travellers in the file",
    "unknown_message_type": "BGM names neither a passenger list (745) nor a crew list (250)",
    "missing_interchange_trailer": "the interchange has no UNZ",
    "bad_date": "a date or time that is not real, or not of the length its format asks",
    "bad_character": "a data character outside the syntax level (character set) UNB declares",
    # CSV manifests
    "missing_column": "a CSV manifest without a surname column",
    "bad_row": "a CSV row with more or fewer cells than the header, or that cannot be read",
    "flight_mismatch": "a CSV row names another flight or list type than the rows before it",
    "unreadable_input": "the file could not be read at all",
}


@dataclass(frozen=True, slots=True)
class ManifestError:
    """An error with the 1-based position of the segment it is in (for a CSV manifest, the line)."""

    code: str
    segment: int | None
    message: str


def in_order(errors: list[ManifestError]) -> list[ManifestError]:
    return sorted(errors, key=lambda error: (error.segment or 0, error.code))


@dataclass(frozen=True, slots=True)
class Place:
    airport: str | None
    at: str | None  # YYYY-MM-DDTHH:MM, as sent (no time zone is given)


@dataclass(frozen=True, slots=True)
class Flight:
    carrier_flight: str | None
    departure: Place | None
    arrival: Place | None


@dataclass(frozen=True, slots=True)
class Part:
    number: int | None
    last: bool


@dataclass(frozen=True, slots=True)
class Document:
    type: str | None
    number: str | None
    issuing_state: str | None
    expiry_date: str | None


@dataclass(frozen=True, slots=True)
class Traveller:
    surname: str | None
    given_names: str | None
    sex: str | None
    birth_date: str | None
    nationality: str | None
    document: Document | None
    embarkation: str | None
    debarkation: str | None
    seat: str | None
    reservation: str | None
    # Where the traveller stands, for the import's own findings (not in ``as_dict``: CONTRACTS.md fixes that):
    # the position of the NAD segment (a CSV manifest: the line), and the NAD's party qualifier (FL passenger,
    # FM crew, DDT and DDU in transit; None in a CSV manifest).
    segment: int | None = None
    party: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {name: value for name, value in asdict(self).items() if name not in ("segment", "party")}


@dataclass(frozen=True, slots=True)
class Manifest:
    format: str | None  # "paxlst" or "csv"; None when the file could not be read at all
    version: str | None
    list_type: str | None  # "passengers", "crew"
    flight: Flight | None
    part: Part | None
    declared_count: int | None
    travellers: list[Traveller]
    errors: list[ManifestError] = field(default_factory=list)  # sorted by segment, then code
    readable: bool = True  # False: nothing at all could be read (the command exits 2)
    reference: str | None = None  # UNH's message reference number (not in ``as_dict``)

    def as_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "list_type": self.list_type,
            "flight": asdict(self.flight) if self.flight else None,
            "part": asdict(self.part) if self.part else None,
            "declared_count": self.declared_count,
            "travellers": [traveller.as_dict() for traveller in self.travellers],
            "errors": [asdict(error) for error in self.errors],
            "format": self.format,
        }


def unreadable(message: str) -> Manifest:
    """The answer for a file that could not be opened at all."""
    return Manifest(
        None, None, None, None, None, None, [], [ManifestError("unreadable_input", None, message)], readable=False
    )
