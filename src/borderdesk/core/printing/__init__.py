"""Printed documents of the border check: the bilingual refusal-of-entry form (Regulation (EU) 2016/399 Annex V
Part B) and the visa-on-arrival sticker (ICAO Doc 9303 Part 7) as PDF bytes, and the interview questions by
purpose of visit as multilingual data; the letters of casework (decision, evidence request, invitation); and the
certificate of naturalisation.
Plain Python (reportlab for the PDFs): no Django, no I/O of its own beyond reading installed fonts.

Languages are ISO 639-1 codes. An unknown language for the refusal form is an error (``PrintingError`` with
code ``unknown_language``), never a silent fallback to English.
"""

from .case_letter_texts import CASE_LETTER_TEXTS, case_letter_texts
from .case_letters import (
    Addressee,
    DecisionLetter,
    EvidenceRequestLetter,
    Grant,
    GroundLine,
    InvitationLetter,
    Letterhead,
    decision_letter_pdf,
    evidence_request_pdf,
    invitation_pdf,
)
from .claimant_card import NOT_A_TRAVEL_DOCUMENT, ClaimantCard, claimant_card_pdf
from .errors import PRINTING_ERROR_CODES, PrintingError
from .interview import (
    INTERVIEW_LANGUAGES,
    INTERVIEW_PURPOSES,
    AnswerType,
    Question,
    interview_questions,
    question_text,
)
from .naturalisation_certificate import NaturalisationCertificate, naturalisation_certificate_pdf
from .refusal_form import RefusalForm, refusal_form_pdf
from .refusal_texts import (
    GROUND_TEXTS,
    REFUSAL_FORM_TEXTS,
    SCHENGEN_GROUND_TEXTS,
    UTO_GROUND_TEXTS,
    available_languages,
    language_for_nationality,
    refusal_form_texts,
)
from .residence_card import ResidenceCard, residence_card_pdf
from .visa_sticker import VisaSticker, visa_sticker_mrz, visa_sticker_pdf

__all__ = [
    "NOT_A_TRAVEL_DOCUMENT",
    "ClaimantCard",
    "claimant_card_pdf",
    "CASE_LETTER_TEXTS",
    "Addressee",
    "DecisionLetter",
    "EvidenceRequestLetter",
    "Grant",
    "GroundLine",
    "InvitationLetter",
    "Letterhead",
    "NaturalisationCertificate",
    "naturalisation_certificate_pdf",
    "case_letter_texts",
    "decision_letter_pdf",
    "evidence_request_pdf",
    "invitation_pdf",
    "GROUND_TEXTS",
    "INTERVIEW_LANGUAGES",
    "INTERVIEW_PURPOSES",
    "PRINTING_ERROR_CODES",
    "REFUSAL_FORM_TEXTS",
    "SCHENGEN_GROUND_TEXTS",
    "UTO_GROUND_TEXTS",
    "AnswerType",
    "PrintingError",
    "Question",
    "RefusalForm",
    "ResidenceCard",
    "VisaSticker",
    "available_languages",
    "interview_questions",
    "language_for_nationality",
    "question_text",
    "refusal_form_pdf",
    "refusal_form_texts",
    "residence_card_pdf",
    "visa_sticker_mrz",
    "visa_sticker_pdf",
]
