from dataclasses import replace
from datetime import date, datetime

import pytest

from borderdesk.core.printing import (
    REFUSAL_FORM_TEXTS,
    SCHENGEN_GROUND_TEXTS,
    PrintingError,
    RefusalForm,
    available_languages,
    refusal_form_pdf,
    refusal_form_texts,
)
from borderdesk.core.printing.refusal_texts import REFUSAL_FORM_KEYS

from .pdf_text import pdf_pages, pdf_text

UTOPIA_GROUNDS = [
    (
        "UIA-12-1-a",
        "has no valid travel document, or one that expires less than three months after the intended "
        "departure or was issued more than ten years ago",
    ),
    ("UIA-12-1-e", "cannot justify the purpose and conditions of the intended stay"),
    ("UIA-12-1-g", "does not have sufficient means of subsistence for the intended stay and the return"),
]


def schengen_form(**changes) -> RefusalForm:
    form = RefusalForm(
        reference="RF-2026-000417",
        issuing_state="Kingdom of Utopia",
        authority="Utopia Border Police",
        border_crossing_point="Utopia City International Airport",
        refused_at=datetime(2026, 11, 23, 14, 5),
        surname="Dupont-Moreau",
        given_names="Élodie Marie",
        birth_date=date(1988, 3, 14),
        sex="F",
        nationality="FRA",
        document_type="Passport",
        document_number="19AB12345",
        grounds=list(SCHENGEN_GROUND_TEXTS["en"].items()),
        ticked_grounds={"E", "G"},
        officer_name="Jonas Berg",
        officer_id="UBP-4471",
        remarks="Return ticket not shown & no hotel <booking>.",
        legal_basis="Article 14 of Regulation (EU) 2016/399",
        ground_translations=SCHENGEN_GROUND_TEXTS,
    )
    return replace(form, **changes)


def test_every_language_has_every_fixed_text():
    assert set(available_languages()) >= {"en", "fr", "es", "de", "pt", "ar", "ru"}
    for language in available_languages():
        assert set(REFUSAL_FORM_TEXTS[language]) == set(REFUSAL_FORM_KEYS), language
        assert "{legal_basis}" in REFUSAL_FORM_TEXTS[language]["refused_with_basis"]
        assert set(SCHENGEN_GROUND_TEXTS[language]) == set("ABCDEFGHI"), language


def test_english_and_french_form_holds_both_languages_the_person_and_the_grounds():
    text = pdf_text(refusal_form_pdf(schengen_form(), "en", "fr"))
    for phrase in (
        "REFUSAL OF ENTRY",
        "REFUS D'ENTRÉE",
        "Surname",
        "Nom",
        "Date de naissance",
        "Officer responsible for checks",
        "Le fonctionnaire responsable du contrôle",
        "The person concerned",
        "L'intéressé(e)",
        REFUSAL_FORM_TEXTS["en"]["appeal"],
        REFUSAL_FORM_TEXTS["fr"]["appeal"],
        REFUSAL_FORM_TEXTS["fr"]["copy"],
    ):
        assert phrase in text, phrase
    for value in (
        "Dupont-Moreau",
        "Élodie Marie",
        "1988-03-14",
        "FRA",
        "19AB12345",
        "2026-11-23",
        "14:05",
        "Utopia City International Airport",
        "Jonas Berg",
        "UBP-4471",
        "Return ticket not shown & no hotel <booking>.",
    ):
        assert value in text, value
    assert "pursuant to Article 14 of Regulation (EU) 2016/399" in text
    for code in "ABCDEFGHI":
        assert f"({code})" in text
        assert SCHENGEN_GROUND_TEXTS["en"][code] in text
        assert SCHENGEN_GROUND_TEXTS["fr"][code] in text


def test_the_reference_is_on_every_page():
    pages = pdf_pages(refusal_form_pdf(schengen_form(), "en", "fr"))
    assert len(pages) >= 2  # nine bilingual grounds do not fit one A4 page
    for number, page in enumerate(pages, start=1):
        assert "Reference / Référence: RF-2026-000417" in page
        assert f"Page / Page {number}" in page


@pytest.mark.parametrize("officer, traveller", [("de", "es"), ("pt", "en"), ("en", "ru"), ("fr", "ar"), ("ar", "en")])
def test_each_language_pair_prints_both_headings(officer, traveller):
    text = pdf_text(refusal_form_pdf(schengen_form(), officer, traveller))
    for language in (officer, traveller):
        texts = refusal_form_texts(language)
        for key in ("heading", "person_concerned", "nationality"):
            assert texts[key] in text, (language, key)
    assert "Dupont-Moreau" in text


def test_a_utopia_form_lists_its_own_grounds_and_ticks_only_the_given_ones():
    form = schengen_form(
        grounds=UTOPIA_GROUNDS,
        ticked_grounds={"UIA-12-1-e"},
        ground_translations={},
        legal_basis="section 12(1) of the Utopia Immigration Act 2019",
    )
    text = pdf_text(refusal_form_pdf(form, "en", "es"))
    for code, ground in UTOPIA_GROUNDS:
        assert f"({code})" in text and ground in text
    assert "pursuant to section 12(1) of the Utopia Immigration Act 2019" in text
    assert "en virtud de section 12(1) of the Utopia Immigration Act 2019" in text


def test_without_a_legal_basis_the_statement_names_none():
    text = pdf_text(refusal_form_pdf(schengen_form(legal_basis=""), "en", "de"))
    assert REFUSAL_FORM_TEXTS["en"]["refused"] in text
    assert REFUSAL_FORM_TEXTS["de"]["refused"] in text
    assert "pursuant to" not in text


def test_a_national_appeal_text_replaces_the_officers_sentence_and_keeps_the_travellers():
    appeal = "Appeal within 30 days to the Administrative Court of Utopia City, 4 Justice Square."
    text = pdf_text(refusal_form_pdf(schengen_form(appeal_text=appeal), "en", "fr"))
    assert appeal in text
    assert REFUSAL_FORM_TEXTS["en"]["appeal"] not in text
    assert REFUSAL_FORM_TEXTS["fr"]["appeal"] in text


def test_the_same_language_twice_prints_each_text_once():
    text = pdf_text(refusal_form_pdf(schengen_form(), "fr", "fr"))
    assert text.count("REFUS D'ENTRÉE") == 1
    assert "REFUSAL OF ENTRY" not in text


def test_arabic_is_shaped_and_reads_back_in_logical_order():
    text = pdf_text(refusal_form_pdf(schengen_form(), "en", "ar"))
    assert "رفض الدخول" in text
    assert "الشخص المعني" in text


@pytest.mark.parametrize("officer, traveller", [("en", "xx"), ("tlh", "en"), ("EN", "fr")])
def test_an_unknown_language_is_an_error_with_a_stable_code(officer, traveller):
    with pytest.raises(PrintingError) as raised:
        refusal_form_pdf(schengen_form(), officer, traveller)
    assert raised.value.code == "unknown_language"


def test_a_refusal_needs_a_ticked_ground_from_the_catalogue():
    with pytest.raises(PrintingError) as raised:
        refusal_form_pdf(schengen_form(ticked_grounds=set()), "en", "fr")
    assert raised.value.code == "no_ground_ticked"
    with pytest.raises(PrintingError) as raised:
        refusal_form_pdf(schengen_form(ticked_grounds={"E", "Z"}), "en", "fr")
    assert raised.value.code == "unknown_ground"


def test_missing_fonts_refuse_only_the_languages_that_need_them(monkeypatch):
    from borderdesk.core.printing import fonts

    monkeypatch.setattr(fonts, "text_fonts", lambda: fonts.FontPair("Helvetica", "Helvetica-Bold", unicode=False))
    with pytest.raises(PrintingError) as raised:
        fonts.require_fonts_for("ru")
    assert raised.value.code == "font_unavailable"
    fonts.require_fonts_for("fr")


def test_the_same_form_gives_the_same_bytes():
    assert refusal_form_pdf(schengen_form(), "en", "ar") == refusal_form_pdf(schengen_form(), "en", "ar")
