"""The booth screen and the senior officer's queue. Views stay thin: every read and write is a service call."""

from __future__ import annotations

import uuid
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from borderdesk.apps.accounts.services import staff_who_may
from borderdesk.apps.asylum.services import making
from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import as_id
from borderdesk.apps.common.views import record_denial, refuses_without
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import (
    Alert,
    AlertKind,
    CustodyRecord,
    Decision,
    DecisionKind,
    Inspection,
    Purpose,
)
from borderdesk.apps.inspection.presenters import inspection_context
from borderdesk.apps.posts.models import Booth
from borderdesk.apps.travel_documents.services import zone_from_photo
from borderdesk.core import faces
from borderdesk.core.access import Perm
from borderdesk.core.documents.image_reader import MAX_IMAGE_BYTES
from borderdesk.core.printing import AnswerType, interview_questions, question_text


@login_required
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def booth(request):
    session = services.current_session(request.user)
    post = request.user.current_post
    booths = Booth.objects.filter(post=post, is_active=True) if post else Booth.objects.none()
    return render(request, "inspection/booth.html", {"session": session, "booths": booths, "post": post})


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def open_booth(request):
    booth = get_object_or_404(Booth, pk=as_id(request.POST.get("booth"), field="booth"))
    services.open_booth(request.user, booth, direction=request.POST.get("direction") or None)
    return redirect("inspection:booth")


@login_required
@require_POST
def close_booth(request):
    services.close_booth(request.user)
    return redirect("inspection:booth")


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def scan(request):
    session = services.current_session(request.user)
    if session is None:
        return _error(request, Invalid("Sign in to a booth first.", code="no_booth_session"))
    scanned = request.POST.get("scan", "")
    if not scanned.strip():
        return HttpResponse(status=204)  # a reader's stray Enter: the traveller's panel stays as it is
    try:
        inspection = services.start_inspection(request.user, session, scanned)
    except BorderdeskError as exc:
        return _error(request, exc)
    return _panel(request, inspection)


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def scan_photo(request):
    """No reader at the booth: the zone is read from a photo of the data page, then scanned as if typed by one."""
    session = services.current_session(request.user)
    if session is None:
        return _error(request, Invalid("Sign in to a booth first.", code="no_booth_session"))
    try:
        zone = zone_from_photo(_page_photo(request), today=session.booth.post.local_date())
        inspection = services.start_inspection(request.user, session, zone)
    except BorderdeskError as exc:
        return _error(request, exc)
    return _panel(request, inspection, message=READ_FROM_PHOTO)


READ_FROM_PHOTO = "The zone was read from a photo of the page: check what it shows against the document itself."


def _page_photo(request) -> bytes:
    upload = request.FILES.get("page_photo")
    if upload is None:
        raise Invalid("Choose or take a photo of the data page first.", code="photo_missing", field="page_photo")
    if upload.size > MAX_IMAGE_BYTES:  # refused before it is read into memory
        raise Invalid(
            f"The photo is {upload.size / 1024 / 1024:.1f} MB; at most {MAX_IMAGE_BYTES / 1024 / 1024:.0f} MB.",
            code="image_too_large",
            field="page_photo",
        )
    return upload.read()


@login_required
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def inspection_page(request, pk: int):
    inspection = services.view_inspection(request.user, pk, purpose="inspection review")
    return render(request, "inspection/inspection_page.html", _context(request, inspection))


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def interview(request, pk: int):
    inspection, form = get_object_or_404(Inspection, pk=pk), request.POST
    return _act(
        request,
        pk,
        lambda: services.record_interview(
            request.user,
            inspection,
            version=_version(form),
            purpose=form.get("purpose", ""),
            answers=_answers(form),
            notes=form.get("notes", ""),
            language=form.get("language", "en"),
        ),
        "Interview saved; the recommendation is up to date.",
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def decide(request, pk: int):
    inspection, form = get_object_or_404(Inspection, pk=pk), request.POST
    return _act(
        request,
        pk,
        lambda: services.decide(
            request.user,
            inspection,
            kind=form.get("kind", ""),
            idempotency_key=form.get("idempotency_key", ""),
            version=_version(form),
            class_of_admission=form.get("class_of_admission", ""),
            admit_until=_date(form.get("admit_until")),
            conditions=form.getlist("conditions"),
            grounds=form.getlist("grounds"),
            remarks=form.get("remarks", ""),
            departure_reason=form.get("departure_reason", ""),
            custody={"reason": form.get("custody_reason", ""), "place": form.get("custody_place", "")},
        ),
        _decided_message,
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)  # the booth's and secondary's officers; the service checks MAKE
def ask_protection(request, pk: int):
    """The traveller asks for protection at the booth or in secondary: the claim goes to the asylum unit, and the
    panel says only that a claim is pending (``claim_already_pending`` when one already was)."""
    inspection = get_object_or_404(Inspection, pk=pk)
    return _act(
        request,
        pk,
        lambda: making.make_at_inspection(request.user, inspection, members=making.members_from(request.POST)),
        lambda made: (
            f"The protection claim is recorded and sent to the asylum unit ({made.unit.name})"
            + (
                f", with {len(made.members)} household member{'s' if len(made.members) > 1 else ''}"
                if made.members
                else ""
            )
            + "."
        ),
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_VISA_ISSUE)
def visa_on_arrival(request, pk: int):
    """Also on a document whose check is not clear: then the officer's reason (``document_reason``) goes with it."""
    inspection, form = get_object_or_404(Inspection, pk=pk), request.POST
    return _act(
        request,
        pk,
        lambda: services.issue_visa_on_arrival(
            request.user,
            inspection,
            version=_version(form),
            fee_paid=form.get("fee_paid") == "on",
            receipt_number=form.get("receipt_number", ""),
            document_reason=form.get("document_reason", ""),
        ),
        lambda visa: f"Visa on arrival {visa.number} issued.",
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def attach_visa(request, pk: int):
    inspection, form = get_object_or_404(Inspection, pk=pk), request.POST
    return _act(
        request,
        pk,
        lambda: services.attach_visa(request.user, inspection, version=_version(form), number=form.get("number", "")),
        lambda visa: f"{visa.get_kind_display()} {visa.number} found.",
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def end_custody(request, pk: int):
    custody, form = get_object_or_404(CustodyRecord, pk=pk), request.POST
    return _act(
        request,
        custody.decision.inspection_id,
        lambda: services.end_custody(
            request.user,
            custody,
            outcome=form.get("outcome", ""),
            handed_over_to=form.get("handed_over_to", ""),
            removal_reference=form.get("removal_reference", ""),
        ),
        "Custody closed.",
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def merge(request, pk: int):
    inspection, form = get_object_or_404(Inspection, pk=pk), request.POST
    return _act(
        request,
        pk,
        lambda: services.merge_duplicate(
            request.user,
            inspection,
            duplicate_id=as_id(form.get("duplicate"), field="duplicate"),
            version=_version(form),
            reason=form.get("reason", ""),
        ),
        "Records merged.",
    )


@login_required
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def refusal_form(request, pk: int):
    pdf = services.refusal_form(request.user, pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="refusal-{pk}.pdf"'
    return response


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def refusal_signed(request, pk: int):
    decision = get_object_or_404(Decision, pk=pk)
    return _act(
        request,
        decision.inspection_id,
        lambda: services.mark_refusal_signed(request.user, decision),
        "The traveller's signature is recorded.",
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def take_live_photo(request, pk: int):
    inspection = get_object_or_404(Inspection, pk=pk)
    return _act(request, pk, lambda: services.take_live_photo(request.user, inspection, _photo(request)), _photo_taken)


@login_required
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def live_photo(request, pk: int):
    image, media_type = services.view_live_photo(request.user, pk, purpose="booth live photo")
    response = HttpResponse(image, content_type=media_type)
    response["Cache-Control"] = "no-store"  # biometric data: no copy left in the browser's cache
    return response


def _photo(request) -> bytes:
    upload = request.FILES.get("photo")
    if upload is None:
        raise Invalid("Choose or take a photo first.", code="photo_missing", field="photo")
    if upload.size > faces.MAX_BYTES:  # refused before it is read into memory
        raise Invalid(
            f"The photo is {upload.size / 1024 / 1024:.1f} MB; at most {faces.MAX_BYTES / 1024 / 1024:.0f} MB.",
            code="image_too_large",
            field="photo",
        )
    return upload.read()


def _photo_taken(result) -> str:
    _photo, comparison = result
    if comparison is None:
        return "Live photo taken. No reference portrait is known yet for this inspection: nothing was compared."
    return f"Live photo compared with the {comparison.reference_source}: see Face."


# --- Senior officers ------------------------------------------------------------------------------------------


@login_required
@refuses_without(Perm.BORDER_DECISION_APPROVE)
def queue(request):
    return render(request, "inspection/queue.html", _queue_context(request))


@login_required
@refuses_without(Perm.BORDER_DECISION_APPROVE)
def queue_live(request):
    return render(request, "inspection/_queue.html", _queue_context(request))


def _queue_context(request):
    post = request.user.current_post
    if post is None:
        raise Invalid("Choose the post you work at first (its name is at the top of the page).", code="no_current_post")
    queue = services.post_queue(request.user, post)
    # Four eyes: one's own decisions wait for another senior officer, named here, and are never "for your approval".
    mine = [d for d in queue["pending"] if d.decided_by_id == request.user.pk]
    queue["pending"] = [d for d in queue["pending"] if d.decided_by_id != request.user.pk]
    mine_inspections = {d.inspection_id for d in mine}
    queue["alerts"] = [
        a for a in queue["alerts"] if not (a.kind == AlertKind.APPROVAL_NEEDED and a.inspection_id in mine_inspections)
    ]
    approvers = staff_who_may(Perm.BORDER_DECISION_APPROVE, post.code, exclude=request.user) if mine else []
    return {"post": post, **queue, "mine_pending": mine, "approvers": approvers}


@login_required
@require_POST
@refuses_without(Perm.BORDER_SECONDARY_INSPECT)
def take(request, pk: int):
    services.take_for_secondary(request.user, get_object_or_404(Inspection, pk=pk))
    return redirect("inspection:inspection", pk=pk)


@login_required
@require_POST
@refuses_without(Perm.BORDER_SECONDARY_INSPECT)
def secondary_notes(request, pk: int):
    inspection, form = get_object_or_404(Inspection, pk=pk), request.POST
    return _act(
        request,
        pk,
        lambda: services.record_secondary_notes(
            request.user, inspection, notes=form.get("notes", ""), version=_version(form)
        ),
        "Secondary inspection notes saved.",
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_SECONDARY_INSPECT)
def settle_stay(request, pk: int):
    inspection, form = get_object_or_404(Inspection, pk=pk), request.POST
    return _act(
        request,
        pk,
        lambda: services.settle_earlier_stay(
            request.user,
            inspection,
            version=_version(form),
            left_on=_date(form.get("left_on")),
            evidence=form.get("evidence", ""),
        ),
        "The earlier stay is closed and the rules were asked again.",
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_DECISION_APPROVE)
def approve(request, pk: int):
    decision, form = get_object_or_404(Decision, pk=pk), request.POST
    return _act(
        request,
        decision.inspection_id,
        lambda: services.approve(
            request.user, decision, approved=form.get("approved") == "yes", note=form.get("note", "")
        ),
        "Approval recorded.",
    )


@login_required
@require_POST
@refuses_without(Perm.BORDER_DECISION_APPROVE)
def acknowledge(request, pk: int):
    services.acknowledge_alert(request.user, get_object_or_404(Alert, pk=pk))
    return render(request, "inspection/_queue.html", _queue_context(request))


# --- #19 chip: the chip's files beside the scan, and its face image ---


@login_required
@require_POST
@refuses_without(Perm.BORDER_INSPECTION_DECIDE)
def read_chip(request, pk: int):
    uploads = request.FILES.getlist("chip_files")
    return _act(
        request,
        pk,
        lambda: _read_chip_then_compare(request.user, pk, [(f.name, f.read()) for f in uploads]),
        _chip_read,
    )


def _read_chip_then_compare(user, pk: int, files: list[tuple[str, bytes]]):
    """The chip read is kept first (its own transaction); a live photo already taken is then compared with the
    chip's portrait. A portrait that cannot be compared leaves the read as it is and says why."""
    chip = services.read_chip_at_booth(user, pk, files)
    try:
        return chip, services.compare_with_chip(user, pk), None
    except Invalid as exc:
        return chip, None, exc.message


def _chip_read(result) -> str:
    chip, comparison, problem = result
    text = f"Chip read: {chip.get_verdict_display().lower()}."
    if comparison is not None:
        text += " The live photo was compared with the chip's portrait: see Face."
    if problem:
        text += f" The chip's portrait could not be compared with the live photo: {problem}"
    return text


@login_required
@refuses_without(Perm.BORDER_TRAVELLER_READ)
def chip_face(request, pk: int, read: int):
    try:
        image = services.chip_face(request.user, pk, read)
    except (PermissionDenied, NotFound) as exc:
        return _error(request, exc)
    return HttpResponse(image, content_type="image/png")


# --- Helpers --------------------------------------------------------------------------------------------------


def _context(request, inspection, **extra):
    return {**inspection_context(request.user, inspection), "new_key": uuid.uuid4().hex, **extra}


def _act(request, inspection_id: int, action, message) -> HttpResponse:
    """Run ``action`` (a service call) and show the traveller's panel again, reloaded, with ``message`` (a text,
    or a function of what the service returned) or with the clear error the service gave. A refused or missing
    record answers with the refusal alone; the panel is shown only through the scoped, logged read."""
    try:
        result = action()
    except (PermissionDenied, NotFound) as exc:
        return _error(request, exc)
    except BorderdeskError as exc:
        return _panel(request, _reread(request, inspection_id), error=exc, status=exc.status)
    text = message(result) if callable(message) else message
    return _panel(request, _reread(request, inspection_id), message=text)


def _reread(request, inspection_id: int):
    return services.view_inspection(request.user, inspection_id, purpose="booth panel after an action")


def _version(form) -> int:
    try:
        return int(form.get("version", ""))
    except ValueError:
        raise Invalid("The form lost its version: reload the traveller and try again.", code="stale_form") from None


def _panel(request, inspection, *, error=None, message=None, status=200):
    return render(
        request, "inspection/_panel.html", _context(request, inspection, error=error, message=message), status=status
    )


def _error(request, exc: BorderdeskError):
    if isinstance(exc, PermissionDenied):
        record_denial(request, exc)
    return render(request, "inspection/_scan_error.html", {"error": exc}, status=exc.status)


def _date(value):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{value!r} is not a date (YYYY-MM-DD).", code="invalid_date") from None


def _answers(form) -> dict:
    """The interview's answers, typed by each question of the chosen purpose; blanks are left unanswered."""
    answers = {}
    purpose = form.get("purpose", "")
    for question in interview_questions(purpose) if purpose in Purpose.values else []:
        raw = form.get(f"answer_{question.key}", "").strip()
        if raw:
            answers[question.key] = _typed(question, raw)
    for flag in ("travelling_alone", "consent_letter"):
        if form.get(f"answer_{flag}"):
            answers[flag] = True
    documents = form.getlist("answer_purpose_documents")
    if documents:
        answers["purpose_documents"] = documents
    return answers


def _typed(question, raw: str):
    kind = question.answer_type
    try:
        if kind == AnswerType.YES_NO:
            return raw in ("yes", "on", "true")
        if kind == AnswerType.DATE:
            return date.fromisoformat(raw).isoformat()
        if kind in (AnswerType.NUMBER, AnswerType.MONEY):
            value = float(raw.replace(",", "."))
            if value < 0:
                raise ValueError
            return int(value) if kind == AnswerType.NUMBER else value
    except ValueError:
        raise Invalid(
            f"{question_text(question, 'en')} — {raw!r} is not a valid answer.",
            code="invalid_answer",
            field=question.key,
        ) from None
    return raw[:500]


def _decided_message(decision: Decision) -> str:
    if decision.kind == DecisionKind.ADMIT and decision.approval == "pending":
        return "Admission recorded; a senior officer has been asked to approve it before the traveller may enter."
    if decision.kind == DecisionKind.ADMIT:
        until = f" until {decision.admit_until.isoformat()}" if decision.admit_until else ""
        return f"Admitted{until}. Next traveller."
    if decision.kind == DecisionKind.EXIT:
        return "Exit recorded. Next traveller."
    if decision.kind == DecisionKind.REFER:
        return "Referred to secondary inspection. Next traveller."
    return f"{decision.get_kind_display()} recorded; a senior officer has been asked to approve it."
