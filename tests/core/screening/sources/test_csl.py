from borderdesk.core.screening.model import IdentityDocument, PartialDate, Schema
from borderdesk.core.screening.sources import ErrorCode, load_source

from .helpers import entries_by_id, source_error, write

HEADER = (
    "source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,"
    "standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,"
    "gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,"
    "dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n"
)
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
DPL = "Denied Persons List (DPL) - Bureau of Industry and Security"
ROWS = (
    f'"{SDN}",27271,Individual,SDGT,"AKBARI, Mohammadreza Ali",Engineer,,,,,,,,,,,,,,'
    '"(Linked To: QASEMI, Rostam)",,"AKBARI, Ali; ALIAKBARI, Mohammad Reza",DZ,1967-10-31; 1968,SY,,,'
    '"21795618, Passport; IR, 123, National ID No.; 5030056754, Tax ID No."\n'
    f'"{SDN}",10707,Entity,SDNT,ADMINISTRADORA GANADERA EL 45 LTDA.,,"Calle 1, Medellin, CO",,,,,,,,,,,,,,,,,,,,,'
    '"CO, 811038291-3, NIT #"\n'
    f'"{DPL}",,,, ADRIAN MANUEL HERNANDEZ,,"3037 S. 69TH DRIVE, PHONEIX, AZ, 85043",82 F.R. 48792,2017-10-16,'
    "2020-10-13,Y,,,,,,,,,FR NOTICE ADDED,,,,,,,,\n"
)


def _entries(tmp_path, rows=ROWS):
    return load_source("csl-csv", write(tmp_path, "csl.csv", HEADER + rows)).entries


def test_individual(tmp_path):
    akbari = entries_by_id("csl-csv", write(tmp_path, "csl.csv", HEADER + ROWS))["27271"]
    assert akbari.schema is Schema.PERSON
    assert akbari.names == (
        "Mohammadreza Ali AKBARI",
        "AKBARI, Mohammadreza Ali",
        "Ali AKBARI",
        "Mohammad Reza ALIAKBARI",
    )
    assert akbari.birth_dates == (PartialDate(1967, 10, 31), PartialDate(1968))
    assert akbari.nationalities == ("SYR", "DZA")
    assert akbari.documents == (
        IdentityDocument("21795618", None, "passport"),
        IdentityDocument("123", "IRN", "national_id"),
    )
    assert akbari.programs == ("SDN", "SDGT")
    assert (akbari.reason, akbari.remarks) == ("Engineer", "(Linked To: QASEMI, Rostam)")


def test_entity_and_untyped_rows(tmp_path):
    entity, denied = _entries(tmp_path)[1:]
    assert (entity.entry_id, entity.schema, entity.documents) == ("10707", Schema.ORGANIZATION, ())
    assert entity.remarks == "Address: Calle 1, Medellin, CO"
    assert denied.schema is Schema.OTHER
    assert denied.names == ("ADRIAN MANUEL HERNANDEZ",)
    assert denied.programs == ("DPL",)


def test_rows_without_a_number_get_a_stable_content_id(tmp_path):
    first = _entries(tmp_path)[2].entry_id
    assert first.startswith("csl-") and first == _entries(tmp_path)[2].entry_id
    twice = _entries(tmp_path, ROWS + ROWS.splitlines(keepends=True)[2])
    assert [entry.entry_id for entry in twice[2:]] == [first, f"{first}-2"]


def test_an_id_column_wins_when_present(tmp_path):
    path = write(tmp_path, "csl.csv", "_id,source,name,type\nabc123,SDN,John Doe,Individual\n")
    assert list(entries_by_id("csl-csv", path)) == ["abc123"]
    error = source_error("csl-csv", write(tmp_path, "csl.csv", "_id,source,name,type\n,SDN,John Doe,Individual\n"))
    assert (error.code, error.line) == (ErrorCode.MISSING_ID, 2)


def test_malformed_rows(tmp_path):
    cases = {
        ROWS.replace("1967-10-31", "31/10/1967"): (ErrorCode.BAD_DATE, 2),
        ROWS.replace(",Entity,", ",Spaceship,"): (ErrorCode.BAD_TYPE, 3),
        ROWS.replace(" ADRIAN MANUEL HERNANDEZ", ""): (ErrorCode.MISSING_NAME, 4),
        ROWS.replace(",FR NOTICE ADDED,", ","): (ErrorCode.BAD_COLUMN_COUNT, 4),
    }
    for rows, expected in cases.items():
        error = source_error("csl-csv", write(tmp_path, "csl.csv", HEADER + rows))
        assert (error.code, error.line) == expected


def test_header_must_name_the_columns_used(tmp_path):
    error = source_error("csl-csv", write(tmp_path, "csl.csv", "entity_number,type\n1,Entity\n"))
    assert (error.code, error.line) == (ErrorCode.MISSING_COLUMN, 1)
