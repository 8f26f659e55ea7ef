"""Write machine-readable zones: the MRV-A and MRV-B visa stickers Borderdesk issues, and, for tests and
training, TD1, TD2 and TD3 zones.

Names follow Doc 9303 Part 3: upper case, Latin accents folded (``É`` -> ``E``; ``Æ``, ``Ø``, ``ß`` and the
other letters with no accent to drop get the Doc 9303 spelling), apostrophes dropped, every other
non-letter a filler, then cut to the field. Long document numbers (TD1, TD2) overflow into the optional data.
Sex X is written as the filler `<`, which every reader of Doc 9303 zones understands.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from .checkdigit import FILLER, LETTERS, MRZ_CHARACTERS, compute_check_digit
from .dates import date_to_mrz
from .layout import LAYOUTS, Cell, Layout, Span

PRINCIPAL_NUMBER_LENGTH = 9

# Letters that accent stripping alone would lose or mangle (Doc 9303 Part 3, section 6).
_SPECIAL_LETTERS = {
    "Æ": "AE",
    "Œ": "OE",
    "Ø": "OE",
    "ß": "SS",
    "ẞ": "SS",
    "Þ": "TH",
    "Ð": "D",
    "Đ": "D",
    "Ł": "L",
    "Ħ": "H",
    "Ŋ": "N",
    "Ŧ": "T",
    "Ĳ": "IJ",
    "ı": "I",
}
_DROPPED = {"'", "’", "`", "ʼ"}


class MrzGenerationError(ValueError):
    """The fields cannot be written into the requested format."""


@dataclass(frozen=True, slots=True)
class MrzFields:
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: date
    sex: str
    expiry_date: date
    optional_data: str = ""
    optional_data_2: str = ""


def transliterate(text: str) -> str:
    """Doc 9303 spelling of a name part: A-Z and fillers only, runs of fillers collapsed, none at the ends."""
    letters = []
    for character in text.upper():
        if character in _DROPPED:
            continue
        character = _SPECIAL_LETTERS.get(character, character)
        folded = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
        letters.append(folded if folded and all(c in LETTERS for c in folded) else FILLER)
    return FILLER.join(part for part in "".join(letters).split(FILLER) if part)


def name_field(surname: str, given_names: str, length: int) -> str:
    primary, secondary = transliterate(surname), transliterate(given_names)
    if not primary:
        raise MrzGenerationError("the surname (primary identifier) has no letters")
    name = f"{primary}{FILLER * 2}{secondary}" if secondary else primary
    return name[:length].ljust(length, FILLER)


def _code_text(value: str, length: int, what: str, alphabet: str = MRZ_CHARACTERS) -> str:
    text = value.upper().replace(" ", FILLER)
    if len(text) > length or any(character not in alphabet for character in text):
        raise MrzGenerationError(f"{what} {value!r} does not fit {length} characters of {alphabet!r}")
    return text.ljust(length, FILLER)


def _put(lines: list[list[str]], span: Span, text: str) -> None:
    line, start, stop = span
    lines[line][start:stop] = text


def _put_check(lines: list[list[str]], data_spans: list[Span], cell: Cell) -> None:
    data = "".join("".join(lines[line][start:stop]) for line, start, stop in data_spans)
    lines[cell[0]][cell[1]] = compute_check_digit(data)


def _country_code(value: str, what: str) -> str:
    if not value.strip():
        raise MrzGenerationError(f"{what} is empty")
    return _code_text(value.strip(), 3, what, LETTERS)


def _document_code(layout: Layout, code: str) -> str:
    text = _code_text(code, 2, "document code", LETTERS + FILLER)
    is_visa_format = layout.format.startswith("MRV")
    if text[0] not in LETTERS or (text[0] == "V") != is_visa_format:
        raise MrzGenerationError(f"document code {code!r} does not suit {layout.format}")
    return text


def _sex(sex: str) -> str:
    if sex.upper() not in ("F", "M", "X", FILLER):
        raise MrzGenerationError(f"sex {sex!r} is not F, M or X")
    return sex.upper() if sex.upper() in "FM" else FILLER


def _write_document_number(lines: list[list[str]], layout: Layout, number: str, optional_data: str) -> None:
    number = number.upper()
    if not number or any(character not in MRZ_CHARACTERS[:-1] for character in number):
        raise MrzGenerationError(f"document number {number!r} must be letters and digits")
    _, start, stop = layout.optional_data
    if len(number) <= PRINCIPAL_NUMBER_LENGTH:
        _put(lines, layout.document_number, number.ljust(PRINCIPAL_NUMBER_LENGTH, FILLER))
        _put_check(lines, [layout.document_number], layout.document_number_check)
        _put(lines, layout.optional_data, _code_text(optional_data, stop - start, "optional data"))
        return
    if not layout.long_document_numbers:
        raise MrzGenerationError(f"{layout.format} document numbers have at most 9 characters")
    # Doc 9303 Part 5 4.2.2: < in the check-digit position, then overflow, check digit, a filler.
    _put(lines, layout.document_number, number[:PRINCIPAL_NUMBER_LENGTH])
    lines[layout.document_number_check[0]][layout.document_number_check[1]] = FILLER
    tail = number[PRINCIPAL_NUMBER_LENGTH:] + compute_check_digit(number)
    if optional_data:
        tail += FILLER + optional_data
    _put(lines, layout.optional_data, _code_text(tail, stop - start, "document-number overflow and optional data"))


def generate_mrz(format: str, fields: MrzFields) -> list[str]:
    """The lines of a zone in ``format`` (TD1, TD2, TD3, MRVA, MRVB) holding ``fields``."""
    layout = LAYOUTS.get(format)
    if layout is None:
        raise MrzGenerationError(f"unknown MRZ format {format!r}")
    lines = [[FILLER] * layout.line_length for _ in range(layout.line_count)]
    _put(lines, layout.document_code, _document_code(layout, fields.document_code))
    _put(lines, layout.issuing_state, _country_code(fields.issuing_state, "issuing state"))
    _put(lines, layout.name, name_field(fields.surname, fields.given_names, _length(layout.name)))
    _write_document_number(lines, layout, fields.document_number, fields.optional_data)
    _put(lines, layout.nationality, _country_code(fields.nationality, "nationality"))
    _put(lines, layout.birth_date, date_to_mrz(fields.birth_date))
    _put_check(lines, [layout.birth_date], layout.birth_date_check)
    _put(lines, layout.sex, _sex(fields.sex))
    _put(lines, layout.expiry_date, date_to_mrz(fields.expiry_date))
    _put_check(lines, [layout.expiry_date], layout.expiry_date_check)
    _write_optional_data_checks(lines, layout, fields)
    return ["".join(line) for line in lines]


def _write_optional_data_checks(lines: list[list[str]], layout: Layout, fields: MrzFields) -> None:
    if layout.optional_data_check is not None:
        line, start, stop = layout.optional_data
        if "".join(lines[line][start:stop]).strip(FILLER):  # else the check digit stays <, as ICAO allows
            _put_check(lines, [layout.optional_data], layout.optional_data_check)
    if layout.optional_data_2 is not None:
        _put(
            lines,
            layout.optional_data_2,
            _code_text(fields.optional_data_2, _length(layout.optional_data_2), "optional data 2"),
        )
    elif fields.optional_data_2:
        raise MrzGenerationError(f"{layout.format} has no second optional data field")
    if layout.composite_check is not None:
        _put_check(lines, list(layout.composite_spans), layout.composite_check)


def _length(span: Span) -> int:
    _, start, stop = span
    return stop - start
