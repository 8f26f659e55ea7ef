"""The decision on a case's page: the officer's proposal (grounds or terms), the senior officer's approval or
return, inadmissibility, notification and appeals, and the visa sticker or residence card an approval issued.
Views stay thin: every read and write is a service call (services/decisions.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from borderdesk.apps.accounts.authz import allowed
from borderdesk.apps.casework.models import Outcome
from borderdesk.apps.casework.services import cases, decisions, kind_rules
from borderdesk.apps.casework.views.common import after_action, form_date
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.visas import services as visas
from borderdesk.apps.visas.models import VisaKind
from borderdesk.core.casework.terms import CITIZENSHIP, GRANTS, RESIDENCE_PERMIT

TERM_FIELDS = ("valid_from", "valid_until", "entries", "days")


def panel(request, record) -> dict:
    """What this part adds to the context of a case's page (``casework/_decision.html``)."""
    case = record.application
    grant = GRANTS.get(case.kind)
    posted = request.method == "POST" and any(field in request.POST for field in TERM_FIELDS)
    terms = {field: request.POST.get(field, "") for field in TERM_FIELDS} if posted else decisions.prefilled_terms(case)
    visa = case.visa
    chosen = request.POST.getlist("grounds") if request.method == "POST" else []
    return {
        "decision": {
            "refusal_grounds": _shown(decisions.refusal_grounds(case.kind)),
            "inadmissibility_grounds": _shown(decisions.inadmissibility_grounds(case.kind)),
            "chosen_grounds": chosen,
            "proposed_grounds": _shown(
                [g for g in decisions.refusal_grounds(case.kind) if g.code in case.proposed_grounds]
                + [g for g in decisions.inadmissibility_grounds(case.kind) if g.code in case.proposed_grounds],
                case,
            ),
            "terms": terms,
            "grant": grant if grant is not None and grant.what != CITIZENSHIP else None,
            "is_visa": grant is not None and grant.what not in (RESIDENCE_PERMIT, CITIZENSHIP),
            "needs_entries": grant is not None and grant.what in ("visa", "long_stay_visa"),
            "visa": visa,
            "sticker": visa is not None and visa.kind in (VisaKind.VISA, VisaKind.LONG_STAY_VISA),
            "card": visa is not None and visa.kind == VisaKind.RESIDENCE_PERMIT,
            "may_open_visa": visa is not None
            and allowed(request.user, visas.READ, visas.visa_post(visa.number, post_code=case.post.code)),
            "notified_on": decisions.notified_on(case),
            "appeal_deadline": decisions.appeal_deadline(case),
            "approves_approval": case.proposed_outcome == Outcome.APPROVE,
            "may_appeal": case.outcome == Outcome.REFUSE,
            "how": decisions.NOTIFIED_HOW,
            "results": decisions.APPEAL_RESULTS,
        }
    }


def _shown(grounds, case=None) -> list[dict]:
    """Grounds as the page draws them, in the officers' English (a template cannot call ``Ground.text(language)``:
    it drew nothing but the legal basis); with the case's facts in them once they are the decision's."""
    return [
        {
            "code": g.code,
            "text": kind_rules.ground_text(case, g.text("en")) if case is not None else g.text("en"),
            "legal_basis": g.legal_basis,
        }
        for g in grounds
    ]


def _terms(form) -> dict:
    return {field: form.get(field, "") for field in TERM_FIELDS}


@login_required
@require_POST
@refuses_without(cases.WORK)
def propose(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: decisions.propose(
            request.user,
            reference,
            version=form.get("version"),
            outcome=form.get("outcome", ""),
            grounds=form.getlist("grounds") if form.get("outcome") == Outcome.REFUSE else [],
            terms=_terms(form),
            reason=form.get("reason", ""),
        ),
    )


@login_required
@require_POST
@refuses_without(cases.APPROVE)
def approve(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: decisions.approve_decision(
            request.user, reference, version=form.get("version"), note=form.get("note", "")
        ),
    )


@login_required
@require_POST
@refuses_without(cases.APPROVE)
def send_back(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: decisions.return_decision(
            request.user, reference, version=form.get("version"), reason=form.get("reason", "")
        ),
    )


@login_required
@require_POST
@refuses_without(cases.WORK)
def inadmissible(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: decisions.find_inadmissible(
            request.user,
            reference,
            version=form.get("version"),
            grounds=form.getlist("grounds"),
            reason=form.get("reason", ""),
        ),
    )


@login_required
@require_POST
@refuses_without(cases.WORK)
def notify(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: decisions.notify(
            request.user,
            reference,
            version=form.get("version"),
            how=form.get("how", ""),
            on=form_date(form.get("on"), field="on"),
        ),
    )


@login_required
@require_POST
@refuses_without(cases.WORK)
def appeal(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: decisions.lodge_appeal(
            request.user,
            reference,
            version=form.get("version"),
            lodged_on=form_date(form.get("lodged_on"), field="lodged_on"),
            reason=form.get("reason", ""),
        ),
    )


@login_required
@require_POST
@refuses_without(cases.APPROVE)
def decide_appeal(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: decisions.decide_appeal(
            request.user,
            reference,
            version=form.get("version"),
            result=form.get("result", ""),
            reason=form.get("reason", ""),
            terms=_terms(form) if form.get("result") == "allowed" else None,
        ),
    )


def _pdf(printed: decisions.Printed) -> HttpResponse:
    response = HttpResponse(printed.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@refuses_without(cases.READ)
def sticker(request, reference: str):
    return _pdf(decisions.sticker(request.user, reference))


@login_required
@refuses_without(cases.READ)
def card(request, reference: str):
    return _pdf(decisions.card(request.user, reference))


urlpatterns = [
    path("<str:reference>/decision/propose", propose, name="propose"),
    path("<str:reference>/decision/approve", approve, name="approve-decision"),
    path("<str:reference>/decision/return", send_back, name="return-decision"),
    path("<str:reference>/decision/inadmissible", inadmissible, name="inadmissible"),
    path("<str:reference>/decision/notify", notify, name="notify"),
    path("<str:reference>/appeal", appeal, name="appeal"),
    path("<str:reference>/appeal/decide", decide_appeal, name="decide-appeal"),
    path("<str:reference>/sticker.pdf", sticker, name="sticker"),
    path("<str:reference>/card.pdf", card, name="card"),
]
