from borderdesk.core.screening.model import IdentityDocument, PartialDate, Schema
from borderdesk.core.screening.sources import ErrorCode, load_source

from .helpers import entries_by_id, source_error, write

EMPTY = "-0- "
SDN = (
    '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    '2686,"NASRALLAH, Hasan","individual","SDGT] [SYRIA","Secretary General of Hizballah",-0- ,-0- ,-0- ,'
    '-0- ,-0- ,-0- ,"DOB 31 Aug 1960; alt. DOB circa 1953; POB Al Basuriyah, Lebanon; Gender Male; '
    "Passport 042833 (Lebanon); nationality Lebanon; a.k.a. 'ABU HADI'.\"\r\n"
    '4108,"RODRIGUEZ OREJUELA, Miguel Angel","individual","SDNT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 1960 to 1962; alt. DOB Jan 1943; Cedula No. 6095803 (Colombia); citizen Korea, North; '
    "Passport AB 123 (Iran (Islamic Republic of)) issued 01 Jan 2001 expires 01 Jan 2011; "
    "a.k.a. 'DOCTOR M.R.O.'; a.k.a. 'EL SENOR'.\"\r\n"
    '9001,"SEA STAR",vessel,"IRAN",-0- ,"9HA1",Crude Oil Tanker,-0- ,-0- ,"Malta",-0- ,"Vessel Registration '
    "Identification IMO 1234567; a.k.a. 'SEA STAR'\"\r\n"
    '28263,"TIAN, Yinyin","individual","CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 12 Jul 1986; Linked To: LAZARUS "\r\n'
    "\x1a"
)
ALT = (
    '36,12,"aka","AERO-CARIBBEAN",-0- \r\n'
    '2686,300,"aka","NASRALLAH, Hasan Abd-al-Karim",-0- \r\n'
    '4108,301,"fka","EL SENOR",-0- \r\n'
    "\x1a"
)
ADD = '36,25,-0- ,"Havana","Cuba",-0- \r\n2686,26,-0- ,-0- ,"Lebanon",-0- \r\n\x1a'
# OFAC cut this entry's Remarks just before a space; the rest carries on in sdn_comments.csv.
COMMENTS = "28263,\"GROUP; a.k.a. 'snowsjohn'.\"\r\n"


def _folder(tmp_path, sdn=SDN, alt=ALT, add=ADD, comments=COMMENTS):
    write(tmp_path, "SDN.CSV", sdn)  # OFAC's own upper-case file names
    for name, text in (("ALT.CSV", alt), ("ADD.CSV", add), ("SDN_COMMENTS.CSV", comments)):
        if text is not None:
            write(tmp_path, name, text)
    return tmp_path


def test_individual_with_remarks(tmp_path):
    nasrallah = entries_by_id("ofac-csv", _folder(tmp_path))["2686"]
    assert nasrallah.schema is Schema.PERSON
    assert nasrallah.names == ("Hasan NASRALLAH", "NASRALLAH, Hasan", "Hasan Abd-al-Karim NASRALLAH")
    assert nasrallah.weak_aliases == ("ABU HADI",)
    assert nasrallah.birth_dates == (PartialDate(1960, 8, 31), PartialDate(1953, approximate=True))
    assert nasrallah.sex == "M"
    assert nasrallah.nationalities == ("LBN",)
    assert nasrallah.documents == (IdentityDocument("042833", "LBN", "passport"),)
    assert nasrallah.programs == ("SDGT", "SYRIA")
    assert nasrallah.reason == "Secretary General of Hizballah"
    assert nasrallah.remarks.endswith("\nAddress: Lebanon")


def test_date_ranges_months_documents_and_countries_named_oddly(tmp_path):
    miguel = entries_by_id("ofac-csv", _folder(tmp_path))["4108"]
    assert miguel.birth_dates == (PartialDate(1960, year_to=1962), PartialDate(1943, 1))
    assert miguel.nationalities == ("PRK",)
    assert miguel.documents == (
        IdentityDocument("6095803", "COL", "national_id"),
        IdentityDocument("AB 123", "IRN", "passport"),
    )
    # "EL SENOR" is a strong alias in alt.csv, so it is not repeated as a weak one.
    assert "EL SENOR" in miguel.names and miguel.weak_aliases == ("DOCTOR M.R.O.",)


def test_entities_and_vessels(tmp_path):
    entries = entries_by_id("ofac-csv", _folder(tmp_path))
    airline, vessel = entries["36"], entries["9001"]
    assert airline.schema is Schema.ORGANIZATION
    assert airline.names == ("AEROCARIBBEAN AIRLINES", "AERO-CARIBBEAN")
    assert airline.remarks == "Address: Havana, Cuba"
    assert vessel.schema is Schema.VESSEL and vessel.nationalities == ("MLT",)
    assert vessel.names == ("SEA STAR",) and vessel.weak_aliases == ()


def test_remarks_overflow_is_joined_before_parsing(tmp_path):
    tian = entries_by_id("ofac-csv", _folder(tmp_path))["28263"]
    assert tian.weak_aliases == ("snowsjohn",)
    assert tian.remarks == "DOB 12 Jul 1986; Linked To: LAZARUS GROUP; a.k.a. 'snowsjohn'."


def test_path_may_be_the_file_and_companions_are_optional(tmp_path):
    write(tmp_path, "sdn.csv", SDN)
    parsed = load_source("ofac-csv", tmp_path / "sdn.csv")
    assert parsed.report.entries == 5
    assert parsed.report.by_schema == {"organization": 1, "person": 3, "vessel": 1}


def test_wrong_column_count_names_file_and_line(tmp_path):
    sdn = SDN.replace('"SDNT",-0- ,', '"SDNT",', 1)
    error = source_error("ofac-csv", _folder(tmp_path, sdn=sdn))
    assert (error.code, error.line) == (ErrorCode.BAD_COLUMN_COUNT, 3)
    assert "SDN.CSV" in error.message


def test_alias_of_an_unknown_entry_is_rejected_with_its_line(tmp_path):
    error = source_error("ofac-csv", _folder(tmp_path, alt=ALT.replace("\x1a", '777,9,"aka","GHOST",-0- \r\n\x1a')))
    assert (error.code, error.line) == (ErrorCode.UNKNOWN_ENTRY, 4)
    assert error.path.endswith("ALT.CSV")


def test_unknown_type_missing_name_and_duplicate_id(tmp_path):
    error = source_error("ofac-csv", _folder(tmp_path, sdn=SDN.replace("vessel", "spaceship")))
    assert (error.code, error.line) == (ErrorCode.BAD_TYPE, 4)
    error = source_error("ofac-csv", _folder(tmp_path, sdn=SDN.replace('"SEA STAR"', "-0- ")))
    assert (error.code, error.line) == (ErrorCode.MISSING_NAME, 4)
    error = source_error("ofac-csv", _folder(tmp_path, sdn=SDN.replace("9001,", "36,")))
    assert (error.code, error.line) == (ErrorCode.DUPLICATE_ID, 4)


def test_folder_without_sdn_csv(tmp_path):
    write(tmp_path, "alt.csv", ALT)
    assert source_error("ofac-csv", tmp_path).code is ErrorCode.FILE_NOT_FOUND
