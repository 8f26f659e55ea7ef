from dataclasses import replace
from datetime import date, datetime

import pytest

from borderdesk.core.printing import (
    GROUND_TEXTS,
    REFUSAL_FORM_TEXTS,
    SCHENGEN_GROUND_TEXTS,
    UTO_GROUND_TEXTS,
    PrintingError,
    RefusalForm,
    available_languages,
    language_for_nationality,
    refusal_form_pdf,
    refusal_form_texts,
)
from borderdesk.core.printing.refusal_texts import REFUSAL_FORM_KEYS
from borderdesk.core.rules import bundled_pack, bundled_pack_names

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


def _page_of(pages: list[str], phrase: str) -> int:
    found = [number for number, page in enumerate(pages) if phrase in page]
    assert found, phrase
    return found[0]


@pytest.mark.parametrize("languages", [("en", "fr"), ("en", "en"), ("fr", "es"), ("en", "ar")])
@pytest.mark.parametrize("remark_lines", [*range(0, 64, 3), 100, 200])
def test_no_heading_ends_a_page_and_the_signatures_stay_with_what_they_sign(languages, remark_lines):
    """Remarks of every length move the page break through the form: each heading is on the page of the text it
    introduces, and the signature block on the page of the appeal and copy statements."""
    remarks = "\\n".join(
        f"Remark line {n}: the traveller said one thing and then another." for n in range(remark_lines)
    )
    officer, traveller = languages
    pages = pdf_pages(refusal_form_pdf(schengen_form(remarks=remarks), officer, traveller))
    texts = refusal_form_texts(officer)
    together = [
        (texts["intro"][:40], texts["surname"]),
        (texts["refused_with_basis"][:40], SCHENGEN_GROUND_TEXTS[officer]["I"][:40]),
        *([(texts["remarks"], "Remark line 0")] if remarks else []),
        (texts["appeal_heading"], texts["appeal"][:40]),
        (texts["appeal"][:40], texts["copy"][:30]),
        (texts["copy"][:30], texts["officer"]),
        (texts["copy"][:30], texts["stamp"]),
        (texts["person_concerned"], texts["signature"]),
    ]
    if traveller == "ar":  # right-to-left text reads back reordered: check the officer's language only
        together = together[:-1]
    for heading, what_follows in together:
        assert _page_of(pages, heading) == _page_of(pages, what_follows), (heading, what_follows, len(pages))


@pytest.mark.parametrize("pack_id", bundled_pack_names())
def test_every_ground_of_each_bundled_pack_is_translated(pack_id):
    codes = set(bundled_pack(pack_id).refusal_grounds)
    translations = GROUND_TEXTS[pack_id]
    assert {"fr", "es"} <= set(translations)
    for language, texts in translations.items():
        assert set(texts) == codes, (pack_id, language)
        assert language in available_languages()


def test_a_utopia_form_in_french_prints_the_grounds_in_french():
    pack = bundled_pack("uto")
    form = schengen_form(
        grounds=[(code, ground.text) for code, ground in pack.refusal_grounds.items()],
        ticked_grounds={"UIA-12-1-e"},
        ground_translations=UTO_GROUND_TEXTS,
    )
    text = pdf_text(refusal_form_pdf(form, "en", "fr"))
    for code, ground in pack.refusal_grounds.items():
        assert ground.text in text and UTO_GROUND_TEXTS["fr"][code] in text
    assert UTO_GROUND_TEXTS["es"]["UIA-12-1-e"] not in text


@pytest.mark.parametrize(
    "nationality, language", [("FRA", "fr"), ("SEN", "fr"), ("MEX", "es"), ("D", "de"), ("BRA", "pt"), ("EGY", "ar")]
)
def test_a_traveller_reads_their_nationality_s_language_by_default(nationality, language):
    assert language_for_nationality(nationality) == language
    assert language_for_nationality(nationality.lower()) == language


@pytest.mark.parametrize("nationality", ["THA", "GBR", "UTO", "", None, "XXX"])
def test_everyone_else_reads_english(nationality):
    assert language_for_nationality(nationality) == "en"
