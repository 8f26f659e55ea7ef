"""ICAO Doc 9303 specimen zones (Utopia, Anna Maria Eriksson) and helpers to derive test zones from them."""

from datetime import date

from borderdesk.core.documents.checkdigit import compute_check_digit
from borderdesk.core.documents.layout import LAYOUTS, locate_document_number, text_of

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
TD1_LONG_NUMBER = ["I<UTOD23145890<7349<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
MRVA = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"]
MRVB = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"]
SPECIMENS = {"TD1": TD1, "TD2": TD2, "TD3": TD3, "MRVA": MRVA, "MRVB": MRVB}

# A day on which the 1974 birth date is in the past and the 2012 expiry date still ahead.
TODAY = date(2010, 1, 1)


def text(lines: list[str]) -> str:
    return "\n".join(lines)


def changed(lines: list[str], line: int, column: int, new_text: str) -> list[str]:
    """The lines with ``new_text`` written at (line, column), check digits left as they were."""
    result = list(lines)
    result[line] = lines[line][:column] + new_text + lines[line][column + len(new_text) :]
    return result


def rechecked(lines: list[str], format: str) -> list[str]:
    """The lines with every check digit recomputed, so that a test can change a field and still hold
    every check digit (to reach the error it is about)."""
    layout = LAYOUTS[format]
    lines = list(lines)
    located = locate_document_number(layout, lines)
    lines = changed(lines, *located.check, compute_check_digit(located.text(lines)))
    for field in ("birth_date", "expiry_date"):
        digit = compute_check_digit(text_of(lines, getattr(layout, field)))
        lines = changed(lines, *layout.check_cells()[field], digit)
    if layout.optional_data_check:
        lines = changed(lines, *layout.optional_data_check, compute_check_digit(text_of(lines, layout.optional_data)))
    if layout.composite_check:
        data = "".join(text_of(lines, span) for span in layout.composite_spans)
        lines = changed(lines, *layout.composite_check, compute_check_digit(data))
    return lines
