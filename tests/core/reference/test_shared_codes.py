"""The codes each core accepts agree: a document the documents core reads is never an unknown nationality elsewhere."""

from datetime import date

import pytest

from borderdesk.core.documents import COUNTRY_CODES
from borderdesk.core.reference import nationality_code
from borderdesk.core.rules import bundled_pack, situation_from_dict
from borderdesk.core.screening.sources import alpha3_from_code

UTO = bundled_pack("uto")


def _situation(nationality: str) -> dict:
    return {"nationality": nationality, "document": {"expiry": "2030-01-01"}, "planned_departure": "2025-03-14"}


@pytest.mark.parametrize("code", sorted(COUNTRY_CODES))
def test_every_code_the_documents_core_accepts_is_known_to_the_rules_core(code):
    situation = situation_from_dict(_situation(code))
    assert situation.nationality == nationality_code(code)
    UTO.visa_policy.determine(situation.nationality, date(2025, 3, 1))  # raises unknown_nationality if not


@pytest.mark.parametrize("code", sorted(COUNTRY_CODES))
def test_every_code_the_documents_core_accepts_is_known_to_screening(code):
    assert alpha3_from_code(code) == nationality_code(code)


def test_a_kosovar_passport_is_the_same_nationality_in_every_core():
    assert "RKS" in COUNTRY_CODES
    assert situation_from_dict(_situation("RKS")).nationality == alpha3_from_code("RKS") == "RKS"
    assert alpha3_from_code("XKX") == alpha3_from_code("xk") == "RKS"
