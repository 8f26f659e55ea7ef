"""UN/EDIFACT PAXLST (D:02B, D:05B): passenger and crew lists, read as CONTRACTS.md section 6 fixes it.

The message, as carriers send it (WCO/IATA/ICAO API guidelines)::

    UNA UNB [UNG] UNH BGM (NAD COM)  TDT (LOC DTM...)...  (NAD ATT DTM LOC... NAT RFF... DOC DTM LOC)...
                                     one group per leg    one group per traveller                   CNT UNT [UNE] UNZ

A group runs from its TDT or traveller NAD to the next NAD, TDT, CNT or service segment. A broken message keeps
everything that can be read: every error is listed with its segment, and nothing here raises on any input.

Element numbers count the data elements after the tag from 1 (``ATT+2++F``: element 3 is ``F``). The contract
counts the tag itself for NAD and DOC ("NAD element 5", "DOC element 3"); the real messages decide what is meant:
the name is the party name (``NAD+FL+++CLARK:MICHAEL``, the fourth data element) and the document number the
second data element (``DOC+P:110:111+YY3478621G``).

Dates are checked in every ``DTM`` whose qualifier this reader knows (189 departure, 232 arrival, 329 birth, 36
expiry, 182 issue), wherever it stands; a ``DTM`` with any other qualifier is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from .dates import Century, read_date, read_date_time
from .edifact import Interchange, Segment, decode, read_interchange
from .model import Document, Flight, Manifest, ManifestError, Part, Place, Traveller, in_order

LIST_TYPES = {"745": "passengers", "250": "crew"}
TRAVELLER_QUALIFIERS = {"FL", "FM", "DDT", "DDU"}
COUNT_QUALIFIERS = {"42", "41"}
GROUP_ENDS = {"NAD", "TDT", "CNT", "UNT", "UNH", "UNE", "UNG", "UNZ"}
DATE_QUALIFIERS = {"329": Century.PAST, "36": Century.FUTURE, "182": Century.PAST}
DATE_TIME_QUALIFIERS = {"189", "232"}
DEPARTURE, ARRIVAL, LEG = "125", "87", "92"
DEPARTURE_TIME, ARRIVAL_TIME = "189", "232"

# Characters outside each syntax level that UNB declares (UNOA: upper-case letters, digits, space and these;
# UNOB: printable ASCII; UNOC-UNOK: the graphic characters of Latin-1, so C0 and C1 controls are outside).
_OUTSIDE_UNOB = re.compile(r"[^\x20-\x7e]")
_OUTSIDE_LATIN_1 = re.compile(r"[^\x20-\x7e\xa0-\xff]")
OUTSIDE_LEVEL: dict[str, re.Pattern[str]] = {
    "UNOA": re.compile(r"""[^A-Z0-9 .,\-()/='+:?!"%&*;<>]"""),
    "UNOB": _OUTSIDE_UNOB,
    **{f"UNO{letter}": _OUTSIDE_LATIN_1 for letter in "CDEFGHIJK"},
}

Dates = dict[int, str | None]  # a DTM's position: what it reads as (None when it is not a real date)


def read_paxlst(data: bytes, today: date) -> Manifest:
    """The manifest in one PAXLST interchange (one message, or one part of a multi-part message)."""
    interchange = read_interchange(decode(data))
    segments = interchange.segments
    errors: list[ManifestError] = []
    dates = _read_dates(segments, today, errors)
    header = _first(segments, "UNH")
    travellers = [
        _traveller(nad, group, dates)
        for nad, group in _groups(segments, lambda s: s.tag == "NAD" and s.qualifier in TRAVELLER_QUALIFIERS)
    ]
    declared_count = _declared_count(segments, len(travellers), errors)
    errors += _list_type_errors(segments)
    errors += _segment_count_errors(segments)
    errors += _end_errors(interchange)
    errors += _character_errors(segments)
    return Manifest(
        format="paxlst",
        version=_version(header),
        list_type=_list_type(segments),
        flight=_flight(segments, dates),
        part=_part(header),
        declared_count=declared_count,
        travellers=travellers,
        errors=in_order(errors),
        readable=any(segment.tag in ("UNB", "UNH") for segment in segments),
        reference=header.value(1) if header else None,
    )


def _first(segments: Iterable[Segment], tag: str, qualifier: str | None = None) -> Segment | None:
    for segment in segments:
        if segment.tag == tag and (qualifier is None or segment.qualifier == qualifier):
            return segment
    return None


def _groups(segments: list[Segment], starts: Callable[[Segment], bool]) -> list[tuple[Segment, list[Segment]]]:
    """Each segment that ``starts`` a group, with the segments after it that belong to its group."""
    groups: list[tuple[Segment, list[Segment]]] = []
    members: list[Segment] | None = None
    for segment in segments:
        if starts(segment):
            members = []
            groups.append((segment, members))
        elif segment.tag in GROUP_ENDS:
            members = None
        elif members is not None:
            members.append(segment)
    return groups


def _read_dates(segments: list[Segment], today: date, errors: list[ManifestError]) -> Dates:
    dates: Dates = {}
    for segment in segments:
        if segment.tag != "DTM":
            continue
        qualifier, value, format_code = segment.value(1, 1), segment.value(1, 2), segment.value(1, 3)
        if qualifier in DATE_TIME_QUALIFIERS:
            reading, problem = read_date_time(value, format_code)
        elif qualifier in DATE_QUALIFIERS:
            reading, problem = read_date(value, format_code, DATE_QUALIFIERS[qualifier], today)
        else:
            continue
        dates[segment.position] = reading
        if problem:
            errors.append(ManifestError("bad_date", segment.position, f"DTM+{qualifier}: {problem}"))
    return dates


def _version(header: Segment | None) -> str | None:
    if header is None:
        return None
    parts = [part for part in (header.value(2, 2), header.value(2, 3)) if part]
    return ":".join(parts) or None


def _part(header: Segment | None) -> Part | None:
    if header is None:
        return None
    transfer = header.elements[3] if len(header.elements) >= 4 else ()
    if not any(transfer):
        return Part(1, True)
    number = header.value(4, 1)
    return Part(int(number) if number and number.isascii() and number.isdigit() else None, header.value(4, 2) == "F")


def _list_type(segments: list[Segment]) -> str | None:
    bgm = _first(segments, "BGM")
    return LIST_TYPES.get(bgm.value(1) or "") if bgm else None


def _list_type_errors(segments: list[Segment]) -> list[ManifestError]:
    bgm = _first(segments, "BGM")
    if bgm is None or bgm.value(1) in LIST_TYPES:
        return []
    message = f"BGM document code {bgm.value(1)!r} is neither 745 (passenger list) nor 250 (crew list)"
    return [ManifestError("unknown_message_type", bgm.position, message)]


def _flight(segments: list[Segment], dates: Dates) -> Flight | None:
    legs = _groups(segments, lambda segment: segment.tag == "TDT")
    if not legs:
        return None
    for tdt, group in legs:
        places = [segment for segment in group if segment.tag == "LOC"]
        if any(place.qualifier in (DEPARTURE, ARRIVAL) for place in places):
            departure = _first(places, "LOC", DEPARTURE)
            arrival = _first(places, "LOC", ARRIVAL)
            return Flight(
                tdt.value(2),
                _place(group, departure, DEPARTURE_TIME, dates),
                _place(group, arrival, ARRIVAL_TIME, dates),
            )
    tdt, group = legs[-1]  # legs only (LOC+92): the last one, from its first place to its last
    places = [segment for segment in group if segment.tag == "LOC"]
    if not places:
        return Flight(tdt.value(2), None, None)
    return Flight(
        tdt.value(2),
        _place(group, places[0], DEPARTURE_TIME, dates),
        _place(group, places[-1], ARRIVAL_TIME, dates),
    )


def _place(group: list[Segment], loc: Segment | None, time_qualifier: str, dates: Dates) -> Place | None:
    """The airport of ``loc`` and the time its DTM with ``time_qualifier`` gives (the DTMs after it, up to the
    next LOC)."""
    if loc is None:
        return None
    after = group[group.index(loc) + 1 :]
    times = []
    for segment in after:
        if segment.tag == "LOC":
            break
        times.append(segment)
    dtm = _first(times, "DTM", time_qualifier)
    return Place(loc.value(2), dates.get(dtm.position) if dtm else None)


def _traveller(nad: Segment, group: list[Segment], dates: Dates) -> Traveller:
    name = nad.elements[3] if len(nad.elements) >= 4 else ()
    given_names = " ".join(part for part in name[1:] if part)
    sex, birth, nationality = _first(group, "ATT", "2"), _first(group, "DTM", "329"), _first(group, "NAT", "2")
    embarkation, debarkation = _first(group, "LOC", "178"), _first(group, "LOC", "179")
    return Traveller(
        surname=name[0] if name else None,
        given_names=given_names or None,
        sex=sex.value(3) if sex else None,
        birth_date=dates.get(birth.position) if birth else None,
        nationality=nationality.value(2) if nationality else None,
        document=_document(group, dates),
        embarkation=embarkation.value(2) if embarkation else None,
        debarkation=debarkation.value(2) if debarkation else None,
        seat=_reference(group, "SEA"),
        reservation=_reference(group, "AVF"),
        segment=nad.position,
        party=nad.qualifier,
    )


def _reference(group: list[Segment], qualifier: str) -> str | None:
    for segment in group:
        if segment.tag == "RFF" and segment.value(1, 1) == qualifier:
            return segment.value(1, 2)
    return None


def _document(group: list[Segment], dates: Dates) -> Document | None:
    """The traveller's first DOC, with the expiry date and issuing state between it and the next DOC."""
    starts = [index for index, segment in enumerate(group) if segment.tag == "DOC"]
    if not starts:
        return None
    doc = group[starts[0]]
    details = group[starts[0] + 1 : starts[1] if len(starts) > 1 else len(group)]
    expiry, issuer = _first(details, "DTM", "36"), _first(details, "LOC", "91")
    return Document(
        type=doc.value(1, 1),
        number=doc.value(2),
        issuing_state=issuer.value(2) if issuer else None,
        expiry_date=dates.get(expiry.position) if expiry else None,
    )


def _declared_count(segments: list[Segment], travellers: int, errors: list[ManifestError]) -> int | None:
    for segment in segments:
        if segment.tag == "CNT" and segment.value(1, 1) in COUNT_QUALIFIERS:
            break
    else:
        return None
    text = segment.value(1, 2) or segment.value(2)  # CNT+42:3, and the CNT+41+8 some carriers send
    count = int(text) if text and text.isascii() and text.isdigit() else None
    if count != travellers:
        said = f"says {count}" if count is not None else f"count {text!r} is not a number"
        message = f"CNT+{segment.value(1, 1)} {said}, there are {travellers} travellers"
        errors.append(ManifestError("declared_count_mismatch", segment.position, message))
    return count


def _segment_count_errors(segments: list[Segment]) -> list[ManifestError]:
    errors = []
    header_at = None
    for segment in segments:
        if segment.tag == "UNH":
            header_at = segment.position
        elif segment.tag == "UNT" and header_at is not None:
            counted = segment.position - header_at + 1
            said = segment.value(1)
            if said is None or not (said.isascii() and said.isdigit()) or int(said) != counted:
                message = f"UNT says {said} segments, there are {counted}"
                errors.append(ManifestError("segment_count_mismatch", segment.position, message))
    return errors


def _end_errors(interchange: Interchange) -> list[ManifestError]:
    """A cut inside a segment, a stop before UNT (nothing is said about what never arrived), or no UNZ."""
    if interchange.cut_at is not None:
        return [ManifestError("truncated", interchange.cut_at, "the text ends inside this segment")]
    if interchange.ended:
        return []
    position = interchange.next_position
    if not any(segment.tag == "UNT" for segment in interchange.segments):
        return [ManifestError("truncated", position, "the text stops before the message trailer (UNT)")]
    return [ManifestError("missing_interchange_trailer", position, "the interchange ends without UNZ")]


def _character_errors(segments: list[Segment]) -> list[ManifestError]:
    header = _first(segments, "UNB")
    level = (header.value(1, 1) or "") if header else ""
    outside = OUTSIDE_LEVEL.get(level)
    if outside is None or not outside.search("".join([segment.data for segment in segments])):
        return []
    errors = []
    for segment in segments:
        found = list(dict.fromkeys(outside.findall(segment.data)))  # in the order they stand
        if found:
            shown = " ".join(repr(character) for character in found[:8])
            message = f"{shown} outside {level}" + (f" and {len(found) - 8} more" if len(found) > 8 else "")
            errors.append(ManifestError("bad_character", segment.position, message))
    return errors
