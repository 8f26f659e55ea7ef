"""OFAC Specially Designated Nationals list, legacy CSV layout (``sdn.csv`` and its companions).

No header rows; ``-0-`` means empty. OFAC ends ``sdn.csv``, ``alt.csv`` and ``add.csv`` with a Ctrl-Z
end-of-file marker on a line of its own: a file without it was cut short and is refused (SOURCE_TRUNCATED).
``sdn_comments.csv`` is published without the marker, so its completeness cannot be checked (a warning).

* ``sdn.csv``: ent_num, SDN_Name, SDN_Type (``individual``, ``vessel``, ``aircraft``, ``-0-`` for entities),
  Program (``SDGT] [SYRIA`` for several), Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner,
  Remarks (dates of birth, nationalities, documents, gender and weak a.k.a.s: see ``ofac_remarks``).
* ``alt.csv`` (optional): ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks. OFAC lists its
  strong aliases here; its weak ones are the quoted ``a.k.a. '...'`` statements in the Remarks.
* ``add.csv`` (optional): ent_num, add_num, address, city/state/postal code, country, add_remarks;
  kept as ``Address:`` lines in the entry's remarks.
* ``sdn_comments.csv`` (optional): ent_num, remarks overflow. OFAC cuts Remarks at 1,000 characters and
  carries on here, mid-word, so the text is appended as it is.

Individuals' names are ``SURNAME, Given Names``: ``names[0]`` is ``Given Names SURNAME`` and the OFAC
spelling follows it as an alias. Companion files are found beside ``sdn.csv`` whatever their letter case
(OFAC publishes ``SDN.CSV``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from ..model import IdentityDocument, ListEntry, Schema
from .common import (
    ParseReport,
    check_column_count,
    countries,
    csv_rows,
    natural_order,
    person_names,
    split_names,
    unique,
)
from .countries import alpha3_from_name
from .errors import ErrorCode, SourceError
from .ofac_remarks import RemarkDocument, parse_remarks

_EMPTY = "-0-"
_END_OF_FILE_MARK = "\x1a"
_MARKED_FILES = frozenset({"sdn.csv", "alt.csv", "add.csv"})  # OFAC always ends these with the marker
_SCHEMAS = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "": Schema.ORGANIZATION,
}


def parse_ofac_csv(path: Path, report: ParseReport) -> Iterator[tuple[int, ListEntry]]:
    sdn_path = _locate(path)
    companions = _Companions.read(sdn_path.parent, report)
    entry_ids = set()
    for line, row in _ofac_rows(sdn_path, 12, report):
        entry = _entry(row, line, companions, report)
        entry_ids.add(entry.entry_id)
        yield line, entry
    companions.check_all_known(entry_ids)


def _locate(path: Path) -> Path:
    if path.is_dir():
        found = _sibling(path, "sdn.csv")
        if found is None:
            raise SourceError(ErrorCode.FILE_NOT_FOUND, f"no sdn.csv in {path}", path=str(path))
        return found
    return path


def _sibling(folder: Path, name: str) -> Path | None:
    return next((child for child in folder.iterdir() if child.name.lower() == name and child.is_file()), None)


def _clean(cell: str) -> str:
    """ "-0-" (padded with a space) is empty; other cells are kept whole, because a Remarks cell cut at
    1,000 characters may end in the space between two words of its sdn_comments.csv continuation."""
    return "" if cell.strip() == _EMPTY else cell


def _ofac_rows(path: Path, columns: int, report: ParseReport) -> Iterator[tuple[int, list[str]]]:
    _check_end_marker(path, report)  # before the rows: a cut last record must not pass as a bad value
    marker_line = None
    for line, row in csv_rows(path):
        if len(row) == 1 and row[0].strip() == _END_OF_FILE_MARK:
            marker_line = line
            continue
        if marker_line is not None:
            raise SourceError(ErrorCode.BAD_CSV, f"{path.name}: a record after the end-of-file marker", line=line)
        check_column_count(row, columns, line, path.name)
        yield line, [row[0].strip(), *(_clean(cell) for cell in row[1:])]
    report.checks.append(f"{path.name}: every row has {columns} columns")


def _check_end_marker(path: Path, report: ParseReport) -> None:
    with path.open("rb") as stream:
        stream.seek(max(0, stream.seek(0, 2) - 64))
        marked = stream.read().rstrip(b" \t\r\n").endswith(_END_OF_FILE_MARK.encode())
    if marked:
        report.checks.append(f"{path.name}: ends with OFAC's end-of-file marker (Ctrl-Z)")
    elif path.name.lower() in _MARKED_FILES:
        raise SourceError(
            ErrorCode.SOURCE_TRUNCATED,
            f"{path.name} does not end with OFAC's end-of-file marker (Ctrl-Z): the file was cut short",
            path=str(path),
        )
    else:
        report.warnings.append(
            f"{path.name}: OFAC publishes it without an end-of-file marker or record count, so a file cut at a"
            " line boundary cannot be recognised from the file itself"
        )


class _Companions:
    """alt.csv, add.csv and sdn_comments.csv, read whole and keyed by ent_num (they are small)."""

    def __init__(self):
        self.aliases: dict[str, list[str]] = defaultdict(list)
        self.addresses: dict[str, list[str]] = defaultdict(list)
        self.comments: dict[str, list[str]] = defaultdict(list)
        self.first_line: dict[tuple[str, str], int] = {}  # (file, ent_num) -> line, for errors

    @classmethod
    def read(cls, folder: Path, report: ParseReport) -> _Companions:
        companions = cls()
        read = companions._read
        read(folder, "alt.csv", 5, report, lambda row: companions.aliases[row[0]].append(row[3]))
        read(folder, "add.csv", 6, report, lambda row: companions.addresses[row[0]].append(_address(row)))
        read(folder, "sdn_comments.csv", 2, report, lambda row: companions.comments[row[0]].append(row[1]))
        return companions

    def _read(
        self, folder: Path, name: str, columns: int, report: ParseReport, add: Callable[[list[str]], None]
    ) -> None:
        path = _sibling(folder, name)
        if path is None:
            return
        for line, row in _ofac_rows(path, columns, report):
            if not row[0]:
                raise SourceError(ErrorCode.MISSING_ID, f"{name}: empty ent_num", line=line, path=str(path))
            self.first_line.setdefault((str(path), row[0]), line)
            add(row)

    def check_all_known(self, entry_ids: set[str]) -> None:
        for (path, ent_num), line in self.first_line.items():
            if ent_num not in entry_ids:
                raise SourceError(ErrorCode.UNKNOWN_ENTRY, f"ent_num {ent_num} is not in sdn.csv", line=line, path=path)


def _address(row: list[str]) -> str:
    parts = [part.strip() for part in row[2:6]]
    return ", ".join(part for part in parts[:3] if part) + (f" ({parts[3]})" if parts[3] else "")


def _entry(row: list[str], line: int, companions: _Companions, report: ParseReport) -> ListEntry:
    ent_num, name, sdn_type, program, title = (cell.strip() for cell in row[:5])
    if not ent_num:
        raise SourceError(ErrorCode.MISSING_ID, "sdn.csv: empty ent_num", line=line)
    if not name:
        raise SourceError(ErrorCode.MISSING_NAME, f"sdn.csv: entry {ent_num} has no name", line=line)
    schema = _SCHEMAS.get(sdn_type.lower())
    if schema is None:
        raise SourceError(ErrorCode.BAD_TYPE, f"sdn.csv: unknown SDN_Type {sdn_type!r}", line=line)
    remarks = row[11] + "".join(companions.comments.get(ent_num, ()))
    facts = parse_remarks(remarks)
    names, weak = _names(schema, name, companions.aliases.get(ent_num, []), facts.weak_aliases)
    addresses = [f"Address: {address}" for address in companions.addresses.get(ent_num, ())]
    return ListEntry(
        entry_id=ent_num,
        names=names,
        schema=schema,
        weak_aliases=weak,
        birth_dates=tuple(facts.birth_dates),
        nationalities=_nationalities(schema, row[9], facts.nationalities, report),
        sex=facts.sex,
        documents=_documents(facts.documents, report),
        programs=unique(program.strip("[] ").split("] [")),
        reason=title,
        remarks="\n".join([remarks, *addresses]).strip(),
    )


def _names(
    schema: Schema, name: str, aliases: list[str], weak_aliases: list[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if schema is Schema.PERSON:
        return split_names(person_names([name, *aliases]), [natural_order(alias) for alias in weak_aliases])
    return split_names([name, *aliases], weak_aliases)


def _nationalities(schema: Schema, vessel_flag: str, stated: list[str], report: ParseReport) -> tuple[str, ...]:
    """Stated nationalities and citizenships; a vessel's flag state stands for its nationality."""
    flag = vessel_flag if vessel_flag.lower() != "none identified" else ""
    names = [*stated, flag] if schema is Schema.VESSEL else stated
    return countries(names, _country_code, report)


def _country_code(name: str) -> str | None:
    """OFAC sometimes adds a note after the name: "Cabo Verde.  Previously Cape Verde."."""
    return alpha3_from_name(name) or alpha3_from_name(name.split(". ")[0])


def _documents(documents: list[RemarkDocument], report: ParseReport) -> tuple[IdentityDocument, ...]:
    found = []
    for document in documents:
        state = countries([document.country], _country_code, report) if document.country else ()
        issuing_state = state[0] if state else None
        found.append(IdentityDocument(number=document.number, issuing_state=issuing_state, kind=document.kind))
    return tuple(dict.fromkeys(found))
