"""CSV cells that a spreadsheet will not run: a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return, which some spreadsheets skip before looking) is a formula to Excel and LibreOffice. Such a cell is
written with a leading apostrophe, which spreadsheets show as text (OWASP's advice on CSV injection)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
