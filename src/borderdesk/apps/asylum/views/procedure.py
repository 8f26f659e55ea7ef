"""The procedure's forms on a claim's page (admissibility, interviews, evidence, the decision and its review, the
appeal, the residence permit): each a thin view over its service; each part's panel on the page. A form sent
after the claim's opening expired answers with the opening form again (409), the refusal kept in no doubt."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from borderdesk.apps.asylum.services import admissibility, appeals, claims, decisions, evidence, interviews, permits
from borderdesk.apps.asylum.services.claims import OPEN, SENIOR, WORK
from borderdesk.apps.asylum.views import claim as claim_views
from borderdesk.apps.asylum.views.common import after_action
from borderdesk.apps.common.errors import PermissionDenied
from borderdesk.apps.common.views import refuses_without
from borderdesk.core.casework.asylum import AdmissibilityGround, ClaimState, Outcome

RECORDS = appeals.RECORDS


def _act(request, reference: str, action):
    """``after_action``, except that a form sent without a live opening shows the opening form again."""
    try:
        return after_action(request, reference, action)
    except PermissionDenied as exc:
        if exc.code != "opening_required":
            raise
        return claim_views.open_form(request, claims.gate(request.user, reference), error=exc, status=409)


def _opened(request, reference: str, read):
    try:
        return read()
    except PermissionDenied as exc:
        if exc.code != "opening_required":
            raise
        return claim_views.open_form(request, claims.gate(request.user, reference), error=exc, status=409)


def _form(request) -> dict:
    return {key: request.POST.get(key, "") for key in request.POST}


# --- Admissibility ------------------------------------------------------------------------------------------------


@login_required
@require_POST
@refuses_without(WORK)
def admissible(request, reference: str):
    form = _form(request)
    return _act(request, reference, lambda: admissibility.find_admissible(request.user, reference, **_v(form)))


@login_required
@require_POST
@refuses_without(WORK)
def inadmissible(request, reference: str):
    form = _form(request)
    return _act(
        request,
        reference,
        lambda: admissibility.propose_inadmissible(
            request.user,
            reference,
            ground=form.get("ground"),
            named_state=form.get("named_state"),
            reasons=form.get("reasons"),
            **_v(form),
        ),
    )


def _v(form) -> dict:
    return {"version": form.get("version") or None}


# --- Interviews ----------------------------------------------------------------------------------------------------


@login_required
@require_POST
@refuses_without(WORK)
def schedule_interview(request, reference: str):
    form = _form(request)
    return _act(
        request,
        reference,
        lambda: interviews.schedule(
            request.user,
            reference,
            scheduled_for=form.get("scheduled_for"),
            language=form.get("language"),
            interpreter=form.get("interpreter"),
            safeguard=form.get("safeguard"),
            **_v(form),
        ),
    )


@login_required
@require_POST
@refuses_without(WORK)
def record_interview(request, reference: str, pk: int):
    form = _form(request)
    return _act(
        request,
        reference,
        lambda: interviews.record_held(
            request.user, reference, interview=pk, record_text=form.get("record_text"), **_v(form)
        ),
    )


@login_required
@require_POST
@refuses_without(WORK)
def confirm_interview(request, reference: str, pk: int):
    form = _form(request)
    return _act(
        request,
        reference,
        lambda: interviews.confirm(request.user, reference, interview=pk, remarks=form.get("remarks"), **_v(form)),
    )


# --- Evidence ------------------------------------------------------------------------------------------------------


@login_required
@require_POST
@refuses_without(WORK)
def add_document(request, reference: str):
    form = _form(request)
    upload = request.FILES.get("file")
    return _act(
        request,
        reference,
        lambda: evidence.add_document(
            request.user,
            reference,
            title=form.get("title"),
            content=upload,
            filename=getattr(upload, "name", ""),
            **_v(form),
        ),
    )


@login_required
@refuses_without(OPEN)
def document(request, reference: str, pk: int):
    def read():
        got = evidence.download(request.user, reference, pk)
        response = HttpResponse(got.data, content_type=got.content_type)
        response["Content-Disposition"] = f'attachment; filename="{got.filename}"'
        response["Cache-Control"] = "no-store"
        return response

    return _opened(request, reference, read)


@login_required
@require_POST
@refuses_without(WORK)
def write_country_note(request, reference: str):
    """Write a new country information note and link it to this claim."""
    form = _form(request)

    def write_and_link():
        claims.require_opening(request.user, claims.load(reference))
        note = evidence.write_note(
            request.user,
            country=form.get("country"),
            title=form.get("title"),
            summary=form.get("summary"),
            source=form.get("source"),
            url=form.get("url"),
            published_on=form.get("published_on"),
        )
        evidence.link_note(request.user, reference, note=note.pk, relevance=form.get("relevance"), **_v(form))

    return _act(request, reference, write_and_link)


@login_required
@require_POST
@refuses_without(WORK)
def link_country_note(request, reference: str):
    form = _form(request)
    return _act(
        request,
        reference,
        lambda: evidence.link_note(
            request.user, reference, note=form.get("note"), relevance=form.get("relevance"), **_v(form)
        ),
    )


# --- Decision and review ---------------------------------------------------------------------------------------------


@login_required
@require_POST
@refuses_without(WORK)
def propose(request, reference: str):
    form = _form(request)
    return _act(
        request,
        reference,
        lambda: decisions.propose(
            request.user, reference, outcome=form.get("outcome"), reasons=form.get("reasons"), **_v(form)
        ),
    )


@login_required
@require_POST
@refuses_without(SENIOR)
def approve(request, reference: str):
    form = _form(request)
    return _act(
        request, reference, lambda: decisions.approve(request.user, reference, note=form.get("note"), **_v(form))
    )


@login_required
@require_POST
@refuses_without(SENIOR)
def send_back(request, reference: str):
    form = _form(request)
    return _act(
        request, reference, lambda: decisions.send_back(request.user, reference, note=form.get("note"), **_v(form))
    )


# --- Appeal and permit -----------------------------------------------------------------------------------------------


@login_required
@require_POST
@refuses_without(RECORDS)
def lodge_appeal(request, reference: str):
    form = _form(request)
    return _act(
        request,
        reference,
        lambda: appeals.lodge(
            request.user,
            reference,
            lodged_on=form.get("lodged_on"),
            court_reference=form.get("court_reference"),
            court_ordered_suspension=form.get("court_ordered_suspension") == "yes",
            **_v(form),
        ),
    )


@login_required
@require_POST
@refuses_without(RECORDS)
def decide_appeal(request, reference: str):
    form = _form(request)
    return _act(
        request,
        reference,
        lambda: appeals.decide(
            request.user,
            reference,
            result=form.get("result"),
            decided_on=form.get("decided_on"),
            granted_outcome=form.get("granted_outcome"),
            **_v(form),
        ),
    )


@login_required
@require_POST
@refuses_without(RECORDS)
def close_claim(request, reference: str):
    form = _form(request)
    return _act(request, reference, lambda: appeals.close(request.user, reference, **_v(form)))


@login_required
@refuses_without(OPEN)
def permit_card(request, reference: str):
    def read():
        printed = permits.card(request.user, reference)
        response = HttpResponse(printed.pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
        response["Cache-Control"] = "no-store"
        return response

    return _opened(request, reference, read)


# --- The panels ------------------------------------------------------------------------------------------------------


def procedure_panel(request, record) -> dict:
    claim = record.claim
    state = ClaimState(claim.state)
    may_work, is_senior = record.may_work, record.is_senior
    return {
        "procedure": {
            "grounds": [(g.value, g.value.replace("_", " ").capitalize()) for g in AdmissibilityGround],
            "names_a_state": {g.value: text for g, text in admissibility.NAMES_A_STATE.items()},
            "named_state": admissibility.named_state(claim),
            "interviews": interviews.rows(request.user, claim.reference),
            "needs_safeguard": interviews.needs_safeguard(claim),
            "may_schedule": may_work and state in interviews.SCHEDULED_FROM,
            "evidence": evidence.on_claim(request.user, claim.reference),
            "outcomes": [
                (o.value, o.value.replace("_", " ").capitalize()) for o in Outcome if o is not Outcome.INADMISSIBLE
            ],
            "reasons": decisions.proposed_reasons(request.user, claim.reference) if claim.proposed_outcome else "",
            "confirmed_interview": decisions.confirmed_interview(claim),
            "may_propose": may_work and "propose_decision" in record.actions,
            "may_review": is_senior
            and state is ClaimState.DECISION_PROPOSED
            and claim.proposed_by_id != request.user.pk,
            "appeals": appeals.of_claim(request.user, claim.reference),
            "appeal_results": appeals.RESULTS,
            "records_appeals": may_work or is_senior,
            "may_appeal": state is ClaimState.DECIDED
            and claim.outcome
            and not Outcome(claim.outcome).grants_protection,
            "today": claim.post.local_date().isoformat(),
            "may_close": (may_work or is_senior) and "close" in record.actions,
        }
    }


claim_views.PANELS.append(("asylum/_procedure.html", procedure_panel))

urlpatterns = [
    path("claims/<str:reference>/admissible", admissible, name="admissible"),
    path("claims/<str:reference>/inadmissible", inadmissible, name="inadmissible"),
    path("claims/<str:reference>/interviews/schedule", schedule_interview, name="schedule-interview"),
    path("claims/<str:reference>/interviews/<int:pk>/record", record_interview, name="record-interview"),
    path("claims/<str:reference>/interviews/<int:pk>/confirm", confirm_interview, name="confirm-interview"),
    path("claims/<str:reference>/documents/add", add_document, name="add-document"),
    path("claims/<str:reference>/documents/<int:pk>", document, name="document"),
    path("claims/<str:reference>/country-notes/write", write_country_note, name="write-country-note"),
    path("claims/<str:reference>/country-notes/link", link_country_note, name="link-country-note"),
    path("claims/<str:reference>/decision/propose", propose, name="propose"),
    path("claims/<str:reference>/decision/approve", approve, name="approve"),
    path("claims/<str:reference>/decision/return", send_back, name="return"),
    path("claims/<str:reference>/appeal/lodge", lodge_appeal, name="lodge-appeal"),
    path("claims/<str:reference>/appeal/decide", decide_appeal, name="decide-appeal"),
    path("claims/<str:reference>/close", close_claim, name="close"),
    path("claims/<str:reference>/permit.pdf", permit_card, name="permit-card"),
]
