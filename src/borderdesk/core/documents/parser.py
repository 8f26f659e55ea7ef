"""Read a machine-readable zone as a scanner types it, and judge it against ICAO Doc 9303.

``parse_mrz`` never raises on any text: whatever it is given, it answers with an ``MrzResult`` whose
``errors`` say, with stable codes (see ``errors.ERROR_CODES``), what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from borderdesk.core.reference import MRZ_CODES

from .checkdigit import FILLER, LETTERS, MRZ_CHARACTERS, compute_check_digit
from .dates import birth_date_from_mrz, expiry_date_from_mrz
from .errors import ERROR_CODES, Issue
from .layout import Cell, Layout, Span, detect_layout, locate_document_number

FIELD_NAMES = (
    "document_code",
    "issuing_state",
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "optional_data",
    "optional_data_2",
)
_NAME_CHARACTERS = LETTERS + FILLER
_ONLY_MRZ_CHARACTERS = re.compile("[A-Z0-9<]*").fullmatch  # one C-level pass per line
_SEX_VALUES = {"F": "F", "M": "M", "X": "X", FILLER: "X"}


@dataclass(frozen=True, slots=True)
class Repair:
    """One OCR repair: the character at 0-based ``line`` and ``column`` was read as ``before`` and is
    taken as ``after``."""

    field: str
    line: int
    column: int
    before: str
    after: str

    def to_dict(self) -> dict:
        return {"field": self.field, "line": self.line, "column": self.column, "from": self.before, "to": self.after}


@dataclass(slots=True)
class MrzResult:
    """The judgement of one zone. ``format`` is None when the text is no MRZ at all; ``valid`` is true when
    there are no ``errors`` (warnings never count); ``fields`` and ``checks`` are those of the contract;
    ``lines`` holds the zone as read (after any repairs)."""

    format: str | None
    valid: bool
    fields: dict
    checks: dict[str, bool]
    errors: list[Issue]
    warnings: list[Issue]
    repairs: list[Repair] = field(default_factory=list)
    lines: tuple[str, ...] = ()

    @property
    def birth_date(self) -> date | None:
        return _iso_date(self.fields.get("birth_date"))

    @property
    def expiry_date(self) -> date | None:
        return _iso_date(self.fields.get("expiry_date"))

    def issue_codes(self) -> list[str]:
        return [issue.code for issue in self.errors + self.warnings]

    def to_dict(self) -> dict:
        """The JSON object of the `borderdesk mrz check` contract."""
        return {
            "format": self.format,
            "valid": self.valid,
            "fields": dict(self.fields),
            "checks": dict(self.checks),
            "errors": [issue.to_dict() for issue in self.errors],
            "warnings": [issue.to_dict() for issue in self.warnings],
            "repairs": [repair.to_dict() for repair in self.repairs],
        }


def _spaced(name_part: str) -> str:
    """Fillers to single spaces, trimmed (split() without arguments drops the empty pieces)."""
    return " ".join(name_part.replace(FILLER, " ").split())


def _iso_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read_zone_lines(text: str) -> list[str]:
    """The lines of a zone as a scanner delivers them: white space anywhere in a line dropped, upper case,
    blank lines before and after removed."""
    lines = ["".join(line.split()).upper() for line in text.splitlines()]
    start, stop = 0, len(lines)
    while start < stop and not lines[start]:
        start += 1
    while stop > start and not lines[stop - 1]:
        stop -= 1
    return lines[start:stop]


def not_an_mrz(code: str, message: str) -> MrzResult:
    return MrzResult(None, False, {}, {}, [Issue(code, None, message)], [])


def _shape_problem(lines: list[str]) -> MrzResult:
    if not lines:
        return not_an_mrz("empty_input", ERROR_CODES["empty_input"])
    if len(lines) not in (2, 3):
        return not_an_mrz("wrong_line_count", f"{len(lines)} lines: {ERROR_CODES['wrong_line_count']}")
    lengths = "x".join(str(len(line)) for line in lines[:3])
    return not_an_mrz("wrong_line_length", f"lines of {lengths} characters: {ERROR_CODES['wrong_line_length']}")


def parse_mrz(text: str, today: date | None = None, repair: bool = False) -> MrzResult:
    """Parse and judge the zone in ``text``. ``today`` fixes century inference and the expiry warning;
    ``repair`` allows the single-character OCR repairs of ``repair.find_repairs``."""
    if not isinstance(text, str):
        return not_an_mrz("unreadable_input", "the input is not text")
    lines = read_zone_lines(text)
    layout = detect_layout(lines) if len(lines) in (2, 3) else None
    if layout is None:
        return _shape_problem(lines)
    return judge_lines(lines, layout, today or date.today(), repair)


def judge_lines(lines: list[str], layout: Layout, today: date, repair: bool = False) -> MrzResult:
    result = _Judgement(lines, layout, today).result()
    if not repair:
        return result
    from .repair import find_repairs, repair_targets

    targets = repair_targets(lines, layout, result.checks)
    if not targets:
        return result
    repaired_lines, repairs = find_repairs(lines, layout, targets)
    if not repairs:
        return result
    repaired = _Judgement(repaired_lines, layout, today).result()
    repaired.repairs = repairs
    return repaired


class _Judgement:
    """Reads every field of one zone of a known layout, collecting fields, checks, errors, warnings."""

    def __init__(self, lines: list[str], layout: Layout, today: date):
        self.lines = lines
        self.layout = layout
        self.today = today
        self.fields: dict = dict.fromkeys(FIELD_NAMES)  # the contract's order, whatever order they are read in
        self.checks: dict[str, bool] = {}
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []

    def result(self) -> MrzResult:
        self._characters()
        self._document_code()
        self._country("issuing_state", "unknown_issuing_state")
        self._name()
        optional_span = self._document_number()
        self._country("nationality", "unknown_nationality")
        birth = self._birth_date()
        self._sex()
        self._expiry_date(birth)
        self._optional_data(optional_span)
        self._composite()
        return MrzResult(
            self.layout.format,
            not self.errors,
            self.fields,
            self.checks,
            self.errors,
            self.warnings,
            lines=tuple(self.lines),
        )

    def _text(self, span: Span) -> str:
        line, start, stop = span
        return self.lines[line][start:stop]

    def _error(self, code: str, field: str | None, message: str, cell: Cell | None = None) -> None:
        line, column = cell if cell is not None else (None, None)
        self.errors.append(Issue(code, field, message, line, column))

    def _warn(self, code: str, field: str | None, message: str) -> None:
        self.warnings.append(Issue(code, field, message))

    def _characters(self) -> None:
        for line_number, line in enumerate(self.lines):
            if _ONLY_MRZ_CHARACTERS(line):
                continue
            for column, character in enumerate(line):
                if character not in MRZ_CHARACTERS:
                    field = self.layout.field_at(line_number, column)
                    self._error(
                        "invalid_character",
                        field,
                        f"character {character!r} at line {line_number}, column {column} is not A-Z, 0-9 or <",
                        (line_number, column),
                    )

    def _check(self, field: str, data: str, cell: Cell, allow_unused_filler: bool = False) -> None:
        line, column = cell
        digit = self.lines[line][column]
        holds = compute_check_digit(data) == digit
        if not holds and allow_unused_filler and digit == FILLER and not data.strip(FILLER):
            holds = True  # Doc 9303 Part 4: an unused personal number may have < as its check digit
        self.checks[field] = holds
        if not holds:
            self._error(
                "check_digit_mismatch",
                field,
                f"{field} check digit is {digit!r}, the data gives {compute_check_digit(data)!r}",
                cell,
            )

    def _document_code(self) -> None:
        raw = self._text(self.layout.document_code)
        self.fields["document_code"] = raw.rstrip(FILLER)
        if raw[0] not in LETTERS or raw[1] not in _NAME_CHARACTERS:
            self._error(
                "invalid_document_code",
                "document_code",
                f"document code {raw!r} is not a letter followed by a letter or <",
            )
        elif raw[0] not in self.layout.first_letters:
            self._warn(
                "unusual_document_code",
                "document_code",
                f"{self.layout.format} documents start with {' or '.join(self.layout.first_letters)}, not {raw[0]}",
            )
        elif raw[1] == "V" and self.layout.first_letters != "V":
            self._warn(
                "unusual_document_code",
                "document_code",
                "Doc 9303 keeps V as the second character out of documents other than visas",
            )

    def _country(self, field: str, unknown_code: str) -> None:
        raw = self._text(getattr(self.layout, field))
        code = raw.replace(FILLER, "")
        self.fields[field] = code
        written = raw.rstrip(FILLER)
        if not written or written.strip(LETTERS):
            self._error("invalid_country_code", field, f"{field} {raw!r} is not a code of letters")
        elif code not in MRZ_CODES:
            self._warn(unknown_code, field, f"{field} {code!r} is not a Doc 9303 code")

    def _name(self) -> None:
        raw = self._text(self.layout.name)
        primary, _, secondary = raw.partition(FILLER * 2)
        self.fields["surname"] = _spaced(primary)
        self.fields["given_names"] = _spaced(secondary)
        if raw.strip(_NAME_CHARACTERS):
            field = "surname" if primary.strip(_NAME_CHARACTERS) else "given_names"
            self._error("invalid_name", field, "names may only hold letters and the filler <")
        elif raw[0] == FILLER:
            self._error("invalid_name", "surname", "the name field has no primary identifier")
        if raw[-1] != FILLER:
            self._warn(
                "name_truncated",
                "given_names" if secondary else "surname",
                "the name fills the whole field and may have been truncated",
            )

    def _document_number(self):
        located = locate_document_number(self.layout, self.lines)
        number_text = located.text(self.lines)
        self.fields["document_number"] = number_text.replace(FILLER, "")
        if located.problem:
            self.checks["document_number"] = False
            self._error("invalid_document_number", "document_number", located.problem, located.check)
        else:
            self._check("document_number", number_text, located.check)
            if not self.fields["document_number"]:
                self._error("invalid_document_number", "document_number", "the document number is empty")
        return located.optional_data

    def _date(self, field: str, parse: Callable[[str, date], date | None], check_cell: Cell) -> date | None:
        raw = self._text(getattr(self.layout, field))
        value = parse(raw, self.today)
        self.fields[field] = value.isoformat() if value else None
        self._check(field, raw, check_cell)
        if value is None:
            self._error("invalid_date", field, f"{field} {raw!r} is not a real date (YYMMDD)")
        return value

    def _birth_date(self) -> date | None:
        return self._date("birth_date", birth_date_from_mrz, self.layout.birth_date_check)

    def _expiry_date(self, birth: date | None) -> None:
        expiry = self._date("expiry_date", expiry_date_from_mrz, self.layout.expiry_date_check)
        if expiry is None:
            return
        if expiry < self.today:
            self._warn("document_expired", "expiry_date", f"the document expired on {expiry.isoformat()}")
        if birth is not None and expiry <= birth:
            # A warning, not an error: with two-digit years a holder over 100 can be read a century too young.
            self._warn(
                "expiry_before_birth",
                "expiry_date",
                f"the document expires on {expiry.isoformat()}, not after the birth date {birth.isoformat()}",
            )

    def _sex(self) -> None:
        raw = self._text(self.layout.sex)
        self.fields["sex"] = _SEX_VALUES.get(raw)
        if self.fields["sex"] is None:
            self._error("invalid_sex", "sex", f"sex {raw!r} is not F, M, X or <")

    def _optional_data(self, optional_span: Span) -> None:
        raw = self._text(optional_span)
        self.fields["optional_data"] = raw.replace(FILLER, "")
        if self.layout.optional_data_check is not None:
            self._check("optional_data", raw, self.layout.optional_data_check, allow_unused_filler=True)
        second = self.layout.optional_data_2
        self.fields["optional_data_2"] = self._text(second).replace(FILLER, "") if second else ""

    def _composite(self) -> None:
        if self.layout.composite_check is None:
            return
        lines = self.lines
        data = "".join([lines[line][start:stop] for line, start, stop in self.layout.composite_spans])
        self._check("composite", data, self.layout.composite_check)


__all__ = ["MrzResult", "Repair", "parse_mrz", "read_zone_lines", "judge_lines", "FIELD_NAMES"]
