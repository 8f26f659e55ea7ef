import pytest

from borderdesk.core.screening import IdentityDocument, ListEntry, PartialDate, Schema

BADEGE = ListEntry(
    "6907993",
    ("ERIC BADEGE",),
    birth_dates=(PartialDate(1971),),
    nationalities=("COD",),
    sex="M",
    documents=(IdentityDocument("OB0123456", "COD", "passport"),),
)
BAGHDADI = ListEntry(
    "1001",
    ("Abu Bakr al-Baghdadi", "Ibrahim Awad Ibrahim al-Badri"),
    weak_aliases=("Abu Duaa",),
    birth_dates=(PartialDate(1971, 7, 28),),
    nationalities=("IRQ",),
    sex="M",
)
HASSAN = ListEntry("2002", ("Mohammed Yusuf Hassan",), birth_dates=(PartialDate(1980, 1, 2),))
ERIKSSON = ListEntry("N-7", ("Anna Maria Eriksson",), birth_dates=(PartialDate(1974, 8, 12),), sex="F")
COMPANY = ListEntry("3003", ("Eric Badege Trading Ltd",), schema=Schema.ORGANIZATION)


@pytest.fixture
def entries():
    return [("un", BADEGE), ("ofac", BAGHDADI), ("ofac", HASSAN), ("national", ERIKSSON), ("ofac", COMPANY)]
