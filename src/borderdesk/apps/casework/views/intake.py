"""Intake: the page where an officer lodges a new application at their current post (the kind, the applicant's MRZ,
the kind's form, language, contact and sponsor), and, on a principal's case page, adding a family member as a
linked application. Views stay thin: every read and write is a service call (``services/intake``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from borderdesk.apps.casework.services import cases, intake, lodging
from borderdesk.apps.common.errors import BorderdeskError, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.labels import label
from borderdesk.apps.common.views import refuses_without
from borderdesk.core.casework import ApplicationKind
from borderdesk.core.casework.grounds import LETTER_LANGUAGES


def form_rows(kind: ApplicationKind, values, *, id_prefix: str = "answer") -> list[dict]:
    """The kind's questions as the template draws them: each with its value as typed (or as answered before), its
    choices, and for a conditional question the hint saying when it is asked."""
    labels = {question.key: question.label for question in kind.form}
    rows = []
    for question in kind.form:
        hint = ""
        if question.when is not None:
            shown = " or ".join(label(value) for value in question.when.values)
            hint = f"Only when “{labels[question.when.field]}” is {shown}."
        rows.append(
            {
                "key": question.key,
                "name": f"answer_{question.key}",
                "id": f"{id_prefix}-{question.key}",
                "label": question.label,
                "type": question.type.value,
                "required": question.required and question.when is None,
                "choices": [(choice, label(choice)) for choice in question.choices],
                "value": _shown(values.get(f"answer_{question.key}", values.get(question.key, ""))),
                "hint": hint,
            }
        )
    return rows


def _shown(value) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return "" if value is None else str(value)


def fee_lines(kind: ApplicationKind) -> list[str]:
    """The kind's fee schedule in words: the fee, then the reduced rates and exemptions by nationality."""
    fee = kind.fee
    lines = [f"{fee.default} {fee.currency} ({fee.legal_basis.instrument} {fee.legal_basis.article})"]
    for rate in fee.rates:
        who = ", ".join(sorted(rate.nationalities))
        what = "exempt" if rate.exempt else f"{rate.amount} {fee.currency}"
        lines.append(f"{what} for nationals of {who} ({rate.legal_basis.article})")
    return lines


# --- The intake page -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@refuses_without(cases.WORK)
def intake_page(request):
    """GET: choose the kind (``?kind=``), then the form. POST: lodge; the case's page after, or the form again with
    the error (or with the travellers on record to choose from) and everything typed kept."""
    if request.method == "GET":
        return _page(request, request.GET.get("kind", ""), {})
    form = request.POST
    post = request.user.current_post
    try:
        if post is None:
            raise Invalid("Choose the post you work at first (top of the page).", code="no_current_post", field="post")
        kind = cases.kind_or_invalid(form.get("kind", ""))
        if form.get("step") == "read":
            person = intake.read_applicant(
                request.user, post=post, mrz=form.get("mrz", ""), choice=form.get("choice", "")
            )
            return _page(request, kind.id, form, read=person, waiting=[person] if person.needs_choice else None)
        result = intake.lodge_application(
            request.user,
            post=post,
            kind=kind.id,
            mrz=form.get("mrz", ""),
            answers=intake.answers_from_form(kind, form),
            choice=form.get("choice", ""),
            language=form.get("language", "en"),
            contact_email=form.get("contact_email", ""),
            sponsor=intake.sponsor_from_form(form),
        )
    except BorderdeskError as exc:
        if isinstance(exc, (PermissionDenied, NotFound)):
            raise
        return _page(request, form.get("kind", ""), form, error=exc, status=exc.status)
    if result.application is None:
        return _page(request, form.get("kind", ""), form, waiting=result.waiting)
    return redirect("casework:case", reference=result.application.reference)


def _page(request, kind_id: str, form, *, error=None, waiting=None, read=None, status: int = 200):
    post = request.user.current_post
    kinds = intake.kinds_lodged_at(post)
    kind = next((k for k in kinds if k.id == kind_id), None)
    person = read or (waiting[0] if waiting else None)
    nationality = person.fields.get("nationality", "") if person else ""
    context = {
        "post": post,
        "kinds": kinds,
        "kind": kind,
        "unknown_kind": bool(kind_id) and kind is None,
        "rows": form_rows(kind, form) if kind else [],
        "fees": fee_lines(kind) if kind else [],
        "fee_for_applicant": intake.fee_text(kind, nationality) if kind and nationality else "",
        "fee_nationality": nationality,
        "form": form,
        "error": error,
        "waiting": waiting or [],
        "read": read,
        "languages": LETTER_LANGUAGES,
        "sponsor_kinds": lodging.SPONSOR_KINDS,
    }
    return render(request, "casework/intake.html", context, status=status)


# --- A family member, from the principal's case page ----------------------------------------------------------------


@login_required
@require_POST
@refuses_without(cases.WORK)
def family(request, reference: str):
    """Add a family member to a principal's application: the case again after, or the case with the error (or with
    the travellers on record to choose from), what was typed kept."""
    from borderdesk.apps.casework.views.case import case_page_response

    form = request.POST
    try:
        result = intake.add_family_member(
            request.user,
            reference,
            mrz=form.get("mrz", ""),
            relationship=form.get("relationship", ""),
            answer_form=form if form.get("answers") == "own" else None,
            choice=form.get("choice", ""),
        )
    except BorderdeskError as exc:
        if isinstance(exc, (PermissionDenied, NotFound)):
            raise
        return case_page_response(request, reference, error=exc, status=exc.status)
    if result.application is None:
        request.casework_family_waiting = result.waiting
        return case_page_response(request, reference)
    return redirect("casework:case", reference=reference)


def panel(request, record) -> dict:
    """On a principal's open case, for those who work it: the form to add a family member, the kind's questions
    filled in with the principal's answers (kept as typed after an error)."""
    case = record.application
    if not record.may_work or case.principal_id is not None or case.state not in intake.OPEN:
        return {"family_form": False}
    waiting = getattr(request, "casework_family_waiting", None) or []
    typed = request.POST if request.method == "POST" else {}
    values = typed if typed.get("answers") == "own" else case.answers
    return {
        "family_form": True,
        "family_rows": form_rows(record.kind, values, id_prefix="family-answer"),
        "family_waiting": waiting,
        "family_typed": typed,
        "relationships": lodging.RELATIONSHIPS,
    }


urlpatterns = [
    path("new/", intake_page, name="intake"),
    path("<str:reference>/family", family, name="family"),
]
