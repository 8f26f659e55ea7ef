"""The grounds catalogue: every bundled ground loads with its legal basis and English words; a bad catalogue is
refused with a stable code and the path of the first bad field."""

import re

import pytest

from borderdesk.core.casework.grounds import LETTER_LANGUAGES, bundled_grounds, grounds_for, load_grounds
from borderdesk.core.casework.kinds import KindError, bundled_kinds

GOOD = """
- code: a_ground
  outcome: refuse
  kinds: [short_stay_visa]
  legal_basis: {instrument: Act, article: "s. 1", url: "https://example.org/act"}
  text: {en: Because., de: Weil., fr: Parce que., es: Porque., pt: Porque., ru: Потому что., ar: لأنّ.}
"""


def test_every_kind_has_refusal_grounds_and_inadmissibility_is_common():
    grounds = bundled_grounds()
    assert all(ground.legal_basis.url.startswith("https://") and ground.texts["en"] for ground in grounds.values())
    for kind in bundled_kinds():
        assert grounds_for(kind, "refuse"), kind
        assert {g.code for g in grounds_for(kind, "inadmissible")} == {
            "incomplete_application",
            "fee_not_paid",
            "wrong_post",
        }
    assert "stay_limit_reached" not in {g.code for g in grounds_for("work_permit", "refuse")}


def test_every_ground_has_its_words_in_every_letter_language():
    for ground in bundled_grounds().values():
        assert set(ground.texts) == set(LETTER_LANGUAGES), ground.code
        for language in LETTER_LANGUAGES:
            assert ground.text(language).strip(), (ground.code, language)
        # Translated, not copied: only the English words are English.
        assert all(ground.texts[language] != ground.texts["en"] for language in LETTER_LANGUAGES[1:]), ground.code
    assert "Reisedokument" in bundled_grounds()["false_document"].text("de")
    assert "وثيقة" in bundled_grounds()["false_document"].text("ar")


def test_a_ground_in_its_languages_and_english_for_another():
    ground = load_grounds(GOOD)["a_ground"]
    assert ground.text("de") == "Weil." and ground.text("ar") == "لأنّ." and ground.text("zh") == "Because."


@pytest.mark.parametrize("language", [language for language in LETTER_LANGUAGES if language != "en"])
def test_a_ground_missing_a_letter_language_is_refused(language):
    source = re.sub(rf",? {language}: [^,}}]+", "", GOOD, count=1)
    with pytest.raises(KindError) as exc:
        load_grounds(source)
    assert (exc.value.code, exc.value.path) == ("missing_language", f"[0].text.{language}")


def test_an_empty_translation_is_refused():
    with pytest.raises(KindError) as exc:
        load_grounds(GOOD.replace("ru: Потому что.", 'ru: "  "'))
    assert (exc.value.code, exc.value.path) == ("missing_language", "[0].text.ru")


@pytest.mark.parametrize(
    ("change", "code", "path"),
    [
        (("outcome: refuse", "outcome: maybe"), "malformed_input", "[0].outcome"),
        (("[short_stay_visa]", "[no_such_kind]"), "unknown_kind", "[0].kinds"),
        (("de: Weil.", "xx: Weil."), "unknown_language", "[0].text"),
        (("  text:", "  colour: red\n  text:"), "unknown_key", "[0]"),
        (('url: "https://example.org/act"', 'url: "ftp://x"'), "malformed_input", "[0].legal_basis.url"),
    ],
)
def test_a_bad_catalogue_names_what_is_wrong(change, code, path):
    with pytest.raises(KindError) as exc:
        load_grounds(GOOD.replace(*change))
    assert (exc.value.code, exc.value.path) == (code, path)


def test_a_code_given_twice_is_refused():
    with pytest.raises(KindError) as exc:
        load_grounds(GOOD + GOOD)
    assert exc.value.path == "[1].code"
