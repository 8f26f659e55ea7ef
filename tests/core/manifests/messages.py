"""A complete, valid PAXLST D:05B message written for these tests, and helpers to break it on purpose.

Segment positions (UNA not counted): UNB 1, UNG 2, UNH 3, BGM 4, TDT 6, LOC+125 7, DTM+189 8, LOC+87 9,
DTM+232 10, the first traveller's NAD 11 (its DTM+329 13, DOC 19, DTM+36 20), the second's NAD 22, CNT 29,
UNT 30, UNE 31, UNZ 32.
"""

from datetime import date

TODAY = date(2026, 11, 29)

SEGMENTS = [
    "UNB+UNOA:4+LH:ZZ+UTOAPIS:ZZ+261129:0800+42++APIS",
    "UNG+PAXLST+LUFTHANSA+UTOAPIS+261129:0800+42+UN+D:05B",
    "UNH+42+PAXLST:D:05B:UN:IATA",
    "BGM+745",
    "NAD+MS+++OPS CENTRE",
    "TDT+20+LH400+++LH",
    "LOC+125+FRA",
    "DTM+189:2611291030:201",
    "LOC+87+UCX",
    "DTM+232:2611291315:201",
    "NAD+FL+++O?'BRIEN:SEAN:PATRICK",
    "ATT+2++M",
    "DTM+329:800402",
    "LOC+178+FRA",
    "LOC+179+UCX",
    "NAT+2+IRL",
    "RFF+AVF:ABC123",
    "RFF+SEA:23A",
    "DOC+P:110:111+PA1234567",
    "DTM+36:300101",
    "LOC+91+IRL",
    "NAD+FL+++ERIKSSON:ANNA:MARIA",
    "ATT+2++F",
    "DTM+329:19740812:102",
    "NAT+2+SWE",
    "DOC+P+L898902C3",
    "DTM+36:20310415:102",
    "LOC+91+SWE",
    "CNT+42:2",
    "UNT+28+42",
    "UNE+1+42",
    "UNZ+1+42",
]


def message(segments: list[str] = SEGMENTS, una: str = "UNA:+.? '") -> bytes:
    return (una + "".join(segment + "'" for segment in segments)).encode("latin-1")


def replaced(old: str, new: str | None) -> list[str]:
    """SEGMENTS with the segment ``old`` replaced by ``new`` (or left out when ``new`` is None)."""
    assert old in SEGMENTS, old
    return [segment for segment in (new if segment == old else segment for segment in SEGMENTS) if segment]


VALID = message()
