"""Fixed texts of the letters a case sends the applicant (core/printing/case_letters.py): the decision, the request
for evidence and the invitation to an interview or to give biometric data, in every language letters are written
in (en, de, fr, es, pt, ru, ar: those of the refusal form).

English is the source; the other languages are faithful translations of it, in the formal register of an
administration writing to a member of the public. The placeholders are ``{reference}``, ``{lodged_on}``,
``{office}``, ``{appeal_body}``, ``{due_on}``, ``{requested_on}``, ``{zone}``, ``{language}`` and ``{name}``; a
key has the same placeholders in every language (checked by the tests). A line break in ``bring_*`` separates
the items of a list.
"""

from __future__ import annotations

from .errors import PrintingError

CASE_LETTER_KEYS = (
    "language_name",
    "reference",
    "date",
    "page",
    "applicant",
    "document",
    "application",
    "lodged_on",
    "greeting",
    "closing",
    "officer",
    "approved_by",
    "four_eyes",
    "decision_heading",
    "approved",
    "granted",
    "number",
    "valid_from",
    "valid_until",
    "entries",
    "entries_multiple",
    "days",
    "not_yet",
    "next_heading",
    "collect_sticker",
    "collect_card",
    "collect_certificate",
    "refused",
    "inadmissible",
    "legal_basis",
    "appeal_heading",
    "appeal",
    "appeal_body",
    "appeal_address",
    "evidence_heading",
    "evidence_intro",
    "titles_in_english",
    "officer_message",
    "due",
    "clock",
    "consequence",
    "how_to_send",
    "interview_heading",
    "biometrics_heading",
    "invite_interview",
    "invite_biometrics",
    "time",
    "time_zone",
    "place",
    "purpose",
    "purpose_interview",
    "purpose_biometrics",
    "interpreter",
    "interpreter_booked",
    "bring_heading",
    "bring_interview",
    "bring_biometrics",
    "arrive",
    "reschedule_heading",
    "reschedule",
)

CASE_LETTER_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "reference": "Reference",
        "date": "Date",
        "page": "Page",
        "applicant": "Applicant",
        "document": "Travel document",
        "application": "Application",
        "lodged_on": "Lodged on",
        "greeting": "Dear {name},",
        "closing": "Yours faithfully,",
        "officer": "Officer responsible",
        "approved_by": "Approved by the senior officer",
        "four_eyes": "This decision was approved by a second, senior officer, as the law requires.",
        "decision_heading": "Decision on your application",
        "approved": "Your application {reference}, lodged on {lodged_on}, has been approved.",
        "granted": "What you have been granted",
        "number": "Number",
        "valid_from": "Valid from",
        "valid_until": "Valid until",
        "entries": "Entries",
        "entries_multiple": "multiple",
        "days": "Days of stay",
        "not_yet": "given when you collect it",
        "next_heading": "What to do next",
        "collect_sticker": "Bring your travel document and this letter to {office}. The visa will be placed in your "
        "travel document. Check its details before you leave the counter.",
        "collect_card": "Come to {office} with your travel document and this letter to collect your residence "
        "permit card. Check its details before you leave the counter.",
        "collect_certificate": "{office} will invite you to a citizenship ceremony. There you take the oath of "
        "allegiance and receive your certificate of naturalisation: you are a Utopian citizen from the day of the "
        "oath.",
        "refused": "Your application {reference}, lodged on {lodged_on}, has been refused for the following reasons:",
        "inadmissible": "Your application {reference}, lodged on {lodged_on}, is inadmissible and has not been "
        "examined, for the following reasons:",
        "legal_basis": "Legal basis",
        "appeal_heading": "Right of appeal",
        "appeal": "You may appeal against this decision within 30 days of the day you receive this letter. The "
        "appeal goes to {appeal_body}. You may write it in any language; state the reference {reference} and why "
        "you think the decision is wrong, sign it and enclose any documents that support it. Send it by post or "
        "hand it in at {office}, which forwards it.",
        "appeal_body": "the Immigration Appeals Tribunal",
        "appeal_address": "Address of the tribunal",
        "evidence_heading": "Request for further evidence",
        "evidence_intro": "To decide your application {reference}, we need the following documents from you:",
        "titles_in_english": "The titles of the documents are given in English, as in the official list of "
        "supporting documents.",
        "officer_message": "Note from the officer",
        "due": "Please send them by {due_on} at the latest.",
        "clock": "The time limit for deciding your application stands still from {requested_on} until the "
        "evidence arrives.",
        "consequence": "If the evidence has not arrived by {due_on}, your application may be refused on the "
        "following ground:",
        "how_to_send": "Send copies of the documents by post to {office}, or hand them in there, marked with the "
        "reference {reference}. Keep the originals: you may be asked to show them.",
        "interview_heading": "Invitation to an interview",
        "biometrics_heading": "Invitation to give biometric data",
        "invite_interview": "You are invited to an interview about your application {reference}.",
        "invite_biometrics": "You are invited to have your photograph and fingerprints taken for your application "
        "{reference}.",
        "time": "Time",
        "time_zone": "local time, {zone}",
        "place": "Place",
        "purpose": "Purpose",
        "purpose_interview": "Interview",
        "purpose_biometrics": "Biometric data (photograph and fingerprints)",
        "interpreter": "Interpreter",
        "interpreter_booked": "An interpreter for {language} has been booked for you.",
        "bring_heading": "What to bring",
        "bring_interview": "This letter\nYour travel document\nThe originals of the supporting documents you sent "
        "as copies",
        "bring_biometrics": "This letter\nYour travel document",
        "arrive": "Please arrive 15 minutes before the time given.",
        "reschedule_heading": "If you cannot come",
        "reschedule": "Tell {office} at least two working days before the appointment, quoting the reference "
        "{reference}, and you will be offered another time. If you do not come and have not told us, your "
        "application will be decided on the information we have.",
    },
    "de": {
        "language_name": "Deutsch",
        "reference": "Aktenzeichen",
        "date": "Datum",
        "page": "Seite",
        "applicant": "Antragsteller/in",
        "document": "Reisedokument",
        "application": "Antrag",
        "lodged_on": "Gestellt am",
        "greeting": "Sehr geehrte/r {name},",
        "closing": "Mit freundlichen Grüßen",
        "officer": "Zuständige/r Sachbearbeiter/in",
        "approved_by": "Genehmigt von der/dem vorgesetzten Beamtin/Beamten",
        "four_eyes": "Diese Entscheidung wurde, wie gesetzlich vorgeschrieben, von einer zweiten, vorgesetzten "
        "Person genehmigt.",
        "decision_heading": "Entscheidung über Ihren Antrag",
        "approved": "Ihrem Antrag {reference}, gestellt am {lodged_on}, wurde stattgegeben.",
        "granted": "Was Ihnen erteilt wurde",
        "number": "Nummer",
        "valid_from": "Gültig ab",
        "valid_until": "Gültig bis",
        "entries": "Einreisen",
        "entries_multiple": "mehrfach",
        "days": "Aufenthaltstage",
        "not_yet": "wird bei der Abholung vergeben",
        "next_heading": "Wie es weitergeht",
        "collect_sticker": "Bringen Sie Ihr Reisedokument und dieses Schreiben zu {office}. Das Visum wird in Ihr "
        "Reisedokument eingeklebt. Prüfen Sie die Angaben, bevor Sie den Schalter verlassen.",
        "collect_card": "Kommen Sie mit Ihrem Reisedokument und diesem Schreiben zu {office}, um Ihre "
        "Aufenthaltstitelkarte abzuholen. Prüfen Sie die Angaben, bevor Sie den Schalter verlassen.",
        "collect_certificate": "{office} lädt Sie zu einer Einbürgerungsfeier ein. Dort leisten Sie den Treueeid "
        "und erhalten Ihre Einbürgerungsurkunde: Vom Tag des Eides an sind Sie utopische Staatsangehörige oder "
        "utopischer Staatsangehöriger.",
        "refused": "Ihr Antrag {reference}, gestellt am {lodged_on}, wurde aus folgenden Gründen abgelehnt:",
        "inadmissible": "Ihr Antrag {reference}, gestellt am {lodged_on}, ist unzulässig und wurde aus folgenden "
        "Gründen nicht geprüft:",
        "legal_basis": "Rechtsgrundlage",
        "appeal_heading": "Rechtsbehelfsbelehrung",
        "appeal": "Gegen diese Entscheidung können Sie innerhalb von 30 Tagen nach Erhalt dieses Schreibens "
        "Rechtsmittel einlegen. Zuständig ist {appeal_body}. Sie können es in jeder Sprache abfassen; geben Sie "
        "das Aktenzeichen {reference} an und warum Sie die Entscheidung für falsch halten, unterschreiben Sie es "
        "und fügen Sie Unterlagen bei, die es stützen. Senden Sie es per Post oder geben Sie es bei {office} ab, "
        "das es weiterleitet.",
        "appeal_body": "das Berufungsgericht für Einwanderungssachen",
        "appeal_address": "Anschrift des Gerichts",
        "evidence_heading": "Anforderung weiterer Nachweise",
        "evidence_intro": "Um über Ihren Antrag {reference} zu entscheiden, benötigen wir folgende Unterlagen von "
        "Ihnen:",
        "titles_in_english": "Die Bezeichnungen der Unterlagen sind auf Englisch angegeben, wie in der amtlichen "
        "Liste der Nachweise.",
        "officer_message": "Hinweis der Sachbearbeiterin / des Sachbearbeiters",
        "due": "Bitte senden Sie sie spätestens bis zum {due_on}.",
        "clock": "Die Frist für die Entscheidung über Ihren Antrag ruht vom {requested_on} an, bis die Nachweise "
        "eingehen.",
        "consequence": "Gehen die Nachweise nicht bis zum {due_on} ein, kann Ihr Antrag aus folgendem Grund "
        "abgelehnt werden:",
        "how_to_send": "Senden Sie Kopien der Unterlagen per Post an {office} oder geben Sie sie dort ab, jeweils "
        "mit dem Aktenzeichen {reference}. Bewahren Sie die Originale auf: Sie können aufgefordert werden, sie "
        "vorzulegen.",
        "interview_heading": "Einladung zu einem Gespräch",
        "biometrics_heading": "Einladung zur Erfassung biometrischer Daten",
        "invite_interview": "Wir laden Sie zu einem Gespräch über Ihren Antrag {reference} ein.",
        "invite_biometrics": "Wir laden Sie ein, für Ihren Antrag {reference} Ihr Lichtbild und Ihre "
        "Fingerabdrücke aufnehmen zu lassen.",
        "time": "Uhrzeit",
        "time_zone": "Ortszeit, {zone}",
        "place": "Ort",
        "purpose": "Zweck",
        "purpose_interview": "Gespräch",
        "purpose_biometrics": "Biometrische Daten (Lichtbild und Fingerabdrücke)",
        "interpreter": "Dolmetscher/in",
        "interpreter_booked": "Für Sie wurde eine Dolmetscherin / ein Dolmetscher für {language} bestellt.",
        "bring_heading": "Was Sie mitbringen",
        "bring_interview": "Dieses Schreiben\nIhr Reisedokument\nDie Originale der Unterlagen, die Sie als Kopie "
        "eingereicht haben",
        "bring_biometrics": "Dieses Schreiben\nIhr Reisedokument",
        "arrive": "Bitte kommen Sie 15 Minuten vor der angegebenen Zeit.",
        "reschedule_heading": "Wenn Sie nicht kommen können",
        "reschedule": "Teilen Sie dies {office} mindestens zwei Arbeitstage vor dem Termin unter Angabe des "
        "Aktenzeichens {reference} mit; Sie erhalten dann einen anderen Termin. Erscheinen Sie ohne Nachricht "
        "nicht, wird über Ihren Antrag nach Aktenlage entschieden.",
    },
    "fr": {
        "language_name": "Français",
        "reference": "Référence",
        "date": "Date",
        "page": "Page",
        "applicant": "Demandeur",
        "document": "Document de voyage",
        "application": "Demande",
        "lodged_on": "Introduite le",
        "greeting": "Madame, Monsieur {name},",
        "closing": "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        "officer": "Agent responsable",
        "approved_by": "Approuvé par l'agent supérieur",
        "four_eyes": "Cette décision a été approuvée par un second agent, de rang supérieur, comme la loi l'exige.",
        "decision_heading": "Décision relative à votre demande",
        "approved": "Votre demande {reference}, introduite le {lodged_on}, a été acceptée.",
        "granted": "Ce qui vous a été accordé",
        "number": "Numéro",
        "valid_from": "Valable du",
        "valid_until": "Valable jusqu'au",
        "entries": "Entrées",
        "entries_multiple": "multiples",
        "days": "Jours de séjour",
        "not_yet": "communiqué lors du retrait",
        "next_heading": "Prochaines étapes",
        "collect_sticker": "Présentez-vous à {office} avec votre document de voyage et la présente lettre. Le visa "
        "sera apposé dans votre document de voyage. Vérifiez ses mentions avant de quitter le guichet.",
        "collect_card": "Présentez-vous à {office} avec votre document de voyage et la présente lettre pour retirer "
        "votre carte de titre de séjour. Vérifiez ses mentions avant de quitter le guichet.",
        "collect_certificate": "{office} vous invitera à une cérémonie de citoyenneté. Vous y prêterez le serment "
        "d'allégeance et recevrez votre certificat de naturalisation : vous êtes citoyen utopien à compter du jour "
        "du serment.",
        "refused": "Votre demande {reference}, introduite le {lodged_on}, a été refusée pour les motifs suivants :",
        "inadmissible": "Votre demande {reference}, introduite le {lodged_on}, est irrecevable et n'a pas été "
        "examinée, pour les motifs suivants :",
        "legal_basis": "Base juridique",
        "appeal_heading": "Voies de recours",
        "appeal": "Vous pouvez former un recours contre cette décision dans un délai de 30 jours à compter de la "
        "réception de la présente lettre. Le recours est porté devant {appeal_body}. Vous pouvez le rédiger dans "
        "la langue de votre choix ; indiquez la référence {reference} et les raisons pour lesquelles vous estimez "
        "la décision erronée, signez-le et joignez-y tout document à l'appui. Envoyez-le par la poste ou "
        "déposez-le auprès de {office}, qui le transmet.",
        "appeal_body": "le tribunal des recours en matière d'immigration",
        "appeal_address": "Adresse du tribunal",
        "evidence_heading": "Demande de justificatifs complémentaires",
        "evidence_intro": "Pour statuer sur votre demande {reference}, nous avons besoin des documents suivants :",
        "titles_in_english": "Les intitulés des documents sont donnés en anglais, comme dans la liste officielle "
        "des justificatifs.",
        "officer_message": "Remarque de l'agent",
        "due": "Veuillez les envoyer au plus tard le {due_on}.",
        "clock": "Le délai pour statuer sur votre demande est suspendu à partir du {requested_on} jusqu'à "
        "réception des justificatifs.",
        "consequence": "Si les justificatifs ne sont pas parvenus le {due_on}, votre demande pourra être refusée "
        "pour le motif suivant :",
        "how_to_send": "Envoyez des copies des documents par la poste à {office}, ou déposez-les sur place, en "
        "indiquant la référence {reference}. Conservez les originaux : ils pourront vous être demandés.",
        "interview_heading": "Convocation à un entretien",
        "biometrics_heading": "Convocation pour le relevé des données biométriques",
        "invite_interview": "Vous êtes convoqué(e) à un entretien au sujet de votre demande {reference}.",
        "invite_biometrics": "Vous êtes convoqué(e) pour la prise de votre photographie et de vos empreintes "
        "digitales dans le cadre de votre demande {reference}.",
        "time": "Heure",
        "time_zone": "heure locale, {zone}",
        "place": "Lieu",
        "purpose": "Objet",
        "purpose_interview": "Entretien",
        "purpose_biometrics": "Données biométriques (photographie et empreintes digitales)",
        "interpreter": "Interprète",
        "interpreter_booked": "Un interprète en {language} a été réservé pour vous.",
        "bring_heading": "À apporter",
        "bring_interview": "La présente lettre\nVotre document de voyage\nLes originaux des justificatifs envoyés "
        "en copie",
        "bring_biometrics": "La présente lettre\nVotre document de voyage",
        "arrive": "Veuillez vous présenter 15 minutes avant l'heure indiquée.",
        "reschedule_heading": "Si vous ne pouvez pas venir",
        "reschedule": "Prévenez {office} au moins deux jours ouvrables avant le rendez-vous, en indiquant la "
        "référence {reference}, et un autre horaire vous sera proposé. Si vous ne venez pas sans nous avoir "
        "prévenus, il sera statué sur votre demande au vu des informations dont nous disposons.",
    },
    "es": {
        "language_name": "Español",
        "reference": "Referencia",
        "date": "Fecha",
        "page": "Página",
        "applicant": "Solicitante",
        "document": "Documento de viaje",
        "application": "Solicitud",
        "lodged_on": "Presentada el",
        "greeting": "Estimado/a {name}:",
        "closing": "Atentamente,",
        "officer": "Funcionario responsable",
        "approved_by": "Aprobado por el funcionario superior",
        "four_eyes": "Esta resolución fue aprobada por un segundo funcionario, de rango superior, como exige la ley.",
        "decision_heading": "Resolución sobre su solicitud",
        "approved": "Su solicitud {reference}, presentada el {lodged_on}, ha sido aprobada.",
        "granted": "Lo que se le ha concedido",
        "number": "Número",
        "valid_from": "Válido desde",
        "valid_until": "Válido hasta",
        "entries": "Entradas",
        "entries_multiple": "múltiples",
        "days": "Días de estancia",
        "not_yet": "se indicará en la recogida",
        "next_heading": "Próximos pasos",
        "collect_sticker": "Acuda a {office} con su documento de viaje y esta carta. El visado se colocará en su "
        "documento de viaje. Compruebe sus datos antes de dejar la ventanilla.",
        "collect_card": "Acuda a {office} con su documento de viaje y esta carta para recoger su tarjeta de "
        "permiso de residencia. Compruebe sus datos antes de dejar la ventanilla.",
        "collect_certificate": "{office} le invitará a una ceremonia de ciudadanía. Allí prestará el juramento de "
        "lealtad y recibirá su certificado de naturalización: es usted ciudadano utópico desde el día del juramento.",
        "refused": "Su solicitud {reference}, presentada el {lodged_on}, ha sido denegada por los siguientes motivos:",
        "inadmissible": "Su solicitud {reference}, presentada el {lodged_on}, es inadmisible y no ha sido "
        "examinada, por los siguientes motivos:",
        "legal_basis": "Fundamento jurídico",
        "appeal_heading": "Derecho de recurso",
        "appeal": "Puede recurrir esta resolución en el plazo de 30 días a partir del día en que reciba esta carta. "
        "El recurso se presenta ante {appeal_body}. Puede redactarlo en cualquier idioma; indique la referencia "
        "{reference} y por qué considera que la resolución es errónea, fírmelo y adjunte los documentos que lo "
        "respalden. Envíelo por correo o entréguelo en {office}, que lo remitirá.",
        "appeal_body": "el Tribunal de Recursos de Inmigración",
        "appeal_address": "Dirección del tribunal",
        "evidence_heading": "Requerimiento de documentación adicional",
        "evidence_intro": "Para resolver su solicitud {reference}, necesitamos que nos presente los siguientes "
        "documentos:",
        "titles_in_english": "Los títulos de los documentos figuran en inglés, como en la lista oficial de "
        "documentos justificativos.",
        "officer_message": "Nota del funcionario",
        "due": "Envíelos a más tardar el {due_on}.",
        "clock": "El plazo para resolver su solicitud queda suspendido desde el {requested_on} hasta que se "
        "reciba la documentación.",
        "consequence": "Si la documentación no se ha recibido el {due_on}, su solicitud podrá ser denegada por el "
        "siguiente motivo:",
        "how_to_send": "Envíe copias de los documentos por correo a {office}, o entréguelas allí, indicando la "
        "referencia {reference}. Conserve los originales: se le podrá pedir que los muestre.",
        "interview_heading": "Citación para una entrevista",
        "biometrics_heading": "Citación para la toma de datos biométricos",
        "invite_interview": "Se le cita a una entrevista sobre su solicitud {reference}.",
        "invite_biometrics": "Se le cita para tomarle la fotografía y las huellas dactilares para su solicitud "
        "{reference}.",
        "time": "Hora",
        "time_zone": "hora local, {zone}",
        "place": "Lugar",
        "purpose": "Objeto",
        "purpose_interview": "Entrevista",
        "purpose_biometrics": "Datos biométricos (fotografía y huellas dactilares)",
        "interpreter": "Intérprete",
        "interpreter_booked": "Se ha reservado para usted un intérprete de {language}.",
        "bring_heading": "Qué debe traer",
        "bring_interview": "Esta carta\nSu documento de viaje\nLos originales de los documentos que envió en copia",
        "bring_biometrics": "Esta carta\nSu documento de viaje",
        "arrive": "Le rogamos que llegue 15 minutos antes de la hora indicada.",
        "reschedule_heading": "Si no puede acudir",
        "reschedule": "Comuníqueselo a {office} al menos dos días hábiles antes de la cita, indicando la "
        "referencia {reference}, y se le ofrecerá otra hora. Si no acude sin habernos avisado, su solicitud se "
        "resolverá con la información de que disponemos.",
    },
    "pt": {
        "language_name": "Português",
        "reference": "Referência",
        "date": "Data",
        "page": "Página",
        "applicant": "Requerente",
        "document": "Documento de viagem",
        "application": "Pedido",
        "lodged_on": "Apresentado em",
        "greeting": "Exmo.(a) Sr.(a) {name},",
        "closing": "Com os melhores cumprimentos,",
        "officer": "Funcionário responsável",
        "approved_by": "Aprovado pelo funcionário superior",
        "four_eyes": "Esta decisão foi aprovada por um segundo funcionário, de categoria superior, como a lei exige.",
        "decision_heading": "Decisão sobre o seu pedido",
        "approved": "O seu pedido {reference}, apresentado em {lodged_on}, foi deferido.",
        "granted": "O que lhe foi concedido",
        "number": "Número",
        "valid_from": "Válido de",
        "valid_until": "Válido até",
        "entries": "Entradas",
        "entries_multiple": "múltiplas",
        "days": "Dias de estada",
        "not_yet": "indicado no levantamento",
        "next_heading": "Próximos passos",
        "collect_sticker": "Dirija-se a {office} com o seu documento de viagem e esta carta. O visto será aposto "
        "no seu documento de viagem. Verifique os dados antes de sair do balcão.",
        "collect_card": "Dirija-se a {office} com o seu documento de viagem e esta carta para levantar o seu "
        "cartão de autorização de residência. Verifique os dados antes de sair do balcão.",
        "collect_certificate": "{office} irá convidá-lo para uma cerimónia de cidadania. Aí prestará o juramento "
        "de fidelidade e receberá o seu certificado de naturalização: é cidadão utópico a partir do dia do juramento.",
        "refused": "O seu pedido {reference}, apresentado em {lodged_on}, foi indeferido pelos seguintes motivos:",
        "inadmissible": "O seu pedido {reference}, apresentado em {lodged_on}, é inadmissível e não foi "
        "examinado, pelos seguintes motivos:",
        "legal_basis": "Base jurídica",
        "appeal_heading": "Direito de recurso",
        "appeal": "Pode recorrer desta decisão no prazo de 30 dias a contar do dia em que receber esta carta. O "
        "recurso é dirigido a {appeal_body}. Pode redigi-lo em qualquer língua; indique a referência {reference} "
        "e as razões pelas quais considera a decisão errada, assine-o e junte os documentos que o fundamentem. "
        "Envie-o pelo correio ou entregue-o em {office}, que o encaminha.",
        "appeal_body": "o Tribunal de Recursos em matéria de Imigração",
        "appeal_address": "Endereço do tribunal",
        "evidence_heading": "Pedido de elementos adicionais",
        "evidence_intro": "Para decidir o seu pedido {reference}, precisamos que nos envie os seguintes documentos:",
        "titles_in_english": "Os títulos dos documentos são indicados em inglês, como na lista oficial de "
        "documentos comprovativos.",
        "officer_message": "Nota do funcionário",
        "due": "Envie-os o mais tardar até {due_on}.",
        "clock": "O prazo para decidir o seu pedido fica suspenso a partir de {requested_on} até à receção dos "
        "elementos.",
        "consequence": "Se os elementos não tiverem chegado até {due_on}, o seu pedido poderá ser indeferido pelo "
        "seguinte motivo:",
        "how_to_send": "Envie cópias dos documentos pelo correio para {office}, ou entregue-as lá, com a "
        "referência {reference}. Guarde os originais: poderá ser-lhe pedido que os apresente.",
        "interview_heading": "Convocatória para uma entrevista",
        "biometrics_heading": "Convocatória para recolha de dados biométricos",
        "invite_interview": "É convocado(a) para uma entrevista sobre o seu pedido {reference}.",
        "invite_biometrics": "É convocado(a) para a recolha da sua fotografia e das suas impressões digitais para "
        "o seu pedido {reference}.",
        "time": "Hora",
        "time_zone": "hora local, {zone}",
        "place": "Local",
        "purpose": "Objeto",
        "purpose_interview": "Entrevista",
        "purpose_biometrics": "Dados biométricos (fotografia e impressões digitais)",
        "interpreter": "Intérprete",
        "interpreter_booked": "Foi reservado para si um intérprete de {language}.",
        "bring_heading": "O que deve trazer",
        "bring_interview": "Esta carta\nO seu documento de viagem\nOs originais dos documentos que enviou em cópia",
        "bring_biometrics": "Esta carta\nO seu documento de viagem",
        "arrive": "Chegue 15 minutos antes da hora indicada.",
        "reschedule_heading": "Se não puder comparecer",
        "reschedule": "Informe {office} pelo menos dois dias úteis antes da marcação, indicando a referência "
        "{reference}, e ser-lhe-á proposta outra hora. Se não comparecer sem nos ter avisado, o seu pedido será "
        "decidido com base nas informações de que dispomos.",
    },
    "ru": {
        "language_name": "Русский",
        "reference": "Номер дела",
        "date": "Дата",
        "page": "Страница",
        "applicant": "Заявитель",
        "document": "Проездной документ",
        "application": "Заявление",
        "lodged_on": "Дата подачи",
        "greeting": "Уважаемый(ая) {name}!",
        "closing": "С уважением,",
        "officer": "Ответственный сотрудник",
        "approved_by": "Утверждено старшим сотрудником",
        "four_eyes": "Это решение утверждено вторым, старшим сотрудником, как того требует закон.",
        "decision_heading": "Решение по вашему заявлению",
        "approved": "Ваше заявление {reference}, поданное {lodged_on}, удовлетворено.",
        "granted": "Что вам предоставлено",
        "number": "Номер",
        "valid_from": "Действительно с",
        "valid_until": "Действительно до",
        "entries": "Въезды",
        "entries_multiple": "многократные",
        "days": "Дней пребывания",
        "not_yet": "сообщается при получении",
        "next_heading": "Дальнейшие действия",
        "collect_sticker": "Приходите в {office} с проездным документом и этим письмом. Виза будет вклеена в ваш "
        "проездной документ. Проверьте её данные, прежде чем отойти от окна.",
        "collect_card": "Приходите в {office} с проездным документом и этим письмом, чтобы получить карту вида на "
        "жительство. Проверьте её данные, прежде чем отойти от окна.",
        "collect_certificate": "{office} пригласит вас на церемонию принятия гражданства. Там вы принесёте присягу "
        "и получите свидетельство о натурализации: вы являетесь гражданином Утопии со дня присяги.",
        "refused": "В удовлетворении вашего заявления {reference}, поданного {lodged_on}, отказано по следующим "
        "причинам:",
        "inadmissible": "Ваше заявление {reference}, поданное {lodged_on}, неприемлемо и не было рассмотрено по "
        "следующим причинам:",
        "legal_basis": "Правовое основание",
        "appeal_heading": "Право на обжалование",
        "appeal": "Вы можете обжаловать это решение в течение 30 дней со дня получения этого письма. Жалоба "
        "подаётся в {appeal_body}. Её можно написать на любом языке; укажите номер дела {reference} и почему вы "
        "считаете решение неправильным, подпишите её и приложите подтверждающие документы. Отправьте её по почте "
        "или сдайте в {office}, откуда её передадут.",
        "appeal_body": "Апелляционный трибунал по делам иммиграции",
        "appeal_address": "Адрес трибунала",
        "evidence_heading": "Запрос дополнительных доказательств",
        "evidence_intro": "Для принятия решения по вашему заявлению {reference} нам необходимы от вас следующие "
        "документы:",
        "titles_in_english": "Названия документов приведены на английском языке, как в официальном перечне "
        "подтверждающих документов.",
        "officer_message": "Примечание сотрудника",
        "due": "Пожалуйста, направьте их не позднее {due_on}.",
        "clock": "Срок принятия решения по вашему заявлению приостанавливается с {requested_on} до поступления "
        "доказательств.",
        "consequence": "Если доказательства не поступят к {due_on}, в удовлетворении вашего заявления может быть "
        "отказано по следующему основанию:",
        "how_to_send": "Направьте копии документов по почте в {office} или сдайте их туда, указав номер дела "
        "{reference}. Храните оригиналы: вас могут попросить их предъявить.",
        "interview_heading": "Приглашение на собеседование",
        "biometrics_heading": "Приглашение для сдачи биометрических данных",
        "invite_interview": "Приглашаем вас на собеседование по вашему заявлению {reference}.",
        "invite_biometrics": "Приглашаем вас для фотографирования и снятия отпечатков пальцев по вашему заявлению "
        "{reference}.",
        "time": "Время",
        "time_zone": "местное время, {zone}",
        "place": "Место",
        "purpose": "Цель",
        "purpose_interview": "Собеседование",
        "purpose_biometrics": "Биометрические данные (фотография и отпечатки пальцев)",
        "interpreter": "Переводчик",
        "interpreter_booked": "Для вас заказан переводчик ({language}).",
        "bring_heading": "Что взять с собой",
        "bring_interview": "Это письмо\nПроездной документ\nОригиналы документов, отправленных вами в копиях",
        "bring_biometrics": "Это письмо\nПроездной документ",
        "arrive": "Пожалуйста, приходите за 15 минут до назначенного времени.",
        "reschedule_heading": "Если вы не можете прийти",
        "reschedule": "Сообщите в {office} не позднее чем за два рабочих дня до назначенного времени, указав номер "
        "дела {reference}, и вам предложат другое время. Если вы не придёте, не предупредив нас, решение по "
        "вашему заявлению будет принято на основании имеющихся у нас сведений.",
    },
    "ar": {
        "language_name": "العربية",
        "reference": "المرجع",
        "date": "التاريخ",
        "page": "صفحة",
        "applicant": "مقدم الطلب",
        "document": "وثيقة السفر",
        "application": "الطلب",
        "lodged_on": "تاريخ تقديم الطلب",
        "greeting": "السيد/السيدة {name} المحترم/المحترمة،",
        "closing": "وتفضلوا بقبول فائق الاحترام،",
        "officer": "الموظف المسؤول",
        "approved_by": "وافق عليه الموظف الأقدم",
        "four_eyes": "وافق على هذا القرار موظف ثانٍ أقدم، وفقاً لما يقتضيه القانون.",
        "decision_heading": "قرار بشأن طلبكم",
        "approved": "تمت الموافقة على طلبكم {reference} المقدم بتاريخ {lodged_on}.",
        "granted": "ما مُنح لكم",
        "number": "الرقم",
        "valid_from": "صالح من",
        "valid_until": "صالح حتى",
        "entries": "مرات الدخول",
        "entries_multiple": "متعددة",
        "days": "أيام الإقامة",
        "not_yet": "يُعطى عند الاستلام",
        "next_heading": "الخطوات التالية",
        "collect_sticker": "أحضروا وثيقة سفركم وهذه الرسالة إلى {office}، حيث ستُلصق التأشيرة في وثيقة سفركم. "
        "تحققوا من بياناتها قبل مغادرة الشباك.",
        "collect_card": "احضروا إلى {office} ومعكم وثيقة سفركم وهذه الرسالة لاستلام بطاقة تصريح الإقامة. تحققوا من "
        "بياناتها قبل مغادرة الشباك.",
        "collect_certificate": "سيدعوكم {office} إلى حفل منح الجنسية، حيث تؤدون يمين الولاء وتتسلمون شهادة التجنس: "
        "تصبحون مواطنين في يوتوبيا اعتباراً من يوم أداء اليمين.",
        "refused": "رُفض طلبكم {reference} المقدم بتاريخ {lodged_on} للأسباب التالية:",
        "inadmissible": "طلبكم {reference} المقدم بتاريخ {lodged_on} غير مقبول شكلاً ولم يُنظر فيه، للأسباب التالية:",
        "legal_basis": "الأساس القانوني",
        "appeal_heading": "حق الطعن",
        "appeal": "يحق لكم الطعن في هذا القرار خلال 30 يوماً من تاريخ استلامكم هذه الرسالة. يُقدَّم الطعن إلى "
        "{appeal_body}. يمكنكم كتابته بأي لغة، مع ذكر المرجع {reference} وأسباب اعتقادكم بأن القرار خاطئ، وتوقيعه "
        "وإرفاق أي مستندات تدعمه. أرسلوه بالبريد أو سلّموه إلى {office} الذي يحيله إلى الجهة المختصة.",
        "appeal_body": "محكمة طعون الهجرة",
        "appeal_address": "عنوان المحكمة",
        "evidence_heading": "طلب أدلة إضافية",
        "evidence_intro": "للبت في طلبكم {reference}، نحتاج منكم إلى المستندات التالية:",
        "titles_in_english": "أسماء المستندات مذكورة باللغة الإنجليزية، كما في القائمة الرسمية للمستندات الداعمة.",
        "officer_message": "ملاحظة من الموظف",
        "due": "يرجى إرسالها في موعد أقصاه {due_on}.",
        "clock": "تتوقف المهلة المحددة للبت في طلبكم اعتباراً من {requested_on} إلى حين وصول الأدلة.",
        "consequence": "إذا لم تصل الأدلة بحلول {due_on}، فقد يُرفض طلبكم للسبب التالي:",
        "how_to_send": "أرسلوا نسخاً من المستندات بالبريد إلى {office} أو سلّموها هناك، مع ذكر المرجع {reference}. "
        "احتفظوا بالأصول، فقد يُطلب منكم إبرازها.",
        "interview_heading": "دعوة إلى مقابلة",
        "biometrics_heading": "دعوة لتقديم البيانات البيومترية",
        "invite_interview": "ندعوكم إلى مقابلة بشأن طلبكم {reference}.",
        "invite_biometrics": "ندعوكم لالتقاط صورتكم وأخذ بصمات أصابعكم من أجل طلبكم {reference}.",
        "time": "الوقت",
        "time_zone": "بالتوقيت المحلي، {zone}",
        "place": "المكان",
        "purpose": "الغرض",
        "purpose_interview": "مقابلة",
        "purpose_biometrics": "البيانات البيومترية (الصورة وبصمات الأصابع)",
        "interpreter": "المترجم الشفهي",
        "interpreter_booked": "تم حجز مترجم شفهي للغة {language} من أجلكم.",
        "bring_heading": "ما يجب إحضاره",
        "bring_interview": "هذه الرسالة\nوثيقة سفركم\nأصول المستندات الداعمة التي أرسلتم نسخاً منها",
        "bring_biometrics": "هذه الرسالة\nوثيقة سفركم",
        "arrive": "يرجى الحضور قبل الموعد المحدد بخمس عشرة دقيقة.",
        "reschedule_heading": "إذا تعذّر عليكم الحضور",
        "reschedule": "أبلغوا {office} قبل الموعد بيومي عمل على الأقل، مع ذكر المرجع {reference}، وسيُعرض عليكم "
        "موعد آخر. إذا لم تحضروا ولم تبلغونا، فسيُبتّ في طلبكم بناءً على المعلومات المتوفرة لدينا.",
    },
}


def letter_languages() -> list[str]:
    """The ISO 639-1 codes the case letters can be written in."""
    return sorted(CASE_LETTER_TEXTS)


def case_letter_texts(language: str) -> dict[str, str]:
    """The fixed texts in ``language``; an unknown language is an error (``unknown_language``), never a silent
    English letter."""
    texts = CASE_LETTER_TEXTS.get(language)
    if texts is None:
        raise PrintingError(
            "unknown_language",
            f"the case letters have no texts in {language!r}; available: {', '.join(letter_languages())}",
        )
    return texts
