import json

from borderdesk.core.screening.model import IdentityDocument, PartialDate, Schema
from borderdesk.core.screening.sources import ErrorCode, load_source

from .helpers import entries_by_id, source_error, write

PERSON = {
    "id": "NK-abc123",
    "schema": "Person",
    "target": True,
    "properties": {
        "name": ["Ivan Ivanovich PETROV"],
        "alias": ["Ivan Petrov", "Иван Иванович Петров"],
        "weakAlias": ["Vanya"],
        "birthDate": ["1962-05-04", "1963"],
        "nationality": ["ru"],
        "citizenship": ["suhh", "zz"],
        "gender": ["male"],
        "passportNumber": ["751234567"],
        "topics": ["sanction", "role.pep"],
        "notes": ["Deputy minister."],
        "position": ["Deputy Minister of Defence"],
        "identification": [
            {"id": "pass-1", "schema": "Passport", "properties": {"number": ["PA99"], "country": ["ru"]}},
            {"id": "id-1", "schema": "Identification", "properties": {"number": ["7701"], "country": ["by"]}},
        ],
        "sanctions": [
            {
                "id": "s-1",
                "schema": "Sanction",
                "properties": {"program": ["RUSSIA-EO14024"], "reason": ["Member of the government"]},
            },
        ],
    },
}
COMPANY = {"id": "ofac-1", "schema": "Company", "properties": {"name": ["ACME TRADING LLC"], "programId": ["SDGT"]}}
VESSEL = {"id": "imo-1", "schema": "Vessel", "properties": {"name": ["SEA STAR"]}}
ADDRESS = {"id": "addr-1", "schema": "Address", "properties": {"full": ["1 Main St"]}}
RELATIVE = {"id": "rel-1", "schema": "Person", "target": False, "properties": {"name": ["Olga Petrova"]}}


def _lines(*entities) -> str:
    return "".join(json.dumps(entity, ensure_ascii=False) + "\n" for entity in entities)


def test_nested_person(tmp_path):
    petrov = entries_by_id("ftm-json", write(tmp_path, "targets.nested.json", _lines(PERSON)))["NK-abc123"]
    assert petrov.schema is Schema.PERSON
    assert petrov.names == ("Ivan Ivanovich PETROV", "Ivan Petrov", "Иван Иванович Петров")
    assert petrov.weak_aliases == ("Vanya",)
    assert petrov.birth_dates == (PartialDate(1962, 5, 4), PartialDate(1963))
    assert petrov.nationalities == ("RUS", "SUN")
    assert petrov.sex == "M"
    assert petrov.documents == (
        IdentityDocument("751234567", None, "passport"),
        IdentityDocument("PA99", "RUS", "passport"),
        IdentityDocument("7701", "BLR", "national_id"),
    )
    assert petrov.programs == ("RUSSIA-EO14024",)
    assert petrov.reason == "Member of the government"
    assert petrov.remarks == "Deputy minister.\nTopics: sanction, role.pep"


def test_other_schemas_and_non_targets_are_skipped_and_counted(tmp_path):
    text = _lines(PERSON, ADDRESS, COMPANY, RELATIVE, VESSEL) + "\n"
    parsed = load_source("ftm-json", write(tmp_path, "entities.ftm.json", text))
    assert [entry.entry_id for entry in parsed.entries] == ["NK-abc123", "ofac-1", "imo-1"]
    assert [entry.schema for entry in parsed.entries[1:]] == [Schema.ORGANIZATION, Schema.VESSEL]
    assert parsed.entries[1].programs == ("SDGT",)
    assert parsed.report.skipped == {"schema Address": 1, "not a target": 1}
    assert parsed.report.unknown_countries == {"zz": 1}


def test_malformed_lines(tmp_path):
    no_name = {**COMPANY, "properties": {"name": []}}
    bad_date = {**VESSEL, "schema": "Person", "properties": {"name": ["X Y"], "birthDate": ["circa 1960"]}}
    cases = {
        _lines(PERSON) + "{not json\n": (ErrorCode.BAD_JSON, 2),
        _lines(PERSON, COMPANY) + "[1, 2]\n": (ErrorCode.BAD_RECORD, 3),
        _lines({"id": "x", "properties": {}}): (ErrorCode.BAD_RECORD, 1),
        _lines(PERSON, {**COMPANY, "id": ""}): (ErrorCode.MISSING_ID, 2),
        _lines(no_name): (ErrorCode.MISSING_NAME, 1),
        _lines(COMPANY, bad_date): (ErrorCode.BAD_DATE, 2),
        _lines(COMPANY, VESSEL, COMPANY): (ErrorCode.DUPLICATE_ID, 3),
        _lines(ADDRESS): (ErrorCode.EMPTY_SOURCE, None),
    }
    for text, expected in cases.items():
        error = source_error("ftm-json", write(tmp_path, "entities.json", text))
        assert (error.code, error.line) == expected, text
