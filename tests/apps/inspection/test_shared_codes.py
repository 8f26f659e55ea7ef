"""A code the documents core reads is one the rules core knows: a Kosovar passport (RKS) is judged at the booth."""

from borderdesk.apps.inspection import services
from tests.apps.inspection.conftest import TODAY, passport


def test_a_valid_kosovar_passport_gets_a_recommendation_not_unknown_nationality(officer, session):
    inspection = services.start_inspection(
        officer,
        session,
        passport(surname="KRASNIQI", given="ARBEN", number="KS1234567", nationality="RKS"),
        today=TODAY,
    )
    assert inspection.document_check["valid"] is True
    assert inspection.traveller.nationality == "RKS"
    assert inspection.recommendation["outcome"] == "refuse_recommended", inspection.recommendation
    assert "visa_required_not_held" in inspection.recommendation["reasons"]
