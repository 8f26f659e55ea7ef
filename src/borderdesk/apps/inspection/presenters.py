"""What the booth screen shows about one inspection, gathered for the templates (no access event here: the
service that opened the inspection for this user already wrote it)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from borderdesk.apps.accounts.services import staff_who_may
from borderdesk.apps.asylum.services.protection import protection_notice
from borderdesk.apps.common.labels import CONDITION, SCORE_MEANING, explained_features
from borderdesk.apps.inspection.models import Approval, DecisionKind, Purpose, Status
from borderdesk.apps.inspection.printed import (
    LANGUAGE_NAMES,
    interview_languages,
    refusal_form_languages,
    traveller_language,
)
from borderdesk.apps.inspection.services import (
    UNDER_WAY_ELSEWHERE,
    chip_not_genuine,
    departure_to_explain,
    grave_alerts,
    latest_chip_read,
    photos_of,
    traveller_inspections,
)
from borderdesk.apps.manifests.services import ManifestMatch, manifest_match
from borderdesk.apps.policy.services import refusal_grounds, with_trace
from borderdesk.apps.travellers.models import Traveller
from borderdesk.apps.travellers.services import load_history
from borderdesk.apps.visas.services import valid_visa
from borderdesk.core.access import Perm
from borderdesk.core.printing import interview_questions, question_text

CLASSES_OF_ADMISSION = [
    "visitor",
    "business visitor",
    "student",
    "worker",
    "transit",
    "family member",
    "resident",
    "diplomat",
    "crew",
]
PURPOSE_DOCUMENTS = [
    ("accommodation_booking", "Accommodation booking"),
    ("tour_itinerary", "Tour itinerary"),
    ("invitation_letter", "Invitation letter"),
    ("business_letter", "Letter from the employer"),
    ("trade_fair_ticket", "Trade fair ticket"),
    ("host_declaration", "Host's declaration"),
    ("enrolment_certificate", "Enrolment certificate"),
    ("onward_ticket", "Onward ticket"),
    ("work_permit", "Work permit"),
]
CONDITIONS = list(CONDITION.items())


def inspection_context(user, inspection) -> dict:
    traveller = inspection.traveller
    today = timezone.localdate()
    decisions = list(inspection.decisions.select_related("decided_by", "approved_by").order_by("decided_at"))
    grounds = refusal_grounds(today)
    titles = {g["code"]: f"{g['title'] or g['text']} ({g['code']})" for g in grounds}
    for decision in decisions:
        decision.grounds_in_words = [titles.get(code, code) for code in decision.refusal_grounds or ()]
    pending = next((d for d in decisions if d.approval == Approval.PENDING), None)
    recommendation = with_trace(inspection.recommendation or {})  # the booth's "why"
    return {
        "inspection": inspection,
        "traveller": traveller,
        "document": inspection.document,
        "check": inspection.document_check,
        "screening": inspection.screening,
        "matches": [
            {**m, "features": explained_features(m.get("explanation", {}))}
            for m in inspection.screening.get("matches", [])
        ],
        "score_meaning": SCORE_MEANING,
        "recommendation": recommendation,
        "voa": inspection.visa_on_arrival,
        "history": load_history(traveller, limit=10),
        "visa": valid_visa(traveller, today),
        "duplicates": list(Traveller.objects.filter(pk__in=inspection.document_check.get("possible_duplicates", []))),
        "decisions": decisions,
        "pending": pending,
        "can_decide": inspection.status in (Status.OPEN, Status.IN_SECONDARY)
        and user.can(Perm.BORDER_INSPECTION_DECIDE, inspection.post.code),
        **_approval(user, inspection, pending),
        "can_issue_visa": bool((inspection.visa_on_arrival or {}).get("eligible"))
        and user.can(Perm.BORDER_VISA_ISSUE, inspection.post.code),
        "is_secondary": inspection.status == Status.IN_SECONDARY,
        # All the border learns of a protection claim: that one is pending (or granted), and whom to contact.
        "protection": protection_notice(traveller.pk, today),
        "can_make_claim": inspection.status in (Status.OPEN, Status.IN_SECONDARY)
        and user.can(Perm.ASYLUM_CLAIM_MAKE, inspection.post.code),
        "grounds": grounds,
        "purposes": Purpose.choices,
        "questions": _questions(inspection),
        **photos_of(inspection),
        "languages": interview_languages(),
        "purpose_documents": PURPOSE_DOCUMENTS,
        "classes": CLASSES_OF_ADMISSION,
        "conditions": CONDITIONS,
        "kinds": DecisionKind,
        # What the officer must explain when deciding against the rules (the question comes from the one rule).
        "departure_question_for_admit": departure_to_explain(DecisionKind.ADMIT, recommendation),
        "departure_question_for_refusal": departure_to_explain(DecisionKind.REFUSE, recommendation),
        "grave_alerts": grave_alerts(inspection),
        "manifest_match": _manifest_match(inspection),
        "chip": latest_chip_read(inspection),  # #19
        "chip_blocks_admission": chip_not_genuine(inspection),  # #19
        **_others(inspection),
        "officer_language": settings.LANGUAGE_CODE,
        "traveller_language": traveller_language(inspection),
        "form_languages": _names(refusal_form_languages(inspection)),
    }


def _manifest_match(inspection) -> ManifestMatch | None:
    """The traveller on a manifest of a flight landing at the post today (#18): entries only."""
    if inspection.direction != "entry":
        return None
    traveller, document = inspection.traveller, inspection.document
    return manifest_match(
        post_id=inspection.post_id,
        day=inspection.post.local_date(),
        document=document.document_number,
        state=document.issuing_state,
        surname=traveller.surname,
        given_names=traveller.given_names,
        birth_date=traveller.birth_date,
    )


def _approval(user, inspection, pending) -> dict:
    """Whether ``user`` may approve the pending decision (never their own: four eyes) and, when not, who may."""
    if pending is None:
        return {"can_approve": False, "approvers": []}
    post = inspection.post.code
    if pending.decided_by_id != user.pk and user.can(Perm.BORDER_DECISION_APPROVE, post):
        return {"can_approve": True, "approvers": []}
    return {
        "can_approve": False,
        "approvers": staff_who_may(Perm.BORDER_DECISION_APPROVE, post, exclude=pending.decided_by),
    }


def _names(languages: tuple[str, ...]) -> list[str]:
    return [LANGUAGE_NAMES.get(code, code) for code in dict.fromkeys(languages)]


def _others(inspection) -> dict:
    others = traveller_inspections(inspection)
    return {**others, "blocked_elsewhere": any(o.status in UNDER_WAY_ELSEWHERE for o in others["elsewhere"])}


def _questions(inspection) -> list[dict]:
    if not inspection.purpose:
        return []
    language = traveller_language(inspection)
    return [
        {
            "key": q.key,
            "kind": q.answer_type.value,
            "text": question_text(q, "en"),
            "translated": question_text(q, language) if language != "en" else None,
            "answer": inspection.answers.get(q.key, ""),
        }
        for q in interview_questions(inspection.purpose)
    ]
