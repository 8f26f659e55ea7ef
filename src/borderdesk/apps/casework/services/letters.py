"""The letters a case sends the applicant, in the applicant's language (``Application.language``): the decision
(approval, refusal or inadmissibility), a request for evidence and an invitation to an appointment. The PDF is made
by ``core/printing/case_letters`` from what the case holds; issuing one is a logged read of the case, a line on its
timeline and an audit event that names the letter, its language and the SHA-256 of the PDF (the same letter, printed
again, gives the same bytes).

A letter that does not exist yet is refused (``letter_not_available``): no decision taken, no evidence asked, no
such appointment of the case.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.casework.models import (
    Application,
    Appointment,
    AppointmentStatus,
    CaseEvent,
    EventKind,
    EvidenceRequest,
    Outcome,
)
from borderdesk.apps.casework.services import cases, kind_rules
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.services import as_id, service
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import OPEN_STATES, State
from borderdesk.core.casework.grounds import LETTER_LANGUAGES, bundled_grounds
from borderdesk.core.casework.terms import CITIZENSHIP, RESIDENCE_PERMIT, grant_of
from borderdesk.core.printing import (
    Addressee,
    DecisionLetter,
    EvidenceRequestLetter,
    Grant,
    GroundLine,
    InvitationLetter,
    Letterhead,
    PrintingError,
    decision_letter_pdf,
    evidence_request_pdf,
    invitation_pdf,
)

DECISION, EVIDENCE_REQUEST, INTERVIEW_INVITATION = "decision", "evidence_request", "interview_invitation"
LETTERS = (DECISION, EVIDENCE_REQUEST, INTERVIEW_INVITATION)
LETTER_TITLES = {
    DECISION: "Decision letter",
    EVIDENCE_REQUEST: "Request for evidence",
    INTERVIEW_INVITATION: "Invitation to an appointment",
}
NOT_DECIDED = OPEN_STATES | {State.WITHDRAWN}


@dataclass(frozen=True)
class IssuedLetter:
    pdf: bytes
    filename: str
    language: str
    sha256: str


@service(cases.READ, post=cases.application_post)
def letter_pdf(actor, application, letter: str, *, request=None, appointment=None) -> IssuedLetter:
    """The letter ``letter`` (decision, evidence_request, interview_invitation) of an application as a PDF in the
    applicant's language. ``request``: the evidence request's id (default: the latest still open);
    ``appointment``: the appointment's id (default: the next one booked)."""
    if letter not in LETTERS:
        raise Invalid(
            f"No letter {str(letter)[:40]!r}; letters: {', '.join(LETTERS)}.", code="unknown_letter", field="letter"
        )
    case = cases.load(application)
    language = case.language
    if language not in LETTER_LANGUAGES:
        raise Conflict(
            f"Letters are written in {', '.join(LETTER_LANGUAGES)}; application {case.reference} names "
            f"{language[:8]!r}. Correct the applicant's language first.",
            code="letter_language_unavailable",
            field="language",
        )
    details: dict = {}
    try:
        if letter == DECISION:
            pdf = decision_letter_pdf(_decision(case, language), language)
        elif letter == EVIDENCE_REQUEST:
            asked = _evidence_request(case, request)
            details["request"] = asked.pk
            pdf = evidence_request_pdf(_evidence_letter(case, asked, language), language)
        else:
            booked = _appointment(case, appointment)
            details["appointment"] = booked.pk
            pdf = invitation_pdf(_invitation(case, booked, language), language)
    except PrintingError as exc:
        raise Conflict(f"The letter cannot be printed: {exc}.", code=exc.code) from None
    digest = hashlib.sha256(pdf).hexdigest()
    post = case.post.code
    record_access(actor, case.applicant, purpose="case letter", detail=f"{case.reference} {letter}", post_code=post)
    cases.add_event(
        case,
        actor,
        EventKind.LETTER,
        text=f"{LETTER_TITLES[letter]} issued ({language})",
        letter=letter,
        language=language,
        sha256=digest,
        **details,
    )
    record_change(
        actor,
        AuditAction.CASEWORK_LETTER_ISSUE,
        case,
        new={"letter": letter, "language": language, "sha256": digest, **details},
        post_code=post,
    )
    return IssuedLetter(pdf=pdf, filename=f"{case.reference}-{letter}.pdf", language=language, sha256=digest)


def available_letters(case: Application) -> list[dict]:
    """The letters a case (already read through a service) can send now, for its page: each with ``letter``,
    ``title`` and, for evidence and appointments, ``request`` or ``appointment`` and the date it is about."""
    found: list[dict] = []
    if _decision_outcome(case) is not None:
        found.append({"letter": DECISION, "title": LETTER_TITLES[DECISION]})
    for asked in EvidenceRequest.objects.filter(application=case).order_by("-requested_on", "-pk")[:10]:
        found.append(
            {
                "letter": EVIDENCE_REQUEST,
                "title": LETTER_TITLES[EVIDENCE_REQUEST],
                "request": asked.pk,
                "on": asked.requested_on,
                "open": asked.answered_on is None,
            }
        )
    for booked in (
        Appointment.objects.filter(application=case)
        .exclude(status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED))
        .order_by("-starts_at", "-pk")[:10]
    ):
        found.append(
            {
                "letter": INTERVIEW_INVITATION,
                "title": LETTER_TITLES[INTERVIEW_INVITATION],
                "appointment": booked.pk,
                "on": booked.starts_at,
                "purpose": booked.get_purpose_display(),
            }
        )
    return found


# --- What each letter says, from the case ------------------------------------------------------------------------


def _not_available(message: str, field: str | None = None) -> Conflict:
    return Conflict(message, code="letter_not_available", field=field)


def _decision_outcome(case: Application) -> str | None:
    """approve, refuse or inadmissible once the decision is taken (and not before), else None."""
    if State(case.state) in NOT_DECIDED:
        return None
    if case.outcome in (Outcome.APPROVE, Outcome.REFUSE):
        return str(case.outcome)
    if case.state == State.INADMISSIBLE or (
        CaseEvent.objects.filter(application=case, kind=EventKind.TRANSITION, to_state=State.INADMISSIBLE).exists()
    ):
        return "inadmissible"
    return None


def _decision(case: Application, language: str) -> DecisionLetter:
    outcome = _decision_outcome(case)
    if outcome is None:
        raise _not_available(f"No decision has been taken on application {case.reference} yet: there is no letter.")
    grant, grounds = None, []
    if outcome == "approve":
        grant = _grant(case)
    else:
        grounds = _grounds(case, language)
        if not grounds:
            raise _not_available(
                f"The grounds of the decision on {case.reference} are not recorded: record them first."
            )
    decided_by = case.decided_by or case.proposed_by
    approved_by = case.approved_by if case.approved_by_id and case.approved_by_id != case.decided_by_id else None
    return DecisionLetter(
        reference=case.reference,
        issued_on=case.post.local_date(case.decided_at),
        letterhead=_letterhead(case),
        applicant=_addressee(case),
        application=cases.kind_of(case).title,
        lodged_on=case.lodged_on,
        outcome=outcome,
        officer=_name(decided_by),
        approved_by=_name(approved_by) if approved_by else "",
        grant=grant,
        grounds=grounds,
    )


def _grant(case: Application) -> Grant:
    if grant_of(case.kind).what == CITIZENSHIP:
        return Grant(number="", valid_from=None, valid_until=None, collect="certificate")
    # A visa (an extension of stay too) is a sticker in the travel document; a residence permit is a card.
    collect = "card" if grant_of(case.kind).what == RESIDENCE_PERMIT else "sticker"
    visa = case.visa
    if visa is not None:
        return Grant(
            number=visa.number,
            valid_from=visa.valid_from,
            valid_until=visa.valid_until,
            entries=visa.entries_allowed,
            days=visa.duration_days,
            collect="card" if visa.kind == "residence_permit" else collect,
        )
    terms = case.proposed_terms if isinstance(case.proposed_terms, dict) else {}
    valid_from, valid_until = _term_date(terms.get("valid_from")), _term_date(terms.get("valid_until"))
    if valid_from is None or valid_until is None:
        raise _not_available(
            f"What the approval of {case.reference} grants (the visa or permit, or its validity) is not recorded yet."
        )
    return Grant(
        number="",
        valid_from=valid_from,
        valid_until=valid_until,
        entries=_term_number(terms.get("entries")),
        days=_term_number(terms.get("days")),
        collect=collect,
    )


def _term_date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _term_number(value) -> int | None:
    """A number of entries or days; None for multiple entries or none given."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _grounds(case: Application, language: str) -> list[GroundLine]:
    catalogue = bundled_grounds()
    codes = case.proposed_grounds if isinstance(case.proposed_grounds, list) else []
    unknown = [str(code)[:40] for code in codes if code not in catalogue]
    if unknown:
        raise _not_available(f"Grounds {', '.join(unknown)} are not in the catalogue: correct the decision first.")
    return [
        GroundLine(
            code,
            kind_rules.ground_text(case, catalogue[code].text(language)),
            f"{catalogue[code].legal_basis.instrument}, {catalogue[code].legal_basis.article}",
        )
        for code in dict.fromkeys(codes)  # each ground once, in the order given
    ]


def _evidence_request(case: Application, request) -> EvidenceRequest:
    rows = EvidenceRequest.objects.filter(application=case).select_related("requested_by")
    if request not in (None, ""):
        found = rows.filter(pk=as_id(request, field="request")).first()
        if found is None:
            raise _not_available(f"Application {case.reference} has no evidence request {request}.", "request")
        return found
    found = rows.filter(answered_on__isnull=True).order_by("-requested_on", "-pk").first()
    if found is None:
        raise _not_available(f"No evidence is being asked of the applicant of {case.reference}.", "request")
    return found


def _evidence_letter(case: Application, asked: EvidenceRequest, language: str) -> EvidenceRequestLetter:
    titles = {document.code: document.title for document in cases.kind_of(case).documents}
    codes = asked.documents if isinstance(asked.documents, list) else []
    ground = bundled_grounds()["evidence_not_provided"]
    return EvidenceRequestLetter(
        reference=case.reference,
        issued_on=asked.requested_on,
        letterhead=_letterhead(case),
        applicant=_addressee(case),
        application=cases.kind_of(case).title,
        requested_on=asked.requested_on,
        due_on=asked.due_on,
        documents=[titles.get(str(code), str(code)) for code in codes],
        officer=_name(asked.requested_by),
        if_not_provided=GroundLine(
            ground.code, ground.text(language), f"{ground.legal_basis.instrument}, {ground.legal_basis.article}"
        ),
        message=asked.message,
    )


def _appointment(case: Application, appointment) -> Appointment:
    rows = Appointment.objects.filter(application=case).select_related("post", "booked_by")
    if appointment not in (None, ""):
        found = rows.filter(pk=as_id(appointment, field="appointment")).first()
        if found is None:
            raise _not_available(f"Application {case.reference} has no appointment {appointment}.", "appointment")
    else:
        found = rows.filter(status=AppointmentStatus.BOOKED).order_by("starts_at", "pk").first()
        if found is None:
            raise _not_available(f"No appointment is booked for application {case.reference}.", "appointment")
    if found.status in (AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED):
        raise _not_available(
            f"Appointment {found.pk} was {found.get_status_display().lower()}: invite to the one that stands.",
            "appointment",
        )
    return found


def _invitation(case: Application, booked: Appointment, language: str) -> InvitationLetter:
    return InvitationLetter(
        reference=case.reference,
        issued_on=case.post.local_date(booked.booked_at),
        letterhead=_letterhead(case),
        applicant=_addressee(case),
        application=cases.kind_of(case).title,
        purpose=booked.purpose,
        starts_at=booked.starts_at,
        ends_at=booked.ends_at,
        time_zone=booked.post.time_zone,
        place=f"{booked.post.name} ({booked.post.code})",
        officer=_name(booked.booked_by),
        interpreter_language=booked.interpreter_language,
    )


# --- Shared parts -------------------------------------------------------------------------------------------------


def _letterhead(case: Application) -> Letterhead:
    return Letterhead(issuing_state=settings.BORDERDESK_COUNTRY_NAME, office=case.post.name)


def _addressee(case: Application) -> Addressee:
    document = case.document
    held = f"{document.document_code} {document.issuing_state} {document.document_number}" if document else ""
    return Addressee(name=case.applicant.full_name, document=held)


def _name(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or "").strip() or user.get_username()
