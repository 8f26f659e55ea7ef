"""The three real lists in ../shared/data/watchlists, parsed in place: counts and known entries."""

from __future__ import annotations

import csv
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from borderdesk.core.screening.model import IdentityDocument, PartialDate, Schema
from borderdesk.core.screening.sources import load_source
from borderdesk.core.screening.sources.common import natural_order

pytestmark = pytest.mark.data

WATCHLISTS = Path(__file__).resolve().parents[5] / "shared" / "data" / "watchlists"


def _real(relative):
    path = WATCHLISTS / relative
    if not path.exists():
        pytest.skip(f"real watchlist {path} is absent: this test reads ../shared/data in place")
    return path


def _load(format, path):
    started = time.perf_counter()
    parsed = load_source(format, path)
    print(f"{format}: {parsed.report.entries} entries parsed in {time.perf_counter() - started:.3f} s")
    return parsed, {entry.entry_id: entry for entry in parsed.entries}


@pytest.fixture(scope="module")
def ofac():
    folder = _real("ofac-sdn")
    return folder, *_load("ofac-csv", folder)


@pytest.fixture(scope="module")
def un():
    path = _real("un-consolidated.xml")
    return path, *_load("un-xml", path)


@pytest.fixture(scope="module")
def csl():
    return _load("csl-csv", _real("us-csl.csv"))


def test_ofac_counts(ofac):
    _, parsed, _ = ofac
    assert parsed.report.entries == 8976
    assert parsed.report.by_schema == {"person": 4620, "organization": 3673, "vessel": 406, "aircraft": 277}
    assert parsed.report.unknown_countries == {}
    assert parsed.report.weak_aliases > 2400  # the quoted a.k.a.s of the remarks


def test_every_ofac_alias_is_a_name_of_its_entry(ofac):
    folder, _, entries = ofac
    with (folder / "alt.csv").open(encoding="utf-8", newline="") as stream:
        aliases = [row for row in csv.reader(stream) if len(row) == 5]
    assert len(aliases) == 11910
    for ent_num, _, _, alias, _ in aliases:
        entry = entries[ent_num]
        expected = natural_order(alias) if entry.schema is Schema.PERSON else " ".join(alias.split())
        assert expected in entry.names, (ent_num, alias)


def test_ofac_known_entries(ofac):
    _, _, entries = ofac
    nasrallah = entries["2686"]
    assert nasrallah.names[:2] == ("Hasan NASRALLAH", "NASRALLAH, Hasan")
    assert nasrallah.birth_dates[0] == PartialDate(1960, 8, 31) and len(nasrallah.birth_dates) == 4
    assert nasrallah.documents == (IdentityDocument("042833", "LBN", "passport"),)
    assert (nasrallah.sex, nasrallah.programs) == ("M", ("SDGT", "SYRIA"))
    gilberto = entries["4107"]
    assert IdentityDocument("T321642", "COL", "passport") in gilberto.documents
    assert gilberto.weak_aliases == ("THE CHESS PLAYER", "LUCAS")
    tian = entries["28263"]  # its remarks run on in sdn_comments.csv
    assert tian.nationalities == ("CHN",) and "snowsjohn" in tian.weak_aliases
    assert entries["306"].schema is Schema.ORGANIZATION and entries["306"].weak_aliases == ("BNC",)


def test_un_counts(un):
    path, parsed, _ = un
    assert parsed.report.by_schema == {"person": 730, "organization": 273}
    root = ET.parse(path).getroot()
    assert len(root.findall("INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_ALIAS")) == 2308
    assert len([e for e in root.iter("NAME_ORIGINAL_SCRIPT") if (e.text or "").strip()]) == 378  # 336 + 42


def test_un_aliases_keep_their_quality(un):
    path, _, entries = un
    for record in ET.parse(path).getroot().iter("INDIVIDUAL"):
        entry = entries[record.findtext("DATAID")]
        for alias in record.findall("INDIVIDUAL_ALIAS"):
            name = " ".join((alias.findtext("ALIAS_NAME") or "").split())
            if name and (alias.findtext("QUALITY") or "").lower() == "low":
                assert name in entry.weak_aliases or name in entry.names
            elif name:
                assert name in entry.names


def test_un_known_entries(un):
    _, _, entries = un
    badege = entries["6907993"]
    assert badege.names == ("ERIC BADEGE",)
    assert badege.birth_dates == (PartialDate(1971),)
    assert (badege.nationalities, badege.sex, badege.programs) == (("COD",), "M", ("DRC", "CDi.001"))
    iyamuremye = entries["6907995"]
    assert iyamuremye.weak_aliases == ("Rumuli",) and "Victor Rumuri" in iyamuremye.names
    assert entries["6908010"].documents == (IdentityDocument("1-78-09-44621-80", None, "national_id"),)
    with_passports = [entry for entry in entries.values() if any(d.kind == "passport" for d in entry.documents)]
    assert len(with_passports) > 150
    assert entries["6908876"].schema is Schema.ORGANIZATION and "ANSARALLAH" in entries["6908876"].names


def test_csl_counts_and_known_entries(csl):
    parsed, entries = csl
    assert parsed.report.entries == 115
    assert parsed.report.by_schema == {"organization": 46, "person": 20, "vessel": 2, "other": 47}
    akbari = entries["27271"]
    assert akbari.names[0] == "Mohammadreza Ali AKBARI"
    assert akbari.birth_dates == (PartialDate(1967, 10, 31),)
    assert akbari.documents == (IdentityDocument("21795618", None, "passport"),)
    assert entries["18447"].nationalities == ("DZA",)
    assert entries["10727"].birth_dates == (PartialDate(1974), PartialDate(1975))
    assert entries["22094"].nationalities == ("SYR",)
