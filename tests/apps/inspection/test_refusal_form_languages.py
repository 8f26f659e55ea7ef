"""The refusal form in the officer's language and the traveller's: by default the one of their nationality,
or the one the officer chose at the interview; the grounds printed in both."""

import pytest

from borderdesk.apps.inspection import services
from borderdesk.core.printing import UTO_GROUND_TEXTS, refusal_form_texts
from borderdesk.core.rules import bundled_pack
from tests.apps.inspection.conftest import TODAY, passport
from tests.apps.inspection.test_words import booth_client, text_of  # noqa: F401 (a fixture)
from tests.core.printing.pdf_text import pdf_text

GROUND = "UIA-12-1-e"


def refused_form(officer, session, senior, second_senior, *, language=None, **traveller) -> str:
    inspection = services.start_inspection(officer, session, passport(**traveller), today=TODAY)
    if language:
        inspection = services.record_interview(
            officer, inspection, version=inspection.version, purpose="", answers={}, language=language, today=TODAY
        )
    refusal = services.decide(
        senior,
        inspection,
        kind="refuse",
        grounds=[GROUND],
        remarks="No credible purpose",
        departure_reason="purpose contradicted by the traveller's own documents",
        idempotency_key="refusal",
        version=inspection.version,
        today=TODAY,
    )
    approved = services.approve(second_senior, refusal, approved=True)
    return pdf_text(services.refusal_form(second_senior, approved))


def test_a_french_traveller_gets_the_form_and_its_grounds_in_english_and_french(
    officer, session, senior, second_senior
):
    text = refused_form(officer, session, senior, second_senior, surname="MARTIN", given="LEA", nationality="FRA")
    assert refusal_form_texts("en")["heading"] in text and refusal_form_texts("fr")["heading"] in text
    assert bundled_pack("uto").refusal_grounds[GROUND].text in text
    assert UTO_GROUND_TEXTS["fr"][GROUND] in text
    assert UTO_GROUND_TEXTS["fr"]["UIA-12-1-a"] in text  # every ground is listed, ticked or not
    assert "Passport" in text  # the type of travel document in words, not its code P


def test_a_thai_traveller_gets_the_form_in_english_only(officer, session, senior, second_senior):
    text = refused_form(officer, session, senior, second_senior)
    assert refusal_form_texts("en")["heading"] in text
    for language in ("fr", "es"):
        assert refusal_form_texts(language)["heading"] not in text


def test_the_language_chosen_at_the_interview_wins_over_the_nationality(officer, session, senior, second_senior):
    text = refused_form(
        officer, session, senior, second_senior, language="es", surname="MARTIN", given="LEA", nationality="FRA"
    )
    assert refusal_form_texts("es")["heading"] in text and UTO_GROUND_TEXTS["es"][GROUND] in text
    assert refusal_form_texts("fr")["heading"] not in text


@pytest.mark.parametrize("nationality, shown", [("FRA", "English and Français"), ("THA", "English")])
def test_the_booth_says_which_languages_the_form_is_printed_in(booth_client, nationality, shown):
    html = booth_client.post("/booth/scan", {"scan": passport(nationality=nationality)}).content.decode()
    assert f"The refusal form is printed in {shown};" in text_of(html)
    default = "fr" if nationality == "FRA" else "en"
    assert f'<option value="{default}" selected>' in html
