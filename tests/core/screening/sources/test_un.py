from borderdesk.core.screening.model import IdentityDocument, PartialDate, Schema
from borderdesk.core.screening.sources import ErrorCode

from .helpers import entries_by_id, source_error, write

INDIVIDUAL = """    <INDIVIDUAL>
      <DATAID>6908555</DATAID>
      <FIRST_NAME>ABDUL</FIRST_NAME>
      <SECOND_NAME>RAHMAN</SECOND_NAME>
      <THIRD_NAME>YASIN</THIRD_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER>
      <NAME_ORIGINAL_SCRIPT>عبد الرحمن ياسين</NAME_ORIGINAL_SCRIPT>
      <GENDER>Male</GENDER>
      <COMMENTS1>Wanted by the FBI.</COMMENTS1>
      <DESIGNATION><VALUE>Financier</VALUE></DESIGNATION>
      <NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE><VALUE>Syrian Arab Republic</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abdul Rahman Said Yasin</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Aboud</ALIAS_NAME>
        <DATE_OF_BIRTH>1961-02-03</DATE_OF_BIRTH></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1960-04-10</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1958</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1955</FROM_YEAR>
        <TO_YEAR>1957</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1973 </NOTE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>A1234567</NUMBER>
        <ISSUING_COUNTRY>Iraq</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT><NUMBER>99</NUMBER>
        <COUNTRY_OF_ISSUE>Democratic People's Republic of Korea</COUNTRY_OF_ISSUE></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT/>
    </INDIVIDUAL>
"""
ENTITY = """    <ENTITY>
      <DATAID>110400</DATAID>
      <FIRST_NAME>AL-HARAMAIN FOUNDATION</FIRST_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDe.104</REFERENCE_NUMBER>
      <ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Al Haramain</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>AHF</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>
"""


def _document(individuals=INDIVIDUAL, entities=ENTITY, root="CONSOLIDATED_LIST"):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{root} dateGenerated="2026-02-27T00:00:09.554Z">\n'
        f"  <INDIVIDUALS>\n{individuals}  </INDIVIDUALS>\n"
        f"  <ENTITIES>\n{entities}  </ENTITIES>\n"
        f"</{root}>\n"
    )


def _line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_individual(tmp_path):
    person = entries_by_id("un-xml", write(tmp_path, "un.xml", _document()))["6908555"]
    assert person.schema is Schema.PERSON
    assert person.names == ("ABDUL RAHMAN YASIN", "عبد الرحمن ياسين", "Abdul Rahman Said Yasin")
    assert person.weak_aliases == ("Aboud",)
    assert person.birth_dates == (
        PartialDate(1960, 4, 10),
        PartialDate(1958, approximate=True),
        PartialDate(1955, year_to=1957),
        PartialDate(1973, 11),
        PartialDate(1961, 2, 3),  # the date of birth given with an alias
    )
    assert person.nationalities == ("IRN", "SYR")
    assert person.sex == "M"
    assert person.documents == (
        IdentityDocument("A1234567", "IRQ", "passport"),
        IdentityDocument("99", "PRK", "national_id"),
    )
    assert person.programs == ("Al-Qaida", "QDi.001")
    assert (person.reason, person.remarks) == ("Financier", "Wanted by the FBI.")


def test_entity(tmp_path):
    entity = entries_by_id("un-xml", write(tmp_path, "un.xml", _document()))["110400"]
    assert entity.schema is Schema.ORGANIZATION
    assert entity.names == ("AL-HARAMAIN FOUNDATION", "Al Haramain")
    assert entity.weak_aliases == ("AHF",)
    assert entity.programs == ("Al-Qaida", "QDe.104")


def test_unparseable_xml_names_its_line(tmp_path):
    broken = _document().replace("<GENDER>Male</GENDER>", "<GENDER>Male</GENDR>")
    error = source_error("un-xml", write(tmp_path, "un.xml", broken))
    assert (error.code, error.line) == (ErrorCode.BAD_XML, _line_of(broken, "</GENDR>"))


def test_record_errors_name_the_line_where_the_record_starts(tmp_path):
    no_id = _document(entities=ENTITY.replace("<DATAID>110400</DATAID>", ""))
    error = source_error("un-xml", write(tmp_path, "un.xml", no_id))
    assert (error.code, error.line) == (ErrorCode.MISSING_ID, _line_of(no_id, "<ENTITY>"))
    assert "CONSOLIDATED_LIST/ENTITIES/ENTITY" in error.message
    no_name = _document(entities=ENTITY.replace("AL-HARAMAIN FOUNDATION", " "))
    assert source_error("un-xml", write(tmp_path, "un.xml", no_name)).code is ErrorCode.MISSING_NAME
    bad_year = _document(individuals=INDIVIDUAL.replace("<YEAR>1958</YEAR>", "<YEAR>about 1958</YEAR>"))
    error = source_error("un-xml", write(tmp_path, "un.xml", bad_year))
    assert (error.code, error.line) == (ErrorCode.BAD_DATE, _line_of(bad_year, "<INDIVIDUAL>"))


def test_another_xml_document_is_the_wrong_format(tmp_path):
    error = source_error("un-xml", write(tmp_path, "other.xml", _document(root="sdnList")))
    assert (error.code, error.line) == (ErrorCode.WRONG_FORMAT, 2)


def test_entity_declarations_are_refused(tmp_path):
    bomb = '<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "aaaa">]>\n<CONSOLIDATED_LIST/>\n'
    assert source_error("un-xml", write(tmp_path, "bomb.xml", bomb)).code is ErrorCode.BAD_XML


def test_a_list_without_records_is_empty(tmp_path):
    error = source_error("un-xml", write(tmp_path, "un.xml", _document(individuals="", entities="")))
    assert error.code is ErrorCode.EMPTY_SOURCE
