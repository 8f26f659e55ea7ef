"""Fixed texts of the refusal-of-entry form, after Regulation (EU) 2016/399 Annex V Part B (standard form
for refusal of entry at the border), in each language the form can be printed in.

The wording follows the official language versions of the Annex where one exists (English, French, Spanish,
German, Portuguese); Russian and Arabic are faithful translations of the English version. The statement of
refusal names no legal instrument of its own (``refused``); ``refused_with_basis`` inserts the one the caller
gives, so packs other than Schengen print their own law. ``{legal_basis}`` is the only placeholder.
"""

from __future__ import annotations

from .errors import PrintingError

REFUSAL_FORM_KEYS = (
    "language_name",
    "form_title",
    "heading",
    "state",
    "authority",
    "reference",
    "page",
    "crossing_point",
    "date",
    "time",
    "intro",
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "document_type",
    "document_number",
    "refused",
    "refused_with_basis",
    "grounds",
    "remarks",
    "appeal_heading",
    "appeal",
    "copy",
    "person_concerned",
    "officer",
    "officer_name",
    "officer_id",
    "signature",
    "stamp",
)

REFUSAL_FORM_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "form_title": "Standard form for refusal of entry at the border",
        "heading": "REFUSAL OF ENTRY",
        "state": "Name of State",
        "authority": "Name of authority",
        "reference": "Reference",
        "page": "Page",
        "crossing_point": "Border crossing point",
        "date": "Date",
        "time": "Time",
        "intro": "On the date, at the time and at the border crossing point stated above, before us, the "
        "undersigned authority:",
        "surname": "Surname",
        "given_names": "First name(s)",
        "birth_date": "Date of birth",
        "sex": "Sex",
        "nationality": "Nationality",
        "document_type": "Type of travel document",
        "document_number": "Number of travel document",
        "refused": "has been informed that he/she has been refused entry into the country for the following reasons:",
        "refused_with_basis": "has been informed that he/she has been refused entry into the country pursuant "
        "to {legal_basis} for the following reasons:",
        "grounds": "Reasons",
        "remarks": "Comments",
        "appeal_heading": "Right of appeal",
        "appeal": "The person concerned may appeal against the decision to refuse entry as provided for in "
        "national law.",
        "copy": "The person concerned receives a copy of this document.",
        "person_concerned": "The person concerned",
        "officer": "Officer responsible for checks",
        "officer_name": "Name",
        "officer_id": "ID number",
        "signature": "Signature",
        "stamp": "Stamp",
    },
    "fr": {
        "language_name": "Français",
        "form_title": "Formulaire uniforme de refus d'entrée à la frontière",
        "heading": "REFUS D'ENTRÉE",
        "state": "Nom de l'État",
        "authority": "Nom de l'autorité",
        "reference": "Référence",
        "page": "Page",
        "crossing_point": "Point de passage frontalier",
        "date": "Date",
        "time": "Heure",
        "intro": "À la date, à l'heure et au point de passage frontalier indiqués ci-dessus, devant nous, "
        "l'autorité soussignée :",
        "surname": "Nom",
        "given_names": "Prénom(s)",
        "birth_date": "Date de naissance",
        "sex": "Sexe",
        "nationality": "Nationalité",
        "document_type": "Type de document de voyage",
        "document_number": "Numéro du document de voyage",
        "refused": "a été informé(e) que l'entrée dans le pays lui est refusée pour les motifs suivants :",
        "refused_with_basis": "a été informé(e) que l'entrée dans le pays lui est refusée en vertu de "
        "{legal_basis} pour les motifs suivants :",
        "grounds": "Motifs",
        "remarks": "Observations",
        "appeal_heading": "Droit de recours",
        "appeal": "L'intéressé(e) peut former un recours contre la décision de refus d'entrée conformément "
        "au droit national.",
        "copy": "L'intéressé(e) reçoit une copie du présent document.",
        "person_concerned": "L'intéressé(e)",
        "officer": "Le fonctionnaire responsable du contrôle",
        "officer_name": "Nom",
        "officer_id": "Numéro d'identification",
        "signature": "Signature",
        "stamp": "Cachet",
    },
    "es": {
        "language_name": "Español",
        "form_title": "Impreso uniforme de denegación de entrada en la frontera",
        "heading": "DENEGACIÓN DE ENTRADA",
        "state": "Nombre del Estado",
        "authority": "Nombre de la autoridad",
        "reference": "Referencia",
        "page": "Página",
        "crossing_point": "Paso fronterizo",
        "date": "Fecha",
        "time": "Hora",
        "intro": "En la fecha, a la hora y en el paso fronterizo indicados arriba, ante nosotros, la autoridad "
        "abajo firmante:",
        "surname": "Apellido(s)",
        "given_names": "Nombre(s)",
        "birth_date": "Fecha de nacimiento",
        "sex": "Sexo",
        "nationality": "Nacionalidad",
        "document_type": "Tipo de documento de viaje",
        "document_number": "Número del documento de viaje",
        "refused": "ha sido informado/a de que se le deniega la entrada en el país por los siguientes motivos:",
        "refused_with_basis": "ha sido informado/a de que se le deniega la entrada en el país en virtud de "
        "{legal_basis} por los siguientes motivos:",
        "grounds": "Motivos",
        "remarks": "Observaciones",
        "appeal_heading": "Derecho de recurso",
        "appeal": "La persona interesada podrá recurrir contra la decisión de denegación de entrada con "
        "arreglo a la legislación nacional.",
        "copy": "La persona interesada recibe una copia del presente documento.",
        "person_concerned": "La persona interesada",
        "officer": "El funcionario responsable del control",
        "officer_name": "Nombre",
        "officer_id": "Número de identificación",
        "signature": "Firma",
        "stamp": "Sello",
    },
    "de": {
        "language_name": "Deutsch",
        "form_title": "Standardformular für die Einreiseverweigerung an der Grenze",
        "heading": "EINREISEVERWEIGERUNG",
        "state": "Name des Staates",
        "authority": "Name der Behörde",
        "reference": "Aktenzeichen",
        "page": "Seite",
        "crossing_point": "Grenzübergangsstelle",
        "date": "Datum",
        "time": "Uhrzeit",
        "intro": "Am oben genannten Datum, zur oben genannten Uhrzeit und an der oben genannten "
        "Grenzübergangsstelle wurde von uns, der unterzeichneten Behörde,",
        "surname": "Name",
        "given_names": "Vorname(n)",
        "birth_date": "Geburtsdatum",
        "sex": "Geschlecht",
        "nationality": "Staatsangehörigkeit",
        "document_type": "Art des Reisedokuments",
        "document_number": "Nummer des Reisedokuments",
        "refused": "mitgeteilt, dass ihm/ihr die Einreise in das Land aus folgenden Gründen verweigert wird:",
        "refused_with_basis": "mitgeteilt, dass ihm/ihr die Einreise in das Land gemäß {legal_basis} aus "
        "folgenden Gründen verweigert wird:",
        "grounds": "Gründe",
        "remarks": "Bemerkungen",
        "appeal_heading": "Rechtsbehelf",
        "appeal": "Die betroffene Person kann nach Maßgabe des nationalen Rechts Rechtsmittel gegen die "
        "Entscheidung über die Einreiseverweigerung einlegen.",
        "copy": "Die betroffene Person erhält eine Kopie dieses Dokuments.",
        "person_concerned": "Die betroffene Person",
        "officer": "Der für die Kontrolle zuständige Beamte",
        "officer_name": "Name",
        "officer_id": "Dienstnummer",
        "signature": "Unterschrift",
        "stamp": "Dienststempel",
    },
    "pt": {
        "language_name": "Português",
        "form_title": "Formulário uniforme de recusa de entrada na fronteira",
        "heading": "RECUSA DE ENTRADA",
        "state": "Nome do Estado",
        "authority": "Nome da autoridade",
        "reference": "Referência",
        "page": "Página",
        "crossing_point": "Ponto de passagem de fronteira",
        "date": "Data",
        "time": "Hora",
        "intro": "Na data, à hora e no ponto de passagem de fronteira acima indicados, perante nós, a "
        "autoridade abaixo assinada:",
        "surname": "Apelido",
        "given_names": "Nome(s) próprio(s)",
        "birth_date": "Data de nascimento",
        "sex": "Sexo",
        "nationality": "Nacionalidade",
        "document_type": "Tipo de documento de viagem",
        "document_number": "Número do documento de viagem",
        "refused": "foi informado(a) de que lhe é recusada a entrada no país pelos seguintes motivos:",
        "refused_with_basis": "foi informado(a) de que lhe é recusada a entrada no país ao abrigo de "
        "{legal_basis} pelos seguintes motivos:",
        "grounds": "Motivos",
        "remarks": "Observações",
        "appeal_heading": "Direito de recurso",
        "appeal": "O interessado pode interpor recurso da decisão de recusa de entrada, nos termos da "
        "legislação nacional.",
        "copy": "O interessado recebe uma cópia do presente documento.",
        "person_concerned": "O interessado",
        "officer": "O agente responsável pelo controlo",
        "officer_name": "Nome",
        "officer_id": "Número de identificação",
        "signature": "Assinatura",
        "stamp": "Carimbo",
    },
    "ru": {
        "language_name": "Русский",
        "form_title": "Стандартная форма отказа во въезде на границе",
        "heading": "ОТКАЗ ВО ВЪЕЗДЕ",
        "state": "Наименование государства",
        "authority": "Наименование органа",
        "reference": "Регистрационный номер",
        "page": "Страница",
        "crossing_point": "Пункт пропуска через границу",
        "date": "Дата",
        "time": "Время",
        "intro": "В указанные выше дату, время и пункт пропуска через границу нами, нижеподписавшимся органом,",
        "surname": "Фамилия",
        "given_names": "Имя (имена)",
        "birth_date": "Дата рождения",
        "sex": "Пол",
        "nationality": "Гражданство",
        "document_type": "Вид проездного документа",
        "document_number": "Номер проездного документа",
        "refused": "уведомлен(а) о том, что ему/ей отказано во въезде в страну по следующим основаниям:",
        "refused_with_basis": "уведомлен(а) о том, что ему/ей отказано во въезде в страну в соответствии с "
        "{legal_basis} по следующим основаниям:",
        "grounds": "Основания",
        "remarks": "Примечания",
        "appeal_heading": "Право на обжалование",
        "appeal": "Заинтересованное лицо может обжаловать решение об отказе во въезде в порядке, "
        "предусмотренном национальным законодательством.",
        "copy": "Заинтересованное лицо получает копию настоящего документа.",
        "person_concerned": "Заинтересованное лицо",
        "officer": "Сотрудник, ответственный за проверку",
        "officer_name": "Фамилия и имя",
        "officer_id": "Идентификационный номер",
        "signature": "Подпись",
        "stamp": "Печать",
    },
    "ar": {
        "language_name": "العربية",
        "form_title": "النموذج الموحد لرفض الدخول عند الحدود",
        "heading": "رفض الدخول",
        "state": "اسم الدولة",
        "authority": "اسم السلطة",
        "reference": "الرقم المرجعي",
        "page": "الصفحة",
        "crossing_point": "نقطة العبور الحدودية",
        "date": "التاريخ",
        "time": "الساعة",
        "intro": "في التاريخ والساعة ونقطة العبور الحدودية المذكورة أعلاه، وأمامنا نحن السلطة الموقعة أدناه:",
        "surname": "اسم العائلة",
        "given_names": "الاسم الأول",
        "birth_date": "تاريخ الميلاد",
        "sex": "الجنس",
        "nationality": "الجنسية",
        "document_type": "نوع وثيقة السفر",
        "document_number": "رقم وثيقة السفر",
        "refused": "أُبلغ/أُبلغت بأنه قد رُفض دخوله/دخولها إلى البلد للأسباب التالية:",
        "refused_with_basis": "أُبلغ/أُبلغت بأنه قد رُفض دخوله/دخولها إلى البلد بموجب {legal_basis} للأسباب التالية:",
        "grounds": "الأسباب",
        "remarks": "ملاحظات",
        "appeal_heading": "حق الطعن",
        "appeal": "يجوز للشخص المعني الطعن في قرار رفض الدخول وفقاً لما ينص عليه القانون الوطني.",
        "copy": "يتسلم الشخص المعني نسخة من هذه الوثيقة.",
        "person_concerned": "الشخص المعني",
        "officer": "الموظف المسؤول عن المراقبة",
        "officer_name": "الاسم",
        "officer_id": "رقم الهوية",
        "signature": "التوقيع",
        "stamp": "الختم",
    },
}

# The grounds (A) to (I) of Annex V Part B in each language, for forms printed with the Schengen pack's
# catalogue: pass them as ``RefusalForm.ground_translations``.
SCHENGEN_GROUND_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "A": "has no valid travel document(s)",
        "B": "has a false, counterfeit or forged travel document",
        "C": "has no valid visa or residence permit",
        "D": "has a false, counterfeit or forged visa or residence permit",
        "E": "has no appropriate documentation justifying the purpose and conditions of stay",
        "F": "has already stayed for 90 days during the previous 180-day period on the territory of the Member "
        "States of the European Union",
        "G": "does not have sufficient means of subsistence in relation to the period and form of stay, or the "
        "means to return to the country of origin or transit",
        "H": "is a person for whom an alert has been issued for the purposes of refusing entry in the SIS or in "
        "the national register",
        "I": "is considered to be a threat to public policy, internal security, public health or the "
        "international relations of one or more Member States of the European Union",
    },
    "fr": {
        "A": "n'est pas en possession d'un document de voyage valable",
        "B": "est en possession d'un document de voyage faux, falsifié ou contrefait",
        "C": "n'est pas en possession d'un visa ou d'un titre de séjour valable",
        "D": "est en possession d'un visa ou d'un titre de séjour faux, falsifié ou contrefait",
        "E": "n'est pas en possession des documents appropriés justifiant l'objet et les conditions du séjour",
        "F": "a déjà séjourné pendant 90 jours au cours de la période précédente de 180 jours sur le territoire "
        "des États membres de l'Union européenne",
        "G": "ne dispose pas de moyens de subsistance suffisants pour la durée et les modalités du séjour, ou "
        "pour le retour vers le pays d'origine ou de transit",
        "H": "est signalé(e) aux fins de non-admission dans le SIS ou dans le registre national",
        "I": "est considéré(e) comme représentant une menace pour l'ordre public, la sécurité intérieure, la "
        "santé publique ou les relations internationales d'un ou plusieurs États membres de l'Union "
        "européenne",
    },
    "es": {
        "A": "no posee un documento de viaje válido",
        "B": "posee un documento de viaje falso, falsificado o alterado",
        "C": "no posee un visado o permiso de residencia válido",
        "D": "posee un visado o permiso de residencia falso, falsificado o alterado",
        "E": "no posee la documentación adecuada que justifique el motivo y las condiciones de la estancia",
        "F": "ha permanecido ya 90 días durante el período de 180 días anterior en el territorio de los Estados "
        "miembros de la Unión Europea",
        "G": "no dispone de medios de subsistencia suficientes en relación con el período y las modalidades de "
        "estancia, o de medios para regresar al país de origen o de tránsito",
        "H": "es una persona sobre la que existe una descripción a efectos de no admisión en el SIS o en el "
        "registro nacional",
        "I": "se considera que representa una amenaza para el orden público, la seguridad interior, la salud "
        "pública o las relaciones internacionales de uno o más Estados miembros de la Unión Europea",
    },
    "de": {
        "A": "ist nicht im Besitz eines gültigen Reisedokuments/gültiger Reisedokumente",
        "B": "ist im Besitz eines falschen/verfälschten Reisedokuments",
        "C": "ist nicht im Besitz eines gültigen Visums oder Aufenthaltstitels",
        "D": "ist im Besitz eines falschen/verfälschten Visums oder Aufenthaltstitels",
        "E": "ist nicht im Besitz der erforderlichen Dokumente, die den Zweck und die Umstände des Aufenthalts belegen",
        "F": "hat sich bereits 90 Tage während des vorangegangenen Zeitraums von 180 Tagen im Hoheitsgebiet der "
        "Mitgliedstaaten der Europäischen Union aufgehalten",
        "G": "verfügt nicht über ausreichende Mittel zur Bestreitung des Lebensunterhalts für die Dauer und die "
        "Form des Aufenthalts oder für die Rückreise in den Herkunfts- oder Durchreisestaat",
        "H": "ist eine Person, die im SIS oder im nationalen Register zur Einreiseverweigerung ausgeschrieben ist",
        "I": "stellt eine Gefahr für die öffentliche Ordnung, die innere Sicherheit, die öffentliche Gesundheit "
        "oder die internationalen Beziehungen eines oder mehrerer Mitgliedstaaten der Europäischen Union "
        "dar",
    },
    "pt": {
        "A": "não possui documento(s) de viagem válido(s)",
        "B": "possui um documento de viagem falso, falsificado ou contrafeito",
        "C": "não possui visto ou autorização de residência válidos",
        "D": "possui um visto ou autorização de residência falsos, falsificados ou contrafeitos",
        "E": "não possui documentação adequada que justifique o objetivo e as condições da estada",
        "F": "já permaneceu 90 dias durante o período de 180 dias anterior no território dos Estados-Membros "
        "da União Europeia",
        "G": "não dispõe de meios de subsistência suficientes em relação ao período e às condições da estada, "
        "ou dos meios para regressar ao país de origem ou de trânsito",
        "H": "é uma pessoa indicada para efeitos de não admissão no SIS ou no registo nacional",
        "I": "é considerado(a) uma ameaça para a ordem pública, a segurança interna, a saúde pública ou as "
        "relações internacionais de um ou mais Estados-Membros da União Europeia",
    },
    "ru": {
        "A": "не имеет действительного проездного документа (документов)",
        "B": "имеет ложный, поддельный или подложный проездной документ",
        "C": "не имеет действительной визы или вида на жительство",
        "D": "имеет ложную, поддельную или подложную визу или вид на жительство",
        "E": "не имеет надлежащих документов, подтверждающих цель и условия пребывания",
        "F": "уже пребывал(а) 90 дней в течение предшествующего 180-дневного периода на территории "
        "государств — членов Европейского союза",
        "G": "не располагает достаточными средствами к существованию с учётом срока и формы пребывания или "
        "средствами для возвращения в страну происхождения или транзита",
        "H": "является лицом, в отношении которого в SIS или в национальном реестре внесено предупреждение "
        "в целях отказа во въезде",
        "I": "считается угрозой для публичного порядка, внутренней безопасности, здоровья населения или "
        "международных отношений одного или нескольких государств — членов Европейского союза",
    },
    "ar": {
        "A": "لا يحمل وثيقة (وثائق) سفر سارية المفعول",
        "B": "يحمل وثيقة سفر مزيفة أو مزورة أو محرّفة",
        "C": "لا يحمل تأشيرة أو تصريح إقامة ساري المفعول",
        "D": "يحمل تأشيرة أو تصريح إقامة مزيفاً أو مزوراً أو محرّفاً",
        "E": "لا يحمل المستندات المناسبة التي تثبت الغرض من الإقامة وشروطها",
        "F": "سبق له أن أقام 90 يوماً خلال فترة الـ180 يوماً السابقة في أراضي الدول الأعضاء في الاتحاد الأوروبي",
        "G": "لا يملك وسائل عيش كافية بالنسبة لمدة الإقامة وشكلها، أو وسائل العودة إلى بلد المنشأ أو بلد العبور",
        "H": "شخص صدر بشأنه تنبيه لأغراض رفض الدخول في نظام معلومات شنغن (SIS) أو في السجل الوطني",
        "I": "يُعتبر تهديداً للنظام العام أو الأمن الداخلي أو الصحة العامة أو العلاقات الدولية لدولة أو أكثر من "
        "الدول الأعضاء في الاتحاد الأوروبي",
    },
}

# The grounds of section 12(1) of the (fictional) Utopia Immigration Act 2019, as the uto pack words them in
# English, in the other languages the form is printed in: pass them as ``RefusalForm.ground_translations``.
UTO_GROUND_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "UIA-12-1-a": "n'est pas en possession d'un document de voyage valable, ou en possède un qui expire moins "
        "de trois mois après la date de départ prévue ou qui a été délivré il y a plus de dix ans",
        "UIA-12-1-b": "est en possession d'un document de voyage faux, falsifié ou contrefait",
        "UIA-12-1-c": "n'est pas en possession d'un visa, d'une autorisation de voyage ou d'un titre de séjour "
        "valable alors que l'annexe 1 l'exige, et ne remplit pas les conditions d'un visa à l'arrivée",
        "UIA-12-1-d": "est en possession d'un visa, d'une autorisation de voyage ou d'un titre de séjour faux, "
        "falsifié ou contrefait",
        "UIA-12-1-e": "ne peut justifier l'objet et les conditions du séjour envisagé",
        "UIA-12-1-f": "a déjà séjourné le nombre maximal de jours autorisé au cours de la période de référence",
        "UIA-12-1-g": "ne dispose pas de moyens de subsistance suffisants pour le séjour envisagé et le retour",
        "UIA-12-1-h": "fait l'objet d'une interdiction d'entrée ou d'un signalement aux fins de non-admission dans "
        "le registre national",
        "UIA-12-1-i": "est considéré(e) comme une menace pour l'ordre public, la sécurité nationale, la santé "
        "publique ou les relations internationales de l'Utopie",
    },
    "es": {
        "UIA-12-1-a": "no posee un documento de viaje válido, o posee uno que caduca menos de tres meses después "
        "de la salida prevista o que fue expedido hace más de diez años",
        "UIA-12-1-b": "posee un documento de viaje falso, falsificado o alterado",
        "UIA-12-1-c": "no posee un visado, una autorización de viaje o un permiso de residencia válidos cuando el "
        "anexo 1 lo exige, y no reúne las condiciones para obtener un visado a la llegada",
        "UIA-12-1-d": "posee un visado, una autorización de viaje o un permiso de residencia falsos, falsificados "
        "o alterados",
        "UIA-12-1-e": "no puede justificar el motivo y las condiciones de la estancia prevista",
        "UIA-12-1-f": "ya ha permanecido el número máximo de días permitido dentro del período de referencia",
        "UIA-12-1-g": "no dispone de medios de subsistencia suficientes para la estancia prevista y el regreso",
        "UIA-12-1-h": "es objeto de una prohibición de entrada o de una descripción a efectos de denegación de "
        "entrada en el registro nacional",
        "UIA-12-1-i": "se considera una amenaza para el orden público, la seguridad nacional, la salud pública o "
        "las relaciones internacionales de Utopía",
    },
}

# A bundled pack's id -> its grounds in each language they are translated into.
GROUND_TEXTS: dict[str, dict[str, dict[str, str]]] = {"schengen": SCHENGEN_GROUND_TEXTS, "uto": UTO_GROUND_TEXTS}

# The language a traveller is spoken to and given the form in by default, by nationality (ISO 3166-1 alpha-3,
# as on the passport), among the interview's languages (the form falls back to English where it lacks one, e.g.
# Chinese). Everyone else: English. The officer can always choose another.
NATIONALITY_LANGUAGES: dict[str, str] = {
    **dict.fromkeys(
        "FRA BEL LUX MCO SEN CIV MLI BFA NER TCD CMR GAB COG COD BEN TGO GIN MDG HTI CAF BDI DJI COM".split(), "fr"
    ),
    **dict.fromkeys("ESP MEX ARG COL PER VEN CHL ECU GTM CUB BOL DOM HND PRY SLV NIC CRI PAN URY GNQ".split(), "es"),
    **dict.fromkeys("DEU D AUT LIE".split(), "de"),
    **dict.fromkeys("PRT BRA AGO MOZ CPV GNB STP TLS".split(), "pt"),
    **dict.fromkeys("RUS BLR KGZ".split(), "ru"),
    **dict.fromkeys("CHN TWN HKG MAC".split(), "zh"),
    **dict.fromkeys("SAU EGY ARE JOR MAR DZA TUN LBY IRQ SYR LBN YEM OMN QAT KWT BHR SDN MRT PSE".split(), "ar"),
}


def language_for_nationality(nationality: str | None) -> str:
    """The language a traveller of ``nationality`` reads by default: English where no other fits."""
    return NATIONALITY_LANGUAGES.get((nationality or "").strip().upper(), "en")


def available_languages() -> list[str]:
    """The ISO 639-1 codes the refusal form can be printed in."""
    return sorted(REFUSAL_FORM_TEXTS)


def refusal_form_texts(language: str) -> dict[str, str]:
    """The fixed texts in ``language``. An unknown language is an error (``unknown_language``), never a silent
    English form: the traveller must get the language that was asked for, or the officer must choose."""
    texts = REFUSAL_FORM_TEXTS.get(language)
    if texts is None:
        raise PrintingError(
            "unknown_language",
            f"the refusal form has no texts in {language!r}; available: {', '.join(available_languages())}",
        )
    return texts
