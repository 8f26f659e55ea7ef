"""The letters a case sends: each letter in each letter language renders as a one- or two-page A4 PDF whose text
states the applicant, the reference and the date in ISO form; a refusal states each ground with its legal basis;
Arabic renders right to left with its dates and citations intact; the fixed texts are complete in every language."""

import importlib
import io
import string
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from borderdesk.core.casework import bundled_kinds
from borderdesk.core.casework.grounds import LETTER_LANGUAGES, bundled_grounds, grounds_for
from borderdesk.core.printing import (
    CASE_LETTER_TEXTS,
    Addressee,
    DecisionLetter,
    EvidenceRequestLetter,
    Grant,
    GroundLine,
    InvitationLetter,
    Letterhead,
    PrintingError,
    case_letter_texts,
    decision_letter_pdf,
    evidence_request_pdf,
    invitation_pdf,
)
from borderdesk.core.printing.case_letter_texts import CASE_LETTER_KEYS

from .pdf_text import pdf_pages, pdf_text

REFERENCE = "UTB-2026-000417"
HEAD = Letterhead("Utopia", "Embassy in Berlin", "Unter den Linden 1\n10117 Berlin")
WHO = Addressee("CHINEDU OKAFOR", "Passport NGA A07654321")
BASIS = "Utopia Immigration Act 2019"


def grounds_in(language: str, *codes: str) -> list[GroundLine]:
    catalogue = bundled_grounds()
    return [
        GroundLine(
            code,
            catalogue[code].text(language),
            f"{catalogue[code].legal_basis.instrument}, {catalogue[code].legal_basis.article}",
        )
        for code in codes
    ]


def refusal(language: str = "en", **changes) -> DecisionLetter:
    letter = DecisionLetter(
        reference=REFERENCE,
        issued_on=date(2026, 3, 20),
        letterhead=HEAD,
        applicant=WHO,
        application="Short-stay visa (up to 90 days)",
        lodged_on=date(2026, 3, 2),
        outcome="refuse",
        officer="Anna Consul",
        approved_by="Bruno Senior",
        grounds=grounds_in(language, "insufficient_means", "return_not_established"),
        appeal_address="Immigration Appeals Tribunal, 4 Court Street, Amaurot",
    )
    return replace(letter, **changes)


def approval(**changes) -> DecisionLetter:
    letter = replace(
        refusal(),
        outcome="approve",
        approved_by="",
        grounds=(),
        grant=Grant("UTB0012345", date(2026, 4, 1), date(2026, 4, 30), entries=None, days=15),
    )
    return replace(letter, **changes)


def evidence(language: str = "en", **changes) -> EvidenceRequestLetter:
    letter = EvidenceRequestLetter(
        reference=REFERENCE,
        issued_on=date(2026, 3, 5),
        letterhead=HEAD,
        applicant=WHO,
        application="Short-stay visa (up to 90 days)",
        requested_on=date(2026, 3, 5),
        due_on=date(2026, 3, 19),
        documents=[
            "Proof of accommodation (hotel booking or the host's letter)",
            "Return or onward ticket reservation",
        ],
        officer="Anna Consul",
        if_not_provided=grounds_in(language, "evidence_not_provided")[0],
        message="Bank statements of March & April <all pages>.",
    )
    return replace(letter, **changes)


def invitation(**changes) -> InvitationLetter:
    letter = InvitationLetter(
        reference=REFERENCE,
        issued_on=date(2026, 3, 5),
        letterhead=HEAD,
        applicant=WHO,
        application="Short-stay visa (up to 90 days)",
        purpose="interview",
        starts_at=datetime(2026, 3, 10, 8, 30, tzinfo=UTC),
        ends_at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        time_zone="Europe/Berlin",
        place="Embassy in Berlin, Unter den Linden 1, 10117 Berlin",
        officer="Anna Consul",
        interpreter_language="ar",
    )
    return replace(letter, **changes)


def pages(pdf: bytes) -> int:
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:  # A4
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    return len(reader.pages)


# --- The fixed texts ---------------------------------------------------------------------------------------------


def test_the_letters_are_written_in_every_letter_language_of_the_grounds():
    assert set(CASE_LETTER_TEXTS) == set(LETTER_LANGUAGES)


def incomplete(texts_by_language) -> list[tuple[str, str]]:
    """(language, key) of each fixed text missing, empty or with other placeholders than the English."""
    english = texts_by_language["en"]
    wrong = []
    for language in LETTER_LANGUAGES:
        texts = texts_by_language.get(language, {})
        for key in CASE_LETTER_KEYS:
            text = texts.get(key, "")
            if not text.strip() or _placeholders(text) != _placeholders(english[key]):
                wrong.append((language, key))
        wrong += [(language, key) for key in set(texts) - set(CASE_LETTER_KEYS)]
    return wrong


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_in_every_language_with_the_same_placeholders():
    assert incomplete(CASE_LETTER_TEXTS) == []


@pytest.mark.parametrize("language", [language for language in LETTER_LANGUAGES if language != "en"])
def test_every_language_is_translated_not_copied(language):
    same = [key for key in CASE_LETTER_KEYS if CASE_LETTER_TEXTS[language][key] == CASE_LETTER_TEXTS["en"][key]]
    assert set(same) <= {"date", "page"}, same


def test_a_missing_translation_key_fails_the_completeness_check(monkeypatch):
    broken = {language: dict(texts) for language, texts in CASE_LETTER_TEXTS.items()}
    del broken["pt"]["appeal"]
    broken["ru"]["due"] = broken["ru"]["due"].replace("{due_on}", "{due}")
    assert incomplete(broken) == [("pt", "appeal"), ("ru", "due")]
    texts_module = importlib.import_module("borderdesk.core.printing.case_letter_texts")
    monkeypatch.setattr(texts_module, "CASE_LETTER_TEXTS", broken)
    with pytest.raises(KeyError):  # and a letter would not print without it
        decision_letter_pdf(refusal("pt"), "pt")


def test_an_unknown_language_is_refused_not_printed_in_english():
    with pytest.raises(PrintingError) as exc:
        case_letter_texts("zh")
    assert exc.value.code == "unknown_language"
    with pytest.raises(PrintingError) as exc:
        decision_letter_pdf(refusal(), "xx")
    assert exc.value.code == "unknown_language"


# --- Each letter in each language -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LETTER_LANGUAGES)
def test_the_refusal_states_each_ground_with_its_legal_basis_and_the_appeal(language):
    letter = refusal(language)
    pdf = decision_letter_pdf(letter, language)
    assert 1 <= pages(pdf) <= 2
    text = pdf_text(pdf)
    texts = CASE_LETTER_TEXTS[language]
    assert "CHINEDU OKAFOR" in text and REFERENCE in text
    assert "2026-03-20" in text and "2026-03-02" in text  # ISO dates, in their order even in Arabic
    for ground in letter.grounds:
        assert ground.legal_basis in text.replace("\u200e", ""), ground.code
    assert "Bruno Senior" in text and "Anna Consul" in text
    if language != "ar":  # Arabic is drawn in visual order: checked by its own test
        assert texts["appeal_heading"] in text and "30" in text
        for ground in letter.grounds:
            assert ground.text[:30] in text, ground.code
        assert texts["four_eyes"][:30] in text


@pytest.mark.parametrize("language", LETTER_LANGUAGES)
def test_the_approval_says_what_was_granted_and_what_to_do_next(language):
    pdf = decision_letter_pdf(approval(), language)
    assert pages(pdf) == 1
    text = pdf_text(pdf)
    texts = CASE_LETTER_TEXTS[language]
    assert "UTB0012345" in text and "2026-04-01" in text and "2026-04-30" in text and "15" in text
    assert REFERENCE in text and "CHINEDU OKAFOR" in text
    assert texts["appeal_heading"] not in text
    if language != "ar":
        assert texts["entries_multiple"] in text and texts["next_heading"] in text


def test_the_approval_of_a_permit_says_to_collect_the_card_and_a_missing_number_comes_later():
    grant = Grant("", date(2026, 4, 1), date(2027, 3, 31), entries=None, days=None, collect="card")
    text = pdf_text(decision_letter_pdf(approval(grant=grant), "en"))
    assert "residence permit card" in text and "given when you collect it" in text
    assert "Days of stay" not in text


@pytest.mark.parametrize("language", LETTER_LANGUAGES)
def test_the_approval_of_a_naturalisation_invites_to_the_ceremony_and_grants_no_validity(language):
    grant = Grant("", None, None, collect="certificate")
    text = pdf_text(decision_letter_pdf(approval(grant=grant), language))
    assert CASE_LETTER_TEXTS[language]["valid_until"] not in text and REFERENCE in text
    if language != "ar":
        assert CASE_LETTER_TEXTS[language]["collect_certificate"].split("{office}")[1].split()[0] in text


@pytest.mark.parametrize("language", LETTER_LANGUAGES)
def test_inadmissibility_states_its_grounds(language):
    letter = refusal(language, outcome="inadmissible", grounds=grounds_in(language, "fee_not_paid"), approved_by="")
    text = pdf_text(decision_letter_pdf(letter, language))
    assert "s. 22(2)" in text and REFERENCE in text
    if language != "ar":
        assert CASE_LETTER_TEXTS[language]["inadmissible"].split("{")[0].strip() in text
        assert bundled_grounds()["fee_not_paid"].text(language)[:20] in text


@pytest.mark.parametrize("language", LETTER_LANGUAGES)
def test_the_evidence_request_names_the_documents_the_due_date_and_what_follows(language):
    pdf = evidence_request_pdf(evidence(language), language)
    assert 1 <= pages(pdf) <= 2
    text = pdf_text(pdf)
    assert "Proof of accommodation (hotel booking or the host's letter)" in text  # titles in English, said so
    assert "2026-03-19" in text and "2026-03-05" in text and REFERENCE in text and "CHINEDU OKAFOR" in text
    assert "Bank statements of March & April <all pages>." in text  # the officer's note, as written
    assert "s. 29(3)" in text  # the ground it is refused on when nothing comes
    if language != "ar":
        texts = CASE_LETTER_TEXTS[language]
        assert texts["titles_in_english"][:25] in text
        assert texts["clock"].split("{")[0].strip()[:20] in text


@pytest.mark.parametrize("language", LETTER_LANGUAGES)
@pytest.mark.parametrize("purpose", ["interview", "biometrics"])
def test_the_invitation_gives_the_time_in_the_offices_zone_and_what_to_bring(language, purpose):
    pdf = invitation_pdf(invitation(purpose=purpose), language)
    assert pages(pdf) == 1
    text = pdf_text(pdf)
    assert "2026-03-10" in text and "09:30" in text and "10:00" in text  # 08:30 UTC is 09:30 in Berlin (CET)
    assert "Europe/Berlin" in text and REFERENCE in text and "CHINEDU OKAFOR" in text
    assert "Unter den Linden 1" in text
    if language != "ar":
        texts = CASE_LETTER_TEXTS[language]
        assert texts[f"purpose_{purpose}"] in text
        assert texts[f"bring_{purpose}"].splitlines()[-1] in text
        assert texts["reschedule_heading"] in text
        assert "العربية" in text or "(ar)" in text  # the interpreter's language


def test_the_invitation_without_an_interpreter_says_none():
    text = pdf_text(invitation_pdf(invitation(interpreter_language=""), "en"))
    assert "Interpreter" not in text


def test_summer_time_is_the_offices_own():
    summer = invitation(
        starts_at=datetime(2026, 7, 1, 7, 0, tzinfo=UTC), ends_at=datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
    )
    assert "09:00–09:30" in pdf_text(invitation_pdf(summer, "de"))


# --- Arabic ------------------------------------------------------------------------------------------------------


def test_arabic_renders_right_to_left_with_its_words_and_dates_intact():
    letter = refusal("ar")
    text = pdf_text(decision_letter_pdf(letter, "ar"))
    for key in ("decision_heading", "appeal_heading", "legal_basis", "officer"):  # shaped, then read back
        assert CASE_LETTER_TEXTS["ar"][key] in text, key
    assert "2026-03-02" in text and "02-03-2026" not in text  # digits after Arabic letters keep their order
    assert "s. 31(2)(b)" in text.replace("\u200e", "")  # a citation keeps its brackets
    assert REFERENCE in text and "CHINEDU OKAFOR" in text


def test_direction_marks_typed_into_a_name_or_note_neither_stop_nor_turn_the_letter():
    name = "\u2067OKAFOR\u2069 \u202eCHINEDU\u202c"
    letter = evidence("ar", applicant=Addressee(name, "P"), message="line\u2029two\tthree\x1c")
    text = pdf_text(evidence_request_pdf(letter, "ar"))
    assert "OKAFOR" in text and "CHINEDU" in text


# --- Refusals of the core ---------------------------------------------------------------------------------------


def test_a_refusal_without_grounds_is_not_printed():
    with pytest.raises(PrintingError) as exc:
        decision_letter_pdf(refusal(grounds=()), "en")
    assert exc.value.code == "no_ground_ticked"


@pytest.mark.parametrize(
    ("letter", "code"),
    [
        (lambda: approval(grant=None), "nothing_granted"),
        (lambda: approval(grant=Grant("X1", None, None, collect="envelope")), "nothing_granted"),
        (lambda: refusal(outcome="maybe"), "unknown_outcome"),
    ],
)
def test_a_decision_letter_that_says_nothing_is_refused(letter, code):
    with pytest.raises(PrintingError) as exc:
        decision_letter_pdf(letter(), "en")
    assert exc.value.code == code


def test_an_evidence_request_asking_nothing_and_an_odd_appointment_are_refused():
    with pytest.raises(PrintingError) as exc:
        evidence_request_pdf(evidence(documents=[], message="  "), "en")
    assert exc.value.code == "nothing_requested"
    with pytest.raises(PrintingError) as exc:
        invitation_pdf(invitation(purpose="party"), "en")
    assert exc.value.code == "unknown_appointment_purpose"
    with pytest.raises(PrintingError) as exc:
        invitation_pdf(invitation(time_zone="Mars/Olympus"), "en")
    assert exc.value.code == "unknown_time_zone"


def test_the_same_letter_gives_the_same_bytes():
    assert decision_letter_pdf(refusal(), "fr") == decision_letter_pdf(refusal(), "fr")


def test_many_grounds_and_a_long_note_still_fit_two_pages():
    # The most grounds a refusal can give: every ground of the kind that has the most.
    every = max(([g.code for g in grounds_for(kind, "refuse")] for kind in bundled_kinds()), key=len)
    assert pages(decision_letter_pdf(refusal("de", grounds=grounds_in("de", *every)), "de")) <= 2
    assert pages(evidence_request_pdf(evidence(message="Bitte. " * 150), "de")) <= 2


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co")), min_size=1, max_size=60),
    message=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Co")), max_size=400),
    language=st.sampled_from(LETTER_LANGUAGES),
)
def test_whatever_the_applicant_is_called_and_the_officer_writes_a_letter_is_printed(name, message, language):
    letter = evidence(language, applicant=Addressee(name, "<P> & 'x'"), message=message)
    pdf = evidence_request_pdf(letter, language)
    assert 1 <= pages(pdf) <= 2
    assert REFERENCE in pdf_pages(pdf)[0]
