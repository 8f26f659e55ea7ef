"""Questions a border officer asks at the first-line interview, by purpose of visit, as data in the languages
travellers most often speak. Each question says what kind of answer it expects, so a screen can offer the
right input (a date picker, an amount with currency, yes/no).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .errors import PrintingError

INTERVIEW_LANGUAGES = ("en", "fr", "es", "de", "pt", "ar", "ru", "zh")
INTERVIEW_PURPOSES = ("tourism", "business", "study", "work", "transit", "family", "other")


class AnswerType(StrEnum):
    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    MONEY = "money"
    YES_NO = "yes_no"


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    answer_type: AnswerType
    texts: Mapping[str, str]


def _question(key: str, answer_type: AnswerType, **texts: str) -> Question:
    return Question(key, answer_type, texts)


_QUESTIONS = [
    _question(
        "purpose_of_visit",
        AnswerType.TEXT,
        en="What is the purpose of your visit?",
        fr="Quel est le but de votre visite ?",
        es="¿Cuál es el motivo de su visita?",
        de="Was ist der Zweck Ihres Besuchs?",
        pt="Qual é o objetivo da sua visita?",
        ar="ما الغرض من زيارتك؟",
        ru="Какова цель вашего визита?",
        zh="您此次来访的目的是什么？",
    ),
    _question(
        "length_of_stay",
        AnswerType.NUMBER,
        en="How many days do you intend to stay?",
        fr="Combien de jours comptez-vous séjourner ?",
        es="¿Cuántos días piensa quedarse?",
        de="Wie viele Tage wollen Sie bleiben?",
        pt="Quantos dias tenciona ficar?",
        ar="كم يوماً تنوي البقاء؟",
        ru="Сколько дней вы намерены пробыть?",
        zh="您打算停留多少天？",
    ),
    _question(
        "address_in_country",
        AnswerType.TEXT,
        en="Where will you stay? Please give the address.",
        fr="Où allez-vous loger ? Veuillez indiquer l'adresse.",
        es="¿Dónde se alojará? Indique la dirección, por favor.",
        de="Wo werden Sie wohnen? Bitte nennen Sie die Adresse.",
        pt="Onde vai ficar alojado? Indique a morada, por favor.",
        ar="أين ستقيم؟ يرجى ذكر العنوان.",
        ru="Где вы будете проживать? Укажите, пожалуйста, адрес.",
        zh="您将住在哪里？请提供地址。",
    ),
    _question(
        "means_of_subsistence",
        AnswerType.MONEY,
        en="How much money do you have available for your stay?",
        fr="De combien d'argent disposez-vous pour votre séjour ?",
        es="¿De cuánto dinero dispone para su estancia?",
        de="Wie viel Geld steht Ihnen für Ihren Aufenthalt zur Verfügung?",
        pt="De quanto dinheiro dispõe para a sua estada?",
        ar="ما مقدار المال المتوفر لديك لفترة إقامتك؟",
        ru="Какой суммой денег вы располагаете на время пребывания?",
        zh="您此次停留可支配的资金有多少？",
    ),
    _question(
        "return_ticket",
        AnswerType.YES_NO,
        en="Do you have a return or onward ticket?",
        fr="Avez-vous un billet de retour ou de continuation ?",
        es="¿Tiene billete de vuelta o de continuación de viaje?",
        de="Haben Sie ein Rück- oder Weiterreiseticket?",
        pt="Tem bilhete de regresso ou de continuação de viagem?",
        ar="هل لديك تذكرة عودة أو تذكرة لمواصلة السفر؟",
        ru="Есть ли у вас обратный билет или билет для дальнейшего следования?",
        zh="您有返程票或续程票吗？",
    ),
    _question(
        "accommodation_booked",
        AnswerType.YES_NO,
        en="Have you booked a hotel or arranged other accommodation?",
        fr="Avez-vous réservé un hôtel ou un autre hébergement ?",
        es="¿Ha reservado un hotel u otro alojamiento?",
        de="Haben Sie ein Hotel oder eine andere Unterkunft gebucht?",
        pt="Reservou um hotel ou outro alojamento?",
        ar="هل حجزت فندقاً أو رتبت مكاناً آخر للإقامة؟",
        ru="Забронировали ли вы гостиницу или другое жильё?",
        zh="您是否已预订酒店或安排了其他住宿？",
    ),
    _question(
        "inviting_company",
        AnswerType.TEXT,
        en="Which company or organisation has invited you?",
        fr="Quelle entreprise ou organisation vous a invité(e) ?",
        es="¿Qué empresa u organización le ha invitado?",
        de="Welches Unternehmen oder welche Organisation hat Sie eingeladen?",
        pt="Que empresa ou organização o(a) convidou?",
        ar="ما الشركة أو المنظمة التي دعتك؟",
        ru="Какая компания или организация вас пригласила?",
        zh="哪家公司或机构邀请了您？",
    ),
    _question(
        "invitation_letter",
        AnswerType.YES_NO,
        en="Do you have a letter of invitation?",
        fr="Avez-vous une lettre d'invitation ?",
        es="¿Tiene una carta de invitación?",
        de="Haben Sie ein Einladungsschreiben?",
        pt="Tem uma carta-convite?",
        ar="هل لديك رسالة دعوة؟",
        ru="Есть ли у вас письмо-приглашение?",
        zh="您有邀请函吗？",
    ),
    _question(
        "employer_at_home",
        AnswerType.TEXT,
        en="Who is your employer in your home country?",
        fr="Qui est votre employeur dans votre pays ?",
        es="¿Quién es su empleador en su país?",
        de="Wer ist Ihr Arbeitgeber in Ihrem Heimatland?",
        pt="Quem é a sua entidade patronal no seu país?",
        ar="من هو صاحب العمل الذي تعمل لديه في بلدك؟",
        ru="Кто ваш работодатель в вашей стране?",
        zh="您在本国的雇主是谁？",
    ),
    _question(
        "school_name",
        AnswerType.TEXT,
        en="Which school or university will you attend?",
        fr="Quel établissement d'enseignement ou quelle université allez-vous fréquenter ?",
        es="¿En qué centro de estudios o universidad va a estudiar?",
        de="Welche Schule oder Hochschule werden Sie besuchen?",
        pt="Que escola ou universidade vai frequentar?",
        ar="ما المدرسة أو الجامعة التي ستدرس فيها؟",
        ru="В каком учебном заведении вы будете учиться?",
        zh="您将就读哪所学校或大学？",
    ),
    _question(
        "course_start_date",
        AnswerType.DATE,
        en="When does your course start?",
        fr="Quand vos cours commencent-ils ?",
        es="¿Cuándo empiezan sus estudios?",
        de="Wann beginnt Ihr Studium oder Kurs?",
        pt="Quando começa o seu curso?",
        ar="متى تبدأ دراستك؟",
        ru="Когда начинается ваше обучение?",
        zh="您的课程何时开始？",
    ),
    _question(
        "tuition_paid",
        AnswerType.YES_NO,
        en="Have you paid the tuition fees?",
        fr="Avez-vous payé les frais de scolarité ?",
        es="¿Ha pagado las tasas de matrícula?",
        de="Haben Sie die Studiengebühren bezahlt?",
        pt="Já pagou as propinas?",
        ar="هل دفعت الرسوم الدراسية؟",
        ru="Оплатили ли вы обучение?",
        zh="您已缴纳学费了吗？",
    ),
    _question(
        "employer_in_country",
        AnswerType.TEXT,
        en="Who will employ you in this country?",
        fr="Qui sera votre employeur dans ce pays ?",
        es="¿Quién será su empleador en este país?",
        de="Wer wird Ihr Arbeitgeber in diesem Land sein?",
        pt="Quem será a sua entidade patronal neste país?",
        ar="من سيكون صاحب العمل في هذا البلد؟",
        ru="Кто будет вашим работодателем в этой стране?",
        zh="您在这个国家的雇主是谁？",
    ),
    _question(
        "work_permit_number",
        AnswerType.TEXT,
        en="What is the number of your work permit?",
        fr="Quel est le numéro de votre permis de travail ?",
        es="¿Cuál es el número de su permiso de trabajo?",
        de="Welche Nummer hat Ihre Arbeitserlaubnis?",
        pt="Qual é o número da sua autorização de trabalho?",
        ar="ما رقم تصريح العمل الخاص بك؟",
        ru="Каков номер вашего разрешения на работу?",
        zh="您的工作许可证号码是多少？",
    ),
    _question(
        "employment_start_date",
        AnswerType.DATE,
        en="When does your employment start?",
        fr="Quand votre emploi commence-t-il ?",
        es="¿Cuándo empieza su empleo?",
        de="Wann beginnt Ihr Arbeitsverhältnis?",
        pt="Quando começa o seu emprego?",
        ar="متى يبدأ عملك؟",
        ru="Когда вы приступаете к работе?",
        zh="您的工作何时开始？",
    ),
    _question(
        "final_destination",
        AnswerType.TEXT,
        en="What is your final destination?",
        fr="Quelle est votre destination finale ?",
        es="¿Cuál es su destino final?",
        de="Was ist Ihr endgültiges Reiseziel?",
        pt="Qual é o seu destino final?",
        ar="ما وجهتك النهائية؟",
        ru="Каков конечный пункт вашей поездки?",
        zh="您的最终目的地是哪里？",
    ),
    _question(
        "onward_departure_date",
        AnswerType.DATE,
        en="When does your onward flight or connection leave?",
        fr="Quand part votre vol de correspondance ou de continuation ?",
        es="¿Cuándo sale su vuelo de conexión o de continuación?",
        de="Wann geht Ihr Anschlussflug oder Ihre Weiterreise?",
        pt="Quando parte o seu voo de ligação ou de continuação?",
        ar="متى تغادر رحلتك التالية؟",
        ru="Когда отправляется ваш стыковочный рейс или транспорт для дальнейшего следования?",
        zh="您的转机航班或后续行程何时出发？",
    ),
    _question(
        "visa_for_destination",
        AnswerType.YES_NO,
        en="Do you hold a visa or permit for your final destination, if one is required?",
        fr="Êtes-vous titulaire d'un visa ou d'un titre pour votre destination finale, s'il est exigé ?",
        es="¿Tiene visado o permiso para su destino final, si se exige?",
        de="Besitzen Sie ein Visum oder einen Aufenthaltstitel für Ihr endgültiges Reiseziel, falls erforderlich?",
        pt="Tem visto ou autorização para o seu destino final, se for exigido?",
        ar="هل تحمل تأشيرة أو تصريحاً لوجهتك النهائية إذا كان ذلك مطلوباً؟",
        ru="Есть ли у вас виза или разрешение для страны конечного назначения, если они требуются?",
        zh="如果需要，您是否持有前往最终目的地的签证或许可？",
    ),
    _question(
        "host_name",
        AnswerType.TEXT,
        en="Whom are you visiting? Please give their name.",
        fr="Qui allez-vous voir ? Veuillez indiquer son nom.",
        es="¿A quién va a visitar? Indique su nombre, por favor.",
        de="Wen besuchen Sie? Bitte nennen Sie den Namen.",
        pt="Quem vai visitar? Indique o nome, por favor.",
        ar="من ستزور؟ يرجى ذكر اسمه.",
        ru="Кого вы навещаете? Укажите, пожалуйста, имя и фамилию.",
        zh="您要探访谁？请提供其姓名。",
    ),
    _question(
        "host_relationship",
        AnswerType.TEXT,
        en="How are you related to the person you are visiting?",
        fr="Quel est votre lien avec la personne que vous allez voir ?",
        es="¿Qué relación tiene con la persona a la que visita?",
        de="In welcher Beziehung stehen Sie zu der Person, die Sie besuchen?",
        pt="Qual é a sua relação com a pessoa que vai visitar?",
        ar="ما صلتك بالشخص الذي ستزوره؟",
        ru="Кем вам приходится человек, которого вы навещаете?",
        zh="您与所探访的人是什么关系？",
    ),
]

QUESTIONS: dict[str, Question] = {question.key: question for question in _QUESTIONS}

_STAY = ("length_of_stay", "address_in_country", "means_of_subsistence", "return_ticket")
PURPOSE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "tourism": ("purpose_of_visit", *_STAY[:2], "accommodation_booked", *_STAY[2:]),
    "business": ("purpose_of_visit", "inviting_company", "invitation_letter", "employer_at_home", *_STAY),
    "study": ("purpose_of_visit", "school_name", "course_start_date", "tuition_paid", *_STAY),
    "work": ("purpose_of_visit", "employer_in_country", "work_permit_number", "employment_start_date", *_STAY),
    # In transit the ticket asked about is the onward one, and there is no stay to house.
    "transit": (
        "final_destination",
        "onward_departure_date",
        "return_ticket",
        "visa_for_destination",
        "means_of_subsistence",
    ),
    "family": ("purpose_of_visit", "host_name", "host_relationship", "invitation_letter", *_STAY),
    "other": ("purpose_of_visit", *_STAY),
}


def interview_questions(purpose: str) -> list[Question]:
    """The questions for a purpose of visit (one of ``INTERVIEW_PURPOSES``), in the order to ask them.
    Raises ``PrintingError`` (``unknown_purpose``) for any other purpose."""
    keys = PURPOSE_QUESTIONS.get(purpose)
    if keys is None:
        raise PrintingError(
            "unknown_purpose", f"no interview questions for purpose {purpose!r}; known: {', '.join(INTERVIEW_PURPOSES)}"
        )
    return [QUESTIONS[key] for key in keys]


def question_text(question: Question, language: str) -> str | None:
    """The question in ``language`` (an ISO 639-1 code), or None where it has no translation."""
    return question.texts.get(language)
