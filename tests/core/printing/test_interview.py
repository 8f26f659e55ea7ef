import pytest

from borderdesk.core.printing import (
    INTERVIEW_LANGUAGES,
    INTERVIEW_PURPOSES,
    AnswerType,
    PrintingError,
    interview_questions,
    question_text,
)
from borderdesk.core.printing.interview import PURPOSE_QUESTIONS, QUESTIONS


def test_every_purpose_has_questions_without_repeats():
    assert (
        set(INTERVIEW_PURPOSES)
        == set(PURPOSE_QUESTIONS)
        == {"tourism", "business", "study", "work", "transit", "family", "other"}
    )
    for purpose in INTERVIEW_PURPOSES:
        keys = [question.key for question in interview_questions(purpose)]
        assert len(keys) >= 4, purpose
        assert len(keys) == len(set(keys)), purpose


def test_every_question_has_an_english_text_and_a_known_answer_type():
    for purpose in INTERVIEW_PURPOSES:
        for question in interview_questions(purpose):
            assert question_text(question, "en").endswith("?") or question_text(question, "en").endswith(".")
            assert isinstance(question.answer_type, AnswerType)


def test_every_question_is_translated_into_every_interview_language():
    assert set(INTERVIEW_LANGUAGES) >= {"en", "fr", "es", "de", "pt", "ar", "ru", "zh"}
    for question in QUESTIONS.values():
        assert set(question.texts) == set(INTERVIEW_LANGUAGES), question.key
        assert all(text.strip() for text in question.texts.values()), question.key


def test_every_catalogued_question_is_asked_for_some_purpose():
    asked = {key for keys in PURPOSE_QUESTIONS.values() for key in keys}
    assert asked == set(QUESTIONS)


@pytest.mark.parametrize(
    "purpose, key, answer_type",
    [
        ("tourism", "means_of_subsistence", AnswerType.MONEY),
        ("tourism", "length_of_stay", AnswerType.NUMBER),
        ("tourism", "return_ticket", AnswerType.YES_NO),
        ("study", "school_name", AnswerType.TEXT),
        ("study", "course_start_date", AnswerType.DATE),
        ("work", "employer_in_country", AnswerType.TEXT),
        ("transit", "final_destination", AnswerType.TEXT),
        ("family", "host_name", AnswerType.TEXT),
        ("business", "invitation_letter", AnswerType.YES_NO),
        ("other", "address_in_country", AnswerType.TEXT),
    ],
)
def test_typical_questions_are_asked_with_their_answer_type(purpose, key, answer_type):
    questions = {question.key: question for question in interview_questions(purpose)}
    assert questions[key].answer_type is answer_type


def test_transit_asks_for_the_destination_not_an_address():
    keys = [question.key for question in interview_questions("transit")]
    assert keys[0] == "final_destination"
    assert "address_in_country" not in keys


def test_texts_in_other_languages():
    question = interview_questions("tourism")[0]
    assert question_text(question, "fr") == "Quel est le but de votre visite ?"
    assert question_text(question, "zh") == "您此次来访的目的是什么？"
    assert question_text(question, "ar") == "ما الغرض من زيارتك؟"


def test_a_language_without_translation_gives_none():
    question = interview_questions("work")[0]
    assert question_text(question, "ja") is None
    assert question_text(question, "") is None


def test_an_unknown_purpose_is_an_error_with_a_stable_code():
    with pytest.raises(PrintingError) as raised:
        interview_questions("pilgrimage")
    assert raised.value.code == "unknown_purpose"
